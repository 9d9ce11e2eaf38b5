"""Build the domain-labelled sentiment set from the coders' files: adjudicate, merge, split.

    python tests/data/domain/build_domain_set.py

1. Rows a coder flagged in the note as "not the target" but labelled neutral (the labelling brief first allowed
   only three labels) become ``skip``, as the guide (docs/annotation-guide.md, section 1 step 1) says.
2. ``analysis.import_coded`` validates every file, merges the rows and measures agreement on the double-coded
   subset (coder_D_double.csv against the chunk coders A, B and C).
3. The disagreements are adjudicated with the decisions below (each also in the guide's adjudication log).
4. The labelled rows are split by article (no article on both sides), 80% train / 20% test, stably: an article
   keeps the split it had in the committed files, a new one is assigned by a hash of its doc_id (see
   ``assign_splits``); the test split is never trained or tuned on. tests/data/domain_sentiment_test.jsonl (174 mentions labelled for the
   sentiment issue) is a second, earlier test file and stays separate.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis._annotate_io import read_labelled, to_newsmtsc, write_jsonl
from analysis.annotate import import_coded

HERE = Path(__file__).resolve().parent
SEED = 20221124
TEST_SHARE = 0.2

#: row_id -> (label, rule learnt); see the adjudication log in docs/annotation-guide.md.
ADJUDICATED = {
    "domain_ungdc_93ffcbf434_126_134": ("positive", "supporting the adoption of a commitment upholds it (3.6)"),
    "domain_ungdc_9ecc26e2f2_277_295": ("positive", "a commitment named as the foundation of ideals built on (3.6)"),
    "domain_ungdc_f7c440281b_18_31": ("neutral", "a commitment's era described, no judgement of it: torn -> neutral"),
    "domain_ungdc_823d9e93eb_162_184": ("positive", "asking guarantees against the use of force upholds the principle"),
    "domain_ungdc_4b3958e7e6_24_37": ("positive", "a commitment's signing described as a step to peace and unity"),
    "domain_ungdc_5c22a08d44_69_109": ("skip", "'peace, security and development are indivisible' is not the principle"),
    "domain_kremlin_aa28b14119_194_220": ("neutral", "'fundamental principle' is a term of art: yardstick of a violation"),
}


def _docs_in(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def assign_splits(doc_ids: pd.Series) -> np.ndarray:
    """``train`` / ``test`` per row, by article, stable as the set grows.

    An article already in ``domain_test.jsonl`` or ``domain_train.jsonl`` keeps its split (a test split
    must never move: the first release drew 20% of its 913 articles at random, seed ``SEED``); a new
    article goes to test when the BLAKE2b hash of its doc_id, read as a fraction, is below ``TEST_SHARE``.
    """
    test_before, train_before = _docs_in(HERE / "domain_test.jsonl"), _docs_in(HERE / "domain_train.jsonl")

    def split(doc_id: str) -> str:
        if doc_id in test_before:
            return "test"
        if doc_id in train_before:
            return "train"
        h = int.from_bytes(hashlib.blake2b(f"{SEED}|{doc_id}".encode(), digest_size=8).digest(), "big")
        return "test" if h / 2**64 < TEST_SHARE else "train"

    return doc_ids.map(split).to_numpy()


def main() -> int:
    coded = sorted((HERE / "coded").glob("coder_*.csv"))
    work = Path(tempfile.mkdtemp(prefix="domain-set-"))
    flipped = 0
    for path in coded:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        flag = frame["note"].str.match(r"(?i)\s*not the target") & (frame["label"] != "skip")
        flipped += int(flag.sum())
        frame.loc[flag, "label"] = "skip"
        frame.to_csv(work / path.name, index=False, encoding="utf-8-sig")
    labelled = work / "labelled.jsonl"
    result = import_coded([work / p.name for p in coded], out=labelled, disagreements=work / "disagreements.csv")
    print(f"coded files: {len(coded)}; rows flagged 'not the target' turned into skip: {flipped}")
    print(result.agreement if hasattr(result, "agreement") else "")
    disagreements = pd.read_csv(work / "disagreements.csv", dtype=str, keep_default_na=False)
    unknown = set(disagreements["row_id"]) - set(ADJUDICATED)
    if unknown:
        print(f"disagreements without an adjudication decision: {sorted(unknown)}", file=sys.stderr)
        return 1
    decided = disagreements[[c for c in disagreements.columns if not c.startswith(("label_", "note_"))]].copy()
    decided["label"] = decided["row_id"].map(lambda r: ADJUDICATED[r][0])
    decided["note"] = decided["row_id"].map(lambda r: "adjudicated: " + ADJUDICATED[r][1])
    decided.to_csv(work / "adjudicated.csv", index=False, encoding="utf-8-sig")
    import_coded([work / "adjudicated.csv"], out=labelled)

    rows = read_labelled(labelled)
    rows = rows[rows["label"].isin(["negative", "neutral", "positive"])].reset_index(drop=True)
    rows["split"] = assign_splits(rows["doc_id"])
    for split in ("train", "test"):
        part = rows[rows["split"] == split].drop(columns="split")
        write_jsonl(to_newsmtsc(part), HERE / f"domain_{split}.jsonl")
    summary = rows.groupby(["split", "label"]).size().unstack(fill_value=0)
    summary["total"] = summary.sum(axis=1)
    print(summary.to_string())
    print(rows.groupby(["split", "type"]).size().unstack(fill_value=0).to_string())
    print(f"labelled mentions: {len(rows)} in {rows['doc_id'].nunique()} articles; "
          f"negative {np.mean(rows['label'] == 'negative'):.1%}, positive {np.mean(rows['label'] == 'positive'):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
