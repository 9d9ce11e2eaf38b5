"""Turn articles into a document-term matrix (or document embeddings) whose rows follow ``doc_id``.

``vectorise(articles, kind=...)`` returns ``(vectoriser, matrix)``: a fitted scikit-learn style
vectoriser, to apply later to new articles (per Dask partition if need be), and the matrix of the
articles it was fitted on, row ``i`` being ``articles.doc_id.iloc[i]``.

Defaults chosen for news, official statements and UN speeches, and tuned on the UN General Debate
corpus (see ``benchmarks/bench_topics.py``):

- scikit-learn's English stop words plus a domain list (``analysis/data/stopwords_domain.txt``:
  reporting verbs, time words, forms of address; its header says where it comes from), whose
  multi-word entries ("Mr. President", "distinguished delegates") are removed before tokenising;
- multi-word expressions kept as one token (``"territorial integrity"`` ->
  ``territorial_integrity``), :data:`DEFAULT_PHRASES` unless ``phrases=`` names others (e.g.
  :func:`lexicon_phrases`, the multi-word aliases of the lexicon);
- tokens start with a letter (bare numbers such as years are dropped), sub-linear TF-IDF,
  ``min_df``/``max_df`` bounds that adapt to tiny corpora, and a vocabulary cap.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from analysis._text_prep import (
    Analyzer,
    join_phrase,
    load_stop_words,
    phrase_words,
    resolve_stop_words,
)
from analysis._vectorise_embeddings import SentenceEmbedder, embedding_model_path

logger = logging.getLogger(__name__)

KINDS = ("tfidf", "count", "hashing", "embeddings")

#: Multi-word expressions kept as one token when ``phrases=None``: names of institutions, states
#: and commitments that the analysis of European security reads as one thing, and that split into
#: common words otherwise ("united" + "nations"). Curated by hand for this project; the lexicon
#: (``analysis.lexicon``) has the full alias lists.
DEFAULT_PHRASES: tuple[str, ...] = (
    "united nations", "security council", "general assembly", "secretary general",
    "european union", "united states", "united kingdom", "russian federation", "soviet union",
    "african union", "middle east", "cold war", "human rights", "international law", "rule of law",
    "territorial integrity", "security guarantees", "minsk agreements", "budapest memorandum",
    "helsinki final act", "charter of paris", "founding act", "indivisibility of security",
    "non proliferation", "nuclear weapons", "weapons of mass destruction", "climate change",
    "sustainable development", "peace keeping", "covid 19", "north atlantic",
)  # fmt: skip

#: Vocabulary cap of the default TF-IDF (most frequent terms within the df bounds) and upper
#: document-frequency bound, measured on the UN General Debate corpus (k = 20,
#: ``benchmarks/bench_topics.py --sweep``): 2,000 terms gave NPMI 0.273 and stability 0.78
#: against 0.381 and 0.95 for 5,000; 10,000 gave NPMI 0.392 but stability 0.86, for 20% more
#: time; max_df 0.4 and 0.5 gave stability 0.69 and 0.74.
DEFAULT_MAX_FEATURES = 5000
DEFAULT_MAX_DF = 0.3


def lexicon_phrases(lexicon=None) -> tuple[str, ...]:
    """The multi-word aliases of a lexicon, to keep every named target and commitment as one token.

    Parameters
    ----------
    lexicon : analysis.lexicon.Lexicon, optional
        Defaults to ``load_lexicon()`` (the packaged lexicons).

    Examples
    --------
    >>> phrases = lexicon_phrases()
    >>> "budapest memorandum" in phrases, "nato" in phrases
    (True, False)

    Use ``vectorise(articles, phrases=DEFAULT_PHRASES + lexicon_phrases())``.
    """
    if lexicon is None:
        from analysis.lexicon import load_lexicon

        lexicon = load_lexicon()
    seen: dict[str, None] = {}
    for entry in lexicon:
        for alias in entry.aliases:
            words = phrase_words(alias)
            if len(words) > 1:
                seen.setdefault(" ".join(words), None)
    return tuple(seen)


def _df_bounds(n_docs: int, min_df: float | None, max_df: float | None) -> tuple[float, float]:
    """Default df bounds: none on tiny corpora, ``min_df=2, max_df=0.3`` from 20 documents."""
    small = n_docs < 20
    return (
        (1 if small else 2) if min_df is None else min_df,
        (1.0 if small else DEFAULT_MAX_DF) if max_df is None else max_df,
    )


def _iter_frames(
    articles: pd.DataFrame | Iterable[pd.DataFrame], chunksize: int
) -> Iterator[pd.DataFrame]:
    if isinstance(articles, pd.DataFrame):
        for start in range(0, len(articles), chunksize):
            yield articles.iloc[start : start + chunksize]
        return
    for frame in articles:
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(
                f"expected an articles frame or an iterable of frames, got {type(frame).__name__}"
            )
        yield frame


def _texts(frame: pd.DataFrame) -> list[str]:
    missing = {"doc_id", "text"} - set(frame.columns)
    if missing:
        raise ValueError(f"articles frame lacks column(s) {sorted(missing)}")
    return frame["text"].fillna("").astype(str).tolist()


class HashingTfidfVectorizer(TransformerMixin, BaseEstimator):
    """Stateless hashing of tokens plus TF-IDF weights learned one chunk at a time.

    ``partial_fit`` only accumulates document frequencies per hashed column, so a corpus larger
    than memory can be fitted chunk by chunk; ``transform`` hashes and weights new texts. Columns
    have no names (a hash cannot be turned back into a word): use ``kind="tfidf"`` when you need
    readable topic terms.

    Parameters
    ----------
    analyzer : callable, optional
        Text -> list of tokens; default ``Analyzer()`` (lower-case, split, no stop words).
    n_features : int, default=2**20
        Columns of the hashing space.
    sublinear_tf : bool, default=True
        Replace a term count ``c`` by ``1 + log(c)``.

    Attributes
    ----------
    n_docs_ : int
        Documents seen by ``fit``/``partial_fit``.
    df_ : ndarray of shape (n_features,)
        Document frequency of each hashed column.
    idf_ : ndarray of shape (n_features,)
        ``log((1 + n_docs_) / (1 + df_)) + 1`` (scikit-learn's smoothed idf).
    doc_ids_ : list of str
        Set by :func:`vectorise`: the doc_id of each row of the matrix it returned.
    """

    def __init__(
        self,
        *,
        analyzer: Analyzer | None = None,
        n_features: int = 2**20,
        sublinear_tf: bool = True,
    ) -> None:
        self.analyzer = analyzer
        self.n_features = n_features
        self.sublinear_tf = sublinear_tf

    def _hasher(self) -> HashingVectorizer:
        return HashingVectorizer(
            analyzer=self.analyzer if self.analyzer is not None else Analyzer(),
            n_features=self.n_features, alternate_sign=False, norm=None, dtype=np.float32,
        )  # fmt: skip

    def count(self, X: Iterable[str]) -> sp.csr_matrix:
        """Raw hashed term counts of ``X`` (no fitting)."""
        return self._hasher().transform(X)

    def _update(self, counts: sp.csr_matrix) -> None:
        if not hasattr(self, "df_"):
            self.df_ = np.zeros(self.n_features, dtype=np.int64)
            self.n_docs_ = 0
        self.df_ += np.bincount(counts.indices, minlength=self.n_features)
        self.n_docs_ += counts.shape[0]
        self.idf_ = np.log((1 + self.n_docs_) / (1 + self.df_)) + 1.0

    def partial_fit(self, X: Iterable[str], y: None = None) -> HashingTfidfVectorizer:
        """Add the document frequencies of one chunk of texts."""
        self._update(self.count(X))
        return self

    def fit(self, X: Iterable[str], y: None = None) -> HashingTfidfVectorizer:
        """Forget previous chunks and fit on ``X``."""
        for attr in ("df_", "n_docs_", "idf_"):
            self.__dict__.pop(attr, None)
        return self.partial_fit(X)

    def weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Apply sub-linear tf, the fitted idf and L2 normalisation to raw hashed counts."""
        check_is_fitted(self, "idf_")
        out = counts.astype(np.float32, copy=True)
        if self.sublinear_tf:
            np.log(out.data, out=out.data)
            out.data += 1.0
        out = out @ sp.diags(self.idf_.astype(np.float32))
        norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ out, dtype=np.float32)

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        """TF-IDF weighted hashed counts of new texts."""
        check_is_fitted(self, "idf_")
        return self.weight(self.count(X))


def vectorise(
    articles: pd.DataFrame | Iterable[pd.DataFrame],
    kind: str = "tfidf",
    *,
    phrases: Iterable[str] | None = None,
    stop_words: str | Iterable[str] | None = "default",
    ngram_range: tuple[int, int] = (1, 1),
    min_df: float | None = None,
    max_df: float | None = None,
    max_features: int | None = DEFAULT_MAX_FEATURES,
    sublinear_tf: bool = True,
    chunksize: int = 1000,
    n_features: int = 2**20,
    model_path: str | None = None,
    max_words: int | None = 256,
    batch_size: int = 32,
) -> tuple[object, sp.csr_matrix | np.ndarray]:
    """Fit a vectoriser on the articles and return it with their matrix, rows following ``doc_id``.

    Parameters
    ----------
    articles : DataFrame or iterable of DataFrame
        The articles frame (``doc_id`` and ``text`` are used). ``kind="hashing"`` and
        ``"embeddings"`` also take an iterable of frames (chunks of a corpus larger than memory,
        e.g. ``pd.read_json(path, lines=True, chunksize=1000)``) and read them one at a time;
        ``"tfidf"``/``"count"`` concatenate them (fitting a vocabulary needs the whole corpus).
    kind : {"tfidf", "count", "hashing", "embeddings"}
        ``tfidf`` (default) and ``count``: scikit-learn vectorisers with a vocabulary.
        ``hashing``: a :class:`HashingTfidfVectorizer` fitted chunk by chunk (``chunksize`` rows of
        a frame at a time); its columns have no names. ``embeddings``: dense all-MiniLM-L6-v2
        vectors of each text's first ``max_words`` words (optional extra; see
        :class:`~analysis._vectorise_embeddings.SentenceEmbedder`).
    phrases : iterable of str, optional
        Multi-word expressions kept as one token (joined by ``_``); ``None`` means
        :data:`DEFAULT_PHRASES`, ``()`` none. Add :func:`lexicon_phrases` to keep every multi-word
        alias of the lexicon (targets, commitments) whole.
    stop_words : "default", "english", None or iterable of str
        ``"default"``: scikit-learn's English list plus the domain list (words and phrases).
        A custom iterable may mix words and phrases.
    ngram_range : (int, int), default=(1, 1)
        Word n-grams. Unigrams plus joined phrases are the default: all bigrams took four times
        the vectorising time on the UN corpus (15.6 s instead of 3.8 s) and their higher NPMI
        (0.43) partly comes from overlapping terms ("security", "security council") that
        co-occur by construction; stability fell from 0.95 to 0.79.
    min_df, max_df : int or float, optional
        Document-frequency bounds; default ``2`` and :data:`DEFAULT_MAX_DF` (0.3), or ``1`` and
        ``1.0`` on corpora of fewer than 20 documents. Terms in more than 30% of the documents
        say little about what sets one apart, and make topics depend on the seed: on the UN
        corpus (k = 20) 0.3 instead of 0.4 or 0.5 raised the stability of NMF topics across
        seeds from 0.65-0.84 to 0.95-0.98 and NPMI from 0.33-0.37 to 0.38; on the bundled
        Kremlin and White House releases all three gave the same quality. In a corpus about one
        crisis its central names may pass 30% (``"ukraine"`` is in 27% of the bundled White
        House releases, ``"security"`` in 50%): raise ``max_df`` if you need them as terms.
    max_features : int or None, default=5000
        Keep the most frequent terms within the bounds.
    sublinear_tf : bool, default=True
        ``1 + log(count)`` instead of raw counts (tfidf, hashing).
    chunksize : int, default=1000
        Rows per chunk when streaming a frame (hashing, embeddings).
    n_features : int, default=2**20
        Columns of the hashing space.
    model_path, max_words, batch_size
        Embeddings only: model folder (default: the packaged model), words kept per text,
        texts per batch.

    Returns
    -------
    vectoriser : fitted estimator
        ``TfidfVectorizer``, ``CountVectorizer``, :class:`HashingTfidfVectorizer` or
        :class:`~analysis._vectorise_embeddings.SentenceEmbedder`; the last two carry
        ``doc_ids_``, the doc_id of each row, since their input may be a stream of chunks.
    matrix : scipy.sparse.csr_matrix or ndarray
        One row per article, in the order of ``articles`` (of the chunks, when streaming); dense
        ``float32`` for embeddings.

    Raises
    ------
    ImportError
        ``kind="embeddings"`` without the extra; the message says how to install it.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "Mr. President, territorial integrity matters.",
    ...     "Security guarantees were said to matter.",
    ...     "Territorial integrity and security guarantees."]})
    >>> vec, X = vectorise(arts)
    >>> X.shape
    (3, 4)
    >>> vec.get_feature_names_out().tolist()
    ['matter', 'matters', 'security_guarantees', 'territorial_integrity']
    >>> vec, X = vectorise(arts, kind="hashing", chunksize=2)
    >>> X.shape, vec.doc_ids_
    ((3, 1048576), ['a', 'b', 'c'])
    """
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r}: use one of {', '.join(KINDS)}")
    words, stop_phrases = resolve_stop_words(stop_words)
    phrase_list = tuple(DEFAULT_PHRASES if phrases is None else phrases)
    analyzer = Analyzer(phrase_list, words, stop_phrases, ngram_range)

    if kind == "embeddings":
        embedding_model_path()  # fail early, with the install hint, before reading any chunk
        embedder = SentenceEmbedder(model_path, max_words=max_words, batch_size=batch_size).fit()
        blocks, ids = [], []
        for frame in _iter_frames(articles, chunksize):
            blocks.append(embedder.transform(_texts(frame)))
            ids.extend(frame["doc_id"].tolist())
        matrix = (
            np.vstack(blocks) if blocks else np.zeros((0, embedder.n_features_out_), np.float32)
        )
        embedder.doc_ids_ = ids
        logger.info("embedded %d documents into %d dimensions", *matrix.shape)
        return embedder, matrix

    if kind == "hashing":
        vec = HashingTfidfVectorizer(
            analyzer=analyzer, n_features=n_features, sublinear_tf=sublinear_tf,
        )  # fmt: skip
        blocks, ids = [], []
        for frame in _iter_frames(articles, chunksize):
            counts = vec.count(_texts(frame))
            vec._update(counts)
            blocks.append(counts)
            ids.extend(frame["doc_id"].tolist())
        if not blocks:
            raise ValueError("no articles to vectorise")
        matrix = vec.weight(sp.vstack(blocks, format="csr"))
        vec.doc_ids_ = ids
        logger.info("hashed %d documents in %d chunks", matrix.shape[0], len(blocks))
        return vec, matrix

    frame = (
        articles
        if isinstance(articles, pd.DataFrame)
        else pd.concat(list(articles), ignore_index=True)
    )
    texts = _texts(frame)
    lo, hi = _df_bounds(len(texts), min_df, max_df)
    common = dict(
        analyzer=analyzer, min_df=lo, max_df=hi, max_features=max_features, dtype=np.float32,
    )  # fmt: skip
    if kind == "tfidf":
        vec = TfidfVectorizer(sublinear_tf=sublinear_tf, **common)
    else:
        vec = CountVectorizer(**common)
    matrix = vec.fit_transform(texts).tocsr()
    logger.info(
        "vectorised %d documents into %d terms (%s)", matrix.shape[0], matrix.shape[1], kind
    )
    return vec, matrix


__all__ = [
    "DEFAULT_MAX_DF",
    "DEFAULT_MAX_FEATURES",
    "DEFAULT_PHRASES",
    "KINDS",
    "Analyzer",
    "HashingTfidfVectorizer",
    "SentenceEmbedder",
    "join_phrase",
    "lexicon_phrases",
    "load_stop_words",
    "vectorise",
]
