"""Loading speed on the UN General Debate corpus (6,174 speeches, 86 M characters).

Prints articles/s and MB/s for a bare ``pandas.read_json(lines=True)`` of the same file (the floor:
no validation, no ids, no duplicate detection) and for ``load_articles`` without and with
near-duplicate detection, each as a ratio to the bare read. Best of ``--repeat`` runs each.

    python benchmarks/bench_load.py [--repeat 3] [--path FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from analysis import config, load_articles


def best_of(repeat: int, fn):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=config.SHARED_DATA_DIR / "ungdc" / "ungdc_1991_2023.jsonl.gz")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"skipped: {args.path} not found (../shared/data is only on the team's machines and CI)")
        return 0

    bare_s, frame = best_of(args.repeat, lambda: pd.read_json(args.path, lines=True))
    n = len(frame)
    mb = frame["text"].str.len().sum() / 1e6
    rows = [("pandas.read_json(lines=True)", bare_s, n)]
    exact_s, res = best_of(args.repeat, lambda: load_articles(args.path, source="ungdc", near_duplicates=False))
    rows.append(("load_articles, exact duplicates only", exact_s, len(res.articles)))
    near_s, res = best_of(args.repeat, lambda: load_articles(args.path, source="ungdc"))
    rows.append(("load_articles, + near-duplicates", near_s, len(res.articles)))

    print(f"corpus: {args.path.name}: {n} records, {mb:.1f} M characters; best of {args.repeat}")
    print(f"{'method':<40} {'seconds':>8} {'articles/s':>11} {'MB/s':>7} {'x bare':>7}")
    for name, seconds, count in rows:
        print(f"{name:<40} {seconds:8.2f} {count / seconds:11.0f} {mb / seconds:7.1f} {seconds / bare_s:7.2f}")
    flagged = int(res.articles.duplicate_of.notna().sum())
    print(f"duplicates flagged: {flagged}; rejects: {len(res.rejects)}")
    print(f"targets: validation <= 2.00x bare (got {exact_s / bare_s:.2f}x); "
          f"with near-duplicates <= 5.00x (got {near_s / bare_s:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
