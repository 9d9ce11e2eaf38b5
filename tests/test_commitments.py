"""Tests for analysis.commitments and analysis.brief on the seed article and hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config, find_mentions, load_articles, split_sentences
from analysis.brief import commitments_alongside, slice_period, split_before_after
from analysis.commitments import commitment_actor_sentiment, commitments_invoked


@pytest.fixture(scope="module")
def seed():
    articles, _ = load_articles(config.SEED_ARTICLE)
    sentences = split_sentences(articles)
    return articles, sentences, find_mentions(sentences)


def test_seed_invokes_istanbul_and_astana_in_one_sentence(seed):
    articles, sentences, mentions = seed
    table = commitments_invoked(mentions, articles).set_index("commitment")
    assert table.loc["Istanbul Charter", ["source", "sentences", "articles"]].tolist() == ["news", 1, 1]
    assert table.loc["Astana Declaration", "sentences"] == 1
    assert table.loc["Minsk agreements", "sentences"] == 2  # "2014 Minsk Protocol", "the Minsk agreements"
    assert table.loc["indivisibility of security", "type"] == "principle"


def test_actor_sentiment_in_invoking_sentences(seed):
    articles, sentences, mentions = seed
    # Hand-set scores: -1 for every United States mention, +1 for Ukraine, 0 otherwise.
    scores = mentions.assign(score=mentions["target"].map({"United States": -1.0, "Ukraine": 1.0}).fillna(0.0))
    scores["label"] = scores["score"].map({-1.0: "negative", 0.0: "neutral", 1.0: "positive"})
    out = commitment_actor_sentiment(mentions, scores).set_index(["commitment", "actor"])
    # "According to him, the US can help Ukraine implement the 2014 Minsk Protocol." and the "Washington ... Kyiv
    # regime ... Minsk agreements" sentence: US named in both (as US, Washington), Ukraine in both (Ukraine, Kyiv).
    assert out.loc[("Minsk agreements", "United States"), "n"] == 2
    assert out.loc[("Minsk agreements", "United States"), "mean_score"] == -1.0
    assert out.loc[("Minsk agreements", "Ukraine"), "share_positive"] == 1.0
    assert out.loc[("Istanbul Charter", "Russia"), "n"] == 1  # "Moscow is particularly interested ..."


def test_commitments_alongside_a_target(seed):
    articles, sentences, mentions = seed
    scores = mentions.assign(score=0.25)
    out = commitments_alongside(mentions, scores, "OSCE").set_index("commitment")
    assert set(out.index) == {"Istanbul Charter", "Astana Declaration", "indivisibility of security"}
    assert out.loc["Istanbul Charter", "mean_score"] == 0.25


ARTICLES = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "date": pd.to_datetime(["2022-02-23", "2022-02-24", "2022-01-01", "2021-01-01"]),
    "date_precision": ["day", "day", "year", "year"],
})


def test_before_after_honours_precision():
    after = split_before_after(ARTICLES, "2022-02-24")
    assert after.tolist() == [False, True, pd.NA, False]  # the 2022 speech straddles the split


def test_slice_period_keeps_whole_periods_only():
    from types import SimpleNamespace

    empty = pd.DataFrame({"doc_id": pd.Series(dtype="string")})
    prepared = SimpleNamespace(articles=ARTICLES, sentences=empty, mentions=empty, scores=empty)
    assert slice_period(prepared, "2022-01-01", "2022-12-31").articles["doc_id"].tolist() == ["a", "b", "c"]
    assert slice_period(prepared, "2022-02-01").articles["doc_id"].tolist() == ["a", "b"]
    assert slice_period(prepared, None, "2021-12-31").articles["doc_id"].tolist() == ["d"]


def test_target_topics_share_one_model_per_period(tmp_path, monkeypatch):
    from analysis import config
    from analysis.brief import target_topics

    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    articles, _ = load_articles(config.PROJECT_DIR / "tests" / "data" / "fixture_corpus")
    mentions = find_mentions(split_sentences(articles))
    nato = target_topics(articles, mentions, "NATO", n_topics=5)
    assert len(list((tmp_path / "topics").rglob("document-topics.pkl"))) == 1
    osce = target_topics(articles, mentions, "OSCE", n_topics=5)
    assert len(list((tmp_path / "topics").rglob("document-topics.pkl"))) == 1  # the second target reused the fit
    assert sorted(nato["topic"]) == sorted(osce["topic"]) == list(range(5))
    assert (nato.set_index("topic")["weight_all"] - osce.set_index("topic")["weight_all"]).abs().max() < 1e-12
    n_nato = mentions.loc[mentions.target == "NATO", "doc_id"].nunique()
    assert nato["n_mentioning"].iloc[0] == n_nato
    assert nato["weight_mentioning"].sum() == pytest.approx(1.0)  # each article's topic weights sum to 1
