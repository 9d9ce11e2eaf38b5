"""Tests for analysis.timeline.mentions_over_time."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.timeline import mentions_over_time

ARTICLES = pd.DataFrame(
    {
        "doc_id": ["k1", "k2", "w1", "w2", "w3"],
        "source": ["kremlin", "kremlin", "whitehouse", "whitehouse", "whitehouse"],
        "date": pd.to_datetime(["2022-02-21", "2022-02-28", "2022-02-22", "2022-02-23", "2022-03-01"]),
        "date_precision": "day",
    }
)
MENTIONS = pd.DataFrame(
    {"doc_id": ["k1", "k1", "k2", "w1", "w3", "w3"], "target": ["NATO", "NATO", "NATO", "NATO", "Ukraine", "NATO"]}
)


def test_weekly_counts_and_normalisation():
    out = mentions_over_time(MENTIONS, ARTICLES, "W")
    nato = out[out.target == "NATO"].set_index("period")
    week1, week2 = pd.Timestamp("2022-02-21"), pd.Timestamp("2022-02-28")
    # week 1: k1 (2 mentions), w1 (1), w2 (0) -> 3 mentions, 2 of 3 articles
    assert nato.loc[week1, ["mentions", "articles_mentioning", "period_articles"]].tolist() == [3, 2, 3]
    assert nato.loc[week1, "mentions_per_100"] == pytest.approx(100 * 3 / 3)
    assert nato.loc[week1, "share_mentioning"] == pytest.approx(2 / 3)
    assert nato.loc[week2, ["mentions", "articles_mentioning", "period_articles"]].tolist() == [2, 2, 2]
    ukraine = out[out.target == "Ukraine"].set_index("period")
    assert ukraine.loc[week1, "mentions"] == 0  # a quiet week is a zero, not a gap
    assert len(out) == 4


def test_by_source():
    out = mentions_over_time(MENTIONS, ARTICLES, "W", by_source=True, targets=["NATO"])
    row = out[(out.source == "whitehouse") & (out.period == pd.Timestamp("2022-02-21"))].iloc[0]
    assert (row.mentions, row.period_articles, row.mentions_per_100) == (1, 2, 50.0)
    assert set(out.source) == {"kremlin", "whitehouse"}


def test_year_precision_refuses_weekly():
    arts = ARTICLES.assign(date_precision=["year", "day", "day", "day", "day"])
    with pytest.raises(ValueError, match="1 article\\(s\\) with year precision"):
        mentions_over_time(MENTIONS, arts, "W")
    assert mentions_over_time(MENTIONS, arts, "Y").mentions.sum() == 6


def test_unknown_doc_id_is_an_error():
    with pytest.raises(ValueError, match="1 mention\\(s\\) have a doc_id that is not in `articles`"):
        mentions_over_time(pd.concat([MENTIONS, pd.DataFrame({"doc_id": ["zz"], "target": ["NATO"]})]), ARTICLES)
