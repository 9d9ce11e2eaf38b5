"""The command line: `python -m analysis info`, exit codes and one-line errors."""

from __future__ import annotations

import subprocess
import sys

from analysis import config
from analysis.cli import main


def test_info_on_the_seed_article(capsys):
    assert main(["info", str(config.SEED_ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert "inputs: 1 = 1 loaded + 0 rejected" in out
    assert "dates: 2022-01-17 to 2022-01-17 (precision: day 1)" in out
    assert "news" in out


def test_info_lists_rejects_with_reasons(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(" date 2022-01-01 Fine\n\nText.")
    (tmp_path / "bad.txt").write_text(" date 2022-13-01 Bad\n\nText.")
    (tmp_path / "lines.jsonl").write_text('{"date": "2022-01-02", "text": "A."}\n{oops\n')
    assert main(["info", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "inputs: 4 = 2 loaded + 2 rejected" in out
    assert f"{tmp_path / 'bad.txt'}:1: impossible date '2022-13-01' (month must be in 1..12)" in out
    assert f"{tmp_path / 'lines.jsonl'}:2: broken JSON line" in out


def test_info_wrong_path_is_one_clear_line():
    proc = subprocess.run([sys.executable, "-m", "analysis", "info", "no/such/folder"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: no such file or folder: no/such/folder"


def test_info_nothing_loadable_exits_1(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    assert main(["info", str(tmp_path)]) == 1
    assert "inputs: 1 = 0 loaded + 1 rejected" in capsys.readouterr().out


def test_console_script_is_declared():
    import tomllib

    scripts = tomllib.loads((config.PROJECT_DIR / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"analysis": "analysis.cli:main"}
