"""The exploratory notebooks run top to bottom on the small fixture corpus and record what they found."""

from __future__ import annotations

import pytest

from analysis import (
    attribute,
    attribute_mentions,
    config,
    find_mentions,
    load_articles,
    score_targets,
    split_sentences,
)
from analysis.notebook import read_records

FIXTURE = config.PROJECT_DIR / "tests" / "data" / "fixture_corpus"


def run_notebook(name: str, tmp_path, **parameters) -> dict:
    import papermill as pm

    from analysis.report import KERNEL_NAME, KERNEL_START_TIMEOUT, ensure_kernel

    ensure_kernel()
    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(config.NOTEBOOKS_DIR / f"{name}.ipynb"), str(out), parameters=parameters,
                        kernel_name=KERNEL_NAME, cwd=str(config.PROJECT_DIR), progress_bar=False,
                        start_timeout=KERNEL_START_TIMEOUT)
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
    # Who says it: recomputed here from the steps, aggregated with plain pandas
    scored = attributed_scores(articles, sentences, mentions)
    asked = scored["holder_role"] == "journalist"
    assert records["n_journalist_excluded"] == int(asked.sum()) > 0  # the fixture's briefings have questions
    direct = (scored[~asked].assign(holder_for=lambda f: f["holder_for"].replace("", "(none)"))
              .groupby(["holder_for", "target"])["score"].agg(["size", "mean"]))
    table = {(r["holder_for"], r["target"]): r for r in records["by_holder"]}
    assert set(table) == set(direct.index)
    for key, (n, mean) in direct.iterrows():
        assert table[key]["n"] == n and table[key]["mean"] == pytest.approx(mean)
        if table[key]["lo"] is not None:
            assert table[key]["lo"] <= table[key]["mean"] + 1e-9 <= table[key]["hi"] + 2e-9
    focus = {(r["holder_for"], r["target"]): r["n"] for r in records["focus"]}
    assert focus == {("Russia", "NATO"): direct.loc[("Russia", "NATO"), "size"],
                     ("United States", "Russia"): direct.loc[("United States", "Russia"), "size"]}
    # over time: the quarters of each focus pair add up to the pair's total
    quarters = {}
    for r in records["focus_over_time"]:
        quarters[(r["holder_for"], r["target"])] = quarters.get((r["holder_for"], r["target"]), 0) + r["n"]
    assert quarters == focus
    by_holder_commitments = scored_commitments(articles, sentences, mentions)
    assert sum(r["n"] for r in records["holder_commitments"]) == by_holder_commitments
    # the seed's Istanbul 1999 / Astana 2010 passage is Lavrov's ("..., according to Lavrov.")
    assert records["seed_passage_holder"] == ["Sergei Lavrov", "Russia", "quote"]


def _attributed(articles, sentences, mentions):
    from analysis.attribution import default_quotes, default_turns

    quotes = default_quotes(articles)
    attributed = attribute(sentences, articles, turns=default_turns(articles), quotes=quotes)
    return attribute_mentions(mentions, attributed, quotes=quotes)


def attributed_scores(articles, sentences, mentions):
    return score_targets(_attributed(articles, sentences, mentions), sentences, method="vader-window")


def scored_commitments(articles, sentences, mentions) -> int:
    """Sentences (per holder) naming a commitment or principle outside journalists' questions."""
    held = _attributed(articles, sentences, mentions)
    held = held[held["type"].isin(["commitment", "principle"]) & (held["holder_role"] != "journalist")]
    return len(held.drop_duplicates(["doc_id", "sent_id", "target", "holder", "holder_for"]))


def _curve(points):
    return {"test": {"file": "domain_test.jsonl", "sha256": "x", "n": 794}, "domain": {"file": "d.jsonl", "n": 3443},
            "newsmtsc_n": 8739, "repeats": 3, "weight": 1.0, "indicator": False, "seed": 0, "points": points}


def test_06_learning_curve(tmp_path):
    import json

    points = [{"size": 0, "all": False, "model-fast": [0.45, 0.45, 0.45], "model": 0.59},
              {"size": 100, "all": False, "model-fast": [0.50, 0.54, 0.52], "model": None},
              {"size": 3443, "all": True, "model-fast": [0.62, 0.62, 0.62], "model": 0.71}]
    path = tmp_path / "curve.json"
    path.write_text(json.dumps(_curve(points)))
    records = run_notebook("06-learning-curve", tmp_path, curve_file=str(path))
    assert records["sizes"] == [0, 100, 3443] and records["test_n"] == 794
    assert records["model_fast_mean"] == [0.45, 0.52, 0.62]
    assert records["model"] == [0.59, None, 0.71]
    assert records["gain_model_fast"] == pytest.approx(0.62 - 0.45)
    shipped = json.loads((config.DATA_DIR / "models" / "reference-newsmtsc-only.json").read_text())
    assert records["reference_model_domain_test"] == shipped["model"]["domain_test"]["f1m"]


def test_06_learning_curve_shipped(tmp_path):
    import json

    path = config.DATA_DIR / "models" / "learning-curve.json"
    curve = json.loads(path.read_text())
    records = run_notebook("06-learning-curve", tmp_path)
    assert records["sizes"] == [p["size"] for p in curve["points"]]
    assert records["model_fast_mean"] == [round(sum(p["model-fast"]) / len(p["model-fast"]), 4) for p in curve["points"]]
    # the shipped curve is measured on the committed domain test split
    from analysis.train_sentiment import _sha256

    assert curve["test"]["sha256"] == _sha256(config.PROJECT_DIR / "tests" / "data" / "domain" / "domain_test.jsonl")
    # its last point is the shipped model itself
    shipped = json.loads((config.DATA_DIR / "models" / "model.json").read_text())
    assert curve["points"][-1]["all"] and curve["points"][-1]["model"] == shipped["domain_test"]["f1m"]
    assert curve["points"][-1]["size"] == shipped["domain_data"]["n_mentions"]
