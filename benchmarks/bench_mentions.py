"""Speed of split_sentences + find_mentions on the UN General Debate corpus, against the floor.

    python benchmarks/bench_mentions.py [--limit N] [--repeat R]

The floor is what any mention counter must at least do: one compiled alternation of every literal
alias of the lexicon (longest first, ``\\b`` on both sides) scanned over the raw article texts.
Also printed: the same trie-shaped expression ``find_mentions`` compiles (aliases only, no
patterns, no rules, no sentences), which is a faster floor than the plain alternation. Target:
sentences + mentions within 4x of the floor. Needs ../shared/data (exits 0 with a message if
absent).
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from analysis import config
from analysis.lexicon import load_lexicon
from analysis.mentions import find_mentions
from analysis.sentences import split_sentences

CORPUS = config.SHARED_DATA_DIR / "ungdc" / "ungdc_1991_2023.jsonl.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N speeches")
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs (default 1)")
    args = parser.parse_args(argv)
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (../shared/data is only on the team's machines and CI)")
        return 0
    import pandas as pd

    started = time.perf_counter()
    articles = pd.read_json(CORPUS, lines=True)[["doc_id", "text"]]
    if args.limit:
        articles = articles.head(args.limit)
    texts = articles["text"].tolist()
    n_docs, n_mb = len(texts), sum(len(t.encode("utf-8")) for t in texts) / 1e6
    read = time.perf_counter() - started
    print(f"corpus: {CORPUS.name}, {n_docs:,} speeches, {n_mb:.1f} MB (read in {read:.1f} s)")

    lexicon = load_lexicon()
    matcher = lexicon.matcher()  # compiled once, outside the timings (as in a real run)
    literals = sorted(
        {a for e in lexicon for a in (*e.aliases, *(c.alias for c in e.conditional if c.alias))},
        key=len,
        reverse=True,
    )
    floor = re.compile(r"\b(?:" + "|".join(map(re.escape, literals)) + r")\b")
    trie = matcher.trie_regex

    def scan(regex):
        return sum(1 for text in texts for _ in regex.finditer(text))

    timings: dict[str, float] = {}
    counts: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, run in [
            ("floor: plain alternation", lambda: scan(floor)),
            ("floor: trie alternation", lambda: scan(trie)),
            ("split_sentences", lambda: split_sentences(articles)),
        ]:
            t0 = time.perf_counter()
            result = run()
            timings[name] = min(timings.get(name, float("inf")), time.perf_counter() - t0)
            counts[name] = result if isinstance(result, int) else len(result)
        sentences = split_sentences(articles)
        t0 = time.perf_counter()
        mentions = find_mentions(sentences, lexicon)
        timings["find_mentions"] = min(
            timings.get("find_mentions", float("inf")), time.perf_counter() - t0
        )
        counts["find_mentions"] = len(mentions)
    timings["sentences + mentions"] = timings["split_sentences"] + timings["find_mentions"]
    counts["sentences + mentions"] = counts["find_mentions"]

    base = timings["floor: plain alternation"]
    columns = ("seconds", 8), ("articles/s", 11), ("MB/s", 7), ("x floor", 8), ("matches", 9)
    print(f"{'step':26s} " + " ".join(f"{name:>{width}s}" for name, width in columns))
    for name, seconds in timings.items():
        print(
            f"{name:26s} {seconds:8.2f} {n_docs / seconds:11,.0f} {n_mb / seconds:7.1f} "
            f"{seconds / base:8.2f} {counts[name]:9,d}"
        )
    ratio = timings["sentences + mentions"] / base
    trie_ratio = timings["sentences + mentions"] / timings["floor: trie alternation"]
    print(
        f"sentences + mentions = {ratio:.2f}x the plain-alternation floor (target <= 4x: "
        f"{'met' if ratio <= 4 else 'NOT met'}), {trie_ratio:.2f}x the trie floor; "
        f"{counts['split_sentences']:,} sentences"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
