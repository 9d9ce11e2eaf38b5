"""Topic weights over time and by source (private helper of :mod:`analysis.topics`)."""

from __future__ import annotations

import logging

import pandas as pd

from analysis.periods import assign_periods

logger = logging.getLogger(__name__)


def topics_over_time(
    document_topics: pd.DataFrame,
    articles: pd.DataFrame,
    freq: str | None = "W",
    *,
    by: str | None = None,
) -> pd.DataFrame:
    """Topic weights and shares by period (and by ``by``, e.g. source), from document topics.

    Periods come from :func:`analysis.periods.assign_periods`, which honours ``date_precision``:
    a ``freq`` finer than some articles' dates (weekly counts of year-precision UN speeches)
    raises ``ValueError`` saying how many articles are affected. Leave those articles out of
    ``articles`` to go on: documents of ``document_topics`` missing from ``articles`` are dropped
    (logged).

    Parameters
    ----------
    document_topics : DataFrame
        doc_id, topic, weight (``TopicModel.document_topics()``: weights sum to 1 per document).
    articles : DataFrame
        doc_id, date, date_precision and the ``by`` column.
    freq : {"D", "W", "M", "Q", "Y"} or None, default="W"
        ``None``: no time split (one row per topic, or per ``by`` x topic).
    by : str, optional
        An articles column to split by as well (``"source"``).

    Returns
    -------
    DataFrame
        period (unless ``freq=None``), ``by`` (if given), topic, weight (sum of document weights:
        the expected number of documents on the topic), n_docs (documents in the group) and share
        (weight / n_docs: the share of the group's documents, the normalised figure to compare
        periods and sources of different sizes).

    Examples
    --------
    >>> dt = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"], "topic": [0, 1] * 3,
    ...                    "weight": [1.0, 0.0, 0.5, 0.5, 0.0, 1.0]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "date_precision": "day",
    ...                      "date": pd.to_datetime(["2022-01-03", "2022-01-04", "2022-01-10"])})
    >>> print(topics_over_time(dt, arts, "W").to_string(index=False))
        period  topic  weight  n_docs  share
    2022-01-03      0     1.5       2   0.75
    2022-01-03      1     0.5       2   0.25
    2022-01-10      0     0.0       1   0.00
    2022-01-10      1     1.0       1   1.00
    """
    keys = ["doc_id", *([by] if by else [])]
    meta = articles.drop_duplicates("doc_id")
    if freq is not None:
        meta = meta.assign(period=assign_periods(meta, freq).to_numpy())
        keys.append("period")
    frame = document_topics[["doc_id", "topic", "weight"]].merge(
        meta[keys], on="doc_id", how="inner"
    )
    dropped = document_topics["doc_id"].nunique() - frame["doc_id"].nunique()
    if dropped:
        logger.info("topics_over_time: %d document(s) not in articles left out", dropped)
    groups = [*(["period"] if freq is not None else []), *([by] if by else [])]
    weights = frame.groupby([*groups, "topic"], observed=True, sort=True)["weight"].sum()
    out = weights.reset_index()
    if groups:
        n_docs = (
            frame.groupby(groups, observed=True)["doc_id"].nunique().rename("n_docs").reset_index()
        )
        out = out.merge(n_docs, on=groups, how="left")
    else:
        out["n_docs"] = frame["doc_id"].nunique()
    out["share"] = out["weight"] / out["n_docs"]
    return out
