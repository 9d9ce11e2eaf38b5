"""What a loaded corpus holds: counts, date range, sources, rejects, duplicates.

Also the ``python -m analysis info PATH...`` command.
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from analysis.load import load_articles


def summarise_corpus(articles: pd.DataFrame, rejects: pd.DataFrame) -> dict[str, Any]:
    """Return the corpus summary as a dict of plain values and small frames.

    Keys: ``inputs`` (= loaded + rejected), ``loaded``, ``rejected``, ``date_min``, ``date_max``,
    ``by_source`` (frame: source, articles, first, last), ``reject_reasons`` (frame: reason, n),
    ``duplicates`` (articles flagged with ``duplicate_of``), ``date_precision`` (counts).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"source": ["a", "a", "b"], "date": pd.to_datetime(["2022-01-01", "2022-02-01", "2021-12-31"]),
    ...     "duplicate_of": [None, "a:1", None], "date_precision": ["day"] * 3})
    >>> rej = pd.DataFrame({"path": ["x.txt"], "line": [None], "reason": ["empty file"]})
    >>> s = summarise_corpus(arts, rej)
    >>> s["inputs"], s["loaded"], s["rejected"], s["duplicates"], str(s["date_min"].date())
    (4, 3, 1, 1, '2021-12-31')
    """
    by_source = (
        articles.groupby("source", observed=True)
        .agg(articles=("date", "size"), first=("date", "min"), last=("date", "max"))
        .reset_index()
        .sort_values("articles", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    # A reason that names a line or a doc_id is grouped by its leading words.
    short = rejects["reason"].astype("string").str.replace(r"\s*\(.*$", "", regex=True)
    reasons = short.value_counts().rename_axis("reason").reset_index(name="n")
    return {
        "inputs": len(articles) + len(rejects),
        "loaded": len(articles),
        "rejected": len(rejects),
        "date_min": articles["date"].min() if len(articles) else None,
        "date_max": articles["date"].max() if len(articles) else None,
        "by_source": by_source,
        "reject_reasons": reasons,
        "duplicates": int(articles["duplicate_of"].notna().sum()),
        "date_precision": articles["date_precision"].value_counts().to_dict(),
    }


def format_summary(articles: pd.DataFrame, rejects: pd.DataFrame, *, max_rejects: int = 20) -> str:
    """Return the summary as the text ``python -m analysis info`` prints."""
    s = summarise_corpus(articles, rejects)
    lines = [f"inputs: {s['inputs']} = {s['loaded']} loaded + {s['rejected']} rejected"]
    if s["loaded"]:
        precision = ", ".join(f"{k} {v}" for k, v in sorted(s["date_precision"].items()))
        lines.append(f"dates: {s['date_min']:%Y-%m-%d} to {s['date_max']:%Y-%m-%d} (precision: {precision})")
        lines.append("articles per source:")
        for row in s["by_source"].itertuples():
            lines.append(f"  {row.source:<24} {row.articles:>7}  {row.first:%Y-%m-%d} .. {row.last:%Y-%m-%d}")
        lines.append(f"duplicates flagged (duplicate_of set): {s['duplicates']}")
    if s["rejected"]:
        lines.append("rejects by reason:")
        lines.extend(f"  {row.n:>6}  {row.reason}" for row in s["reject_reasons"].itertuples())
        lines.append("rejected inputs:")
        for row in rejects.head(max_rejects).itertuples():
            where = row.path if pd.isna(row.line) else f"{row.path}:{row.line}"
            lines.append(f"  {where}: {row.reason}")
        if len(rejects) > max_rejects:
            lines.append(f"  ... and {len(rejects) - max_rejects} more")
    return "\n".join(lines)


def _info(args: argparse.Namespace) -> int:
    mapping = dict(item.split("=", 1) for item in args.map) if args.map else None
    articles, rejects = load_articles(
        args.paths, mapping=mapping, source=args.source, near_duplicates=not args.no_near_duplicates
    )
    print(format_summary(articles, rejects))
    return 0 if len(articles) else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``info`` command."""
    parser = subparsers.add_parser(
        "info",
        help="load files or folders and print what they hold",
        description="Load articles and print: loaded, rejected (with reasons), date range, "
        "articles per source, duplicates flagged. Exits 1 when nothing loads.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    parser.add_argument("--source", help="source name for every article")
    parser.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                        help="column mapping, e.g. --map text=body --map date=published")
    parser.add_argument("--no-near-duplicates", action="store_true", help="flag exact duplicates only")
    parser.set_defaults(func=_info)


def volume_over_time(articles: pd.DataFrame, freq: str = "M", *, by_source: bool = True) -> pd.DataFrame:
    """Articles per period (and source), zero-filled: period, [source,] articles.

    Examples
    --------
    >>> arts = pd.DataFrame({"source": ["a", "b", "a"], "date_precision": "day",
    ...                      "date": pd.to_datetime(["2022-01-03", "2022-01-20", "2022-02-01"])})
    >>> volume_over_time(arts, "M").values.tolist()
    [[Timestamp('2022-01-01 00:00:00'), 'a', 1], [Timestamp('2022-01-01 00:00:00'), 'b', 1], [Timestamp('2022-02-01 00:00:00'), 'a', 1], [Timestamp('2022-02-01 00:00:00'), 'b', 0]]
    """
    from analysis.periods import assign_periods

    frame = articles.assign(period=assign_periods(articles, freq).to_numpy())
    if not by_source:
        return frame.groupby("period").size().rename("articles").reset_index()
    counts = frame.groupby(["period", "source"], observed=True).size().unstack("source", fill_value=0)
    return counts.stack().rename("articles").reset_index().astype({"source": "string"})


def plot_volume(volume: pd.DataFrame, *, ax=None):
    """Stacked bars of ``volume_over_time`` by source; returns the Axes."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 3.5))[1]
    wide = volume.pivot(index="period", columns="source", values="articles") if "source" in volume else \
        volume.set_index("period")[["articles"]]
    bottom = None
    labels = [p.strftime("%Y-%m-%d") for p in wide.index]
    for column in wide.columns:
        ax.bar(labels, wide[column], bottom=bottom, label=str(column))
        bottom = wide[column] if bottom is None else bottom + wide[column]
    ax.set_ylabel("articles")
    ax.tick_params(axis="x", labelrotation=45, labelsize="small")
    ax.legend(fontsize="small")
    return ax
