"""The project's own files: environment.yml agrees with pyproject.toml, notebooks carry no outputs."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import yaml

from analysis import config

GROUPS_IN_ENVIRONMENT = ("dev", "lab", "embeddings")


def _name(requirement: str) -> str:
    """Normalised distribution name of a requirement ('scikit-learn>=1.5' -> 'scikit-learn')."""
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_packages_as_pyproject():
    pyproject = tomllib.loads((config.PROJECT_DIR / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in pyproject["dependencies"]}
    for group in GROUPS_IN_ENVIRONMENT:
        wanted |= {_name(r) for r in pyproject["optional-dependencies"][group]}
    env = yaml.safe_load((config.PROJECT_DIR / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    names, pip_names = set(), set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_names |= {_name(r) for r in dep["pip"] if not r.startswith("-e")}
            assert "-e ." in dep["pip"], "environment.yml must install the project itself with pip: -e ."
        else:
            names.add(_name(dep))
    assert "python" in names and "python=3.11" in env["dependencies"]
    names -= {"python", "pip"}
    assert names.isdisjoint(pip_names), names & pip_names
    assert names | pip_names == wanted, {"missing": wanted - names - pip_names, "extra": (names | pip_names) - wanted}


def test_constraints_pin_every_dependency():
    pins = {}
    for line in (config.PROJECT_DIR / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_name(name)] = version
    pyproject = tomllib.loads((config.PROJECT_DIR / "pyproject.toml").read_text())["project"]
    requirements = list(pyproject["dependencies"])
    for group in GROUPS_IN_ENVIRONMENT:
        requirements += pyproject["optional-dependencies"][group]
    unpinned = {_name(r) for r in requirements} - set(pins)
    assert not unpinned, f"constraints.txt lacks pins for {sorted(unpinned)}: run `make lock`"


def _notebooks():
    return sorted(config.NOTEBOOKS_DIR.rglob("*.ipynb"))


@pytest.mark.parametrize("path", _notebooks() or [None], ids=lambda p: p.name if p else "none")
def test_notebooks_are_committed_without_outputs(path):
    if path is None:
        pytest.skip("no notebooks yet")
    notebook = json.loads(path.read_text())
    dirty = [i for i, cell in enumerate(notebook["cells"]) if cell.get("outputs") or cell.get("execution_count")]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts (clear them before committing)"
