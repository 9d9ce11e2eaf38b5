"""Measure target-dependent sentiment on labelled NewsMTSC-format JSONL: ``python -m analysis evaluate-sentiment``.

The command prints, for the chosen method next to the majority-class and ``vader-sentence`` baselines, macro
F1 (F1m), accuracy, F1 over positive and negative only (F1pn, the mean of the two class F1s), per-class
precision and recall, and the confusion matrix. Its last line is always
``F1m=0.xxx acc=0.xxx n=NNN method=NAME`` (n counts target mentions; NAME is the method actually used,
so a fallback shows). This format is how the project is measured from outside: keep it stable.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

LABELS = ("negative", "neutral", "positive")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read_newsmtsc(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read NewsMTSC JSONL into a mentions frame (with the gold ``label``) and a sentences frame.

    Each sentence becomes its own document (``doc_id`` = ``primary_gid``, ``sent_id`` 0, offsets from
    ``from``/``to``, end exclusive). Mentions keep any extra per-target fields (``target``, ``type``,
    ``confidence``, ``reason``) and the record's ``source``; ``target`` defaults to the mention text and
    ``type`` to ``"target"``. A ``group`` column names the article where the id shows it (NewsMTSC ids
    ``allsides_<article>_<event>_...``, ``polusa_v1_<article>_...``) or a ``doc_id`` field gives it (as in the
    files ``annotate`` writes), else the sentence.

    Examples
    --------
    >>> import tempfile, os
    >>> row = {"primary_gid": "x_1", "sentence_normalized": "NATO failed.",
    ...        "targets": [{"from": 0, "to": 4, "mention": "NATO", "polarity": 2.0}]}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "t.jsonl")
    ...     _ = open(p, "w").write(json.dumps(row) + "\\n")
    ...     mentions, sentences = read_newsmtsc(p)
    >>> mentions[["doc_id", "alias", "start", "end", "label"]].to_dict("records")
    [{'doc_id': 'x_1', 'alias': 'NATO', 'start': 0, 'end': 4, 'label': 'negative'}]
    """
    sent_rows, ment_rows = [], []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["sentence_normalized"]
            doc_id = str(rec.get("primary_gid") or f"line{line_no}")
            if doc_id in seen:
                doc_id = f"{doc_id}#{line_no}"
            seen.add(doc_id)
            group = f"doc:{rec['doc_id']}" if rec.get("doc_id") else _article_of(doc_id)
            sent_rows.append({"doc_id": doc_id, "sent_id": 0, "start": 0, "end": len(text), "text": text})
            for t in rec["targets"]:
                s, e = int(t["from"]), int(t["to"])
                if text[s:e] != t.get("mention", text[s:e]):
                    raise ValueError(f"{path}:{line_no}: offsets {s}:{e} do not match {t.get('mention')!r}")
                row = {
                    "doc_id": doc_id, "sent_id": 0, "target": t.get("target", text[s:e]),
                    "type": t.get("type", "target"), "alias": text[s:e], "start": s, "end": e,
                    "label": POLARITY[float(t["polarity"])], "group": group,
                }
                for extra in ("confidence", "reason"):
                    if extra in t:
                        row[extra] = t[extra]
                if "source" in rec:
                    row["source"] = rec["source"]
                ment_rows.append(row)
    sentences = pd.DataFrame(sent_rows, columns=["doc_id", "sent_id", "start", "end", "text"])
    return pd.DataFrame(ment_rows), sentences


def _article_of(gid: str) -> str:
    parts = gid.split("_")
    if parts[0] == "allsides" and len(parts) > 3:
        return "_".join(parts[:3])
    if parts[0] == "polusa" and len(parts) > 3:
        return "_".join(parts[:3])
    return gid


def sentiment_metrics(gold, pred) -> dict:
    """Return F1m, accuracy, F1pn, per-class precision/recall/F1/support and the confusion matrix.

    Examples
    --------
    >>> m = sentiment_metrics(["negative", "neutral", "positive", "neutral"],
    ...                       ["negative", "neutral", "neutral", "neutral"])
    >>> round(m["f1m"], 3), m["acc"], round(m["f1pn"], 3)
    (0.6, 0.75, 0.5)
    """
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    gold = np.asarray(gold, dtype=object)
    pred = np.asarray(pred, dtype=object)
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(LABELS), zero_division=0)
    return {
        "n": len(gold),
        "f1m": float(f.mean()),
        "acc": float((gold == pred).mean()) if len(gold) else float("nan"),
        "f1pn": float((f[0] + f[2]) / 2),
        "per_class": {
            lab: {"precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]), "support": int(s[k])}
            for k, lab in enumerate(LABELS)
        },
        "confusion": confusion_matrix(gold, pred, labels=list(LABELS)).tolist(),
    }


def format_report(name: str, results: dict[str, dict], method: str, by: dict[str, dict] | None = None) -> str:
    """Render the evaluation text; the last line is ``F1m=... acc=... n=... method=...``."""
    chosen = results[method]
    lines = [f"evaluate-sentiment: {name}", ""]
    lines.append(f"{'method':<16} {'F1m':>6} {'acc':>6} {'F1pn':>6}")
    for m, res in results.items():
        lines.append(f"{m:<16} {res['f1m']:6.3f} {res['acc']:6.3f} {res['f1pn']:6.3f}")
    lines += ["", f"per class ({method}):", f"{'':<10} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>6}"]
    for lab, pc in chosen["per_class"].items():
        lines.append(
            f"{lab:<10} {pc['precision']:6.3f} {pc['recall']:6.3f} {pc['f1']:6.3f} {pc['support']:6d}"
        )
    lines += ["", f"confusion matrix ({method}; rows gold, columns predicted):"]
    lines.append(f"{'':<10} " + " ".join(f"{lab[:8]:>8}" for lab in LABELS))
    for lab, row in zip(LABELS, chosen["confusion"], strict=True):
        lines.append(f"{lab:<10} " + " ".join(f"{v:8d}" for v in row))
    if by:
        lines += ["", f"{method} by group:", f"{'group':<28} {'n':>5} {'F1m':>6} {'acc':>6}"]
        for g, res in by.items():
            lines.append(f"{str(g)[:28]:<28} {res['n']:5d} {res['f1m']:6.3f} {res['acc']:6.3f}")
    lines += ["", f"F1m={chosen['f1m']:.3f} acc={chosen['acc']:.3f} n={chosen['n']} method={method}"]
    return "\n".join(lines)


def evaluate_methods(path: str | Path, methods=("model",), by: str | None = None) -> dict:
    """Score every target mention in ``path`` with majority, vader-sentence and ``methods``.

    Returns ``{"n": ..., "results": {method: metrics}, "by": {method: {group: metrics}}, "used": [...]}``
    (``used``: the methods actually run after any fallback)."""
    from analysis.sentiment import score_targets

    mentions, sentences = read_newsmtsc(path)
    if mentions.empty:
        raise ValueError(f"{path}: no target mentions")
    if by and by not in mentions.columns:
        raise ValueError(f"--by {by}: no such field (have {', '.join(mentions.columns)})")
    gold = mentions["label"].to_numpy()
    majority = pd.Series(gold).value_counts().sort_index().idxmax()
    predictions = {"majority": np.array([majority] * len(gold), dtype=object),
                   "vader-sentence": score_targets(mentions, sentences, method="vader-sentence")["label"].to_numpy()}
    used = []
    for method in methods:
        scored = score_targets(mentions, sentences, method=method)
        name = str(scored["method"].iloc[0])
        used.append(name)
        predictions.setdefault(name, scored["label"].to_numpy())
    out = {"n": len(gold), "used": used, "results": {m: sentiment_metrics(gold, p) for m, p in predictions.items()},
           "by": {}}
    if by:
        idx = mentions.groupby(by, sort=True).indices
        out["by"] = {m: {g: sentiment_metrics(gold[i], p[i]) for g, i in idx.items()} for m, p in predictions.items()}
    return out


def stored_figures(method: str) -> str:
    """The validated figures stored with a shipped model (``analysis/data/models/<method>.json``) as text."""
    from analysis import config

    path = config.DATA_DIR / "models" / f"{method}.json"
    if not path.is_file():
        return f"no stored record for {method} ({path})"
    rec = json.loads(path.read_text(encoding="utf-8"))
    lines = [f"stored figures for {method} (version {rec.get('version')}, {path.name}):"]
    cv = rec.get("cv") or {}
    if cv:
        base = cv.get("baselines", {})
        lines.append(f"  NewsMTSC {cv['folds']}-fold CV: F1m {cv['f1m']:.3f} (n={cv['n']}; vader-sentence "
                     f"{base.get('vader-sentence', {}).get('f1m', float('nan')):.3f}, majority "
                     f"{base.get('majority', {}).get('f1m', float('nan')):.3f})")
        dom = cv.get("domain_cv")
        if dom:
            lines.append(f"  domain-labelled set, same folds: F1m {dom['f1m']:.3f} (n={dom['n']}, weight "
                         f"{dom['weight']:g}, indicator {dom['indicator']})")
    test = rec.get("domain_test")
    if test:
        types = ", ".join(f"{t} {v['f1m']:.3f} (n={v['n']})" for t, v in test["by_type"].items())
        lines.append(f"  held-out domain test {test['file']}: F1m {test['f1m']:.3f} (n={test['n']}; vader-sentence "
                     f"{test['baselines']['vader-sentence']['f1m']:.3f}, majority "
                     f"{test['baselines']['majority']['f1m']:.3f})")
        lines.append(f"    by type: {types}")
    ref_path = config.DATA_DIR / "models" / "reference-newsmtsc-only.json"
    if ref_path.is_file():
        ref = json.loads(ref_path.read_text(encoding="utf-8")).get(method)
        if ref:
            lines.append(f"  the NewsMTSC-only {method} it replaced: NewsMTSC CV F1m {ref['newsmtsc_cv_f1m']:.3f}, "
                         f"domain test F1m {ref['domain_test']['f1m']:.3f}")
    return "\n".join(lines)


def evaluate_file(path: str | Path, method: str = "model", by: str | None = None, report: bool = False) -> str:
    """Score every target mention in ``path`` and return the report text (see the module docstring);
    ``report`` adds the figures stored with the shipped model (its CV and held-out scores)."""
    ev = evaluate_methods(path, (method,), by)
    used = ev["used"][0]
    text = format_report(str(path), ev["results"], used, ev["by"].get(used) if by else None)
    if report:
        body, last = text.rsplit("\n", 1)
        text = f"{body}\n{stored_figures(used)}\n\n{last}"
    return text


def register(subparsers) -> None:
    """Add the ``evaluate-sentiment`` sub-command."""
    from analysis.sentiment import METHODS

    p = subparsers.add_parser(
        "evaluate-sentiment",
        help="score a labelled NewsMTSC-format JSONL file and print F1m, accuracy, confusion matrix",
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("file", help="NewsMTSC-format JSONL (sentence_normalized, targets with from/to/polarity)")
    p.add_argument("--method", default="model", choices=METHODS, help="sentiment method (default: model)")
    p.add_argument("--by", default=None, help="also break the scores down by this per-target field (e.g. type)")
    p.add_argument("--report", action="store_true",
                   help="also print the figures stored with the shipped model (NewsMTSC CV, domain CV and test)")
    p.set_defaults(func=_run)


def _run(args) -> int:
    print(evaluate_file(args.file, method=args.method, by=args.by, report=args.report))
    return 0
