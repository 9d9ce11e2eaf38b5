"""Quotations and reported speech (find_quotes) on the seed article, hand-made texts and the gold set."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import config, load_articles
from analysis._speakers_eval import GOLD_DIR, evaluate
from analysis.quotes import find_quotes


@pytest.fixture(scope="module")
def seed():
    articles, _ = load_articles(config.SEED_ARTICLE)
    return articles, find_quotes(articles)


def _quotes(text: str, **extra) -> pd.DataFrame:
    return find_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text], **extra}))


# (start of the span, kind, cue, speaker) for every quotation of the seed article, worked out by reading it
SEED = [
    ("Moscow expects to hear back from Washington", "indirect", "according to", "Sergei Lavrov"),
    ("In the coming days, Moscow and Washington", "indirect", "said", "Sergei Lavrov"),
    ("Russia expects to hear back from the US", "indirect", "told", "Sergei Lavrov"),
    ("We are placing our faith", "direct", "", "Sergei Lavrov"),
    ("There will be some contacts", "direct", "stated", "Sergei Lavrov"),
    ("Moscow is particularly interested", "mixed", "according to", "Sergei Lavrov"),
    ("According to these documents, OSCE", "direct", "added", "Sergei Lavrov"),
    ("the US is continuing its “smear campaign”", "mixed", "said", "Sergei Lavrov"),
    ("the US can help Ukraine", "indirect", "according to", "Sergei Lavrov"),
    ("Today, Ukraine is under the external control", "direct", "said", "Sergei Lavrov"),
    ("Washington is perfectly capable", "direct", "said", "Sergei Lavrov"),
    ("EU countries that are not NATO members", "indirect", "believes", "Gordan Grlić Radman"),
    ("the security talks will lead", "indirect", "expressed confidence", "Gordan Grlić Radman"),
    ("To overcome mutual differences", "direct", "said", "Gordan Grlić Radman"),
]


def test_seed_article_attributions(seed):
    articles, quotes = seed
    text = articles["text"].iloc[0]
    assert len(quotes) == len(SEED)
    for row, (opening, kind, cue, speaker) in zip(quotes.itertuples(), SEED, strict=True):
        assert row.start == text.index(opening), opening
        assert row.text == text[row.start : row.end]
        assert (row.kind, row.cue, row.speaker) == (kind, cue, speaker), opening
        assert row.speaks_for == ("Russia" if speaker == "Sergei Lavrov" else "")
    # the paragraph-spanning quote is one record, ending at the comma before the closing mark
    spanning = quotes.iloc[6]
    assert "\n\nIt also states that" in spanning.text and spanning.text.endswith("in the region,")
    # indirect spans exclude cue, "that" and the full stop
    assert quotes.iloc[2].text == "Russia expects to hear back from the US and NATO on its proposals"
    # the last direct quote is Radman's ("he said" after "He also expressed confidence"), not Lavrov's
    assert quotes.iloc[-1].text.startswith("To overcome") and quotes.iloc[-1].speaker.endswith("Radman")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight quotes, attribution after with the inverted order
        ('"We will not accept this ultimatum," said Dmitry Peskov.', [("We will not accept this ultimatum,", "direct", "said", "Dmitry Peskov")]),
        # curly quotes, attribution before with a colon
        ("Jen Psaki told reporters: “The sanctions will bite hard.”", [("The sanctions will bite hard.", "direct", "told", "Jen Psaki")]),
        # a title and a scare phrase with no speech cue are no quotations
        ("The forum “Foster High-Quality BRICS Partnership” opened. The so-called “peacekeepers” left.", []),
        # a pronoun refers back to a speaker of compatible gender
        (
            "Maria Zakharova said that talks had failed. “Nothing will change,” she added.",
            [("talks had failed", "indirect", "said", "Maria Zakharova"), ("Nothing will change,", "direct", "added", "Maria Zakharova")],
        ),
        # a lexicon title names the person directly; an object noun phrase is no reported clause
        (
            "The NATO secretary general stressed that the alliance is defensive. He stressed the importance of unity.",
            [("the alliance is defensive", "indirect", "stressed", "Jens Stoltenberg")],
        ),
    ],
)  # fmt: skip
def test_quote_forms(text, expected):
    quotes = _quotes(text)
    assert list(zip(quotes.text, quotes.kind, quotes.cue, quotes.speaker, strict=True)) == expected


def test_quote_spanning_paragraphs_with_reopening_mark():
    text = "Lavrov said:\n\n“First paragraph of the statement.\n\n“Second paragraph of it,” he added. Nothing else."
    quotes = _quotes(text)
    assert len(quotes) == 1
    row = quotes.iloc[0]
    assert row.text.startswith("First paragraph") and row.text.endswith("Second paragraph of it,")
    assert row.speaker == "Sergei Lavrov" and row.kind == "direct"


def test_unclosed_quote_does_not_glue_the_document():
    text = "He called it “a farce.\n\nMeanwhile, talks went on.\n\nPutin said: “We are ready to talk.”"
    quotes = _quotes(text)
    assert quotes.text.tolist() == ["We are ready to talk."]
    assert quotes.speaker.tolist() == ["Vladimir Putin"]


def test_white_house_press_secretary_by_date():
    text = "The White House press secretary said the president will travel to Europe next week."
    for date, name in (("2022-03-01", "Jen Psaki"), ("2022-06-01", "Karine Jean-Pierre")):
        quotes = _quotes(text, date=[pd.Timestamp(date)])
        assert quotes.speaker.tolist() == [name]
        assert quotes.speaks_for.tolist() == ["United States"]


def test_find_quotes_bad_input():
    with pytest.raises(ValueError, match=r"lack column\(s\) \['text'\]"):
        find_quotes(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
    empty = find_quotes(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", None]}))
    assert empty.empty
    assert list(empty.columns) == ["doc_id", "start", "end", "text", "kind", "cue", "speaker", "speaks_for"]


# Floors just below the figures measured when the test was written (dev F1 overlap 0.89, speaker 0.98;
# test F1 0.53, speaker 0.93 on the annotator's first 41 documents): a regression fails.
FLOORS = {"dev": {"f1_overlap": 0.85, "speaker_acc": 0.93}, "test": {"f1_overlap": 0.50, "speaker_acc": 0.90}}


@pytest.mark.skipif(not (GOLD_DIR / "quotes_gold.jsonl").exists(), reason="no quotes gold set yet")
def test_quotes_gold_scores_meet_floors():
    results = evaluate(("dev", "test"))
    for split, floors in FLOORS.items():
        overall = results[split]["quotes"].set_index("kind").loc["overall"]
        if not overall["n_gold"]:
            continue
        for metric, floor in floors.items():
            value = overall[metric]
            assert not math.isnan(value) and value >= floor, (split, metric, value)
