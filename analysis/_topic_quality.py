"""Quality measures of topics computed from the corpus itself: NPMI coherence, diversity, stability.

Private helpers of :mod:`analysis.topics`; pure functions over arrays, no fitting here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment


def presence(matrix: sp.spmatrix | np.ndarray) -> sp.csc_matrix:
    """Binary document-term matrix (1 where a term occurs in a document), column-compressed."""
    binary = sp.csc_matrix(matrix, copy=True)
    binary.data = (binary.data > 0).astype(np.float64)
    binary.eliminate_zeros()
    return binary


def npmi_coherence(
    top_terms: Sequence[Sequence[int]] | np.ndarray, present: sp.spmatrix
) -> np.ndarray:
    r"""NPMI coherence of each topic from document co-occurrence of its top terms.

    For top terms :math:`w_i, w_j` of a topic, with :math:`N` documents, :math:`D(w)` the
    documents containing :math:`w` and :math:`D(w_i, w_j)` those containing both,

    .. math::

        P(w) = D(w) / N, \qquad P(w_i, w_j) = D(w_i, w_j) / N, \qquad
        \mathrm{NPMI}(w_i, w_j) = \frac{\log \frac{P(w_i, w_j)}{P(w_i)\,P(w_j)}}{-\log P(w_i, w_j)}

    with :math:`\mathrm{NPMI} = -1` when the two never co-occur and :math:`1` when both occur in
    every document (complete co-occurrence). A topic's coherence is the mean over its
    :math:`n(n-1)/2` pairs of top terms (Bouma 2009; Lau, Newman & Baldwin 2014, with a
    document as the context window instead of a sliding window). It ranges from -1 to 1;
    0 means the terms co-occur as often as chance predicts.

    Parameters
    ----------
    top_terms : sequence of int arrays, or ndarray of shape (n_topics, n_top)
        Column indices of each topic's top terms.
    present : sparse matrix, shape (n_docs, n_terms)
        Binary presence of terms in documents (see :func:`presence`).

    Returns
    -------
    ndarray of shape (n_topics,)

    Examples
    --------
    Four documents; "a" and "b" always together, "c" never with "a":

    >>> X = sp.csc_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]]))
    >>> npmi_coherence(np.array([[0, 1], [0, 2]]), X).round(3).tolist()
    [1.0, -1.0]
    """
    n_docs = present.shape[0]
    present = sp.csc_matrix(present)
    out = np.empty(len(top_terms))
    for t, idx in enumerate(top_terms):
        sub = present[:, np.asarray(idx, dtype=int)]
        co = np.asarray((sub.T @ sub).todense(), dtype=np.float64)
        p = np.diag(co) / n_docs
        values = []
        for i, j in combinations(range(len(idx)), 2):
            pij = co[i, j] / n_docs
            if pij == 0:
                values.append(-1.0)
            elif pij == 1:
                values.append(1.0)
            else:
                values.append(np.log(pij / (p[i] * p[j])) / -np.log(pij))
        out[t] = np.mean(values) if values else np.nan
    return out


def topic_diversity(top_terms: Sequence[Sequence[str]]) -> float:
    """Share of unique terms among all topics' top terms (Dieng, Ruiz & Blei 2020).

    1 means no term is shared between topics; ``1 / n_topics`` means all topics are alike.

    >>> topic_diversity([["a", "b"], ["b", "c"]])
    0.75
    """
    flat = [term for terms in top_terms for term in terms]
    return len(set(flat)) / len(flat) if flat else float("nan")


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    """Jaccard index of two term lists: shared terms over distinct terms.

    >>> jaccard(["a", "b", "c"], ["b", "c", "d"])
    0.5
    """
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def matched_jaccard(run_a: Sequence[Sequence[str]], run_b: Sequence[Sequence[str]]) -> np.ndarray:
    """Match the topics of two runs one-to-one; Jaccard of each topic of ``run_a`` with its match.

    Topics are matched by the Hungarian algorithm maximising the summed Jaccard index of their top
    terms (Greene, O'Callaghan & Cunningham 2014), so two topics of ``run_a`` cannot both claim
    the same topic of ``run_b``.

    >>> matched_jaccard([["a", "b"], ["c", "d"]], [["c", "d"], ["a", "x"]]).round(3).tolist()
    [0.333, 1.0]
    """
    sim = np.array([[jaccard(a, b) for b in run_b] for a in run_a])
    rows, cols = linear_sum_assignment(sim, maximize=True)
    out = np.zeros(len(run_a))
    out[rows] = sim[rows, cols]
    return out


def stability(runs: Sequence[Sequence[Sequence[str]]]) -> tuple[float, np.ndarray]:
    """Mean best-match Jaccard of top terms between the first run and each other run.

    Parameters
    ----------
    runs : sequence of runs, each a sequence of topics' top-term lists
        ``runs[0]`` is the reference (the model being reported); the others are refits with
        other random seeds.

    Returns
    -------
    overall : float
        Mean over the reference topics and the other runs (1 = every topic comes back
        identically with every seed).
    per_topic : ndarray of shape (n_topics,)
        Mean over the other runs, for each reference topic.

    >>> overall, per_topic = stability([[["a", "b"]], [["a", "b"]], [["a", "c"]]])
    >>> round(overall, 3), per_topic.round(3).tolist()
    (0.667, [0.667])
    """
    if len(runs) < 2:
        raise ValueError("stability needs at least two runs")
    per_run = np.vstack([matched_jaccard(runs[0], other) for other in runs[1:]])
    per_topic = per_run.mean(axis=0)
    return float(per_topic.mean()), per_topic
