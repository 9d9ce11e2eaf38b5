"""Time periods that honour each article's ``date_precision``.

A UN General Debate speech is dated by its session year only (``date_precision="year"``, stored as
1 January): counting it in the first week of January would be a silent guess. Every function that
reports by period (mentions, topics and sentiment over time) goes through :func:`assign_periods`,
which refuses a frequency finer than the precision of the dates it is given.
"""

from __future__ import annotations

import pandas as pd

#: How fine each frequency is (smaller is finer) and the pandas Period alias used for it.
_FREQS = {
    "D": (0, "D"), "W": (1, "W"), "M": (2, "M"), "MS": (2, "M"), "ME": (2, "M"),
    "Q": (3, "Q"), "QS": (3, "Q"), "QE": (3, "Q"), "Y": (4, "Y"), "YS": (4, "Y"), "YE": (4, "Y"), "A": (4, "Y"),
}  # fmt: skip
#: The finest frequency each precision supports.
_PRECISION = {"day": 0, "month": 2, "year": 4}


def assign_periods(articles: pd.DataFrame, freq: str = "W") -> pd.Series:
    """Return the start of each article's period (``Timestamp``), aligned with ``articles``.

    Parameters
    ----------
    articles : DataFrame
        With ``date`` and ``date_precision`` (day/month/year; a missing column means day).
    freq : str
        ``D``, ``W`` (weeks starting Monday), ``M``, ``Q`` or ``Y``.

    Raises
    ------
    ValueError
        ``freq`` is unknown, or finer than the precision of some dates (e.g. weekly counts of
        year-precision speeches); the message says how many articles and what to do.

    Examples
    --------
    >>> arts = pd.DataFrame({"date": pd.to_datetime(["2022-01-19", "2022-02-24"]),
    ...                      "date_precision": ["day", "month"]})
    >>> assign_periods(arts, "M").dt.strftime("%Y-%m-%d").tolist()
    ['2022-01-01', '2022-02-01']
    >>> assign_periods(arts, "W")
    Traceback (most recent call last):
    ...
    ValueError: freq='W' is finer than the dates of 1 article(s) with month precision; use freq='M' or coarser, or leave those articles out (articles[articles.date_precision == 'day'])
    """
    key = freq.upper() if isinstance(freq, str) else freq
    if key not in _FREQS:
        raise ValueError(f"unknown freq {freq!r}: use one of D, W, M, Q, Y")
    level, alias = _FREQS[key]
    precision = articles["date_precision"] if "date_precision" in articles else pd.Series("day", index=articles.index)
    unknown = set(precision.dropna().unique()) - set(_PRECISION)
    if unknown:
        raise ValueError(f"unknown date_precision values {sorted(unknown)}: expected day, month or year")
    levels = precision.map(_PRECISION).fillna(0)
    coarse = levels > level
    if coarse.any():
        worst = precision[coarse].map(_PRECISION).idxmax()
        name = precision[worst]
        finest = {2: "M", 4: "Y"}[_PRECISION[name]]
        raise ValueError(
            f"freq={freq!r} is finer than the dates of {int(coarse.sum())} article(s) with {name} precision; "
            f"use freq={finest!r} or coarser, or leave those articles out "
            f"(articles[articles.date_precision == 'day'])"
        )
    dates = pd.to_datetime(articles["date"])
    return dates.dt.to_period(alias).dt.start_time.rename("period")
