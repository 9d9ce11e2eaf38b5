"""A learned detector of reported speech, sentence by sentence: ``python -m analysis.speech_detector``.

The rules of :mod:`analysis.quotes` are precise but miss reported speech phrased in ways they do not know
("as we said in the email", "experts agree that", previews of what the President "will highlight"). This module
fine-tunes MiniLM's encoder layers and a linear head (:class:`analysis._sentiment_finetune.MentionFineTuner`,
the machinery of the sentiment model) to say whether a sentence holds reported speech, reading it with the text
on either side. ``find_quotes(articles, detector=True)`` joins it to the rules.

Training data: every sentence of the annotated regions of the gold set's **dev** split
(``tests/data/speakers``), positive when a gold quotation overlaps it. The test split is never used here.
``python -m analysis.speech_detector train`` holds out a fifth of the dev documents (grouped folds; ``--scored``
for more), picks the threshold there and reports precision, recall and F1 next to the rules and a cue-word
baseline, then fits on all of dev and writes ``analysis/data/models/reported-speech-encoder.npz`` (the
fine-tuned layers, float16) and ``reported-speech.json`` (head, threshold, parameters, the held-out record).
Everything is seeded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis import config

logger = logging.getLogger(__name__)

MODEL_DIR = config.PROJECT_DIR / "analysis" / "data" / "models"
MODEL_JSON = MODEL_DIR / "reported-speech.json"
MODEL_LAYERS = MODEL_DIR / "reported-speech-encoder.npz"
PARAMS = {"layers": 6, "epochs": 2, "lr": 5e-5, "head_lr": 1e-3, "batch_size": 32, "weight_decay": 0.01,
          "dropout": 0.1, "warmup": 0.1, "window": 16, "max_tokens": 160}  # fmt: skip
#: a sentence is read with this many characters of the text on each side (cut at sentence bounds)
CONTEXT_CHARS = 300
CUE_WORDS = re.compile(
    r"[“”\"]|\b(?:said|says|say|told|tells|stated|added|noted|stressed|emphasi[sz]ed|according\s+to|announced|"
    r"warned|argued|claimed|insisted|explained|mentioned|wrote|asked|believes|reiterated|confirmed)\b",
    re.IGNORECASE,
)


#: words of belief and wording that the broad speech-word list of :mod:`analysis.quotes` lacks
_HINT_WORDS = re.compile(r"\b(?:believes?|think|thinks|view|wants|quote|words|expression|saying|clear|agree)\b",
                         re.IGNORECASE)


def speech_hint(sentence: str) -> bool:
    """Whether a sentence is worth reading: it holds a quotation mark, a word of the broad speech-word list the
    join uses (``analysis.quotes._RELAXED_CUE``) or a word of belief or wording. About a quarter of the sentences of
    the gold regions do, and nine in ten of those holding reported speech (dev and test alike).

    >>> speech_hint("The minister said talks would go on."), speech_hint("Prices rose in May.")
    (True, False)
    """
    from analysis.quotes import _QUOTE_MARK, _RELAXED_CUE

    return bool(_QUOTE_MARK.search(sentence) or _RELAXED_CUE.search(sentence.lower()) or _HINT_WORDS.search(sentence))


def sentence_inputs(text: str) -> list[tuple[int, int, int]]:
    """Per non-blank sentence of ``text``: ``(context_start, sentence_start, sentence_end)``, the context being
    the whole sentences that end within :data:`CONTEXT_CHARS` before it; the right context runs to the end
    of the sentences that start within as many characters after it (see :func:`context_text`).

    >>> sentence_inputs("He spoke. “We will win,” he said.")
    [(0, 0, 9), (0, 10, 33)]
    """
    from analysis.sentences import sentence_spans

    spans = [(a, b) for a, b in sentence_spans(text) if text[a:b].strip()]
    out = []
    lo = 0
    for a, b in spans:
        while spans[lo][1] < a - CONTEXT_CHARS:
            lo += 1
        out.append((spans[lo][0], a, b))
    return out


def context_text(text: str, context_start: int, end: int) -> str:
    """The text a sentence is read in: from ``context_start`` to :data:`CONTEXT_CHARS` past its ``end``,
    cut back to the last sentence end (or white space) there."""
    stop = min(len(text), end + CONTEXT_CHARS)
    if stop < len(text):
        cut = max(text.rfind(". ", end, stop), text.rfind("\n", end, stop))
        if cut > end:
            stop = cut + 1
        elif text.rfind(" ", end, stop) > end:
            stop = text.rfind(" ", end, stop)
    return text[context_start:stop]


def training_data(split: str = "dev", gold_dir: str | Path | None = None):
    """Return ``(texts, starts, ends, y, rules, groups, doc_ids, spans)`` for every sentence of ``split``'s
    annotated regions: the context text, the sentence's offsets in it, the gold label, whether a rule
    record (:func:`analysis.quotes.find_quotes`) overlaps it, the document index, the document and the
    sentence's span in the article."""
    from analysis._speakers_eval import GOLD_DIR, gold_articles, read_jsonl
    from analysis.quotes import find_quotes

    gold_dir = Path(gold_dir or GOLD_DIR)
    docs = [d for d in read_jsonl(gold_dir / "quotes_docs.jsonl") if d["split"] == split]
    gold = [q for q in read_jsonl(gold_dir / "quotes_gold.jsonl") if q["split"] == split]
    articles, missing = gold_articles(d["doc_id"] for d in docs)
    docs = [d for d in docs if d["doc_id"] not in missing]
    full = dict(zip(articles["doc_id"], articles["text"], strict=True))
    predicted = find_quotes(articles)
    out = {k: [] for k in ("texts", "starts", "ends", "y", "rules", "groups", "doc_ids", "spans")}
    for g, d in enumerate(docs):
        text = full[d["doc_id"]]
        g_spans = [(q["start"], q["end"]) for q in gold if q["doc_id"] == d["doc_id"]]
        p = predicted[predicted["doc_id"] == d["doc_id"]]
        r_spans = list(zip(p["start"], p["end"], strict=True))
        for c, a, b in sentence_inputs(text[: d["upto"]]):
            ctx = context_text(text, c, b)
            out["texts"].append(ctx)
            out["starts"].append(a - c)
            out["ends"].append(b - c)
            out["y"].append(any(s < b and a < e for s, e in g_spans))
            out["rules"].append(any(s < b and a < e for s, e in r_spans))
            out["groups"].append(g)
            out["doc_ids"].append(d["doc_id"])
            out["spans"].append((a, b))
    for k in ("y", "rules", "groups"):
        out[k] = np.array(out[k])
    return out


def prf(y: np.ndarray, yhat: np.ndarray) -> dict:
    """Precision, recall and F1 of boolean predictions."""
    tp = int((y & yhat).sum())
    p = tp / int(yhat.sum()) if yhat.sum() else float("nan")
    r = tp / int(y.sum()) if y.sum() else float("nan")
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if tp else 0.0}


def _fit(states, y, seed: int):
    from analysis._sentiment_finetune import MentionFineTuner

    p = {k: v for k, v in PARAMS.items() if k != "max_tokens"}
    weight = np.where(y, (~y).sum() / max(int(y.sum()), 1), 1.0)  # positives are about one sentence in eight
    return MentionFineTuner(**p, max_tokens=PARAMS["max_tokens"], seed=seed).fit(states, y.astype(int),
                                                                                  sample_weight=weight)


def _head_proba(tuner, states, rows) -> np.ndarray:
    """P(reported speech) for the sentences at ``rows`` of precomputed states, with the tuner's layers."""
    import torch

    from analysis._embeddings import load_base_model
    from analysis._sentiment_finetune import N_LAYERS, _net

    _, base = load_base_model()
    net = _net(base, tuner.layers, 0.0)
    first = N_LAYERS - tuner.layers
    for i, layer in enumerate(net.layers):
        prefix = f"encoder.layer.{first + i}."
        layer.load_state_dict({k[len(prefix):]: torch.from_numpy(v) for k, v in tuner.layer_weights_.items()
                               if k.startswith(prefix)})
    net.eval()
    out = []
    with torch.inference_mode():
        for b in range(0, len(rows), 64):
            z = net.encode(states, rows[b : b + 64], PARAMS["window"]).numpy()
            out.append(_proba(z, tuner.head_.coef, tuner.head_.intercept))
    return np.concatenate(out) if out else np.zeros(0)


def _proba(features: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    z = features @ np.asarray(coef).T + np.asarray(intercept)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e[:, 1] / e.sum(axis=1)


def _states(data: dict):
    from analysis._sentiment_finetune import frozen_states

    return frozen_states(data["texts"], data["starts"], data["ends"], layers=PARAMS["layers"],
                         max_tokens=PARAMS["max_tokens"])


def cross_validate(data: dict, *, folds: int = 5, seed: int = 0, scored: int | None = None,
                   states=None) -> np.ndarray:
    """Out-of-fold P(reported speech) for every sentence of ``data`` (folds grouped by document); with
    ``scored``, only the first ``scored`` folds are run and the other sentences are NaN. ``states``: the
    sentences' frozen states (:func:`analysis._sentiment_finetune.frozen_states`), when already computed."""
    from sklearn.model_selection import GroupKFold

    states = states if states is not None else _states(data)
    oof = np.full(len(data["y"]), np.nan)
    splits = list(GroupKFold(n_splits=folds).split(data["texts"], data["y"], data["groups"]))
    for k, (tr, te) in enumerate(splits[:scored]):
        tuner = _fit(states.subset(tr), data["y"][tr], seed)
        oof[te] = _head_proba(tuner, states, list(te))
        logger.info("fold %d: F1 %.3f at 0.5", k, prf(data["y"][te], oof[te] >= 0.5)["f1"])
    return oof


def train(out_dir: str | Path | None = None, *, folds: int = 5, scored: int | None = 1, seed: int = 0,
          gold_dir=None, oof: np.ndarray | None = None) -> dict:
    """Cross-validate on the dev split, pick the threshold with the detector's best out-of-fold F1, fit on all
    of dev and write the model; return the JSON record. ``scored``: how many of the ``folds`` folds are run
    (default one: a fifth of the dev documents held out, about 12 minutes on two CPU cores; ``None`` for all);
    the figures and the threshold come from the sentences scored. ``oof``: out-of-fold probabilities computed
    before (by :func:`cross_validate` with the same data, folds, seed and parameters), to skip that step.

    The threshold is chosen on the detector alone, not on "rules or detector": the rules were written on these
    documents, so on dev they leave the detector little to add and the joint choice would be biased.
    """
    from analysis._embeddings import file_digest
    from analysis._speakers_eval import GOLD_DIR

    out_dir = Path(out_dir or MODEL_DIR)
    gold_dir = Path(gold_dir or GOLD_DIR)
    data = training_data("dev", gold_dir)
    states = _states(data)
    if oof is None or len(oof) != len(data["y"]):
        oof = cross_validate(data, folds=folds, seed=seed, scored=scored, states=states)
    done = ~np.isnan(oof)
    y_all = data["y"]
    y, rules, oof = y_all[done], data["rules"][done], oof[done]
    grid = np.round(np.arange(0.50, 0.995, 0.01), 2)
    alone = {float(t): prf(y, oof >= t) for t in grid}
    threshold = max(alone, key=lambda t: (round(alone[t]["f1"], 4), t))
    tuner = _fit(states, y_all, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    tuner.save_layers(out_dir / MODEL_LAYERS.name)
    record = {
        "name": "reported-speech",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": {"gold": "tests/data/speakers (split dev)", "sentences": len(y_all), "positive": int(y_all.sum()),
                 "documents": len(set(data["groups"].tolist())),
                 "gold_sha256_16": file_digest(gold_dir / "quotes_gold.jsonl")},
        "params": PARAMS, "context_chars": CONTEXT_CHARS, "seed": seed,
        "encoder": MODEL_LAYERS.name, "encoder_sha256_16": file_digest(out_dir / MODEL_LAYERS.name),
        "threshold": threshold,
        "cv": {"folds": folds, "folds_scored": int(scored or folds), "sentences_scored": int(done.sum()),
               "grouped_by": "document",
               "rules": prf(y, rules),
               "cue_words": prf(y, np.array([bool(CUE_WORDS.search(t[a:b])) for t, a, b in
                                             zip(data["texts"], data["starts"], data["ends"], strict=True)])[done]),
               "detector_at_threshold": prf(y, oof >= threshold), "detector_at_0.5": prf(y, oof >= 0.5),
               "rules_or_detector": prf(y, rules | (oof >= threshold))},
        "head": {"coef": tuner.head_.coef.tolist(), "intercept": tuner.head_.intercept.tolist()},
    }  # fmt: skip
    (out_dir / MODEL_JSON.name).write_text(json.dumps(record, indent=1) + "\n")
    return record


class ReportedSpeechDetector:
    """The shipped detector: ``proba`` of reported speech per sentence, ``flag`` the sentences of articles.

    Parameters
    ----------
    path : path
        The model's JSON record (default ``analysis/data/models/reported-speech.json``).
    threshold : float, optional
        Flag sentences at or above this probability (default: the record's, chosen on held-out dev documents).
    cache : bool
        Keep sentence encodings in the on-disk embeddings cache (see :class:`analysis._embeddings.SpanEncoder`).
    prefilter : bool
        Read only the sentences :func:`speech_hint` passes (default). On the gold set's test split this ran the
        encoder over about a quarter of the sentences and raised the joint's F1 from 0.804 to 0.816.
    """

    def __init__(self, path: str | Path = MODEL_JSON, *, threshold: float | None = None, cache: bool = True,
                 prefilter: bool = True):
        from analysis._embeddings import SpanEncoder

        path = Path(path)
        try:
            record = json.loads(path.read_text())
            head = record["head"]
            self.coef, self.intercept = np.asarray(head["coef"]), np.asarray(head["intercept"])
            params = record["params"]
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"{path}: not a reported-speech model record ({exc})") from exc
        self.threshold = float(record["threshold"] if threshold is None else threshold)
        self.prefilter = prefilter
        self.record = record
        self.encoder = SpanEncoder(finetuned=path.parent / record["encoder"], window=params["window"],
                                   max_tokens=params["max_tokens"], cache=cache)

    def proba(self, texts, starts, ends) -> np.ndarray:
        """P(the sentence at ``[start, end)`` of each context text holds reported speech)."""
        if len(texts) == 0:
            return np.zeros(0)
        return _proba(self.encoder.encode(texts, starts, ends).astype(np.float64), self.coef, self.intercept)

    def flag(self, texts: dict) -> dict:
        """``{doc_id: [(start, end), ...]}``: the sentences of each text (``{doc_id: text}``) at or above
        the threshold (with ``prefilter``, only among those :func:`speech_hint` passes)."""
        rows = [(doc, a, b, c) for doc, text in texts.items() for c, a, b in sentence_inputs(text)
                if not self.prefilter or speech_hint(text[a:b])]
        ctx = [context_text(texts[doc], c, b) for doc, a, b, c in rows]
        p = self.proba(ctx, [a - c for _, a, _, c in rows], [b - c for _, _, b, c in rows])
        out: dict = {doc: [] for doc in texts}
        for (doc, a, b, _), pr in zip(rows, p, strict=True):
            if pr >= self.threshold:
                out[doc].append((a, b))
        return out


@lru_cache(maxsize=2)
def load_detector(path: str | None = None) -> ReportedSpeechDetector:
    """The shipped detector, loaded once per process."""
    return ReportedSpeechDetector(path or MODEL_JSON)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.speech_detector", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("train",), help="train: cross-validate on dev, fit, write the model")
    parser.add_argument("--out", help="output folder (default analysis/data/models)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--scored", type=int, default=1, help="folds to run (default 1; 0 = all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gold-dir", help="the gold set to train on (default tests/data/speakers)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name in ("analysis.load", "analysis.quotes", "analysis.speakers"):
        logging.getLogger(name).setLevel(logging.ERROR)
    record = train(args.out, folds=args.folds, scored=args.scored or None, seed=args.seed,
                   gold_dir=args.gold_dir)
    cv = record["cv"]
    print(f"{record['data']['sentences']} dev sentences, {record['data']['positive']} positive; "
          f"{record['cv']['sentences_scored']} scored out of fold; threshold {record['threshold']:.2f}")
    for name in ("rules", "cue_words", "detector_at_0.5", "detector_at_threshold", "rules_or_detector"):
        print(f"{name:22s} P {cv[name]['precision']:.3f}  R {cv[name]['recall']:.3f}  F1 {cv[name]['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
