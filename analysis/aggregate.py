"""Sentiment figures an analyst can defend: means with bootstrap intervals, source comparisons, the sentences
behind them.

Every interval here resamples **articles**, not mentions: the mentions of one article share an author, a
day and a stance, so treating them as independent would make intervals too narrow. A bootstrap draw takes
the articles of a group with replacement and recomputes the mean (and the shares negative and positive) over
all their mentions. Draws are seeded per group (from ``seed`` and the group's key), so a report rendered twice
shows the same interval and a group's interval does not depend on which other groups are in the frame.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from analysis.periods import assign_periods

N_BOOT = 1000


def _bootstrap_mean(sums: np.ndarray, counts: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """Bootstrap distribution of sum(sums)/sum(counts) resampling the rows (articles)."""
    picks = rng.integers(0, len(sums), size=(n_boot, len(sums)))
    return sums[picks].sum(axis=1) / counts[picks].sum(axis=1)


def _group_rng(seed: int, key) -> np.random.Generator:
    """A generator seeded by ``seed`` and the group key (stable across runs and machines)."""
    return np.random.default_rng([seed, zlib.crc32(repr(key).encode("utf-8"))])


def _bootstrap_ratios(numerators: list[np.ndarray], counts: np.ndarray, rng: np.random.Generator,
                      n_boot: int) -> list[np.ndarray]:
    """Bootstrap distributions of sum(numerator)/sum(counts) for several numerators, same article draws."""
    picks = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    total = counts[picks].sum(axis=1)
    return [num[picks].sum(axis=1) / total for num in numerators]


def _with_articles(scored: pd.DataFrame, articles: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    missing = [c for c in columns if c not in scored.columns]
    if not missing:
        return scored
    if articles is None:
        raise ValueError(f"scored mentions lack {missing}: pass the articles they come from")
    joined = scored.merge(articles[["doc_id", *missing]], on="doc_id", how="left")
    if joined[missing[0]].isna().any() and missing[0] != "date_precision":
        lost = int(joined[missing[0]].isna().sum())
        raise ValueError(f"{lost} scored mention(s) have a doc_id that is not in `articles`")
    return joined


def sentiment_over_time(
    scored: pd.DataFrame,
    articles: pd.DataFrame,
    by: list[str] | str = ("target", "source"),
    freq: str | None = "M",
    *,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean sentiment per group and period with bootstrap 95% intervals (articles resampled).

    Parameters
    ----------
    scored : DataFrame
        ``score_targets`` output (doc_id, target, label, score, ...).
    articles : DataFrame
        doc_id, date, date_precision, source (and any other ``by`` column).
    by : list of str
        Grouping columns, from ``scored`` or ``articles``.
    freq : str or None
        D, W, M, Q or Y (checked against ``date_precision``); None for no time split.

    Returns
    -------
    DataFrame
        the ``by`` columns, period, n (mentions), n_articles, mean_score, ci_low, ci_high,
        share_negative, share_positive, and their intervals share_negative_low/high,
        share_positive_low/high (NaN where a group has a single article).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "source": "s", "date_precision": "day",
    ...                      "date": pd.to_datetime(["2022-01-03", "2022-01-20"])})
    >>> sc = pd.DataFrame({"doc_id": ["a", "a", "b"], "target": "NATO", "label": ["negative", "neutral", "positive"],
    ...                    "score": [-1.0, 0.0, 1.0]})
    >>> out = sentiment_over_time(sc, arts, freq="M", n_boot=200)
    >>> out[["n", "n_articles", "mean_score", "share_positive"]].values.round(3).tolist()
    [[3.0, 2.0, 0.0, 0.333]]
    >>> bool(out.ci_low.iloc[0] <= -0.3 and out.ci_high.iloc[0] >= 0.3)
    True
    """
    by = [by] if isinstance(by, str) else list(by)
    frame = _with_articles(scored, articles, [c for c in [*by, "date", "date_precision"] if c != "period"])
    keys = list(by)
    if freq is not None:
        frame = frame.assign(period=assign_periods(frame, freq).to_numpy())
        keys.append("period")
    frame = frame.assign(_neg=(frame["label"] == "negative").astype(float),
                         _pos=(frame["label"] == "positive").astype(float))
    rows = []
    for key, group in frame.groupby(keys, observed=True, sort=True):
        per_article = group.groupby("doc_id")[["score", "_neg", "_pos"]].sum()
        counts = group.groupby("doc_id").size().reindex(per_article.index).to_numpy(float)
        sums, negs, poss = (per_article[c].to_numpy(float) for c in ("score", "_neg", "_pos"))
        mean = sums.sum() / counts.sum()
        intervals = [np.nan] * 6  # one article: no interval can be drawn
        if len(sums) > 1:
            draws = _bootstrap_ratios([sums, negs, poss], counts, _group_rng(seed, key), n_boot)
            intervals = [v for d in draws for v in np.percentile(d, [2.5, 97.5])]
        rows.append((*(key if isinstance(key, tuple) else (key,)), len(group), len(sums), mean,
                     intervals[0], intervals[1], negs.sum() / counts.sum(), poss.sum() / counts.sum(),
                     *intervals[2:]))
    columns = [*keys, "n", "n_articles", "mean_score", "ci_low", "ci_high", "share_negative", "share_positive",
               "share_negative_low", "share_negative_high", "share_positive_low", "share_positive_high"]
    return pd.DataFrame(rows, columns=columns)


def compare_sources(
    scored: pd.DataFrame,
    target: str,
    articles: pd.DataFrame | None = None,
    *,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """How each source speaks of ``target`` against all other sources, with bootstrap intervals.

    Returns
    -------
    DataFrame
        source, n, n_articles, mean_score, ci_low, ci_high, diff_vs_others (this source's mean minus
        the pooled mean of the others), diff_ci_low, diff_ci_high; NaN intervals where a side has fewer
        than two articles.

    Examples
    --------
    >>> sc = pd.DataFrame({"doc_id": list("abcd"), "source": ["k", "k", "w", "w"], "target": "NATO",
    ...                    "score": [-1.0, -0.5, 0.5, 1.0]})
    >>> compare_sources(sc, "NATO", n_boot=100)[["source", "mean_score", "diff_vs_others"]].values.tolist()
    [['k', -0.75, -1.5], ['w', 0.75, 1.5]]
    """
    frame = _with_articles(scored[scored["target"] == target], articles, ["source"])
    per_article = frame.groupby(["source", "doc_id"], observed=True)["score"].agg(["sum", "count"]).reset_index()
    rows = []
    for source, own in per_article.groupby("source", observed=True, sort=True):
        rng = _group_rng(seed, (target, source))
        rest = per_article[per_article["source"] != source]
        s, c = own["sum"].to_numpy(float), own["count"].to_numpy(float)
        mean = s.sum() / c.sum()
        low = high = d_low = d_high = np.nan
        diff = np.nan
        if len(s) > 1:
            draws = _bootstrap_mean(s, c, rng, n_boot)
            low, high = np.percentile(draws, [2.5, 97.5])
        if len(rest):
            rs, rc = rest["sum"].to_numpy(float), rest["count"].to_numpy(float)
            diff = mean - rs.sum() / rc.sum()
            if len(s) > 1 and len(rest) > 1:
                d_low, d_high = np.percentile(draws - _bootstrap_mean(rs, rc, rng, n_boot), [2.5, 97.5])
        rows.append((source, int(c.sum()), len(s), mean, low, high, diff, d_low, d_high))
    return pd.DataFrame(rows, columns=["source", "n", "n_articles", "mean_score", "ci_low", "ci_high",
                                       "diff_vs_others", "diff_ci_low", "diff_ci_high"])


def top_sentences(
    scored: pd.DataFrame,
    target: str,
    label: str = "negative",
    n: int = 5,
    *,
    sentences: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``n`` sentences most negative (lowest score) or most positive (highest) toward ``target``.

    Returns
    -------
    DataFrame
        doc_id, sent_id, date, source, score, label, sentence (white space collapsed; from
        ``sentences``), so a reader can see what a figure is made of.

    Examples
    --------
    >>> sc = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "target": "NATO", "label": "negative",
    ...                    "score": [-0.2, -0.9]})
    >>> top_sentences(sc, "NATO", "negative", 1)[["doc_id", "score"]].values.tolist()
    [['b', -0.9]]
    """
    if label not in ("negative", "positive", "neutral"):
        raise ValueError(f"label must be negative, neutral or positive, not {label!r}")
    picked = scored[(scored["target"] == target) & (scored["label"] == label)]
    ascending = label != "positive"
    picked = picked.sort_values("score", ascending=ascending, kind="stable")
    picked = picked.drop_duplicates(["doc_id", "sent_id"]).head(n)
    out = picked[["doc_id", "sent_id", "score", "label"]]
    if articles is not None:
        out = out.merge(articles[["doc_id", "date", "source"]], on="doc_id", how="left")
    if sentences is not None:
        text = sentences[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
        out = out.merge(text, on=["doc_id", "sent_id"], how="left")
        out["sentence"] = out["sentence"].map(lambda t: " ".join(str(t).split()))
    first = [c for c in ["doc_id", "sent_id", "date", "source", "score", "label", "sentence"] if c in out]
    return out[first].reset_index(drop=True)


def sentence_extremes(
    scored: pd.DataFrame,
    n: int = 2,
    *,
    targets: list[str] | None = None,
    sentences: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences per target, for a small table.

    Returns :func:`top_sentences` rows with ``target`` first, negative before positive per target.

    Examples
    --------
    >>> sc = pd.DataFrame({"doc_id": list("abc"), "sent_id": 0, "target": "NATO",
    ...                    "label": ["negative", "positive", "positive"], "score": [-0.8, 0.3, 0.9]})
    >>> sentence_extremes(sc, 1)[["target", "doc_id", "label"]].values.tolist()
    [['NATO', 'a', 'negative'], ['NATO', 'c', 'positive']]
    """
    targets = list(targets) if targets is not None else sorted(scored["target"].dropna().unique())
    parts = [
        top_sentences(scored, t, label, n, sentences=sentences, articles=articles).assign(target=t)
        for t in targets
        for label in ("negative", "positive")
    ]
    if not parts:
        return pd.DataFrame(columns=["target", "doc_id", "sent_id", "score", "label"])
    out = pd.concat(parts, ignore_index=True)
    return out[["target", *[c for c in out.columns if c != "target"]]]
