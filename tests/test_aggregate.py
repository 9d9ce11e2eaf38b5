"""Tests for analysis.aggregate: means, article-level bootstrap intervals, source comparisons, top sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aggregate import compare_sources, sentiment_over_time, top_sentences

ARTICLES = pd.DataFrame({
    "doc_id": ["k1", "k2", "k3", "w1", "w2", "w3"],
    "source": ["kremlin"] * 3 + ["whitehouse"] * 3,
    "date": pd.to_datetime(["2022-01-05", "2022-01-10", "2022-02-02", "2022-01-06", "2022-01-20", "2022-02-03"]),
    "date_precision": "day",
})
# NATO: the Kremlin negative, the White House positive; k1 has three mentions (one article, one stance).
SCORED = pd.DataFrame({
    "doc_id": ["k1", "k1", "k1", "k2", "k3", "w1", "w2", "w3"],
    "sent_id": [0, 1, 2, 0, 0, 0, 0, 0],
    "target": "NATO",
    "score": [-1.0, -1.0, -0.5, 0.0, -0.5, 0.5, 1.0, 0.25],
})
SCORED["label"] = np.where(SCORED.score < -0.05, "negative", np.where(SCORED.score > 0.05, "positive", "neutral"))


def test_monthly_means_by_source():
    out = sentiment_over_time(SCORED, ARTICLES, by=["target", "source"], freq="M", n_boot=500)
    jan_k = out[(out.source == "kremlin") & (out.period == pd.Timestamp("2022-01-01"))].iloc[0]
    assert (jan_k.n, jan_k.n_articles) == (4, 2)
    assert jan_k.mean_score == pytest.approx((-1 - 1 - 0.5 + 0) / 4)
    assert jan_k.share_negative == pytest.approx(3 / 4)
    # Resampling articles: the two January Kremlin articles give means -2.5/3 (k1 twice), 0 (k2 twice) or -2.5/4
    assert jan_k.ci_low == pytest.approx(-2.5 / 3) and jan_k.ci_high == pytest.approx(0.0)
    feb_k = out[(out.source == "kremlin") & (out.period == pd.Timestamp("2022-02-01"))].iloc[0]
    assert feb_k.n_articles == 1 and np.isnan(feb_k.ci_low)  # one article: no interval


def test_bootstrap_is_seeded_and_resamples_articles():
    a = sentiment_over_time(SCORED, ARTICLES, by="target", freq=None, seed=3)
    b = sentiment_over_time(SCORED, ARTICLES, by="target", freq=None, seed=3)
    pd.testing.assert_frame_equal(a, b)
    # Duplicating k1's mentions (same article) must not narrow the interval as if they were new articles.
    doubled = pd.concat([SCORED, SCORED[SCORED.doc_id == "k1"].assign(sent_id=[3, 4, 5])])
    c = sentiment_over_time(doubled, ARTICLES, by="target", freq=None, seed=3)
    assert c.n_articles.iloc[0] == a.n_articles.iloc[0] == 6
    assert (c.ci_high - c.ci_low).iloc[0] > 0.3


def test_year_precision_refuses_monthly():
    arts = ARTICLES.assign(date_precision="year")
    with pytest.raises(ValueError, match="with year precision"):
        sentiment_over_time(SCORED, arts, freq="M")


def test_compare_sources():
    out = compare_sources(SCORED, "NATO", ARTICLES, n_boot=500).set_index("source")
    k_mean = SCORED[SCORED.doc_id.str.startswith("k")].score.mean()
    w_mean = SCORED[SCORED.doc_id.str.startswith("w")].score.mean()
    assert out.loc["kremlin", "mean_score"] == pytest.approx(k_mean)
    assert out.loc["kremlin", "diff_vs_others"] == pytest.approx(k_mean - w_mean)
    assert out.loc["kremlin", "diff_ci_high"] < 0  # clearly more negative than the White House
    assert out.loc["whitehouse", ["n", "n_articles"]].tolist() == [3, 3]


def test_top_sentences_with_text():
    sentences = pd.DataFrame({"doc_id": ["k1", "k1", "k1", "w2"], "sent_id": [0, 1, 2, 0],
                              "text": ["NATO  lies.", "NATO\nthreatens.", "NATO expands.", "NATO helps."]})
    neg = top_sentences(SCORED, "NATO", "negative", 2, sentences=sentences, articles=ARTICLES)
    assert neg[["doc_id", "sent_id", "sentence"]].values.tolist() == [["k1", 0, "NATO lies."],
                                                                       ["k1", 1, "NATO threatens."]]
    pos = top_sentences(SCORED, "NATO", "positive", 1, sentences=sentences, articles=ARTICLES)
    assert pos[["doc_id", "score", "source", "sentence"]].values.tolist() == [["w2", 1.0, "whitehouse", "NATO helps."]]
    with pytest.raises(ValueError, match="label must be"):
        top_sentences(SCORED, "NATO", "angry")


def test_share_intervals_resample_articles():
    out = sentiment_over_time(SCORED, ARTICLES, by=["source"], freq=None, n_boot=500).set_index("source")
    k = out.loc["kremlin"]
    # Kremlin: k1 3 negative of 3, k2 0 negative of 1 (score 0), k3 1 of 1 -> share 4/5
    assert k.share_negative == pytest.approx(4 / 5)
    # all-k2 draws give 0; all-k1 or k1+k3 draws give 1
    assert k.share_negative_low == pytest.approx(0.0) and k.share_negative_high == pytest.approx(1.0)
    assert out.loc["whitehouse", ["share_positive", "share_positive_low", "share_positive_high"]].tolist() == [1, 1, 1]


def test_group_intervals_do_not_depend_on_other_groups():
    both = sentiment_over_time(SCORED, ARTICLES, by=["source"], freq=None, seed=5).set_index("source")
    alone = sentiment_over_time(SCORED[SCORED.doc_id.str.startswith("w")], ARTICLES, by=["source"], freq=None,
                                seed=5).set_index("source")
    assert both.loc["whitehouse", "ci_low"] == alone.loc["whitehouse", "ci_low"]


def test_sentence_extremes_and_plots():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.aggregate import sentence_extremes
    from analysis.plot_sentiment import plot_sentence_table, plot_target_source

    sentences = pd.DataFrame({"doc_id": SCORED.doc_id, "sent_id": SCORED.sent_id,
                              "text": [f"sentence {i}" for i in range(len(SCORED))]})
    table = sentence_extremes(SCORED, 1, sentences=sentences, articles=ARTICLES)
    assert table[["target", "doc_id", "label", "score"]].values.tolist() == [
        ["NATO", "k1", "negative", -1.0], ["NATO", "w2", "positive", 1.0]]
    ax = plot_sentence_table(table)
    assert ax.tables[0].get_celld()[(2, 4)].get_text().get_text() == "sentence 6"
    overall = sentiment_over_time(SCORED, ARTICLES, by=["target", "source"], freq=None, n_boot=200)
    ax = plot_target_source(overall)
    assert [round(p.get_width(), 3) for p in ax.patches] == [round(m, 3) for m in overall.mean_score]
