"""Figures for mentions: over time, co-occurrence heatmap, keyness bars, dispersion (x-ray) plot.

Each ``plot_*`` draws a frame computed elsewhere, takes ``ax=None`` and returns the Axes; none calls
``plt.show()``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _axes(ax, figsize=(8, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)[1]


def plot_mentions_over_time(frame: pd.DataFrame, value: str = "mentions_per_100", *, ax=None):
    """Lines of ``value`` per target (and source, when present) from ``mentions_over_time``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = pd.DataFrame({"target": ["NATO", "NATO"], "period": pd.to_datetime(["2022-01-03", "2022-01-10"]),
    ...                   "mentions_per_100": [50.0, 75.0]})
    >>> len(plot_mentions_over_time(f).lines)
    1
    """
    ax = _axes(ax)
    series = ["target", "source"] if "source" in frame else ["target"]
    for key, group in frame.groupby(series, observed=True):
        label = " / ".join(key) if isinstance(key, tuple) else key
        ax.plot(group["period"], group[value], marker="o", markersize=3, label=label)
    ax.set_ylabel(value.replace("_", " "))
    ax.set_xlabel("period")
    if len(ax.lines) > 1:
        ax.legend(fontsize="small", ncol=2)
    ax.figure.autofmt_xdate()
    return ax


def plot_cooccurrence(frame: pd.DataFrame, value: str = "npmi", *, ax=None):
    """Heatmap of a ``cooccurrence`` frame (target x target), annotated with the counts n_ab."""
    ax = _axes(ax, figsize=(6, 5))
    matrix = frame.pivot(index="target_a", columns="target_b", values=value)
    counts = frame.pivot(index="target_a", columns="target_b", values="n_ab").reindex_like(matrix)
    limit = np.nanmax(np.abs(matrix.to_numpy())) if matrix.notna().any().any() else 1
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(matrix.index)), matrix.index)
    for (i, j), n in np.ndenumerate(counts.to_numpy()):
        ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize="x-small")
    ax.figure.colorbar(image, ax=ax, label=value)
    ax.set_title(f"co-occurrence ({value}; numbers are units naming both)")
    return ax


def plot_keyness(frame: pd.DataFrame, n: int = 15, *, labels=("target", "reference"), ax=None):
    """Two-sided bars: the ``n`` most over-represented terms of each side of a ``keyness`` frame."""
    ax = _axes(ax, figsize=(7, 0.3 * 2 * n + 1))
    top = frame.nlargest(n, "stat")
    bottom = frame.nsmallest(n, "stat")
    bottom = bottom[bottom["stat"] < 0]
    shown = pd.concat([top[top["stat"] > 0], bottom]).drop_duplicates("term").sort_values("stat")
    colours = np.where(shown["stat"] > 0, "tab:red", "tab:blue")
    ax.barh(range(len(shown)), shown["stat"], color=colours)
    ax.set_yticks(range(len(shown)), shown["term"], fontsize="small")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"keyness ({labels[0]} >0, {labels[1]} <0)")
    return ax


def plot_dispersion(mentions: pd.DataFrame, articles: pd.DataFrame, targets: list[str] | None = None, *,
                    max_docs: int = 40, ax=None):
    """Where in each article the targets are named (quanteda's x-ray plot): one row per article.

    x is the relative position of the mention in the article text (0 = start, 1 = end).
    """
    targets = targets or sorted(mentions["target"].unique())
    m = mentions[mentions["target"].isin(targets)]
    docs = m["doc_id"].drop_duplicates().head(max_docs).tolist()
    lengths = articles.set_index("doc_id")["text"].str.len()
    ax = _axes(ax, figsize=(8, 0.25 * len(docs) + 1.5))
    for k, target in enumerate(targets):
        t = m[(m["target"] == target) & m["doc_id"].isin(docs)]
        y = t["doc_id"].map({d: i for i, d in enumerate(docs)})
        x = t["start"] / t["doc_id"].map(lengths)
        ax.scatter(x, y, marker="|", s=120, label=target, color=f"C{k}")
    ax.set_yticks(range(len(docs)), [d[-30:] for d in docs], fontsize="x-small")
    ax.set_xlim(0, 1)
    ax.set_xlabel("relative position in the article")
    ax.invert_yaxis()
    ax.legend(fontsize="small", loc="upper right")
    return ax
