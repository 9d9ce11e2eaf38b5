"""Speed of split_turns and find_quotes (documents/s) on the White House corpus, and on the UN General Debate.

    python benchmarks/bench_speakers.py [--limit N] [--un-limit N] [--detector]

The comparison point, timed in the same run: a bare regular expression pairing quotation marks
(``“[^”]*”|"[^"]*"``) scanned over the same texts, which any quotation finder must at least do.
The White House file ships in seeds/; the UN General Debate is read from ../shared/data when present
(otherwise the script says it skipped it).
"""

from __future__ import annotations

import argparse
import re
import sys
import time

import pandas as pd

from analysis import config
from analysis.load import load_articles
from analysis.quotes import find_quotes
from analysis.speakers import load_speakers, split_turns

WHITEHOUSE = config.SEEDS_DIR / "whitehouse_2021-10_2022-07.jsonl.gz"
UNGDC = config.SHARED_DATA_DIR / "ungdc" / "ungdc_1991_2023.jsonl.gz"
BARE = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _bench(name: str, articles: pd.DataFrame, detector: bool = False) -> None:
    texts = articles["text"].tolist()
    n_docs, n_mb = len(texts), sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{name}: {n_docs:,} documents, {n_mb:.1f} MB")
    load_speakers()  # compiled once, outside the timings
    timings, counts = {}, {}
    for step, run in [
        ("bare quote regex", lambda: sum(1 for t in texts for _ in BARE.finditer(t))),
        ("split_turns", lambda: len(split_turns(articles))),
        ("find_quotes", lambda: len(find_quotes(articles))),
        *([("+ detector", lambda: len(find_quotes(articles, detector=_uncached()))),
           ("+ detector (all)", lambda: len(find_quotes(articles, detector=_uncached(prefilter=False))))]
          if detector else []),
    ]:
        t0 = time.perf_counter()
        counts[step] = run()
        timings[step] = time.perf_counter() - t0
    base = timings["bare quote regex"]
    print(f"  {'step':18s} {'seconds':>8s} {'docs/s':>10s} {'MB/s':>7s} {'x bare':>8s} {'rows':>9s}")
    for step, seconds in timings.items():
        print(
            f"  {step:18s} {seconds:8.2f} {n_docs / seconds:10,.0f} {n_mb / seconds:7.2f} "
            f"{seconds / base:8.1f} {counts[step]:9,d}"
        )


def _uncached(prefilter: bool = True):
    """The shipped detector with nothing cached, as on a first run; ``prefilter=False`` reads every sentence (the
    "+ detector (all)" row: what the prefilter saves)."""
    from analysis.speech_detector import ReportedSpeechDetector

    return ReportedSpeechDetector(cache=False, prefilter=prefilter)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N White House documents")
    parser.add_argument("--un-limit", type=int, default=1000, help="UN speeches to time (default 1000; 0 = all)")
    parser.add_argument("--detector", action="store_true",
                        help="also find_quotes joined to the learned sentence detector (first run, nothing cached)")
    args = parser.parse_args(argv)
    articles, _ = load_articles(WHITEHOUSE, source="whitehouse")
    if args.limit:
        articles = articles.head(args.limit)
    _bench("White House (seeds/)", articles, args.detector)
    if not UNGDC.is_file():
        print(f"UN General Debate: skipped ({UNGDC} not found; ../shared/data is only on the team's machines and CI)")
        return 0
    un = pd.read_json(UNGDC, lines=True)
    if args.un_limit:
        un = un.head(args.un_limit)
    un = un.assign(source="ungdc")[["doc_id", "text", "speaker", "source"]]
    _bench("UN General Debate (../shared/data)", un, args.detector)
    return 0


if __name__ == "__main__":
    sys.exit(main())
