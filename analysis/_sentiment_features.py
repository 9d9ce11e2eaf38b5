"""Target-dependent features for the ``model-fast`` sentiment method, and the linear model that uses them.

Everything here is a pure function of (sentence text, mention span, other mention spans): no corpus
statistics, no fitted vocabulary. Feature strings are hashed (:class:`sklearn.feature_extraction.FeatureHasher`),
so the same mention gets the same row on every machine and in every Dask partition.

The features, for a mention at tokens ``[i, j)`` of its sentence:

- the sentence's words and word pairs with the mention replaced by ``<T>`` and any other target by ``<O>``,
  words inside a negation scope prefixed ``NEG_``;
- the same words tagged by side (left or right of the mention), and by exact position for the three nearest
  words on each side, plus the nearest word pairs;
- VADER-lexicon valence summed by side and by distance band (1-3, 4-8, 9+ words), negation flipping the sign,
  and a distance-weighted sum ``sum(v / (1 + d))``;
- cues: the mention inside a quotation, the sentence quoting someone, the mention followed by a speech verb,
  the mention being a pronoun or the sentence's first words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

N_FEATURES = 2**18
LABELS = ("negative", "neutral", "positive")

_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_CLAUSE_END = frozenset(".,;:!?()—–-\"“”")
_QUOTES_OPEN = frozenset("\"“")
_SPEECH = frozenset(
    "said says say told tells tell stated states argued argues added adds wrote writes claimed claims "
    "insisted insists warned warns noted notes declared declares explained explains".split()
)
_PRONOUNS = frozenset("he she they him her them his hers their it its i we you".split())


@functools.lru_cache(maxsize=1)
def vader_resources() -> tuple[dict[str, float], frozenset[str]]:
    """Return the VADER lexicon (word -> valence) and its negation words, loaded once on first use."""
    from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

    lexicon = dict(SentimentIntensityAnalyzer().lexicon)
    negate = frozenset(w.replace("'", "") for w in NEGATE) | frozenset(NEGATE) | {"n't", "no"}
    return lexicon, negate


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """Split ``text`` into lower-cased word and punctuation tokens with their character spans.

    Examples
    --------
    >>> tokenize("NATO isn't a threat.")[0]
    ['nato', "isn't", 'a', 'threat', '.']
    """
    toks, starts, ends = [], [], []
    for m in _TOKEN_RE.finditer(text):
        toks.append(m.group().lower().replace("’", "'"))
        starts.append(m.start())
        ends.append(m.end())
    return toks, starts, ends


def _span_tokens(starts: list[int], ends: list[int], s: int, e: int) -> tuple[int, int]:
    """Return the token range ``[i, j)`` overlapping characters ``[s, e)`` (empty range -> nearest slot)."""
    import bisect

    i = bisect.bisect_right(ends, s)
    j = bisect.bisect_left(starts, e)
    return i, max(i, j)


def mention_features(
    text: str, start: int, end: int, others: Iterable[tuple[int, int]] = ()
) -> list[tuple[str, float]]:
    """Return the hashed-feature (name, value) pairs for one mention.

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        The mention's character span in ``text`` (end exclusive).
    others : iterable of (int, int)
        Spans of the other target mentions in the sentence; they are masked as ``<O>``.

    Examples
    --------
    >>> feats = dict(mention_features("Critics attacked NATO.", 17, 21))
    >>> feats["l1|attacked"], feats["u|<T>"]
    (1.0, 1.0)
    """
    lexicon, negate = vader_resources()
    toks, starts, ends = tokenize(text)
    i, j = _span_tokens(starts, ends, start, end)
    seq = [*toks[:i], "<T>", *toks[j:]]
    t = i  # index of <T> in seq
    for os_, oe in others:
        a, b = _span_tokens(starts, ends, os_, oe)
        if b <= i:
            off = 0
        elif a >= j:
            off = (j - i) - 1
        else:
            continue  # overlaps the mention itself
        for k in range(a - off, b - off):
            if 0 <= k < len(seq) and k != t:
                seq[k] = "<O>"
    n = len(seq)
    # negation scope: from a negator to the next clause boundary
    marked = []
    neg = False
    negated = []
    for w in seq:
        if w in _CLAUSE_END:
            neg = False
        marked.append("NEG_" + w if neg and w not in ("<T>", "<O>") else w)
        negated.append(neg)
        if w in negate or w.endswith("n't"):
            neg = True
    feats: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        feats[name] = feats.get(name, 0.0) + value

    prev = "<S>"
    for k, w in enumerate(marked):
        add("u|" + w)
        add("b|" + prev + " " + w)
        prev = w
        if k < t:
            add("L|" + w)
        elif k > t:
            add("R|" + w)
    add("b|" + prev + " </S>")
    for d in (1, 2, 3):
        add(f"l{d}|" + (marked[t - d] if t - d >= 0 else "<S>"))
        add(f"r{d}|" + (marked[t + d] if t + d < n else "</S>"))
    left2 = " ".join(marked[max(0, t - 2) : t]) or "<S>"
    right2 = " ".join(marked[t + 1 : t + 3]) or "</S>"
    add("lb|" + left2)
    add("rb|" + right2)
    # lexicon valence by side and distance band
    tot_pos = tot_neg = wsum = 0.0
    for k, w in enumerate(seq):
        v = lexicon.get(w)
        if v is None or k == t:
            continue
        if negated[k]:
            v = -0.74 * v
        d = abs(k - t)
        side = "L" if k < t else "R"
        band = "1" if d <= 3 else ("2" if d <= 8 else "3")
        pol = "pos" if v > 0 else "neg"
        add(f"lex|{pol}|{side}|{band}", abs(v) / 4.0)
        wsum += v / (1.0 + d)
        if v > 0:
            tot_pos += v
        else:
            tot_neg -= v
    add("lex|pos", tot_pos / 4.0)
    add("lex|neg", tot_neg / 4.0)
    add("lex|w", wsum)
    # cues
    quote_depth = 0
    in_quote = False
    for k, w in enumerate(seq):
        if w in _QUOTES_OPEN or w == "”":
            if w == "”" or (w == '"' and quote_depth):
                quote_depth = 0
            else:
                quote_depth = 1
        if k == t:
            in_quote = bool(quote_depth)
    if in_quote:
        add("cue|inquote")
    if any(w in _QUOTES_OPEN or w == "”" for w in seq):
        add("cue|hasquote")
    if t + 1 < n and seq[t + 1] in _SPEECH:
        add("cue|speaker")
    if t - 1 >= 0 and seq[t - 1] in _SPEECH:
        add("cue|after_speech")
    if j - i == 1 and i < len(toks) and toks[i] in _PRONOUNS:
        add("cue|pronoun")
    if t <= 1:
        add("cue|first")
    add("cue|len", min(n, 60) / 60.0)
    return list(feats.items())


def featurize(
    texts: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    others: Sequence[Iterable[tuple[int, int]]] | None = None,
    n_features: int = N_FEATURES,
) -> sp.csr_matrix:
    """Return the hashed feature matrix (one row per mention), rows scaled to unit L2 norm.

    Examples
    --------
    >>> X = featurize(["NATO is strong.", "NATO failed."], [0, 0], [4, 4])
    >>> X.shape
    (2, 262144)
    """
    from sklearn.feature_extraction import FeatureHasher

    if others is None:
        others = [()] * len(texts)
    hasher = FeatureHasher(n_features=n_features, input_type="pair", alternate_sign=False)
    rows = (mention_features(t, s, e, o) for t, s, e, o in zip(texts, starts, ends, others, strict=True))
    X = hasher.transform(rows).tocsr()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ X)


class LinearSoftmax:
    """A multinomial linear classifier stored as plain arrays (no pickle, no scikit-learn needed to apply).

    Parameters
    ----------
    coef : ndarray of shape (n_classes, n_features)
    intercept : ndarray of shape (n_classes,)
    classes : sequence of str
    mean, scale : ndarray of shape (n_features,), optional
        Standardisation applied before the linear map (dense inputs only).

    Examples
    --------
    >>> m = LinearSoftmax(np.array([[-1.0], [0.0], [1.0]]), np.zeros(3), LABELS)
    >>> m.predict_proba(np.array([[2.0]])).argmax(axis=1)
    array([2])
    """

    def __init__(self, coef, intercept, classes=LABELS, mean=None, scale=None):
        self.coef = np.asarray(coef)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.classes = tuple(classes)
        self.mean = None if mean is None else np.asarray(mean, dtype=np.float64)
        self.scale = None if scale is None else np.asarray(scale, dtype=np.float64)

    @classmethod
    def from_estimator(cls, clf, scaler=None) -> LinearSoftmax:
        """Copy the weights of a fitted ``LogisticRegression`` (and optional ``StandardScaler``)."""
        mean = None if scaler is None else scaler.mean_
        scale = None if scaler is None else scaler.scale_
        return cls(clf.coef_, clf.intercept_, [str(c) for c in clf.classes_], mean, scale)

    def decision_function(self, X) -> np.ndarray:
        """Return the class scores ``X @ coef.T + intercept``."""
        if self.mean is not None:
            X = (np.asarray(X, dtype=np.float64) - self.mean) / self.scale
        return np.asarray(X @ self.coef.T.astype(np.float64)) + self.intercept

    def predict_proba(self, X) -> np.ndarray:
        """Return softmax class probabilities, columns in ``classes`` order."""
        z = self.decision_function(X)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: str | Path) -> None:
        """Write the weights to a compressed ``.npz`` (sparse coef stored as CSR, float32)."""
        arrays = {"intercept": self.intercept, "classes": np.array(self.classes)}
        coef = sp.csr_matrix(self.coef.astype(np.float32))
        arrays.update(
            coef_data=coef.data, coef_indices=coef.indices, coef_indptr=coef.indptr,
            coef_shape=np.array(coef.shape),
        )
        if self.mean is not None:
            arrays.update(mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32))
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> LinearSoftmax:
        """Read weights written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as z:
            coef = sp.csr_matrix(
                (z["coef_data"], z["coef_indices"], z["coef_indptr"]), shape=tuple(z["coef_shape"])
            )
            return cls(
                coef.toarray(),
                z["intercept"],
                [str(c) for c in z["classes"]],
                z["mean"] if "mean" in z else None,
                z["scale"] if "scale" in z else None,
            )
