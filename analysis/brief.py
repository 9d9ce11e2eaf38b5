"""The pieces of a target brief and a period comparison that are more than one call: period slices,
the topics a target appears in, the commitments invoked alongside it, before/after differences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.aggregate import _bootstrap_mean

COMMITMENT_TYPES = ("commitment", "principle")


@dataclass(frozen=True)
class PeriodSlice:
    """A prepared corpus cut to a period: every frame keeps doc_id (and sent_id)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    scores: pd.DataFrame
    period_label: str


def slice_period(prepared, start: str | None = None, end: str | None = None) -> PeriodSlice:
    """Keep the articles dated from ``start`` to ``end`` (inclusive, YYYY-MM-DD) and what hangs off them.

    An article with month or year precision is kept when its whole month or year lies in the period
    (a speech known only as "2022" is not counted in a period that starts in March 2022).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "date_precision": ["day", "day", "year"],
    ...                      "date": pd.to_datetime(["2022-01-17", "2022-03-01", "2022-01-01"])})
    >>> empty = pd.DataFrame({"doc_id": pd.Series(dtype=str)})
    >>> p = SimpleNamespace(articles=arts, sentences=empty, mentions=empty, scores=empty)
    >>> s = slice_period(p, start="2022-02-24")
    >>> s.articles.doc_id.tolist(), s.period_label
    (['b'], '2022-02-24 to 2022-03-01')
    """
    articles = prepared.articles
    first = articles["date"]
    last = _period_end(articles)
    keep = pd.Series(True, index=articles.index)
    if start:
        keep &= first >= pd.Timestamp(start)
    if end:
        keep &= last <= pd.Timestamp(end) + pd.Timedelta(days=1)
    kept = articles[keep]
    ids = set(kept["doc_id"])

    def cut(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["doc_id"].isin(ids)]

    if len(kept):
        label = f"{_day(start, kept['date'].min())} to {_day(end, kept['date'].max())}"
    else:
        label = f"{start or '...'} to {end or '...'} (no articles)"
    return PeriodSlice(kept, cut(prepared.sentences), cut(prepared.mentions), cut(prepared.scores), label)


def _day(value: str | None, fallback: pd.Timestamp) -> str:
    return value if value else f"{fallback:%Y-%m-%d}"


def _period_end(articles: pd.DataFrame) -> pd.Series:
    """The first moment after the period each date stands for: the next day, month or year."""
    dates = articles["date"]
    precision = articles["date_precision"]
    end = dates + pd.Timedelta(days=1)
    month, year = precision == "month", precision == "year"
    end[month] = dates[month] + pd.offsets.DateOffset(months=1)
    end[year] = dates[year] + pd.offsets.DateOffset(years=1)
    return end


def target_topics(articles: pd.DataFrame, mentions: pd.DataFrame, target: str, *, n_topics: int = 8,
                  random_state: int = 0) -> pd.DataFrame:
    """Topics of the articles, ranked by their weight in the articles that name ``target``.

    Returns
    -------
    DataFrame
        topic, label (top terms), weight_mentioning (mean topic weight over the articles naming the
        target), weight_all (over all articles), lift (ratio of the two), n_mentioning.
    """

    naming = set(mentions.loc[mentions["target"] == target, "doc_id"])
    columns = ["topic", "label", "weight_mentioning", "weight_all", "lift", "n_mentioning"]
    if not naming or len(articles) < max(2 * n_topics, 10):
        return pd.DataFrame(columns=columns)
    weights, labels = _period_topics(articles, n_topics, random_state)
    weights["naming"] = weights["doc_id"].isin(naming)
    table = weights.pivot_table(index="topic", columns="naming", values="weight", aggfunc="sum", fill_value=0)
    n_naming = len(naming & set(articles["doc_id"]))
    out = pd.DataFrame({
        "topic": table.index,
        "weight_mentioning": table.get(True, 0) / max(n_naming, 1),
        "weight_all": table.sum(axis=1) / len(articles),
    }).reset_index(drop=True)
    out["label"] = out["topic"].map(labels)
    out["lift"] = out["weight_mentioning"] / out["weight_all"].replace(0, np.nan)
    out["n_mentioning"] = n_naming
    return out.sort_values("weight_mentioning", ascending=False, kind="stable")[columns].reset_index(drop=True)


def _period_topics(articles: pd.DataFrame, n_topics: int, random_state: int) -> tuple[pd.DataFrame, pd.Series]:
    """Document topics and labels of a set of articles, cached on disk by the set's doc_ids and the code version.

    The briefs of one period for several targets share one topic model: a batch fits it once.
    """
    import hashlib

    from analysis import config
    from analysis.pipeline import _cached, code_version
    from analysis.topics import fit_topics
    from analysis.vectorise import vectorise

    key = hashlib.sha256("\n".join(sorted(articles["doc_id"])).encode())
    key.update(f"{n_topics}|{random_state}|{code_version()}".encode())
    folder = config.CACHE_DIR / "topics" / key.hexdigest()[:20]

    def fit() -> pd.DataFrame:
        vectoriser, matrix = vectorise(articles, min_df=2 if len(articles) < 200 else None)
        model = fit_topics(matrix, min(n_topics, matrix.shape[0] - 1), vectoriser=vectoriser, articles=articles,
                           random_state=random_state)
        return model.document_topics().merge(model.labels().rename("label"), left_on="topic", right_index=True)

    table = _cached(folder, "document-topics", fit)
    labels = table.drop_duplicates("topic").set_index("topic")["label"]
    return table.drop(columns="label"), labels


def commitments_alongside(mentions: pd.DataFrame, scores: pd.DataFrame, target: str) -> pd.DataFrame:
    """Commitments and principles named in the same sentences as ``target``.

    Returns
    -------
    DataFrame
        commitment, sentences (naming both), articles, mean_score (mean sentiment toward the target in
        those sentences; NaN without scores), sorted by sentences.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 0, 1], "target": ["OSCE", "Istanbul Charter", "OSCE"],
    ...                   "type": ["organisation", "commitment", "organisation"]})
    >>> s = m[m.target == "OSCE"].assign(score=[0.5, -1.0])
    >>> commitments_alongside(m, s, "OSCE").values.tolist()
    [['Istanbul Charter', 1, 1, 0.5]]
    """
    keys = ["doc_id", "sent_id"]
    with_target = mentions.loc[mentions["target"] == target, keys].drop_duplicates()
    invoked = mentions[mentions["type"].isin(COMMITMENT_TYPES) & (mentions["target"] != target)]
    both = invoked.merge(with_target, on=keys)[[*keys, "target"]].drop_duplicates()
    columns = ["commitment", "sentences", "articles", "mean_score"]
    if both.empty:
        return pd.DataFrame(columns=columns)
    tone = scores.loc[scores["target"] == target].groupby(keys)["score"].mean().rename("score").reset_index()
    both = both.merge(tone, on=keys, how="left")
    out = both.groupby("target").agg(sentences=("sent_id", "size"), articles=("doc_id", "nunique"),
                                     mean_score=("score", "mean")).reset_index()
    out = out.rename(columns={"target": "commitment"})
    return out.sort_values(["sentences", "commitment"], ascending=[False, True], kind="stable")[columns].reset_index(
        drop=True)


def split_before_after(articles: pd.DataFrame, split: str) -> pd.Series:
    """``True`` for articles dated on or after ``split`` (YYYY-MM-DD), ``False`` before.

    An article whose date precision straddles the split (a year-precision speech of the split's year)
    is NA: it belongs to neither side.
    """
    when = pd.Timestamp(split)
    first = articles["date"]
    last = _period_end(articles)
    after = pd.Series(pd.NA, index=articles.index, dtype="boolean")
    after[first >= when] = True
    after[last <= when] = False
    return after


def topic_shift(document_topics: pd.DataFrame, after: pd.Series, articles: pd.DataFrame,
                labels: pd.Series | None = None) -> pd.DataFrame:
    """Mean topic weight per article before and after a split, and the change (after - before)."""
    side = pd.Series(after.to_numpy(), index=articles["doc_id"].to_numpy())
    weights = document_topics.assign(after=document_topics["doc_id"].map(side)).dropna(subset=["after"])
    n_side = weights.drop_duplicates("doc_id")["after"].value_counts()
    table = weights.pivot_table(index="topic", columns="after", values="weight", aggfunc="sum", fill_value=0)
    out = pd.DataFrame({"topic": table.index,
                        "before": table.get(False, 0) / max(int(n_side.get(False, 0)), 1),
                        "after": table.get(True, 0) / max(int(n_side.get(True, 0)), 1)}).reset_index(drop=True)
    out["change"] = out["after"] - out["before"]
    if labels is not None:
        out.insert(1, "label", out["topic"].map(labels))
    return out.sort_values("change", key=np.abs, ascending=False, kind="stable").reset_index(drop=True)


def sentiment_shift(scores: pd.DataFrame, articles: pd.DataFrame, split: str, targets: list[str] | None = None,
                    *, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Mean sentiment toward each target before and after ``split``, with a bootstrap 95% interval of the change.

    The resampling unit is the article (mentions in one article are not independent): each bootstrap
    draw resamples the articles of each side with replacement and recomputes the mean over their mentions.

    Returns
    -------
    DataFrame
        target, n_before, n_after (mentions), mean_before, mean_after, change, ci_low, ci_high.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": list("abcd"), "date_precision": "day",
    ...                      "date": pd.to_datetime(["2022-01-01", "2022-01-02", "2022-03-01", "2022-03-02"])})
    >>> sc = pd.DataFrame({"doc_id": list("abcd"), "target": "NATO", "score": [0.5, 0.5, -0.5, -0.5]})
    >>> out = sentiment_shift(sc, arts, "2022-02-24", n_boot=50)
    >>> out[["n_before", "n_after"]].values.tolist(), out[["change", "ci_low", "ci_high"]].values.tolist()
    ([[2, 2]], [[-1.0, -1.0, -1.0]])
    """
    after = split_before_after(articles, split)
    side = pd.Series(after.to_numpy(), index=articles["doc_id"].to_numpy())
    scored = scores.assign(after=scores["doc_id"].map(side)).dropna(subset=["after"])
    targets = targets if targets is not None else sorted(scored["target"].unique())
    rng = np.random.default_rng(seed)
    rows = []
    for target in targets:
        t = scored[scored["target"] == target]
        sides = [t[t["after"] == flag].groupby("doc_id")["score"].agg(["sum", "count"]) for flag in (False, True)]
        n = [int(s["count"].sum()) for s in sides]
        means = [s["sum"].sum() / s["count"].sum() if len(s) else np.nan for s in sides]
        low = high = np.nan
        if all(len(s) for s in sides):
            before, after_ = (_bootstrap_mean(s["sum"].to_numpy(float), s["count"].to_numpy(float), rng, n_boot)
                              for s in sides)
            low, high = np.percentile(after_ - before, [2.5, 97.5])
        rows.append((target, n[0], n[1], means[0], means[1], means[1] - means[0], low, high))
    return pd.DataFrame(rows, columns=["target", "n_before", "n_after", "mean_before", "mean_after", "change",
                                       "ci_low", "ci_high"])


def plot_sentiment_shift(moves: pd.DataFrame, *, ax=None):
    """Change in mean sentiment per target with its 95% interval (from :func:`sentiment_shift`)."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(7, 0.5 * len(moves) + 1.2))[1]
    ax.errorbar(moves["change"], range(len(moves)), fmt="o",
                xerr=[moves["change"] - moves["ci_low"], moves["ci_high"] - moves["change"]])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(moves)), moves["target"])
    ax.set_xlabel("change in mean sentiment (after minus before), 95% interval")
    return ax
