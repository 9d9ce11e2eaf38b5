"""Report template parameters: read them from the ``parameters`` cell, validate values before a kernel starts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from analysis import config


class ParameterError(ValueError):
    """A report parameter is unknown or its value is not of the declared type; the message names it."""


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Parameters named like this hold dates (YYYY-MM-DD) or None.
DATE_NAMES = re.compile(r"(^|_)(start|end|date|before|after|since|until|split)($|_)")


def list_templates() -> list[str]:
    """Names of the report templates in ``notebooks/reports``."""
    return sorted(p.stem for p in config.TEMPLATES_DIR.glob("*.ipynb"))


def template_path(template: str | Path) -> Path:
    """The template notebook for a name (``target-brief``) or a path; ValueError naming the choices."""
    path = Path(template)
    if path.suffix == ".ipynb" and path.is_file():
        return path.resolve()
    candidate = config.TEMPLATES_DIR / f"{template}.ipynb"
    if candidate.is_file():
        return candidate
    raise ParameterError(f"unknown report template {str(template)!r}: choose one of {', '.join(list_templates())}")


def declared_parameters(path: Path) -> dict[str, dict[str, Any]]:
    """Name -> {type, default, help} from the template's cell tagged ``parameters`` (papermill's reading)."""
    import nbformat
    from papermill import inspect_notebook

    notebook = nbformat.read(str(path), as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise ParameterError(f"{path.name}: expected exactly one cell tagged 'parameters', found {len(tagged)}")
    declared = {}
    for name, p in inspect_notebook(str(path)).items():
        declared[name] = {"type": p["inferred_type_name"], "default": p["default"], "help": p["help"]}
    return declared


def validate_parameters(path: Path, values: dict[str, Any], *, from_cli: bool = False) -> dict[str, Any]:
    """Return the values converted to their declared types; ParameterError at the first bad one.

    Command-line values are strings: ``int``, ``float`` and ``bool`` are parsed, ``list[str]`` takes
    ``a,b`` or a JSON list, ``None`` defaults take ``none``. Dates (parameters named start, end,
    date, before, after, ...) must be real YYYY-MM-DD dates. Tuples are refused (papermill would pass
    them as a string: its issue 586). ``corpus`` paths must exist; relative ones are resolved against
    the current folder, then the project folder.
    """
    declared = declared_parameters(path)
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in declared:
            raise ParameterError(
                f"unknown parameter {name!r} for {path.stem} (known: {', '.join(declared)})"
            )
        out[name] = _convert(name, value, declared[name], from_cli=from_cli)
    for name in ("target", "targets"):
        if name in out:
            _check_targets(name, out[name])
    if "corpus" in declared:
        default = _literal(declared["corpus"]["default"])
        out["corpus"] = _corpus(out.get("corpus", default))
    return out


def _literal(source: str) -> Any:
    import ast

    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return source


def _convert(name: str, value: Any, spec: dict[str, Any], *, from_cli: bool) -> Any:
    kind = (spec["type"] or "None").replace(" ", "")
    default = _literal(spec["default"])
    if isinstance(value, tuple):
        raise ParameterError(f"parameter {name!r}: a tuple would reach the notebook as a string "
                             "(papermill issue 586); pass a list")
    if from_cli and isinstance(value, str) and value.lower() in ("none", "null") and (
            default is None or "None" in kind or kind.startswith("Optional")):
        return None
    try:
        if value is None and (default is None or kind.startswith("Optional")):
            return None
        if kind.startswith("list") or isinstance(default, list):
            value = _as_list(value, from_cli=from_cli)
        elif kind == "bool" or isinstance(default, bool):
            value = _as_bool(value)
        elif kind == "int" or (isinstance(default, int) and not isinstance(default, bool)):
            value = _as_number(value, int)
        elif kind == "float" or isinstance(default, float):
            value = _as_number(value, float)
        elif value is not None and not isinstance(value, str | list):
            raise TypeError(f"expected {kind}, got {type(value).__name__} {value!r}")
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"parameter {name!r}: {exc}") from None
    if DATE_NAMES.search(name) and value is not None:
        _check_date(name, value)
    return value


def _as_list(value: Any, *, from_cli: bool) -> list:
    if isinstance(value, str) and from_cli:
        text = value.strip()
        value = json.loads(text) if text.startswith("[") else [v.strip() for v in text.split(",") if v.strip()]
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__} {value!r}")
    return value


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "1", "yes", "false", "0", "no"):
        return value.lower() in ("true", "1", "yes")
    raise TypeError(f"expected true or false, got {value!r}")


def _as_number(value: Any, kind: type) -> int | float:
    if isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}, got {value!r}")
    if isinstance(value, int | float) and (kind is float or float(value).is_integer()):
        return kind(value)
    if isinstance(value, str):
        try:
            return kind(value.strip())
        except ValueError:
            pass
    raise TypeError(f"expected {kind.__name__}, got {value!r}")


def _check_date(name: str, value: Any) -> None:
    text = str(value)
    if not _DATE.match(text):
        raise ParameterError(f"parameter {name!r}: unparseable date {text!r} (expected YYYY-MM-DD)")
    try:
        dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ParameterError(f"parameter {name!r}: impossible date {text!r} ({exc})") from None


def _corpus(value: Any) -> str | list[str]:
    paths = value if isinstance(value, list) else [value]
    resolved = []
    for p in paths:
        path = Path(str(p)).expanduser()
        for candidate in (path, config.PROJECT_DIR / path):
            if candidate.exists():
                resolved.append(str(candidate.resolve()))
                break
        else:
            raise ParameterError(f"parameter 'corpus': no such file or folder: {p}")
    return resolved if isinstance(value, list) else resolved[0]


def _check_targets(name: str, value: Any) -> None:
    """Target ids must be in the packaged lexicon (a typo would give an empty report, not an error)."""
    from analysis.lexicon import load_lexicon

    known = load_lexicon().ids
    for target in value if isinstance(value, list) else [value]:
        if target not in known:
            close = [k for k in known if k.lower() == str(target).lower()]
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            raise ParameterError(f"parameter {name!r}: unknown target {target!r}{hint}")
