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


def test_kwic_reuses_given_mentions():
    from analysis import find_mentions, split_sentences

    articles, _ = load_articles(config.PROJECT_DIR / "tests" / "data" / "fixture_corpus")
    mentions = find_mentions(split_sentences(articles))
    for target in ("NATO", "Istanbul Charter", "Ukraine"):
        fresh = kwic(articles, target, window=6)
        reused = kwic(articles, target, window=6, mentions=mentions)
        pd.testing.assert_frame_equal(fresh, reused)
        assert len(reused) == int((mentions["target"] == target).sum())
    # mentions of articles not passed in are ignored; a frame without offsets is refused
    one = articles.iloc[:1]
    assert set(kwic(one, "NATO", mentions=mentions)["doc_id"]) <= set(one["doc_id"])
    with pytest.raises(ValueError, match="start"):
        kwic(articles, "NATO", mentions=mentions.drop(columns="start"))


@pytest.mark.parametrize("window", [1, 3, 12])
def test_bounded_context_equals_splitting_the_whole_text(window):
    import random

    from analysis.kwic import _words_after, _words_before

    rng = random.Random(window)
    words = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(1, 40))) for _ in range(400)]
    text = "".join(w + rng.choice([" ", "  ", "\n", "\t "]) for w in words)
    for pos in [0, 1, len(text) - 1, len(text)] + [rng.randrange(len(text)) for _ in range(200)]:
        assert _words_before(text, pos, window) == text[:pos].split()[-window:]
        assert _words_after(text, pos, window) == text[pos:].split()[:window]
