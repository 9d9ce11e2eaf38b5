"""How often each target is mentioned, period by period, raw and normalised by the period's volume."""

from __future__ import annotations

import pandas as pd

from analysis.periods import assign_periods


def mentions_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    freq: str = "W",
    *,
    by_source: bool = False,
    targets: list[str] | None = None,
) -> pd.DataFrame:
    """Count mentions per target and period, with counts per 100 articles of the period.

    Every (target, period[, source]) combination appears, with zeros where nothing was said, so
    that a quiet week is a zero in the figure, not a gap.

    Parameters
    ----------
    mentions : DataFrame
        ``find_mentions`` output (doc_id, target, ...).
    articles : DataFrame
        The articles the mentions come from (doc_id, date, date_precision, source); the
        denominators count every article of the period, mentioning or not.
    freq : str
        D, W, M, Q or Y; must not be finer than any article's ``date_precision``
        (see :func:`analysis.periods.assign_periods`).
    by_source : bool
        Break down by source as well.
    targets : list of str, optional
        Targets to report (default: every target in ``mentions``).

    Returns
    -------
    DataFrame
        target, period, [source,] mentions (raw count), articles_mentioning, period_articles
        (all articles of the period [and source]), mentions_per_100 (= 100 * mentions /
        period_articles) and share_mentioning (= articles_mentioning / period_articles; Media
        Cloud's normalised view). Periods without any article are left out.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": "s", "date_precision": "day",
    ...                      "date": pd.to_datetime(["2022-01-03", "2022-01-04", "2022-01-11"])})
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "c"], "target": ["NATO"] * 3})
    >>> mentions_over_time(m, arts, "W")[["period", "mentions", "period_articles", "mentions_per_100"]].values.tolist()
    [[Timestamp('2022-01-03 00:00:00'), 2, 2, 100.0], [Timestamp('2022-01-10 00:00:00'), 1, 1, 100.0]]
    """
    keys = ["period", "source"] if by_source else ["period"]
    arts = articles[["doc_id", "source"]].assign(period=assign_periods(articles, freq).to_numpy())
    volume = arts.groupby(keys, observed=True).size().rename("period_articles").reset_index()
    targets = sorted(mentions["target"].unique()) if targets is None else list(targets)
    joined = mentions[mentions["target"].isin(targets)][["doc_id", "target"]].merge(arts, on="doc_id", how="inner")
    lost = len(mentions[mentions["target"].isin(targets)]) - len(joined)
    if lost:
        raise ValueError(f"{lost} mention(s) have a doc_id that is not in `articles`: pass the articles they came from")
    counts = (
        joined.groupby(["target", *keys], observed=True)
        .agg(mentions=("doc_id", "size"), articles_mentioning=("doc_id", "nunique"))
        .reset_index()
    )
    grid = volume.merge(pd.DataFrame({"target": targets}), how="cross")
    out = grid.merge(counts, on=["target", *keys], how="left").fillna({"mentions": 0, "articles_mentioning": 0})
    out = out.astype({"mentions": "int64", "articles_mentioning": "int64"})
    out["mentions_per_100"] = 100 * out["mentions"] / out["period_articles"]
    out["share_mentioning"] = out["articles_mentioning"] / out["period_articles"]
    columns = ["target", *keys, "mentions", "articles_mentioning", "period_articles", "mentions_per_100",
               "share_mentioning"]
    return out[columns].sort_values(["target", *keys], kind="stable").reset_index(drop=True)
