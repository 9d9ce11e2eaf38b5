"""Helpers of :mod:`analysis.topics`: term ranking, row normalisation, terms and document ids."""

from __future__ import annotations

import numpy as np
import pandas as pd


def normalise_rows(weights: np.ndarray) -> np.ndarray:
    sums = weights.sum(axis=1, keepdims=True)
    return np.divide(weights, sums, out=np.zeros_like(weights, dtype=np.float64), where=sums > 0)


def rank_terms(
    components: np.ndarray, term_share: np.ndarray, relevance: float, n: int
) -> list[np.ndarray]:
    """Each topic's ``n`` most relevant terms with a positive weight (fewer if it has fewer).

    Relevance (Sievert & Shirley 2014): ``λ log φ(w|k) + (1 - λ) log(φ(w|k) / p(w))``.

    >>> H = np.array([[0.5, 0.3, 0.2, 0.0]])   # one topic over four terms
    >>> p = np.array([0.6, 0.1, 0.1, 0.2])      # share of each term in the whole matrix
    >>> rank_terms(H, p, 1.0, 4)[0].tolist()    # by weight; the zero-weight term is left out
    [0, 1, 2]
    >>> rank_terms(H, p, 0.6, 4)[0].tolist()    # term 1 is rarer overall: it moves up
    [1, 0, 2]
    """
    phi = components / np.maximum(components.sum(axis=1, keepdims=True), 1e-300)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = relevance * np.log(phi) + (1 - relevance) * np.log(phi / term_share)
    order = np.argsort(np.where(phi > 0, -score, np.inf), axis=1, kind="stable")[:, :n]
    return [row[phi[k, row] > 0] for k, row in enumerate(order)]


def feature_names(vectoriser, n_terms: int) -> np.ndarray:
    names = None
    if vectoriser is not None and hasattr(vectoriser, "get_feature_names_out"):
        try:
            names = np.asarray(vectoriser.get_feature_names_out(), dtype=object)
        except (AttributeError, ValueError, NotImplementedError):
            names = None
    if names is None or len(names) != n_terms:
        names = np.asarray([f"term{i}" for i in range(n_terms)], dtype=object)
    return names


def doc_meta(
    articles: pd.DataFrame | None, vectoriser, n_docs: int
) -> tuple[np.ndarray, np.ndarray]:
    if articles is not None:
        if len(articles) != n_docs:
            raise ValueError(
                f"articles has {len(articles)} rows but the matrix {n_docs}: rows must match"
            )
        ids = articles["doc_id"].to_numpy(dtype=object)
        if "title" in articles:
            titles = articles["title"].astype(object)
            if "text" in articles:  # untitled records (UN speeches): the opening words instead
                opening = articles["text"].astype(object).str.slice(0, 80)
                titles = titles.where(titles.notna(), opening)
            return ids, titles.to_numpy(dtype=object)
        return ids, np.full(n_docs, pd.NA, dtype=object)
    ids = getattr(vectoriser, "doc_ids_", None)
    ids = (
        np.asarray(ids, dtype=object)
        if ids is not None and len(ids) == n_docs
        else np.arange(n_docs)
    )
    return ids, np.full(n_docs, pd.NA, dtype=object)
