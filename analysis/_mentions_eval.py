"""Precision and recall of ``find_mentions`` against hand-annotated sentences (private).

The gold file (``tests/data/mentions_gold.jsonl``, described in ``tests/data/mentions_gold.md``)
has one sentence a line: ``text``, optional ``context`` (the sentences before it in its article,
for rules such as "the Alliance" that look back) and ``mentions`` (``target``, ``start``, ``end``,
``surface``; offsets into ``text``). A predicted mention is a true positive when it has the target
of a gold mention and their spans overlap (each gold mention matched at most once); ``exact``
counts only identical spans.
"""

from __future__ import annotations

import json
from os import PathLike

import pandas as pd

from analysis.lexicon import Lexicon, load_lexicon
from analysis.mentions import find_mentions

GROUPS = {"commitment": "commitment/principle", "principle": "commitment/principle"}
ORDER = ["organisation", "state", "person", "commitment/principle", "overall"]


def load_gold(path: str | PathLike) -> list[dict]:
    """Read the gold sentences (one JSON object a line)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(
    gold: list[dict], lexicon: Lexicon | None = None, *, adjectives: bool = False
) -> pd.DataFrame:
    """Run ``find_mentions`` on every gold sentence (after its context); offsets into ``text``."""
    rows = []
    for item in gold:
        texts = [*item.get("context", []), item["text"]]
        start = 0
        for sent_id, text in enumerate(texts):
            rows.append(
                {
                    "doc_id": str(item["id"]),
                    "sent_id": sent_id,
                    "start": start,
                    "end": start + len(text),
                    "text": text,
                }
            )
            start += len(text) + 1
    sentences = pd.DataFrame(rows)
    found = find_mentions(sentences, lexicon, adjectives=adjectives)
    last = sentences.groupby("doc_id")["sent_id"].max()
    offset = sentences.set_index(["doc_id", "sent_id"])["start"]
    found = found[found["sent_id"].to_numpy() == last.loc[found["doc_id"]].to_numpy()].copy()
    base = offset.loc[list(zip(found["doc_id"], found["sent_id"], strict=True))].to_numpy()
    found["start"] -= base
    found["end"] -= base
    found["id"] = found["doc_id"].astype(int)
    return found[["id", "target", "type", "alias", "start", "end"]].reset_index(drop=True)


def evaluate(
    gold: list[dict], lexicon: Lexicon | None = None, *, adjectives: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (scores by target type, list of errors) for ``find_mentions`` on the gold sentences.

    Scores have one row per type group and ``overall``: tp, fp, fn, precision, recall, f1 (overlap
    matching) and exact_tp (identical spans). Errors list every false positive and false negative
    with its sentence id, target, span and surface.
    """
    lexicon = load_lexicon() if lexicon is None else lexicon
    types = {entry.id: entry.type for entry in lexicon}
    predicted = predict(gold, lexicon, adjectives=adjectives)
    by_item = {k: g for k, g in predicted.groupby("id")}
    counts = {name: {"tp": 0, "fp": 0, "fn": 0, "exact_tp": 0} for name in ORDER}
    errors = []
    for item in gold:
        text = item["text"]
        pred = [] if item["id"] not in by_item else by_item[item["id"]].to_dict("records")
        gold_left = list(item["mentions"])
        for p in pred:
            match = next(
                (
                    g
                    for g in gold_left
                    if g["target"] == p["target"]
                    and g["start"] < p["end"]
                    and p["start"] < g["end"]
                ),
                None,
            )
            group = GROUPS.get(types[p["target"]], types[p["target"]])
            if match is None:
                counts[group]["fp"] += 1
                errors.append(
                    {
                        "id": item["id"],
                        "kind": "fp",
                        "target": p["target"],
                        "start": p["start"],
                        "end": p["end"],
                        "surface": text[p["start"] : p["end"]],
                    }
                )
                continue
            gold_left.remove(match)
            counts[group]["tp"] += 1
            counts[group]["exact_tp"] += (match["start"], match["end"]) == (p["start"], p["end"])
        for g in gold_left:
            group = GROUPS.get(types[g["target"]], types[g["target"]])
            counts[group]["fn"] += 1
            errors.append(
                {
                    "id": item["id"],
                    "kind": "fn",
                    "target": g["target"],
                    "start": g["start"],
                    "end": g["end"],
                    "surface": g["surface"],
                }
            )
    for key in ("tp", "fp", "fn", "exact_tp"):
        counts["overall"][key] = sum(counts[name][key] for name in ORDER[:-1])
    scores = pd.DataFrame.from_dict(counts, orient="index").loc[ORDER]
    scores["precision"] = scores["tp"] / (scores["tp"] + scores["fp"]).where(lambda s: s > 0)
    scores["recall"] = scores["tp"] / (scores["tp"] + scores["fn"]).where(lambda s: s > 0)
    scores["f1"] = (
        2 * scores["precision"] * scores["recall"] / (scores["precision"] + scores["recall"])
    )
    scores.index.name = "type"
    return scores, pd.DataFrame(errors, columns=["id", "kind", "target", "start", "end", "surface"])
