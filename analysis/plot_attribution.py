"""Attribution figures: who holds which opinion about whom."""

from __future__ import annotations

import pandas as pd

from analysis.notebook import MIN_MENTIONS

__all__ = ["plot_holder_heatmap"]


def plot_holder_heatmap(table: pd.DataFrame, *, min_n: int = MIN_MENTIONS, holders: list[str] | None = None,
                        targets: list[str] | None = None, ax=None):
    """Holder x target heatmap of mean sentiment (from :func:`analysis.sentiment_by_holder`), annotated with n.

    Colour is the mean score (red negative, blue positive, -1 to +1); each cell shows the mean and the number of
    mentions. Cells resting on fewer than ``min_n`` mentions are washed out and hatched, their text greyed and
    marked ``*``, and the title says how many there are: read them as anecdotes.

    Parameters
    ----------
    table : pandas.DataFrame
        ``holder_for`` (or ``holder``), ``target``, ``n``, ``mean``; one row per cell (filter a period first
        when the table is over time).
    min_n : int
        Cells with fewer mentions are flagged.
    holders, targets : list of str, optional
        Rows and columns to show, in this order (default: holders by number of mentions, targets A-Z).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> t = pd.DataFrame({"holder_for": ["Russia", "Russia", "United States"], "target": ["NATO", "Ukraine", "Russia"],
    ...                   "n": [40, 3, 55], "mean": [-0.4, -0.1, -0.6]})
    >>> ax = plot_holder_heatmap(t)
    >>> [x.get_text() for x in ax.get_yticklabels()], [x.get_text() for x in ax.get_xticklabels()]
    (['United States', 'Russia'], ['NATO', 'Russia', 'Ukraine'])
    >>> sorted(x.get_text() for x in ax.texts)
    ['-0.10\\nn=3 *', '-0.40\\nn=40', '-0.60\\nn=55']
    >>> len(ax.patches), ax.get_title()
    (1, 'mean sentiment by holder (* 1 cell under 30 mentions, hatched)')
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Rectangle

    row = "holder_for" if "holder_for" in table.columns else "holder"
    missing = [c for c in (row, "target", "n", "mean") if c not in table.columns]
    if missing:
        raise ValueError(f"plot_holder_heatmap needs column(s) {missing} (from sentiment_by_holder)")
    if table.duplicated([row, "target"]).any():
        raise ValueError(f"one row per ({row}, target) expected: filter the table to one period first")
    totals = table.groupby(row)["n"].sum().sort_values(ascending=False, kind="stable")
    rows = list(holders) if holders is not None else list(totals.index)
    cols = list(targets) if targets is not None else sorted(table["target"].unique())
    means = table.pivot(index=row, columns="target", values="mean").reindex(index=rows, columns=cols)
    counts = table.pivot(index=row, columns="target", values="n").reindex(index=rows, columns=cols)
    ax = ax or plt.subplots(figsize=(1.1 * len(cols) + 2.5, 0.6 * len(rows) + 1.5))[1]
    image = ax.imshow(means.to_numpy(float), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    thin = 0
    for i in range(len(rows)):
        for j in range(len(cols)):
            n, mean = counts.iat[i, j], means.iat[i, j]
            if pd.isna(n):
                continue
            flagged = n < min_n
            thin += flagged
            colour = "0.3" if flagged else ("white" if abs(mean) > 0.55 else "black")
            sign = "+" if mean >= 0 else ""
            ax.text(j, i, f"{sign}{mean:.2f}\nn={int(n)}" + (" *" if flagged else ""), ha="center", va="center",
                    fontsize=8, color=colour, zorder=3)
            if flagged:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=(1, 1, 1, 0.6), hatch="///",
                                       edgecolor="0.6", linewidth=0, zorder=2))
    ax.set_xticks(np.arange(len(cols)), cols, rotation=30, ha="right")
    ax.set_yticks(np.arange(len(rows)), rows)
    ax.set_xlabel("target")
    ax.set_ylabel("holder speaks for" if row == "holder_for" else "holder")
    note = f" (* {thin} cell{'s' if thin != 1 else ''} under {min_n} mentions, hatched)" if thin else ""
    ax.set_title(f"mean sentiment by holder{note}")
    ax.figure.colorbar(image, ax=ax, label="mean sentiment toward target")
    return ax
