"""The exploratory notebooks run top to bottom on the small fixture corpus and record what they found."""

from __future__ import annotations

import pytest

from analysis import config, find_mentions, load_articles, split_sentences
from analysis.notebook import read_records

FIXTURE = config.PROJECT_DIR / "tests" / "data" / "fixture_corpus"


def run_notebook(name: str, tmp_path, **parameters) -> dict:
    import papermill as pm

    from analysis.report import KERNEL_NAME, ensure_kernel

    ensure_kernel()
    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(config.NOTEBOOKS_DIR / f"{name}.ipynb"), str(out), parameters=parameters,
                        kernel_name=KERNEL_NAME, cwd=str(config.PROJECT_DIR), progress_bar=False)
    return read_records(out)


@pytest.fixture(scope="module")
def fixture_frames():
    articles, rejects = load_articles(FIXTURE)
    sentences = split_sentences(articles)
    return articles, rejects, sentences, find_mentions(sentences)


def test_01_corpus_overview(tmp_path, fixture_frames):
    articles, rejects, sentences, mentions = fixture_frames
    records = run_notebook("01-corpus-overview", tmp_path, corpus=str(FIXTURE), freq="M")
    # the fixture: 16 Kremlin + 16 White House items + the seed article (tests/data/fixture_corpus/sources.yml)
    assert records["n_articles"] == 33 == len(articles)
    assert records["n_rejects"] == 0 and records["n_duplicates"] == 0
    assert records["volume_total"] == 33
    assert records["n_sentences"] == len(sentences)
    assert records["n_mentions"] == len(mentions)
    by_target = records["mentions_by_target"]
    assert by_target["Istanbul Charter"] >= 1 and by_target["Astana Declaration"] >= 1  # the seed's OSCE summits
    assert sum(by_target.values()) == len(mentions)
