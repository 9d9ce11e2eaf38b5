"""Wall time of report rendering on seeds/: one target brief cold and warm, and a batch of 8 warm briefs.

Cold: an empty cache (loading, sentences, mentions and sentiment scores computed, progress shown). Warm: the
cache filled, so a brief only runs its own cells; timed both inside the kernel and end to end as the batch runs each
brief (its own process: start-up, kernel, cells, HTML), which is the figure the batch is compared with. The batch
renders 8 briefs (4 targets x 2 periods) in parallel kernels with the shared work done once; the targets are one
brief warm <= 15 s and the batch <= 5x one warm brief.

    python benchmarks/bench_reports.py [--corpus seeds] [--jobs 2] [--method model]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="seeds")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--method", default="model")
    parser.add_argument("--skip-cold", action="store_true",
                        help="use the project's own cache (.cache) and measure only warm briefs and the batch")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    if not args.skip_cold:  # an empty cache of our own, read by analysis.config here and in the kernels
        os.environ["ANALYSIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cache-")
    from analysis import config
    from analysis.pipeline import prepare_corpus
    from analysis.report import grid, render_batch, render_report

    cache = config.CACHE_DIR
    base = {"corpus": args.corpus, "method": args.method}
    try:
        start = time.perf_counter()
        prepare_corpus(args.corpus, method=args.method)
        prepare_s = time.perf_counter() - start
        cold = None
        if not args.skip_cold:
            shutil.rmtree(cache)
            cache.mkdir()
            cold = render_report("target-brief", {**base, "target": "NATO"}, out_dir=out, name="cold", progress=True)
        warm = render_report("target-brief", {**base, "target": "NATO"}, out_dir=out, name="warm")
        # the same brief end to end, exactly as each run of the batch is done (`python -m analysis report` in a
        # process of its own: start-up, kernel, cells, HTML), so the batch ratio compares like with like
        start = time.perf_counter()
        single = render_batch("target-brief", [{**base, "target": "NATO"}], out_dir=out / "single", jobs=1,
                              prepare=False, progress=False)
        single_s = time.perf_counter() - start
        runs = [dict(base, **r) for r in grid({"target": ["NATO", "Ukraine", "OSCE", "Russia"],
                                               "start": ["2021-10-01", "2022-02-24"]})]
        start = time.perf_counter()
        batch = render_batch("target-brief", runs, out_dir=out, jobs=args.jobs, progress=True)
        batch_s = time.perf_counter() - start
    finally:
        if not args.skip_cold:
            shutil.rmtree(cache, ignore_errors=True)
    failed = [r for r in [cold, warm, *single, *batch] if r is not None and r.status != "ok"]
    print(f"corpus {args.corpus}, method {args.method}, {args.jobs} parallel kernels, {os.cpu_count()} cores")
    print(f"{'what':<44} {'seconds':>8} {'x warm':>7}")
    what = "shared work alone (load..scores)" + (" from the cache" if args.skip_cold else ", cold cache")
    print(f"{what:<44} {prepare_s:8.1f} {prepare_s / warm.seconds:7.2f}")
    if cold is not None:
        print(f"{'one target brief, cold cache':<44} {cold.seconds:8.1f} {cold.seconds / warm.seconds:7.2f}")
    print(f"{'one target brief, warm cache (kernel only)':<44} {warm.seconds:8.1f} {1:7.2f}")
    print(f"{'one target brief, warm, end to end (wall)':<44} {single_s:8.1f} {single_s / warm.seconds:7.2f}")
    print(f"{'batch of 8 briefs, warm (wall)':<44} {batch_s:8.1f} {batch_s / warm.seconds:7.2f}")
    print(f"targets: warm brief <= 15 s (got {single_s:.1f} end to end, {warm.seconds:.1f} in the kernel); "
          f"batch <= 5x one warm brief (got {batch_s / single_s:.2f}x the end-to-end brief, "
          f"{batch_s / warm.seconds:.2f}x the kernel-only time)")
    if failed:
        print("failed runs:", [(r.run_name, r.error) for r in failed])
        return 1
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
