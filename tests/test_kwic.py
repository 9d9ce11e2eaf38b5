"""Tests for analysis.kwic."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import config, load_articles
from analysis.kwic import kwic

ARTICLES = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "date": pd.to_datetime(["2022-01-17", "2022-02-24"]),
        "source": ["news", "kremlin"],
        "text": [
            "The Minsk agreements must be implemented, said Lavrov. Minsk\nagreements are the basis.",
            "Nothing about the agreements here; only MINSK AGREEMENTS in capitals.",
        ],
    }
)


@pytest.mark.parametrize(
    ("pattern", "kwargs", "expected_matches"),
    [
        ("Minsk agreements", {}, ["Minsk agreements", "Minsk agreements", "MINSK AGREEMENTS"]),
        ("Minsk agreements", {"case_sensitive": True}, ["Minsk agreements", "Minsk agreements"]),
        (r"Minsk\s+\w+", {"regex": True}, ["Minsk agreements", "Minsk agreements", "MINSK AGREEMENTS"]),
        (re.compile(r"[A-Z]{5}"), {}, ["MINSK", "AGREE", "MENTS"]),
        ("agreement", {}, []),  # whole words only
    ],
)
def test_kwic_patterns(pattern, kwargs, expected_matches):
    out = kwic(ARTICLES, pattern, window=3, lexicon=False, **kwargs)
    assert out["match"].tolist() == expected_matches


def test_kwic_context_and_offsets():
    out = kwic(ARTICLES, "Minsk agreements", window=3, lexicon=False)
    first, second = out.iloc[0], out.iloc[1]
    assert (first.left, first.right) == ("The", "must be implemented,")
    assert (second.left, second.right) == ("implemented, said Lavrov.", "are the basis.")
    text = ARTICLES.text[0]
    assert text[second.start:second.end] == "Minsk\nagreements"  # offsets into the article, line break kept
    assert out[["doc_id", "source"]].values.tolist()[2] == ["b", "kremlin"]


def test_kwic_seed_article():
    articles, _ = load_articles(config.SEED_ARTICLE)
    out = kwic(articles, "Astana", window=4, lexicon=False)
    assert out.iloc[0].left == "Istanbul in 1999 and"
    assert out.iloc[0].right == "in 2010,” according to"


def test_kwic_lexicon_target_counts_every_alias():
    articles, _ = load_articles(config.SEED_ARTICLE)
    out = kwic(articles, "Minsk agreements", window=3)
    # the seed names "the 2014 Minsk Protocol" and "the Minsk agreements": both are aliases of one commitment
    assert out["match"].tolist() == ["Minsk Protocol", "Minsk agreements"]
    assert kwic(articles, "Istanbul Charter", window=2)["right"].tolist() == ["in 1999"]
    # a phrase that is not a target id falls back to plain matching
    assert len(kwic(articles, "security guarantees", window=2)) == 1
