"""Precision, recall and F1 of find_mentions on the hand-annotated gold sentences, by target type.

    python benchmarks/eval_mentions.py [--gold FILE] [--errors] [--adjectives]

Matching: a predicted mention counts when a gold mention has the same target and an overlapping
span (each gold mention matched once); ``exact`` is the share of true positives with identical
spans. The gold set is described in tests/data/mentions_gold.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis import config
from analysis._mentions_eval import evaluate, load_gold

GOLD = config.PROJECT_DIR / "tests" / "data" / "mentions_gold.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--errors", action="store_true", help="list every false positive and negative"
    )
    parser.add_argument(
        "--adjectives", action="store_true", help="run find_mentions(adjectives=True)"
    )
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    scores, errors = evaluate(gold, adjectives=args.adjectives)
    _print(f"all: {args.gold.name}", gold, scores)
    held_out = [g for g in gold if g.get("split") == "held_out"]
    if held_out:  # annotated after the last lexicon change: the honest estimate
        _print("held_out only", held_out, evaluate(held_out, adjectives=args.adjectives)[0])
    if args.errors and len(errors):
        with pd.option_context(
            "display.width", 160, "display.max_colwidth", 80, "display.max_rows", 500
        ):
            print(errors.to_string(index=False))
    return 0


def _print(title: str, gold: list[dict], scores: pd.DataFrame) -> None:
    print(f"{title}: {len(gold)} sentences, {sum(len(g['mentions']) for g in gold)} mentions")
    table = scores.assign(exact=scores["exact_tp"] / scores["tp"]).drop(columns="exact_tp")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table.to_string())
    print()


if __name__ == "__main__":
    sys.exit(main())
