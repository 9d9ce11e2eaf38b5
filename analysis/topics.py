"""Topic models over a document-term matrix, with tidy outputs and quality measured on the corpus.

``fit_topics(matrix, n_topics, vectoriser=vec, articles=articles)`` fits NMF (default) or LDA
and returns a :class:`TopicModel`, a scikit-learn estimator whose tidy frames trace every number
back to its articles:

- ``topic_terms()``: topic, rank, term, weight;
- ``document_topics()``: doc_id, topic, weight (each document's weights sum to 1);
- ``labels()``: the top terms of each topic, joined, to name it;
- ``representative_documents()``: topic, rank, doc_id, title, weight.

Quality comes from the corpus itself (:func:`topic_quality`): NPMI coherence of the top terms
from document co-occurrence, diversity of the top terms across topics and stability across
random seeds; :func:`select_n_topics` tabulates them for several numbers of topics, and
:func:`topics_over_time` turns document topics into shares by period (and by source), honouring
``date_precision``. Plots live in :mod:`analysis.plot_topics`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis._topic_frames import doc_meta, feature_names, normalise_rows, rank_terms
from analysis._topic_quality import npmi_coherence, presence, stability, topic_diversity
from analysis._topics_time import topics_over_time

logger = logging.getLogger(__name__)

METHODS = ("nmf", "lda")
#: Iterations by method. NMF runs a fixed 50 (``tol=0``): on the UN corpus (k = 20,
#: benchmarks/bench_topics.py --sweep) 200 iterations gave NPMI 0.362 instead of 0.381, diversity
#: 1.000 both, stability 0.943 instead of 0.951, for 3.5 times the fit time. LDA keeps
#: scikit-learn's default.
DEFAULT_MAX_ITER = {"nmf": 50, "lda": 10}


class TopicModel(TransformerMixin, BaseEstimator):
    """NMF or LDA topics with tidy, doc_id-keyed outputs (see :func:`fit_topics`).

    Parameters
    ----------
    n_topics : int, default=10
    method : {"nmf", "lda"}, default="nmf"
        NMF (coordinate descent, ``nndsvda`` initialisation) suits TF-IDF matrices; LDA
        (batch variational Bayes) expects raw counts (``vectorise(kind="count")``).
    random_state : int, default=0
        Fixed, so a report rendered twice says the same thing.
    n_top_terms : int, default=10
        Terms per topic in ``topic_terms``, the quality measures and the stability comparison.
    relevance : float, default=0.6
        The λ of Sievert & Shirley's (2014) relevance used to rank a topic's terms:
        ``λ log φ(w|k) + (1 - λ) log(φ(w|k) / p(w))``, with ``φ(w|k)`` the term's share of the
        topic's weights and ``p(w)`` its share of the whole matrix. ``1.0`` ranks by weight alone;
        lower values favour terms particular to the topic over terms frequent everywhere
        (0.6 is the value their user study found best).
    max_iter : int, optional
        Default :data:`DEFAULT_MAX_ITER` for the method.
    blas_threads : int or None, default=1
        Threads for BLAS during the fit (``None``: leave as is). The products here are small;
        on a machine shared with other work, idle BLAS threads spinning for a core made an NMF
        fit five times slower in the benchmark.
    params : dict, optional
        Further keyword arguments of :class:`~sklearn.decomposition.NMF` or
        :class:`~sklearn.decomposition.LatentDirichletAllocation`.

    Attributes
    ----------
    estimator_ : NMF or LatentDirichletAllocation
    components_ : ndarray of shape (n_topics, n_terms)
    document_weights_ : ndarray of shape (n_docs, n_topics)
        Topic weights of the fitted documents, normalised to sum to 1 per document (all zero for a
        document the model cannot explain).
    feature_names_ : ndarray of str
        Terms (``term0``, ... when the vectoriser has no names, e.g. hashing).
    term_share_ : ndarray of shape (n_terms,)
        ``p(w)``: each term's share of the matrix's total weight.
    top_terms_ : list of ndarray of int
        Column indices of each topic's top terms by relevance (at most ``n_top_terms``; only terms
        of positive weight).
    doc_ids_, titles_ : ndarray
        Of the fitted documents, from ``articles`` (``0..n-1`` and NA without them).
    npmi_ : ndarray of shape (n_topics,)
        NPMI coherence of each topic's top terms on the fitted matrix.
    n_features_in_ : int
    """

    def __init__(
        self,
        n_topics: int = 10,
        *,
        method: str = "nmf",
        random_state: int | None = 0,
        n_top_terms: int = 10,
        relevance: float = 0.6,
        max_iter: int | None = None,
        blas_threads: int | None = 1,
        params: dict | None = None,
    ) -> None:
        self.n_topics = n_topics
        self.method = method
        self.random_state = random_state
        self.n_top_terms = n_top_terms
        self.relevance = relevance
        self.max_iter = max_iter
        self.blas_threads = blas_threads
        self.params = params

    def _make_estimator(self) -> NMF | LatentDirichletAllocation:
        if self.method not in METHODS:
            raise ValueError(f"method={self.method!r}: use one of {', '.join(METHODS)}")
        max_iter = self.max_iter if self.max_iter is not None else DEFAULT_MAX_ITER[self.method]
        extra = dict(self.params or {})
        if self.method == "nmf":
            extra.setdefault("init", "nndsvda")
            # a fixed number of iterations (see DEFAULT_MAX_ITER): no convergence test, no warning
            extra.setdefault("tol", 0.0)
            return NMF(self.n_topics, random_state=self.random_state, max_iter=max_iter, **extra)
        return LatentDirichletAllocation(
            self.n_topics, random_state=self.random_state, max_iter=max_iter, **extra
        )

    def fit(
        self, X, y=None, *, vectoriser=None, articles: pd.DataFrame | None = None
    ) -> TopicModel:
        """Fit on a non-negative matrix (terms from ``vectoriser``, ids from ``articles``)."""
        X = sp.csr_matrix(X) if sp.issparse(X) else np.asarray(X)
        n_docs, n_terms = X.shape
        if self.n_topics < 1 or self.n_topics > min(n_docs, n_terms):
            raise ValueError(f"n_topics={self.n_topics} must be between 1 and min(n_docs, n_terms)")
        self.estimator_ = self._make_estimator()
        with threadpool_limits(limits=self.blas_threads):
            weights = self.estimator_.fit_transform(X)
        self.components_ = self.estimator_.components_
        self.document_weights_ = normalise_rows(weights)
        self.n_features_in_ = n_terms
        self.feature_names_ = feature_names(vectoriser, n_terms)
        total = np.asarray(X.sum(axis=0)).ravel()
        self.term_share_ = total / total.sum() if total.sum() > 0 else np.full(n_terms, 1 / n_terms)
        self.top_terms_ = rank_terms(
            self.components_, self.term_share_, self.relevance, self.n_top_terms
        )
        self.doc_ids_, self.titles_ = doc_meta(articles, vectoriser, n_docs)
        self.npmi_ = npmi_coherence(self.top_terms_, presence(X))
        return self

    def transform(self, X) -> np.ndarray:
        """Topic weights of new documents (same vectoriser), normalised to sum to 1 per row."""
        check_is_fitted(self, "estimator_")
        with threadpool_limits(limits=self.blas_threads):
            return normalise_rows(self.estimator_.transform(X))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """``topic0``, ``topic1``, ... (the columns of ``transform``)."""
        check_is_fitted(self, "estimator_")
        return np.asarray([f"topic{k}" for k in range(self.n_topics)], dtype=object)

    def top_term_lists(self) -> list[list[str]]:
        """Each topic's top terms, by relevance."""
        check_is_fitted(self, "estimator_")
        return [list(self.feature_names_[idx]) for idx in self.top_terms_]

    def topic_terms(self, n_terms: int | None = None) -> pd.DataFrame:
        """Tidy top terms: topic, rank (1 = first), term, weight (the term's share of the topic)."""
        check_is_fitted(self, "estimator_")
        n = n_terms or self.n_top_terms
        top = rank_terms(self.components_, self.term_share_, self.relevance, n)
        phi = self.components_ / np.maximum(self.components_.sum(axis=1, keepdims=True), 1e-300)
        k = np.concatenate([np.full(len(idx), t) for t, idx in enumerate(top)]).astype(int)
        idx = np.concatenate(top).astype(int)
        return pd.DataFrame({
            "topic": k, "rank": np.concatenate([np.arange(1, len(i) + 1) for i in top]).astype(int),
            "term": self.feature_names_[idx], "weight": phi[k, idx],
        })  # fmt: skip

    def document_topics(self) -> pd.DataFrame:
        """Tidy document weights: doc_id, topic, weight (every document x topic; rows sum to 1)."""
        check_is_fitted(self, "estimator_")
        n_docs = len(self.doc_ids_)
        return pd.DataFrame({
            "doc_id": np.repeat(self.doc_ids_, self.n_topics),
            "topic": np.tile(np.arange(self.n_topics), n_docs),
            "weight": self.document_weights_.ravel(),
        })  # fmt: skip

    def labels(self, n_terms: int = 3, sep: str = ", ") -> pd.Series:
        """A label per topic: its first ``n_terms`` terms (joined phrases shown with spaces)."""
        terms = self.topic_terms(n_terms)
        joined = terms.groupby("topic")["term"].agg(
            lambda t: sep.join(s.replace("_", " ") for s in t)
        )
        return joined.rename("label")

    def representative_documents(self, n_docs: int = 3) -> pd.DataFrame:
        """Documents with the largest weight on each topic: topic, rank, doc_id, title, weight."""
        check_is_fitted(self, "estimator_")
        order = np.argsort(-self.document_weights_, axis=0, kind="stable")[:n_docs]  # (n_docs, k)
        rows = [(k, r + 1, i) for k in range(self.n_topics) for r, i in enumerate(order[:, k])]
        k, rank, idx = (np.asarray(c) for c in zip(*rows, strict=True))
        return pd.DataFrame({
            "topic": k, "rank": rank, "doc_id": self.doc_ids_[idx], "title": self.titles_[idx],
            "weight": self.document_weights_[idx, k],
        })  # fmt: skip


def fit_topics(
    matrix,
    n_topics: int = 10,
    method: str = "nmf",
    random_state: int | None = 0,
    *,
    vectoriser=None,
    articles: pd.DataFrame | None = None,
    **params,
) -> TopicModel:
    """Fit a topic model on a document-term matrix and return it (a fitted :class:`TopicModel`).

    Parameters
    ----------
    matrix : sparse matrix of shape (n_docs, n_terms)
        From :func:`analysis.vectorise.vectorise` (TF-IDF for NMF, counts for LDA).
    n_topics : int, default=10
        Use :func:`select_n_topics` to choose it from the corpus rather than by habit.
    method : {"nmf", "lda"}
    random_state : int, default=0
    vectoriser : fitted vectoriser, optional
        Gives the terms (``get_feature_names_out``).
    articles : DataFrame, optional
        The articles the matrix was built from, same order: gives doc_id and title.
    **params
        :class:`TopicModel` parameters (``n_top_terms``, ``relevance``, ``max_iter``, ``params``).

    Examples
    --------
    >>> from analysis.vectorise import vectorise
    >>> arts = pd.DataFrame({"doc_id": list("abcdef"), "title": list("ABCDEF"), "text": [
    ...     "nato troops border", "nato troops border exercise", "nato border exercise",
    ...     "gas prices energy", "gas energy supply", "energy prices supply"]})
    >>> vec, X = vectorise(arts, min_df=1, max_df=1.0)
    >>> model = fit_topics(X, 2, vectoriser=vec, articles=arts)
    >>> model.labels(n_terms=2).tolist()
    ['border, nato', 'energy, gas']
    >>> model.representative_documents(n_docs=1)[["topic", "doc_id", "title"]].to_numpy().tolist()
    [[0, 'a', 'A'], [1, 'd', 'D']]
    >>> model.document_topics().groupby("doc_id")["weight"].sum().round(6).unique().tolist()
    [1.0]
    """
    model = TopicModel(n_topics, method=method, random_state=random_state, **params)
    return model.fit(matrix, vectoriser=vectoriser, articles=articles)


class TopicQuality(NamedTuple):
    """What :func:`topic_quality` returns: per-topic table and the three overall figures."""

    per_topic: pd.DataFrame
    npmi: float
    diversity: float
    stability: float


def _refit_top_terms(model: TopicModel, matrix, seed: int) -> list[list[str]]:
    # BLAS threads are limited once around all refits (threadpoolctl is process-wide)
    refit = clone(model).set_params(random_state=seed, blas_threads=None)
    refit.fit(matrix)
    return [list(model.feature_names_[idx]) for idx in refit.top_terms_]


def topic_quality(model: TopicModel, matrix, *, n_seeds: int = 5, n_jobs: int = 2) -> TopicQuality:
    """Coherence, diversity and stability of a fitted model, measured on its own corpus.

    - NPMI: mean over a topic's top-term pairs of normalised pointwise mutual information from
      document co-occurrence in ``matrix`` (formula in
      :func:`analysis._topic_quality.npmi_coherence`); overall = mean over topics.
    - Diversity: unique terms among all topics' top terms / (n_topics x n_top_terms).
    - Stability: the model is refitted with ``n_seeds - 1`` other seeds (``random_state + 1``,
      ...); each topic is matched one-to-one to a refit's topic (Hungarian algorithm on the
      Jaccard index of their top terms) and the Jaccard indices are averaged over topics and
      refits. 1 means the same topics come back whatever the seed.

    Parameters
    ----------
    model : fitted TopicModel
    matrix : the matrix it was fitted on
    n_seeds : int, default=5
        Runs compared, the model's own included (``1`` skips stability: NaN).
    n_jobs : int, default=2
        Refits run in this many threads: the NMF solver and sparse products release the GIL, so
        two threads halved the wall time of the refits in the benchmark, with no process to
        start and no copy of the matrix.

    Returns
    -------
    TopicQuality
        ``per_topic`` (topic, label, npmi, stability), ``npmi``, ``diversity``, ``stability``.
    """
    check_is_fitted(model, "estimator_")
    runs = [model.top_term_lists()]
    seeds = [(model.random_state or 0) + s for s in range(1, n_seeds)]
    if seeds:
        with threadpool_limits(limits=model.blas_threads):
            runs += Parallel(n_jobs=n_jobs, backend="threading")(
                delayed(_refit_top_terms)(model, matrix, s) for s in seeds
            )
        overall, per_topic_stab = stability(runs)
    else:
        overall, per_topic_stab = float("nan"), np.full(model.n_topics, np.nan)
    per_topic = pd.DataFrame({
        "topic": np.arange(model.n_topics), "label": model.labels().to_numpy(),
        "npmi": model.npmi_, "stability": per_topic_stab,
    })  # fmt: skip
    return TopicQuality(per_topic, float(np.mean(model.npmi_)), topic_diversity(runs[0]), overall)


def select_n_topics(
    matrix,
    candidates: Iterable[int] = range(5, 41, 5),
    *,
    method: str = "nmf",
    n_seeds: int = 3,
    random_state: int = 0,
    n_jobs: int = 2,
    **params,
) -> pd.DataFrame:
    """Quality of models with each candidate number of topics, to choose one from the corpus.

    Returns
    -------
    DataFrame
        One row per candidate: n_topics, npmi, diversity, stability, seconds (fit plus quality).
        Look for the largest number of topics before coherence and stability fall off
        (:func:`analysis.plot_topics.plot_n_topics` draws the curve).

    Examples
    --------
    >>> from analysis.vectorise import vectorise
    >>> arts = pd.DataFrame({"doc_id": list("abcdef"), "text": [
    ...     "nato troops border", "nato troops border exercise", "nato border exercise",
    ...     "gas prices energy", "gas energy supply", "energy prices supply"]})
    >>> vec, X = vectorise(arts, min_df=1, max_df=1.0)
    >>> select_n_topics(X, [2, 3], n_seeds=2).columns.tolist()
    ['n_topics', 'npmi', 'diversity', 'stability', 'seconds']
    """
    rows = []
    for k in candidates:
        start = time.perf_counter()
        model = TopicModel(k, method=method, random_state=random_state, **params).fit(matrix)
        quality = topic_quality(model, matrix, n_seeds=n_seeds, n_jobs=n_jobs)
        rows.append(
            (k, quality.npmi, quality.diversity, quality.stability, time.perf_counter() - start)
        )
        logger.info("n_topics=%d: npmi %.3f diversity %.2f stability %.2f", *rows[-1][:4])
    return pd.DataFrame(rows, columns=["n_topics", "npmi", "diversity", "stability", "seconds"])


__all__ = [
    "DEFAULT_MAX_ITER",
    "METHODS",
    "TopicModel",
    "TopicQuality",
    "fit_topics",
    "select_n_topics",
    "topic_quality",
    "topics_over_time",
]


def choose_n_topics(table: pd.DataFrame) -> int:
    """Pick a number of topics from a :func:`select_n_topics` table.

    The rule: the candidate with the highest mean of NPMI, diversity and stability (each on [0, 1] for
    useful models), the smaller number of topics on ties. Documented so a report says why it chose k.

    Examples
    --------
    >>> t = pd.DataFrame({"n_topics": [6, 8, 10], "npmi": [0.30, 0.34, 0.33],
    ...                   "diversity": [0.9, 0.9, 0.8], "stability": [0.8, 0.8, 0.7]})
    >>> choose_n_topics(t)
    8
    """
    score = table[["npmi", "diversity", "stability"]].mean(axis=1).round(6)
    best = table.assign(score=score).sort_values(["score", "n_topics"], ascending=[False, True], kind="stable")
    return int(best["n_topics"].iloc[0])
