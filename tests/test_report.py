"""Tests for analysis.report: parameter validation, run names, rendering, failures, the index."""

from __future__ import annotations

import json

import nbformat
import pytest

from analysis._params import ParameterError, declared_parameters, validate_parameters
from analysis.notebook import read_records
from analysis.report import render_batch, render_report, run_name, write_index

PARAMS = '''target: str = "NATO"  # the target to report on
start: str = "2022-01-01"  # first day (YYYY-MM-DD)
end: "Optional[str]" = None  # last day (YYYY-MM-DD) or None
n: int = 3  # how many rows
ratio: float = 0.5  # a share
strict: bool = False  # a switch
targets: list[str] = ["NATO", "OSCE"]  # several targets
fail: bool = False  # raise in the next cell
headline: str = "A title"  # free text shown as a heading'''


def make_template(folder, body=None):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "euroseclab", "display_name": "Python (euroseclab)", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A test template"),
        nbformat.v4.new_code_cell(PARAMS, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(body or (
            "from analysis.notebook import record, show_text\n"
            "record('target', target); record('n_times_ratio', n * ratio); record('targets', targets)\n"
            "record('end', end); record('headline', headline)\n"
            "show_text(headline, 'h2')\n"
            "if fail:\n    raise RuntimeError('asked to fail')\n"
            "record('after', True)")),
    ]
    path = folder / "tiny.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_declared_parameters_read_types_defaults_help(tmp_path):
    declared = declared_parameters(make_template(tmp_path))
    assert declared["n"] == {"type": "int", "default": "3", "help": "how many rows"}
    assert declared["targets"]["type"] == "list[str]"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"tagret": "NATO"}, "unknown parameter 'tagret' for tiny (known: target, start, end, n, ratio"),
        ({"n": "many"}, "parameter 'n': expected int, got 'many'"),
        ({"n": "2.5"}, "parameter 'n': expected int, got '2.5'"),
        ({"ratio": "half"}, "parameter 'ratio': expected float, got 'half'"),
        ({"strict": "maybe"}, "parameter 'strict': expected true or false, got 'maybe'"),
        ({"start": "17/01/2022"}, "parameter 'start': unparseable date '17/01/2022' (expected YYYY-MM-DD)"),
        ({"start": "2022-02-30"}, "parameter 'start': impossible date '2022-02-30'"),
        ({"targets": ("NATO", "OSCE")}, "parameter 'targets': a tuple would reach the notebook as a string"),
    ],
)
def test_bad_parameters_give_one_clear_line(tmp_path, values, message):
    path = make_template(tmp_path)
    with pytest.raises(ParameterError) as info:
        validate_parameters(path, values, from_cli=not isinstance(next(iter(values.values())), tuple))
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_cli_strings_are_converted(tmp_path):
    path = make_template(tmp_path)
    values = validate_parameters(path, {"n": "5", "ratio": "0.25", "strict": "yes", "targets": "NATO,Ukraine",
                                        "end": "none"}, from_cli=True)
    assert values == {"n": 5, "ratio": 0.25, "strict": True, "targets": ["NATO", "Ukraine"], "end": None}
    assert validate_parameters(path, {"targets": '["United States", "OSCE"]'}, from_cli=True)["targets"] == ["United States", "OSCE"]


def test_run_names_never_escape(tmp_path):
    assert run_name("t", {"target": "United States", "n": 3}) == "United-States_3"
    for evil in ("../../x", "a/b", "..", "x\\y"):
        with pytest.raises(ParameterError, match="would lead outside"):
            run_name("t", {"target": evil})
    with pytest.raises(ParameterError, match="would lead outside"):
        render_report(make_template(tmp_path), {"target": "../../x"}, out_dir=tmp_path / "out")
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_render_records_values_and_escapes_title(tmp_path):
    path = make_template(tmp_path)
    run = render_report(path, {"headline": "<script>alert(1)</script>", "n": 4, "targets": ["OSCE"]},
                        out_dir=tmp_path / "out", name="evil")
    assert run.status == "ok", run.error
    records = read_records(run.notebook)
    assert records["headline"] == "<script>alert(1)</script>"
    assert records["n_times_ratio"] == 2.0 and records["targets"] == ["OSCE"] and records["end"] is None
    html = (tmp_path / "out" / "tiny" / "evil.html").read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html and "record(" not in html  # code cells are excluded
    assert "https://" not in html and "<script" not in html


@pytest.mark.slow
def test_failing_cell_keeps_partial_notebook_and_batch_goes_on(tmp_path):
    path = make_template(tmp_path)
    runs = render_batch(str(path), [{"target": "NATO", "fail": True}, {"target": "OSCE"}],
                        out_dir=tmp_path / "out", jobs=2, prepare=False, progress=False)
    failed, ok = runs
    assert failed.status == "failed" and ok.status == "ok"
    assert "RuntimeError: asked to fail" in failed.error and "cell" in failed.error
    partial = read_records(failed.notebook)
    assert partial["target"] == "NATO" and "after" not in partial
    index = (tmp_path / "out" / "index.html").read_text()
    assert index.count("<tr><td>tiny</td>") == 2 and "status-failed" in index
    record = json.loads((tmp_path / "out" / "tiny" / "NATO_True.run.json").read_text())
    assert record["status"] == "failed"


def test_index_escapes_parameters(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "x.run.json").write_text(json.dumps({"template": "t", "run_name": "x", "status": "ok",
                                                   "parameters": {"target": "<img src=x onerror=alert(1)>"}}))
    html = write_index(tmp_path).read_text()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_target_parameters_must_be_lexicon_ids(tmp_path):
    path = make_template(tmp_path)
    with pytest.raises(ParameterError, match="parameter 'target': unknown target 'nato'; did you mean 'NATO'\\?"):
        validate_parameters(path, {"target": "nato"})
    with pytest.raises(ParameterError, match="parameter 'targets': unknown target 'Atlantis' \\(known: NATO"):
        validate_parameters(path, {"targets": ["NATO", "Atlantis"]})
    assert validate_parameters(path, {"targets": ["NATO", "Istanbul Charter"]})["targets"] == ["NATO", "Istanbul Charter"]


def test_parallel_runs_share_the_cores(monkeypatch):
    from analysis.report import THREAD_VARIABLES, _thread_env

    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert {_thread_env(2, cpus=8)[n] for n in THREAD_VARIABLES} == {"4"}
    assert _thread_env(4, cpus=2)["OMP_NUM_THREADS"] == "1"  # never 0
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # the user's choice wins
    assert _thread_env(2, cpus=8)["MKL_NUM_THREADS"] == "3"
