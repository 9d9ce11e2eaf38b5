"""Target-dependent sentiment: how each mention's sentence talks about *that* target.

:func:`score_targets` takes the ``mentions`` and ``sentences`` frames (DESIGN.md) and returns every
mention column plus ``label`` (negative/neutral/positive), ``score`` in [-1, 1] and ``method`` (the method
actually used). Methods:

``vader-sentence``
    VADER compound of the whole sentence; labels at +-0.05. Target-blind: the baseline most people use.
``vader-window``
    VADER compound of the clause around the mention (a window of 8 words each side when the clause is
    shorter than 3 words), the mention and the other targets masked.
``model-fast``
    Logistic regression on hashed target-dependent features (:mod:`analysis._sentiment_features`), trained
    on NewsMTSC; scikit-learn only.
``model`` (default)
    MiniLM (``all-MiniLM-L6-v2``) encodings of the mention in context (:mod:`analysis._embeddings`), stacked
    with ``model-fast``'s probabilities, logistic regression on top. Needs the ``embeddings`` extra; without
    it scoring falls back to ``model-fast`` with a warning.

Labels follow NewsMTSC's guideline: the sentiment of the sentence toward the target; where the sentence is a
quotation, toward the target as the quoted speaker presents it. For the models ``score`` is
P(positive) - P(negative); for VADER it is the compound score. The trained
models ship in ``analysis/data/models`` with a JSON record of their data, parameters and cross-validated
scores (``python -m analysis train-sentiment`` rebuilds them).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config

logger = logging.getLogger(__name__)

METHODS = ("vader-sentence", "vader-window", "model-fast", "model")
LABELS = ("negative", "neutral", "positive")
VADER_THRESHOLD = 0.05
_CLAUSE_SPLIT = re.compile(r"[;:()\[\]\"“”—–]|,|\s-\s|\b(?:but|while|whereas|although|though|however)\b", re.I)


def models_dir() -> Path:
    """The folder holding the shipped sentiment models (``analysis/data/models``)."""
    return config.DATA_DIR / "models"


def mention_inputs(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Return, per mention (same order), its sentence ``text``, the mention's ``rel_start``/``rel_end`` in
    that sentence and ``others``: the spans of the other mentions in the same sentence.

    Examples
    --------
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [10], "end": [28],
    ...                       "text": ["NATO and Russia met"]})
    >>> ments = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 0], "start": [10, 19], "end": [14, 25]})
    >>> mention_inputs(ments, sents)[["rel_start", "rel_end", "others"]].to_dict("list")
    {'rel_start': [0, 9], 'rel_end': [4, 15], 'others': [[(9, 15)], [(0, 4)]]}
    """
    missing = {"doc_id", "sent_id", "start", "end"} - set(mentions.columns)
    if missing:
        raise ValueError(f"mentions lack column(s): {', '.join(sorted(missing))}")
    missing = {"doc_id", "sent_id", "start", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences lack column(s): {', '.join(sorted(missing))}")
    sents = sentences[["doc_id", "sent_id", "start", "text"]].rename(columns={"start": "sent_start"})
    m = mentions[["doc_id", "sent_id", "start", "end"]].reset_index(drop=True)
    m["_row"] = np.arange(len(m))
    merged = m.merge(sents, on=["doc_id", "sent_id"], how="left", validate="many_to_one")
    if merged["text"].isna().any():
        bad = merged.loc[merged["text"].isna(), ["doc_id", "sent_id"]].iloc[0].tolist()
        raise ValueError(f"mention without a sentence: doc_id={bad[0]!r} sent_id={bad[1]!r}")
    merged = merged.sort_values("_row")
    rel_s = (merged["start"] - merged["sent_start"]).astype(int).to_numpy()
    rel_e = (merged["end"] - merged["sent_start"]).astype(int).to_numpy()
    lengths = merged["text"].str.len().to_numpy()
    if (rel_s < 0).any() or (rel_e > lengths).any():
        raise ValueError("mention offsets fall outside their sentence (offsets must be into the article text)")
    spans: dict[tuple, list[tuple[int, int]]] = {}
    keys = list(zip(merged["doc_id"], merged["sent_id"], strict=True))
    for k, s, e in zip(keys, rel_s, rel_e, strict=True):
        spans.setdefault(k, []).append((int(s), int(e)))
    others = [
        [sp for sp in spans[k] if sp != (int(s), int(e))] for k, s, e in zip(keys, rel_s, rel_e, strict=True)
    ]
    return pd.DataFrame(
        {"text": merged["text"].to_numpy(), "rel_start": rel_s, "rel_end": rel_e, "others": others}
    )


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _label_from_compound(compound: np.ndarray) -> np.ndarray:
    return np.where(compound >= VADER_THRESHOLD, "positive",
                    np.where(compound <= -VADER_THRESHOLD, "negative", "neutral"))


def vader_window_text(text: str, start: int, end: int, others=(), window: int = 8, min_words: int = 3) -> str:
    """Return the clause around ``text[start:end]`` with the mention and other targets masked as ``X``.

    Clauses end at ``; : ( ) [ ] " “ ” — –``, commas, a spaced hyphen and the words *but, while, whereas,
    although, though, however*; a clause of fewer than ``min_words`` words is widened to ``window`` words
    on each side of the mention.

    Examples
    --------
    >>> vader_window_text("Russia failed, but NATO is strong.", 19, 23, [(0, 6)])
    'X is strong.'
    """
    spans = sorted([(start, end), *others])
    masked, pos, shift, new_start = [], 0, 0, start
    for s, e in spans:
        if s < pos:
            continue
        masked.append(text[pos:s] + "X")
        if s == start:
            new_start = s - shift
        shift += (e - s) - 1
        pos = e
    masked.append(text[pos:])
    t = "".join(masked)
    lo, hi = 0, len(t)
    for m in _CLAUSE_SPLIT.finditer(t):
        if m.end() <= new_start:
            lo = m.end()
        elif m.start() > new_start:
            hi = m.start()
            break
    clause = t[lo:hi].strip()
    if len(clause.split()) >= min_words:
        return clause
    words = list(re.finditer(r"\S+", t))
    idx = next((k for k, w in enumerate(words) if w.end() > new_start), len(words) - 1)
    a, b = max(0, idx - window), min(len(words), idx + window + 1)
    return t[words[a].start() : words[b - 1].end()] if words else t


def _score_vader_sentence(inp: pd.DataFrame) -> np.ndarray:
    sia = _vader()
    uniq = {t: sia.polarity_scores(t)["compound"] for t in dict.fromkeys(inp["text"])}
    return np.array([uniq[t] for t in inp["text"]], dtype=float)


def _score_vader_window(inp: pd.DataFrame) -> np.ndarray:
    sia = _vader()
    return np.array(
        [
            sia.polarity_scores(vader_window_text(t, s, e, o))["compound"]
            for t, s, e, o in zip(inp["text"], inp["rel_start"], inp["rel_end"], inp["others"], strict=True)
        ],
        dtype=float,
    )


@functools.lru_cache(maxsize=4)
def load_model_record(name: str, folder: str | None = None) -> dict:
    """Return the JSON training record of a shipped model (``model-fast`` or ``model``)."""
    path = Path(folder or models_dir()) / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no trained sentiment model at {path}: run `python -m analysis train-sentiment`")
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)
def _load_linear(name: str, folder: str | None = None):
    from analysis._sentiment_features import LinearSoftmax

    record = load_model_record(name, folder)
    return LinearSoftmax.load(Path(folder or models_dir()) / record["weights"])


def predict_fast(inp: pd.DataFrame, folder: str | None = None) -> np.ndarray:
    """Class probabilities (negative, neutral, positive) from the ``model-fast`` classifier."""
    from analysis._sentiment_features import featurize

    record = load_model_record("model-fast", folder)
    X = featurize(list(inp["text"]), list(inp["rel_start"]), list(inp["rel_end"]), list(inp["others"]),
                  n_features=record["parameters"]["n_features"])
    return _load_linear("model-fast", folder).predict_proba(X)


def predict_model(inp: pd.DataFrame, folder: str | None = None, *, cache: bool = True) -> np.ndarray:
    """Class probabilities from the MiniLM ``model`` (needs the ``embeddings`` extra)."""
    from analysis._embeddings import SpanEncoder

    record = load_model_record("model", folder)
    settings = dict(record["encoder"])
    settings["finetuned"] = Path(folder or models_dir()) / settings["finetuned"]
    enc = SpanEncoder(cache=cache, **settings)
    emb = enc.encode(list(inp["text"]), list(inp["rel_start"]), list(inp["rel_end"]))
    fast = predict_fast(inp, folder)
    X = np.hstack([emb, np.log(fast + 1e-6)])
    return _load_linear("model", folder).predict_proba(X)


def score_targets(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    method: str = "model",
    *,
    cache: bool = True,
    models: str | Path | None = None,
) -> pd.DataFrame:
    """Score the sentiment toward each mentioned target.

    Parameters
    ----------
    mentions : pandas.DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end`` (offsets into the article text) and any other columns
        (``target``, ``type``, ``alias`` ...), which are passed through.
    sentences : pandas.DataFrame
        ``doc_id``, ``sent_id``, ``start`` (offset in the article) and ``text``.
    method : {"model", "model-fast", "vader-window", "vader-sentence"}
        See the module docstring. ``model`` falls back to ``model-fast`` (with a warning saying how to
        install the ``embeddings`` extra) when torch or the packaged MiniLM are missing.
    cache : bool, default True
        Read and write MiniLM encodings in the on-disk cache (``config.CACHE_DIR``).
    models : path, optional
        A folder of trained models (default: the shipped ``analysis/data/models``).

    Returns
    -------
    pandas.DataFrame
        Every mentions column plus ``label``, ``score`` (in [-1, 1]) and ``method``; same row order.

    Examples
    --------
    >>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [36],
    ...                       "text": ["Russia attacked Ukraine, NATO helped."]})
    >>> ments = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0] * 3, "target": ["Russia", "Ukraine", "NATO"],
    ...                       "start": [0, 16, 25], "end": [6, 23, 29]})
    >>> out = score_targets(ments, sents, method="vader-sentence")
    >>> out[["target", "label"]].values.tolist()  # target-blind: one label for the whole sentence
    [['Russia', 'negative'], ['Ukraine', 'negative'], ['NATO', 'negative']]
    >>> score_targets(ments, sents, method="model-fast")["score"].between(-1, 1).all()
    np.True_
    """
    if method not in METHODS:
        raise ValueError(f"unknown sentiment method {method!r}; choose one of {', '.join(METHODS)}")
    folder = None if models is None else str(models)
    out = mentions.reset_index(drop=True).copy()
    if method == "model":
        from analysis._embeddings import INSTALL_HINT, embeddings_available

        if not embeddings_available():
            warnings.warn(
                "sentiment method 'model' needs sentence-transformers/torch; using 'model-fast' instead "
                f"({INSTALL_HINT})",
                RuntimeWarning,
                stacklevel=2,
            )
            logger.warning("falling back to model-fast: %s", INSTALL_HINT)
            method = "model-fast"
    if out.empty:
        return out.assign(label=pd.Series(dtype=object), score=pd.Series(dtype=float),
                          method=pd.Series(dtype=object))
    inp = mention_inputs(out, sentences)
    if method.startswith("vader"):
        score = _score_vader_sentence(inp) if method == "vader-sentence" else _score_vader_window(inp)
        label = _label_from_compound(score)
    else:
        proba = predict_fast(inp, folder) if method == "model-fast" else predict_model(inp, folder, cache=cache)
        label = np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)]
        score = proba[:, 2] - proba[:, 0]
    out["label"] = pd.Series(label, dtype=object)
    out["score"] = np.clip(np.asarray(score, dtype=float), -1.0, 1.0)
    out["method"] = method
    return out
