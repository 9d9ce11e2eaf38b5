"""Validate the attribution gold set in ``tests/data/speakers/`` against the bundled corpus.

Run from anywhere::

    .venv/bin/python tests/data/speakers/check_gold.py

It loads ``seeds/`` with :func:`analysis.load_articles` (and, when a gold doc_id starts with ``ungdc:``, the UN
General Debate file ``../shared/data/ungdc/ungdc_1991_2023.jsonl.gz``; where that file is absent, as in a user's
clone, the ``ungdc:`` records are skipped with a note), checks every record of ``quotes_gold.jsonl``,
``quotes_docs.jsonl``, ``turns_gold.jsonl`` and ``turns_docs.jsonl`` (offsets reproduce the text, values are
valid, every record lies inside its document's ``upto``, gold quotes do not overlap, turns are ordered and
numbered 0.. per document, splits agree with the document lists) and prints counts per split, kind and source.
It exits with status 1 and lists every problem when any check fails.
"""

from __future__ import annotations

import collections
import itertools
import json
import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402

KINDS = {"direct", "indirect", "mixed"}
ROLES = {"official", "journalist", "guest", "other"}
SPLITS = {"dev", "test"}
TARGETS = {"", "NATO", "Ukraine", "Russia", "United States", "European Union", "OSCE", "United Nations"}
QUOTE_KEYS = {"doc_id", "start", "end", "text", "kind", "cue", "speaker", "speaks_for", "split"}
TURN_KEYS = {"doc_id", "turn_id", "start", "end", "label_end", "speaker", "role", "split"}
DOC_KEYS = {"doc_id", "upto", "split"}
#: text between two turns must be empty or start with one of these: an omission or a section break, after
#: which a heading may follow (see docs/attribution-guide.md)
GAP_MARKS = ("<…>", "* * *", "***")
#: the UN General Debate corpus (CC0), only on the project machine and CI; doc_ids "ungdc:ISO_SESSION_YEAR"
UNGDC = ROOT.parent / "shared" / "data" / "ungdc" / "ungdc_1991_2023.jsonl.gz"
UNGDC_PREFIX = "ungdc:"


def read_jsonl(path: Path) -> list[dict]:
    """Read one JSON object per non-empty line of ``path``."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check_docs(name: str, docs: list[dict], texts: dict[str, str], errors: list[str]) -> dict[str, dict]:
    """Check a document list and return it keyed by doc_id."""
    out: dict[str, dict] = {}
    for i, d in enumerate(docs):
        where = f"{name}[{i}] {d.get('doc_id')}"
        if set(d) != DOC_KEYS:
            errors.append(f"{where}: keys {sorted(d)} != {sorted(DOC_KEYS)}")
            continue
        if d["doc_id"] not in texts:
            errors.append(f"{where}: doc_id not in seeds/ (nor in the UN General Debate file)")
            continue
        if d["doc_id"] in out:
            errors.append(f"{where}: duplicate document")
        if d["split"] not in SPLITS:
            errors.append(f"{where}: split {d['split']!r}")
        if not (isinstance(d["upto"], int) and 0 < d["upto"] <= len(texts[d["doc_id"]])):
            errors.append(f"{where}: upto {d['upto']!r} outside 1..{len(texts[d['doc_id']])}")
        out[d["doc_id"]] = d
    return out


def check_quotes(quotes: list[dict], docs: dict[str, dict], texts: dict[str, str], errors: list[str]) -> None:
    """Check the gold quotations."""
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for i, q in enumerate(quotes):
        where = f"quotes_gold[{i}] {q.get('doc_id')} {q.get('start')}"
        if set(q) != QUOTE_KEYS:
            errors.append(f"{where}: keys {sorted(q)} != {sorted(QUOTE_KEYS)}")
            continue
        doc = docs.get(q["doc_id"])
        if doc is None:
            errors.append(f"{where}: document not in quotes_docs.jsonl")
            continue
        text = texts[q["doc_id"]]
        if not (isinstance(q["start"], int) and isinstance(q["end"], int) and 0 <= q["start"] < q["end"]):
            errors.append(f"{where}: bad offsets {q['start']!r}, {q['end']!r}")
            continue
        if text[q["start"]:q["end"]] != q["text"]:
            errors.append(f"{where}: text[start:end] = {text[q['start']:q['end']][:60]!r} != {q['text'][:60]!r}")
        if q["text"] != q["text"].strip():
            errors.append(f"{where}: span starts or ends with white space")
        if q["end"] > doc["upto"]:
            errors.append(f"{where}: ends at {q['end']} after upto {doc['upto']}")
        if q["kind"] not in KINDS:
            errors.append(f"{where}: kind {q['kind']!r}")
        if q["kind"] == "mixed" and not any(m in q["text"] for m in "“\""):
            errors.append(f"{where}: mixed quote without a quotation mark inside")
        if q["cue"] != q["cue"].lower().strip():
            errors.append(f"{where}: cue {q['cue']!r} is not lower case")
        if q["speaks_for"] not in TARGETS:
            errors.append(f"{where}: speaks_for {q['speaks_for']!r} is not a lexicon target")
        if q["split"] != doc["split"]:
            errors.append(f"{where}: split {q['split']!r} != document split {doc['split']!r}")
        if not isinstance(q["speaker"], str):
            errors.append(f"{where}: speaker {q['speaker']!r}")
        by_doc[q["doc_id"]].append(q)
    for doc_id, recs in by_doc.items():
        recs = sorted(recs, key=lambda r: r["start"])
        for a, b in itertools.pairwise(recs):
            if b["start"] < a["end"]:
                errors.append(f"quotes_gold {doc_id}: spans {a['start']}-{a['end']} and {b['start']}-{b['end']} overlap")
    empty = [doc_id for doc_id in docs if doc_id not in by_doc]
    if empty:
        # allowed: an exhaustively read region without reported speech measures false positives
        print(f"note: {len(empty)} annotated document(s) without any quotation in their region")


def check_turns(turns: list[dict], docs: dict[str, dict], texts: dict[str, str], errors: list[str]) -> None:
    """Check the gold speaker turns."""
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for i, t in enumerate(turns):
        where = f"turns_gold[{i}] {t.get('doc_id')} turn {t.get('turn_id')}"
        if set(t) != TURN_KEYS:
            errors.append(f"{where}: keys {sorted(t)} != {sorted(TURN_KEYS)}")
            continue
        doc = docs.get(t["doc_id"])
        if doc is None:
            errors.append(f"{where}: document not in turns_docs.jsonl")
            continue
        text = texts[t["doc_id"]]
        if not (0 <= t["start"] <= t["label_end"] < t["end"] <= len(text)):
            errors.append(f"{where}: offsets start {t['start']} label_end {t['label_end']} end {t['end']}")
            continue
        if text[t["end"] - 1].isspace():
            errors.append(f"{where}: turn ends with white space")
        if text[t["label_end"]].isspace():
            errors.append(f"{where}: label_end points at white space")
        if t["start"] >= doc["upto"]:
            errors.append(f"{where}: starts at {t['start']} after upto {doc['upto']}")
        if t["role"] not in ROLES:
            errors.append(f"{where}: role {t['role']!r}")
        if not t["speaker"]:
            errors.append(f"{where}: empty speaker")
        if t["split"] != doc["split"]:
            errors.append(f"{where}: split {t['split']!r} != document split {doc['split']!r}")
        by_doc[t["doc_id"]].append(t)
    for doc_id, recs in by_doc.items():
        recs = sorted(recs, key=lambda r: r["turn_id"])
        if [r["turn_id"] for r in recs] != list(range(len(recs))):
            errors.append(f"turns_gold {doc_id}: turn_ids {[r['turn_id'] for r in recs]} are not 0..n-1")
        for a, b in itertools.pairwise(recs):
            if b["start"] < a["end"]:
                errors.append(f"turns_gold {doc_id}: turns {a['turn_id']} and {b['turn_id']} overlap or are out of order")
            gap = texts[doc_id][a["end"]:b["start"]].strip()
            if gap and not gap.startswith(GAP_MARKS):
                errors.append(f"turns_gold {doc_id}: text between turns {a['turn_id']} and {b['turn_id']} is in no turn")
    for doc_id in docs:
        if doc_id not in by_doc:
            errors.append(f"turns_docs {doc_id}: no turn annotated")


def load_texts(needs_ungdc: bool) -> tuple[dict[str, str], dict[str, str], bool]:
    """Return (doc_id -> text, doc_id -> source, whether the UN GD file was loaded)."""
    articles, _ = analysis.load_articles(ROOT / "seeds")
    texts = dict(zip(articles["doc_id"], articles["text"]))
    source = dict(zip(articles["doc_id"], articles["source"]))
    if not needs_ungdc:
        return texts, source, False
    if not UNGDC.exists():
        return texts, source, False
    un, _ = analysis.load_articles(UNGDC, progress=False)
    texts.update(zip(un["doc_id"], un["text"]))
    source.update(zip(un["doc_id"], un["source"]))
    return texts, source, True


def main() -> int:
    """Validate the gold files, print counts, and return the exit status."""
    logging.disable(logging.WARNING)
    docs_raw = read_jsonl(HERE / "quotes_docs.jsonl")
    quotes = read_jsonl(HERE / "quotes_gold.jsonl")
    needs_ungdc = any(str(r.get("doc_id", "")).startswith(UNGDC_PREFIX) for r in docs_raw + quotes)
    texts, source, have_ungdc = load_texts(needs_ungdc)
    if needs_ungdc and not have_ungdc:
        n_docs = sum(1 for r in docs_raw if str(r.get("doc_id", "")).startswith(UNGDC_PREFIX))
        n_quotes = sum(1 for r in quotes if str(r.get("doc_id", "")).startswith(UNGDC_PREFIX))
        print(f"note: {UNGDC} not found: skipping {n_docs} UN General Debate document(s) and {n_quotes} "
              "quotation(s) (doc_id 'ungdc:...'); they are checked where ../shared is present")
        docs_raw = [r for r in docs_raw if not str(r.get("doc_id", "")).startswith(UNGDC_PREFIX)]
        quotes = [r for r in quotes if not str(r.get("doc_id", "")).startswith(UNGDC_PREFIX)]
    errors: list[str] = []
    qdocs = check_docs("quotes_docs", docs_raw, texts, errors)
    check_quotes(quotes, qdocs, texts, errors)
    tpath = HERE / "turns_gold.jsonl"
    tdocs = check_docs("turns_docs", read_jsonl(HERE / "turns_docs.jsonl"), texts, errors) if tpath.exists() else {}
    turns = read_jsonl(tpath) if tpath.exists() else []
    check_turns(turns, tdocs, texts, errors)

    counts = collections.Counter((q["split"], source.get(q["doc_id"], "?"), q["kind"]) for q in quotes)
    print(f"quotations: {len(quotes)} in {len(qdocs)} documents")
    print(f"{'split':6} {'source':11} {'direct':>7} {'indirect':>9} {'mixed':>6} {'all':>5} {'docs':>5}")
    for split in sorted(SPLITS):
        for src in sorted({source[d] for d in qdocs}):
            row = [counts[(split, src, k)] for k in ("direct", "indirect", "mixed")]
            ndocs = sum(1 for d in qdocs.values() if d["split"] == split and source[d["doc_id"]] == src)
            print(f"{split:6} {src:11} {row[0]:7} {row[1]:9} {row[2]:6} {sum(row):5} {ndocs:5}")
    tcounts = collections.Counter((t["split"], source.get(t["doc_id"], "?"), t["role"]) for t in turns)
    print(f"turns: {len(turns)} in {len(tdocs)} documents")
    print(f"{'split':6} {'source':11} {'official':>8} {'journalist':>10} {'guest':>6} {'other':>6} {'all':>5} {'docs':>5}")
    for split in sorted(SPLITS):
        for src in sorted({source[d] for d in tdocs}):
            row = [tcounts[(split, src, r)] for r in ("official", "journalist", "guest", "other")]
            ndocs = sum(1 for d in tdocs.values() if d["split"] == split and source[d["doc_id"]] == src)
            print(f"{split:6} {src:11} {row[0]:8} {row[1]:10} {row[2]:6} {row[3]:6} {sum(row):5} {ndocs:5}")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
