"""Validation of one record's fields: dates, optional strings, stable ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from typing import Any

import pandas as pd

from analysis._dedup import normalise

_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


class RecordRejected(Exception):
    """One record cannot be loaded; the message is the reason shown to the user."""


def is_missing(value: Any) -> bool:
    """True for None, NaN, NA and strings that are empty or only white space."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def parse_date(value: Any) -> tuple[dt.date, str]:
    """Parse a record's date; return ``(date, precision)`` with precision day, month or year.

    A bare year (``2022`` or ``"2022"``) is 1 January of that year at year precision; ``"2022-01"``
    is month precision; ISO dates and timestamps (``2022-06-24T17:30:00Z``) are day precision, taken
    as written (no time-zone shift); other spellings ("17 January 2022") are tried with pandas.

    Examples
    --------
    >>> parse_date("2022-01-17")
    (datetime.date(2022, 1, 17), 'day')
    >>> parse_date(1999)
    (datetime.date(1999, 1, 1), 'year')
    >>> parse_date("2022-02-30")
    Traceback (most recent call last):
    ...
    analysis._validate.RecordRejected: impossible date '2022-02-30' (day is out of range for month)
    """
    if is_missing(value):
        raise RecordRejected("missing date")
    if isinstance(value, dt.datetime | pd.Timestamp):
        return dt.date(value.year, value.month, value.day), "day"
    if isinstance(value, dt.date):
        return value, "day"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 2999:
            return dt.date(int(value), 1, 1), "year"
        raise RecordRejected(f"unparseable date {value!r}")
    text = str(value).strip()
    try:
        if m := _YEAR.match(text):
            return dt.date(int(m.group(1)), 1, 1), "year"
        if m := _MONTH.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
        if m := _DAY.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    except ValueError as exc:
        raise RecordRejected(f"impossible date {text!r} ({exc})") from None
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError, OverflowError):
        stamp = pd.NaT
    if stamp is pd.NaT:
        raise RecordRejected(f"unparseable date {text[:40]!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    return dt.date(stamp.year, stamp.month, stamp.day), "day"


def optional_str(value: Any) -> str | None:
    """Return the value as a stripped string, or None when it is missing."""
    if is_missing(value):
        return None
    return str(value).strip()


def content_id(date: dt.date, title: str | None, text: str) -> str:
    """A 16-hex-digit hash of the normalised (date, title, text): the same on every machine.

    Examples
    --------
    >>> content_id(dt.date(2022, 1, 17), "Title", "Some  text") == content_id(
    ...     dt.date(2022, 1, 17), "title", "some text")
    True
    """
    key = f"{date.isoformat()}\n{normalise(title or '')}\n{normalise(text)}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
