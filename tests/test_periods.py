"""Tests for analysis.periods: periods honour date precision."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.periods import assign_periods

ARTICLES = pd.DataFrame(
    {
        "date": pd.to_datetime(["2022-01-17", "2022-02-24", "2022-02-27", "2022-03-01"]),
        "date_precision": ["day", "day", "day", "day"],
    }
)


@pytest.mark.parametrize(
    ("freq", "expected"),
    [
        ("D", ["2022-01-17", "2022-02-24", "2022-02-27", "2022-03-01"]),
        ("W", ["2022-01-17", "2022-02-21", "2022-02-21", "2022-02-28"]),  # weeks start on Monday
        ("M", ["2022-01-01", "2022-02-01", "2022-02-01", "2022-03-01"]),
        ("Q", ["2022-01-01"] * 4),
        ("Y", ["2022-01-01"] * 4),
    ],
)
def test_day_precision_periods(freq, expected):
    assert assign_periods(ARTICLES, freq).dt.strftime("%Y-%m-%d").tolist() == expected


@pytest.mark.parametrize(
    ("precision", "freq", "ok"),
    [("year", "Y", True), ("year", "Q", False), ("year", "W", False), ("month", "M", True),
     ("month", "Q", True), ("month", "W", False), ("day", "D", True)],
)
def test_precision_limits_the_frequency(precision, freq, ok):
    arts = pd.DataFrame({"date": pd.to_datetime(["1999-01-01", "2022-01-01"]), "date_precision": ["day", precision]})
    if ok:
        assert len(assign_periods(arts, freq)) == 2
    else:
        with pytest.raises(ValueError, match=f"1 article\\(s\\) with {precision} precision"):
            assign_periods(arts, freq)


def test_unknown_freq():
    with pytest.raises(ValueError, match="unknown freq 'fortnight'"):
        assign_periods(ARTICLES, "fortnight")
