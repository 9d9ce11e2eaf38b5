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


def plot_target_source(frame: pd.DataFrame, *, ax=None):
    """Target x source diverging bars: one row per target, one bar per source, with 95% intervals.

    ``frame`` is ``sentiment_over_time(scored, articles, by=["target", "source"], freq=None)``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = pd.DataFrame({"target": ["NATO", "NATO", "Russia"], "source": ["k", "w", "w"],
    ...                   "mean_score": [-0.5, 0.4, -0.6], "ci_low": [-0.7, 0.2, -0.8], "ci_high": [-0.3, 0.6, -0.4],
    ...                   "n": [10, 12, 9]})
    >>> ax = plot_target_source(f)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (3, ['NATO', 'Russia'])
    """
    import matplotlib.pyplot as plt
    import numpy as np

    targets = list(dict.fromkeys(frame["target"]))
    sources = list(dict.fromkeys(frame["source"]))
    ax = ax or plt.subplots(figsize=(8, 0.6 * len(targets) * max(1, len(sources)) ** 0.5 + 1.5))[1]
    height = 0.8 / max(1, len(sources))
    for k, source in enumerate(sources):
        part = frame[frame["source"] == source]
        rows = np.array([targets.index(t) for t in part["target"]], dtype=float)
        y = rows - 0.4 + height * (k + 0.5)
        err = [(part["mean_score"] - part["ci_low"]).fillna(0).clip(lower=0),
               (part["ci_high"] - part["mean_score"]).fillna(0).clip(lower=0)]
        ax.barh(y, part["mean_score"], height=height * 0.9, xerr=err, color=f"C{k}", label=str(source),
                error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.set_yticks(range(len(targets)), targets)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean sentiment toward target (95% interval; articles resampled)")
    ax.legend(fontsize="small", title="source")
    return ax


def plot_sentence_table(frame: pd.DataFrame, *, width: int = 90, ax=None):
    """A small table of sentences (from ``sentence_extremes``): target, score, source, date, sentence.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = pd.DataFrame({"target": ["NATO"], "label": ["negative"], "score": [-0.9], "source": ["k"],
    ...                   "date": pd.to_datetime(["2022-01-05"]), "sentence": ["NATO lies."]})
    >>> ax = plot_sentence_table(f)
    >>> ax.tables[0].get_celld()[(1, 4)].get_text().get_text()
    'NATO lies.'
    """
    import textwrap

    import matplotlib.pyplot as plt

    columns = [c for c in ("target", "score", "source", "date", "sentence") if c in frame.columns]
    cells = []
    for _, row in frame.iterrows():
        values = []
        for c in columns:
            v = row[c]
            if c == "score":
                v = f"{v:+.2f}"
            elif c == "date":
                v = "" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")
            elif c == "sentence":
                v = textwrap.shorten(str(v), width=width, placeholder=" …")
            values.append(str(v))
        cells.append(values)
    ax = ax or plt.subplots(figsize=(12, 0.35 * len(cells) + 0.8))[1]
    ax.axis("off")
    if not cells:
        ax.text(0.5, 0.5, "no sentences", ha="center", va="center")
        return ax
    table = ax.table(cellText=cells, colLabels=columns, loc="center", cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.auto_set_column_width(list(range(len(columns))))
    if "label" in frame.columns:
        for r, label in enumerate(frame["label"], start=1):
            colour = {"negative": "#f6d5d5", "positive": "#d5e3f6"}.get(label)
            if colour:
                for c in range(len(columns)):
                    table[(r, c)].set_facecolor(colour)
    return ax
