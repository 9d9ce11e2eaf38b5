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


def test_02_topics(tmp_path):
    records = run_notebook("02-topics", tmp_path, corpus=str(FIXTURE), candidates=[4, 6])
    assert records["matrix_shape"][0] == 33  # no duplicates in the fixture
    assert records["n_topics"] in (4, 6)
    table = records["candidates"]
    best = max(table, key=lambda r: (round((r["npmi"] + r["diversity"] + r["stability"]) / 3, 6), -r["n_topics"]))
    assert records["n_topics"] == best["n_topics"]  # the documented choice rule
    assert len(records["labels"]) == records["n_topics"]
    assert -1 <= records["npmi"] <= 1 and 0 < records["diversity"] <= 1


def test_03_target_sentiment(tmp_path, fixture_frames):
    articles, rejects, sentences, mentions = fixture_frames
    records = run_notebook("03-target-sentiment", tmp_path, corpus=str(FIXTURE), method="vader-window")
    assert records["method_used"] == "vader-window"
    targets = ["NATO", "Ukraine", "Russia", "United States", "OSCE"]
    assert records["n_scored"] == int(mentions["target"].isin(targets).sum())
    side = records["seed_methods"]
    assert {r["target"] for r in side} >= {"Ukraine", "United States", "NATO"}
    overall = records["overall"]
    assert sum(r["n"] for r in overall) == records["n_scored"]
    assert all(-1 <= r["mean_score"] <= 1 for r in overall)


def test_04_commitments(tmp_path, fixture_frames):
    articles, rejects, sentences, mentions = fixture_frames
    records = run_notebook("04-osce-commitments", tmp_path, corpus=str(FIXTURE), method="vader-window")
    assert records["seed_commitments"] == ["Astana Declaration", "Istanbul Charter"]
    invoked = {(r["commitment"], r["source"]): r["sentences"] for r in records["invoked"]}
    assert invoked[("Istanbul Charter", "news")] == 1 and invoked[("Astana Declaration", "news")] == 1
    committed = mentions[mentions["type"].isin(["commitment", "principle"])]
    assert sum(invoked.values()) == len(committed.drop_duplicates(["doc_id", "sent_id", "target"]))
