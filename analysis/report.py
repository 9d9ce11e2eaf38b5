"""Render parameterised report templates (papermill) to notebooks and static HTML (nbconvert).

``render_report("target-brief", {"target": "NATO"})`` validates the parameters against the
template's ``parameters`` cell before any kernel starts, executes the template in the project's
kernel, and writes ``reports/<template>/<run-name>.ipynb``, ``.html`` and ``.run.json`` (status,
parameters, timings, error). A failing cell keeps the partial notebook and marks the run failed.
``render_batch`` renders a grid of parameter values in parallel processes and ``write_index``
lists every run in ``reports/index.html``. See :mod:`analysis._html` for the offline HTML and
:mod:`analysis._params` for parameter validation.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from analysis import config
from analysis._html import notebook_to_html, write_index
from analysis._params import ParameterError, template_path, validate_parameters

logger = logging.getLogger(__name__)

KERNEL_NAME = "euroseclab"
DEFAULT_TIMEOUT = 900  # seconds for one run
#: Seconds a kernel may take to start: papermill's 60 s default is too short on a busy 2-core machine running
#: several reports at once (CI saw "Kernel didn't respond in 60 seconds").
KERNEL_START_TIMEOUT = 300

__all__ = ["KERNEL_NAME", "ParameterError", "ReportRun", "render_batch", "render_report", "run_name", "write_index"]


@dataclass
class ReportRun:
    """What one rendering did: where its files are, whether it succeeded, and why not."""

    template: str
    run_name: str
    parameters: dict[str, Any]
    status: str = "pending"  # ok | failed | timeout
    notebook: str | None = None
    html: str | None = None
    error: str | None = None
    seconds: float | None = None
    started: str = field(default_factory=lambda: dt.datetime.now().isoformat(timespec="seconds"))

    def save(self, path: Path) -> None:
        """Write the run record as JSON (read back by the index)."""
        path.write_text(json.dumps(asdict(self), indent=2, default=str), encoding="utf-8")


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def run_name(template: str, parameters: Mapping[str, Any]) -> str:
    """A file name for a run, from its parameters (``corpus`` left out), e.g. ``NATO_2022-01-01``.

    Raises
    ------
    ParameterError
        A value would name another folder (``/``, ``\\`` or ``..``): run names never escape the report folder.

    Examples
    --------
    >>> run_name("target-brief", {"target": "United States", "start": "2022-01-01", "corpus": "seeds"})
    'United-States_2022-01-01'
    >>> run_name("target-brief", {"target": "../../x"})
    Traceback (most recent call last):
    ...
    analysis._params.ParameterError: parameter 'target': '../../x' would lead outside the report folder
    """
    parts = []
    for name, value in parameters.items():
        if name == "corpus" or value is None:
            continue
        text = ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        if "/" in text or "\\" in text or ".." in text:
            raise ParameterError(f"parameter {name!r}: {text!r} would lead outside the report folder")
        parts.append(_SAFE.sub("-", text).strip("-."))
    name = "_".join(p for p in parts if p)[:120] or "default"
    return name


def ensure_kernel() -> None:
    """Register the project's environment as the Jupyter kernel ``euroseclab`` when it is missing."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        spec = None
    if spec is None or not Path(spec.argv[0]).exists():
        from ipykernel.kernelspec import install

        install(kernel_name=KERNEL_NAME, display_name="Python (euroseclab)", prefix=sys.prefix)
        logger.info("registered kernel %s for %s", KERNEL_NAME, sys.executable)


def render_report(
    template: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    out_dir: str | os.PathLike | None = None,
    name: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    from_cli: bool = False,
    progress: bool = False,
) -> ReportRun:
    """Execute one report template and convert it to HTML.

    Parameters
    ----------
    template : str
        A template name under ``notebooks/reports`` (``target-brief``) or a path to a notebook.
    parameters : dict
        Values for the template's parameters cell; validated first (unknown names, wrong types,
        unparseable dates, tuples: :class:`ParameterError` naming the parameter).
    out_dir : path, optional
        Where ``<template>/<run-name>.*`` go (default ``reports/``).
    name : str, optional
        Run name (default: from the parameters, see :func:`run_name`).
    timeout : float
        Seconds any one cell may run before the kernel is stopped.
    from_cli : bool
        Values are strings from the command line, to be converted to the declared types.

    Returns
    -------
    ReportRun
        With ``status`` ``ok`` or ``failed`` (``error`` names the cell and the exception).
    """
    path = template_path(template)
    run = name or run_name(path.stem, dict(parameters or {}))
    values = validate_parameters(path, parameters or {}, from_cli=from_cli)
    out = Path(out_dir or config.REPORTS_DIR).resolve()
    folder = (out / path.stem).resolve()
    target = (folder / run).resolve()
    if target.parent != folder:
        raise ParameterError(f"run name {run!r} would lead outside {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    record = ReportRun(template=path.stem, run_name=run, parameters=values)
    ipynb, html = target.with_suffix(".ipynb"), target.with_suffix(".html")
    record.notebook, record.html = str(ipynb), str(html)
    ensure_kernel()
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    try:
        pm.execute_notebook(
            str(path), str(ipynb), parameters=values, kernel_name=KERNEL_NAME, cwd=str(config.PROJECT_DIR),
            progress_bar=progress, execution_timeout=timeout, log_output=False, start_timeout=KERNEL_START_TIMEOUT,
        )
        record.status = "ok"
    except PapermillExecutionError as exc:
        record.status = "failed"
        record.error = f"cell {exc.cell_index} (execution {exc.exec_count}) raised {exc.ename}: {exc.evalue}"
    except Exception as exc:  # a kernel that died or timed out: keep whatever was written
        record.status = "timeout" if "timeout" in type(exc).__name__.lower() or "Timeout" in str(exc) else "failed"
        record.error = f"{type(exc).__name__}: {exc}".strip()[:2000]
    record.seconds = round(time.perf_counter() - start, 2)
    if ipynb.exists():
        notebook_to_html(ipynb, html, title=f"{path.stem}: {run}")
    else:
        record.html = None
    record.save(target.with_suffix(".run.json"))
    if record.status != "ok":
        logger.error("%s/%s %s: %s (partial notebook kept at %s)", path.stem, run, record.status, record.error, ipynb)
    return record


def grid(parameters: Mapping[str, Iterable[Any]]) -> list[dict[str, Any]]:
    """Every combination of the given values: ``{"target": ["NATO", "OSCE"], "start": [...]}``.

    Examples
    --------
    >>> grid({"target": ["NATO", "OSCE"], "freq": ["W"]})
    [{'target': 'NATO', 'freq': 'W'}, {'target': 'OSCE', 'freq': 'W'}]
    """
    names = list(parameters)
    return [dict(zip(names, combo)) for combo in itertools.product(*(list(parameters[n]) for n in names))]


def render_batch(
    template: str,
    runs: list[Mapping[str, Any]],
    *,
    out_dir: str | os.PathLike | None = None,
    jobs: int = 2,
    timeout: float = DEFAULT_TIMEOUT,
    prepare: bool = True,
    progress: bool | None = None,
) -> list[ReportRun]:
    """Render several runs of one template in parallel processes; one failure does not stop the others.

    Every run's parameters are validated before anything starts. Work shared by the runs (loading,
    sentences, mentions, scores of each corpus) is done once here and cached on disk
    (:func:`analysis.pipeline.prepare_corpus`), so the kernels find it ready. Each run is a
    ``python -m analysis report`` process, stopped with its kernel after ``timeout`` seconds.
    ``reports/index.html`` is rewritten at the end.
    """
    path = template_path(template)
    out = Path(out_dir or config.REPORTS_DIR).resolve()
    checked = [(validate_parameters(path, r), run_name(path.stem, r)) for r in runs]
    names = [n for _, n in checked]
    if len(set(names)) != len(names):
        raise ParameterError(f"two runs of the batch would get the same name: {sorted(names)}")
    if prepare:
        from analysis.pipeline import prepare_corpus

        for corpus in {json.dumps(v.get("corpus"), sort_keys=True) for v, _ in checked if v.get("corpus")}:
            prepare_corpus(json.loads(corpus), method=_method_of(checked))
    ensure_kernel()
    from tqdm.auto import tqdm

    results: list[ReportRun] = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        env = _thread_env(jobs)
        futures = [pool.submit(_render_in_process, path, values, n, out, timeout, env) for values, n in checked]
        bar = tqdm(total=len(futures), desc=f"rendering {path.stem}", unit="report", disable=progress is False)
        for future in as_completed(futures):
            results.append(future.result())
            bar.update()
        bar.close()
    write_index(out)
    order = {n: i for i, n in enumerate(names)}
    return sorted(results, key=lambda r: order[r.run_name])


def _method_of(checked) -> str:
    methods = {v.get("method") for v, _ in checked if v.get("method")}
    return methods.pop() if len(methods) == 1 else "model"


THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS")


def _thread_env(jobs: int, cpus: int | None = None) -> dict[str, str]:
    """The environment for one of ``jobs`` parallel runs: math libraries get ``cpus // jobs`` threads each
    (at least 1), so parallel kernels do not oversubscribe the cores; a value the user set is kept.

    >>> env = _thread_env(2, cpus=2)
    >>> env["OMP_NUM_THREADS"] if "OMP_NUM_THREADS" not in os.environ else "1"
    '1'
    """
    env = dict(os.environ)
    share = str(max(1, (cpus or os.cpu_count() or 1) // max(1, jobs)))
    for name in THREAD_VARIABLES:
        env.setdefault(name, share)
    return env


def _render_in_process(path: Path, values: dict[str, Any], name: str, out: Path, timeout: float,
                       env: dict[str, str] | None = None) -> ReportRun:
    """Run ``python -m analysis report`` for one run, killing its process group on timeout."""
    command = [sys.executable, "-m", "analysis", "report", str(path), "--out", str(out), "--name", name,
               "--json-parameters", json.dumps(values), "--timeout", str(timeout), "--no-index"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, cwd=str(config.PROJECT_DIR), env=env)
    record_path = out / path.stem / f"{name}.run.json"
    try:
        _, stderr = proc.communicate(timeout=timeout + 120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        record = ReportRun(path.stem, name, values, status="timeout",
                           error=f"stopped after {timeout + 120:.0f} s", seconds=round(time.perf_counter() - start, 2))
        ipynb = record_path.with_suffix("").with_suffix(".ipynb")
        record.notebook = str(ipynb) if ipynb.exists() else None
        record.save(record_path)
        return record
    if record_path.exists():
        return ReportRun(**json.loads(record_path.read_text(encoding="utf-8")))
    record = ReportRun(path.stem, name, values, status="failed", error=(stderr or "").strip()[-2000:],
                       seconds=round(time.perf_counter() - start, 2))
    record_path.parent.mkdir(parents=True, exist_ok=True)
    record.save(record_path)
    return record
