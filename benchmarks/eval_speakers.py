"""Score find_quotes and split_turns against the attribution gold set, dev and test separately.

    python benchmarks/eval_speakers.py [--gold-dir DIR] [--errors] [--detector [THRESHOLD]]
    python benchmarks/eval_speakers.py --seeds-summary

Protocol (citron's; details in analysis/_speakers_eval.py): quote span precision / recall / F1,
exact (edges stripped of white space and punctuation) and overlap, speaker accuracy over the
overlap-matched quotes, by kind; turn boundary F1 (start within 3 characters) and speaker accuracy.
``--errors`` lists the dev split's misses and false alarms (never the test split's: do not tune on it).
``--seeds-summary`` runs find_quotes over the whole of ``seeds/`` (no gold, no scores) and prints the 30
most frequent speakers and, by source, the share of quotations with an empty or a suspicious speaker
(a pronoun, a possessive, a lower-case phrase: ``analysis._speakers_eval.suspicious_speaker``).
Issue 8's targets: speaker accuracy >= 0.90, quote F1 (overlap) >= 0.85.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from analysis._speakers_eval import (
    GOLD_DIR,
    agreement,
    evaluate,
    gold_articles,
    read_jsonl,
    same_speaker,
    seeds_summary,
    strip_span,
    suspicious_speaker,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    parser.add_argument("--errors", action="store_true", help="list the dev split's errors")
    parser.add_argument(
        "--seeds-summary", action="store_true", help="speaker distribution of find_quotes over seeds/ (no scoring)"
    )
    parser.add_argument(
        "--agreement", action="store_true",
        help="inter-annotator agreement on the doubly annotated dev documents, beside the extractor's score",
    )  # fmt: skip
    parser.add_argument(
        "--detector", nargs="?", const="shipped", metavar="THRESHOLD",
        help="join the learned sentence detector to the rules (analysis/speech_detector.py), at its shipped "
             "threshold or at THRESHOLD",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.agreement:
        _agreement(args.gold_dir)
        return 0
    if args.seeds_summary:
        _seeds_summary()
        return 0
    if not (args.gold_dir / "quotes_gold.jsonl").exists() and not (args.gold_dir / "turns_gold.jsonl").exists():
        print(f"skipped: no gold files in {args.gold_dir}")
        return 0
    detector = None
    if args.detector:
        from analysis.speech_detector import ReportedSpeechDetector

        detector = ReportedSpeechDetector(threshold=None if args.detector == "shipped" else float(args.detector))
        print(f"rules joined to the learned detector, threshold {detector.threshold:.2f}")
    results = evaluate(("dev", "test"), args.gold_dir, detector=detector)
    for split, res in results.items():
        print(f"== {split}: quotes in {res['n_docs_quotes']} documents, turns in {res['n_docs_turns']} documents")
        if res["missing_docs"]:
            print(f"   ({len(res['missing_docs'])} gold documents not on this machine, left out of both splits)")
        with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160):
            print(res["quotes"].to_string(index=False))
        ci, overall = res["intervals"], res["quotes"].set_index("kind").loc["overall"]
        f1, spk = (f"{_f(overall[k])} [{_f(ci[c][0])}, {_f(ci[c][1])}]" for k, c in
                   (("f1_overlap", "f1"), ("speaker_acc", "speaker")))  # fmt: skip
        print(f"overall F1 (overlap) {f1}, speaker accuracy {spk}: {ci['level']:.0%} intervals, {ci['docs']} documents "
              f"resampled {ci['n']} times (targets: F1 >= 0.85, speaker >= 0.90)")
        t = res["turns"]
        print(
            f"turns: n_gold={t['n_gold']} n_pred={t['n_pred']} P={_f(t['precision'])} R={_f(t['recall'])} "
            f"F1={_f(t['f1'])} speaker_acc={_f(t['speaker_acc'])} role_acc={_f(t['role_acc'])}"
        )
        print()
    if args.errors:
        _errors(args.gold_dir)
    return 0


def _f(x: float) -> str:
    return "nan" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


def _seeds_summary() -> None:
    from analysis import config
    from analysis.load import load_articles
    from analysis.quotes import find_quotes

    articles, _ = load_articles(config.SEEDS_DIR)
    quotes = find_quotes(articles)
    top, shares = seeds_summary(quotes, top=30)
    n_docs = quotes["doc_id"].nunique()
    print(f"find_quotes over seeds/: {len(quotes):,} quotations in {n_docs:,} of {len(articles):,} documents")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160):
        print(shares.to_string(index=False))
        print()
        print(top.to_string())
    flagged = quotes.loc[quotes["speaker"].map(suspicious_speaker), "speaker"].value_counts().head(15)
    print("\nmost frequent suspicious speakers:", ", ".join(f"{s!r} ({n})" for s, n in flagged.items()) or "none")


def _agreement(gold_dir: Path) -> None:
    if not (gold_dir / "agreement" / "quotes_second.jsonl").exists():
        print(f"skipped: no second annotation in {gold_dir / 'agreement'}")
        return
    res = agreement(gold_dir)
    print(f"== agreement: {res['n_docs']} doubly annotated dev documents (gold = reference)")
    cols = ["kind", "n_gold", "n_pred", "f1_exact", "p_overlap", "r_overlap", "f1_overlap", "speaker_acc", "kind_acc"]
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160):
        print("second annotator vs gold:")
        print(res["humans"][cols].to_string(index=False))
        print("find_quotes vs gold, same documents:")
        print(res["extractor"][cols].to_string(index=False))


def _errors(gold_dir: Path) -> None:
    from analysis.quotes import find_quotes
    from analysis.speakers import split_turns

    docs = [d for d in read_jsonl(gold_dir / "quotes_docs.jsonl") if d["split"] == "dev"]
    gold = [q for q in read_jsonl(gold_dir / "quotes_gold.jsonl") if q["split"] == "dev"]
    tdocs = [d for d in read_jsonl(gold_dir / "turns_docs.jsonl") if d["split"] == "dev"]
    tgold = [t for t in read_jsonl(gold_dir / "turns_gold.jsonl") if t["split"] == "dev"]
    articles, missing = gold_articles({d["doc_id"] for d in docs + tdocs})
    docs, tdocs = [d for d in docs if d["doc_id"] not in missing], [d for d in tdocs if d["doc_id"] not in missing]
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    pred = find_quotes(articles)
    for d in docs:
        text = texts[d["doc_id"]]
        g = [q for q in gold if q["doc_id"] == d["doc_id"]]
        p = pred[(pred.doc_id == d["doc_id"]) & (pred.start < d["upto"])]
        print(f"--- {d['doc_id']} (upto {d['upto']})")
        for q in g:
            gs, ge = strip_span(text, q["start"], q["end"])
            hits = p[(p.start < ge) & (gs < p.end)]
            if hits.empty:
                print(f"  MISS  {q['kind']:8} {q['speaker']!r:24} {text[q['start']:q['end']][:110]!r}")
            else:
                h = hits.iloc[0]
                flags = []
                if (int(h.start), int(h.end)) != strip_span(text, q["start"], q["end"]) and strip_span(
                    text, int(h.start), int(h.end)
                ) != (gs, ge):
                    flags.append(f"span {h.start}-{h.end} vs {q['start']}-{q['end']}")
                if not same_speaker(q["speaker"], h.speaker):
                    flags.append(f"speaker {h.speaker!r} vs {q['speaker']!r}")
                if h.kind != q["kind"]:
                    flags.append(f"kind {h.kind} vs {q['kind']}")
                if flags:
                    print(f"  DIFF  {'; '.join(flags)}: {text[q['start']:q['end']][:90]!r}")
        for r in p.itertuples():
            if not any(r.start < q["end"] and q["start"] < r.end for q in g):
                print(f"  FALSE {r.kind:8} {r.speaker!r:24} {r.text[:110]!r}")
    turns = split_turns(articles)
    for d in tdocs:
        g = [t for t in tgold if t["doc_id"] == d["doc_id"]]
        p = turns[(turns.doc_id == d["doc_id"]) & (turns.start < d["upto"])]
        starts = p.start.tolist()
        print(f"--- turns {d['doc_id']} (upto {d['upto']})")
        for t in g:
            near = [s for s in starts if abs(s - t["start"]) <= 3]
            if not near:
                print(f"  MISS  {t['start']} {t['speaker']!r}")
            else:
                row = p[p.start == near[0]].iloc[0]
                if not same_speaker(t["speaker"], row.speaker) or row.role != t["role"]:
                    print(f"  DIFF  {t['start']} {row.speaker!r}/{row.role} vs {t['speaker']!r}/{t['role']}")
        for s in starts:
            if not any(abs(s - t["start"]) <= 3 for t in g):
                print(f"  FALSE {s} {p[p.start == s].iloc[0].speaker!r}")


if __name__ == "__main__":
    sys.exit(main())
