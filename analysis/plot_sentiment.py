"""Sentiment figures: over time with interval bands, sources compared with diverging bars."""

from __future__ import annotations

import pandas as pd


def plot_sentiment_over_time(frame: pd.DataFrame, *, ax=None):
    """Mean score per period with its 95% band, one line per group (from ``sentiment_over_time``).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = pd.DataFrame({"target": "NATO", "source": "k", "period": pd.to_datetime(["2022-01-01", "2022-02-01"]),
    ...                   "mean_score": [-0.2, -0.4], "ci_low": [-0.5, -0.6], "ci_high": [0.1, -0.2]})
    >>> ax = plot_sentiment_over_time(f)
    >>> len(ax.lines), len(ax.collections)
    (2, 1)
    """
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 4))[1]
    groups = [c for c in frame.columns if c in ("target", "source", "holder_for")]
    for k, (key, group) in enumerate(frame.groupby(groups, observed=True) if groups else [("all", frame)]):
        label = " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        ax.plot(group["period"], group["mean_score"], marker="o", markersize=3, label=label, color=f"C{k}")
        ax.fill_between(group["period"], group["ci_low"], group["ci_high"], alpha=0.2, color=f"C{k}")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-1, 1)
    ax.set_ylabel("mean sentiment toward target (95% interval)")
    ax.legend(fontsize="small")
    ax.figure.autofmt_xdate()
    return ax


def plot_compare_sources(frame: pd.DataFrame, *, ax=None):
    """Diverging bars of each source's mean score with its interval (from ``compare_sources``)."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(7, 0.45 * len(frame) + 1.2))[1]
    colours = ["tab:red" if m < 0 else "tab:blue" for m in frame["mean_score"]]
    errors = [(frame["mean_score"] - frame["ci_low"]).fillna(0), (frame["ci_high"] - frame["mean_score"]).fillna(0)]
    ax.barh(range(len(frame)), frame["mean_score"], xerr=errors, color=colours)
    ax.set_yticks(range(len(frame)), [f"{s} (n={n})" for s, n in zip(frame["source"], frame["n"])])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean sentiment toward target (95% interval)")
    return ax
