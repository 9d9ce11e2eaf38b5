"""Figures for topics: top-term bars, topics over time, source x topic heatmap, candidate-k curve.

Each ``plot_*`` draws a frame computed in :mod:`analysis.topics`, takes ``ax=None`` (``fig=None``
for the grid) and returns the Axes; none calls ``plt.show()``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def _axes(ax, figsize=(8, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)[1]


def _topic_name(topic, labels: pd.Series | None) -> str:
    if labels is not None and topic in labels.index:
        return f"{topic}: {labels[topic]}"
    return f"topic {topic}"


def plot_topic_terms(
    topic_terms: pd.DataFrame,
    *,
    fig=None,
    ncols: int = 4,
    n_terms: int = 10,
    topics=None,
    labels: pd.Series | None = None,
) -> np.ndarray:
    """Grid of horizontal bars: each topic's top terms and weights (``TopicModel.topic_terms()``).

    Returns
    -------
    ndarray of Axes
        One per topic drawn, in topic order (the grid's spare cells are hidden).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> tt = pd.DataFrame({"topic": [0, 0, 1], "rank": [1, 2, 1], "term": ["nato", "troops", "gas"],
    ...                    "weight": [0.6, 0.4, 1.0]})
    >>> axes = plot_topic_terms(tt)
    >>> len(axes), [t.get_text() for t in axes[0].get_yticklabels()]
    (2, ['nato', 'troops'])
    """
    import matplotlib.pyplot as plt

    shown = sorted(topic_terms["topic"].unique()) if topics is None else list(topics)
    ncols = max(1, min(ncols, len(shown)))
    nrows = math.ceil(len(shown) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(3.2 * ncols, 0.25 * n_terms * nrows + 0.8 * nrows))
    grid = fig.subplots(nrows, ncols, squeeze=False)
    axes = []
    for cell, topic in zip(grid.ravel(), shown, strict=False):
        rows = topic_terms[topic_terms["topic"] == topic].sort_values("rank").head(n_terms)
        cell.barh(range(len(rows)), rows["weight"], color="C0")
        cell.set_yticks(range(len(rows)), [str(t).replace("_", " ") for t in rows["term"]])
        cell.invert_yaxis()
        cell.set_title(_topic_name(topic, labels), fontsize="small")
        cell.tick_params(axis="both", labelsize="x-small")
        axes.append(cell)
    for cell in grid.ravel()[len(shown) :]:
        cell.set_visible(False)
    fig.tight_layout()
    return np.asarray(axes, dtype=object)


def _collapse(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum weights and documents over everything but ``keys`` + topic, and recompute the share."""
    groups = [c for c in frame.columns if c not in {"topic", "weight", "n_docs", "share"}]
    docs = frame.drop_duplicates(groups)  # one row per group (period x source): its n_docs
    n_docs = docs.groupby(keys, observed=True)["n_docs"].sum() if keys else docs["n_docs"].sum()
    out = frame.groupby([*keys, "topic"], observed=True)["weight"].sum().reset_index()
    if keys:
        out = out.merge(n_docs.rename("n_docs").reset_index(), on=keys)
    else:
        out["n_docs"] = n_docs
    out["share"] = out["weight"] / out["n_docs"]
    return out


def plot_topics_over_time(
    frame: pd.DataFrame,
    value: str = "share",
    *,
    kind: str = "line",
    topics=None,
    labels: pd.Series | None = None,
    ax=None,
):
    """Lines (or stacked areas) of each topic's ``share`` or ``weight`` by period.

    Draws the output of :func:`analysis.topics.topics_over_time`.

    A frame split by source is summed over sources first (select one source to plot it alone).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = pd.DataFrame({"period": pd.to_datetime(["2022-01-03"] * 2 + ["2022-01-10"] * 2),
    ...                   "topic": [0, 1, 0, 1], "weight": [1.5, 0.5, 0.0, 1.0],
    ...                   "n_docs": [2, 2, 1, 1], "share": [0.75, 0.25, 0.0, 1.0]})
    >>> [line.get_ydata().tolist() for line in plot_topics_over_time(f).lines]
    [[0.75, 0.0], [0.25, 1.0]]
    """
    if kind not in {"line", "area"}:
        raise ValueError(f"kind={kind!r}: use 'line' or 'area'")
    ax = _axes(ax)
    extra = [c for c in frame.columns if c not in {"period", "topic", "weight", "n_docs", "share"}]
    data = _collapse(frame, ["period"]) if extra else frame
    wide = data.pivot(index="period", columns="topic", values=value).fillna(0.0).sort_index()
    if topics is not None:
        wide = wide[list(topics)]
    names = [_topic_name(t, labels) for t in wide.columns]
    if kind == "line":
        for column, name in zip(wide.columns, names, strict=True):
            ax.plot(wide.index, wide[column], marker="o", markersize=3, label=name)
    else:
        ax.stackplot(wide.index, wide.T.to_numpy(), labels=names)
    ax.set_xlabel("period")
    ax.set_ylabel("share of documents" if value == "share" else value)
    if len(names) > 1:
        ax.legend(fontsize="x-small", ncol=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.figure.autofmt_xdate()
    return ax


def plot_source_topics(
    frame: pd.DataFrame,
    by: str = "source",
    *,
    labels: pd.Series | None = None,
    annotate: bool = True,
    ax=None,
):
    """Heatmap of each source's share of documents per topic (``topics_over_time(by="source")``).

    Periods, if present, are pooled: share = summed weight / summed documents of the source.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = pd.DataFrame({"source": ["x", "x", "y", "y"], "topic": [0, 1, 0, 1],
    ...                   "weight": [1.0, 1.0, 0.5, 0.5], "n_docs": [2, 2, 1, 1],
    ...                   "share": [0.5] * 4})
    >>> plot_source_topics(f).images[0].get_array().shape
    (2, 2)
    """
    ax = _axes(ax, figsize=(10, 0.5 * frame[by].nunique() + 2))
    data = _collapse(frame, [by]) if "period" in frame else frame
    wide = data.pivot(index=by, columns="topic", values="share").fillna(0.0)
    image = ax.imshow(wide.to_numpy(dtype=float), cmap="viridis", aspect="auto", vmin=0)
    ax.set_yticks(range(len(wide.index)), wide.index)
    ax.set_xticks(
        range(len(wide.columns)),
        [_topic_name(t, labels) for t in wide.columns],
        rotation=60,
        ha="right",
        fontsize="x-small",
    )
    if annotate:
        for (i, j), v in np.ndenumerate(wide.to_numpy()):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="xx-small", color="w")
    ax.figure.colorbar(image, ax=ax, label="share of the source's documents")
    ax.set_title(f"topics by {by}")
    return ax


def plot_n_topics(table: pd.DataFrame, *, ax=None):
    """NPMI, diversity and stability against the number of topics (``select_n_topics``).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> t = pd.DataFrame({"n_topics": [5, 10], "npmi": [0.2, 0.3], "diversity": [0.9, 0.8],
    ...                   "stability": [0.7, 0.6]})
    >>> [line.get_label() for line in plot_n_topics(t).lines]
    ['npmi', 'diversity', 'stability']
    """
    ax = _axes(ax, figsize=(6, 4))
    for column in ("npmi", "diversity", "stability"):
        if column in table:
            ax.plot(table["n_topics"], table[column], marker="o", label=column)
    ax.set_xlabel("number of topics")
    ax.set_ylabel("score")
    ax.set_title("choosing the number of topics")
    ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    return ax


__all__ = ["plot_n_topics", "plot_source_topics", "plot_topic_terms", "plot_topics_over_time"]
