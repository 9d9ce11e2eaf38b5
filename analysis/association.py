"""Which targets are named together, and which words set one group of articles apart.

``cooccurrence`` counts target pairs within sentences or articles with a PMI association;
``keyness`` compares term counts of a target group against a reference group (quanteda's
``textstat_keyness``, with both sides' raw counts in the output); ``term_counts`` builds the counts.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse

_MEASURES = ("chi2", "llr", "pmi")


def cooccurrence(mentions: pd.DataFrame, unit: str = "sentence") -> pd.DataFrame:
    """Count how often two targets are named in the same sentence or article.

    Parameters
    ----------
    mentions : DataFrame
        ``find_mentions`` output (doc_id, sent_id, target, ...).
    unit : {"sentence", "article"}
        What counts as "together".

    Returns
    -------
    DataFrame
        One row per ordered pair (a, b), a != b, and the diagonal (a, a): ``target_a``, ``target_b``,
        ``n_ab`` (units naming both), ``n_a``, ``n_b`` (units naming each), ``units`` (units naming any
        target), ``pmi`` = log2(P(a,b) / (P(a) P(b))) and ``npmi`` = pmi / -log2 P(a,b) in [-1, 1]
        (NaN where n_ab = 0; probabilities over the units that name at least one target).

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d2"], "sent_id": [0, 0, 1, 0],
    ...                   "target": ["NATO", "Russia", "NATO", "Russia"]})
    >>> c = cooccurrence(m, unit="sentence")
    >>> c.loc[(c.target_a == "NATO") & (c.target_b == "Russia"), ["n_ab", "n_a", "n_b", "units"]].values.tolist()
    [[1, 2, 2, 3]]
    """
    if unit not in ("sentence", "article"):
        raise ValueError(f"unit must be 'sentence' or 'article', not {unit!r}")
    keys = ["doc_id", "sent_id"] if unit == "sentence" else ["doc_id"]
    present = mentions[[*keys, "target"]].drop_duplicates()
    unit = present.groupby(keys, sort=False).ngroup().to_numpy()
    targets = sorted(present["target"].unique())
    code = pd.Categorical(present["target"], categories=targets).codes
    total = int(unit.max()) + 1 if len(unit) else 0
    # unit x target incidence (0/1, rows deduplicated above) as a sparse matrix: both = X'X
    incidence = sparse.csr_matrix((np.ones(len(unit)), (unit, code)), shape=(total, len(targets)))
    both = (incidence.T @ incidence).toarray().astype(int)
    n = np.diag(both)
    a, b = np.meshgrid(np.arange(len(targets)), np.arange(len(targets)), indexing="ij")
    names = np.asarray(targets, dtype=object)
    frame = pd.DataFrame({"target_a": names[a.ravel()], "target_b": names[b.ravel()], "n_ab": both.ravel()})
    frame["n_a"] = n[a.ravel()]
    frame["n_b"] = n[b.ravel()]
    frame["units"] = total
    with np.errstate(divide="ignore", invalid="ignore"):
        p_ab = frame.n_ab / total
        pmi = np.log2(p_ab / ((frame.n_a / total) * (frame.n_b / total)))
        npmi = pmi / -np.log2(p_ab)
    frame["pmi"] = pmi.where(frame.n_ab > 0)
    frame["npmi"] = npmi.where(frame.n_ab > 0).where(p_ab < 1, 1.0)
    return frame.astype({"n_ab": int, "n_a": int, "n_b": int})


def _chi2_sf(x):
    """Survival function of chi-squared with one degree of freedom (scipy.stats is imported only when needed)."""
    from scipy import stats

    return stats.chi2.sf(x, df=1)


def term_counts(texts: Iterable[str], *, ngram_range: tuple[int, int] = (1, 1), stop_words="english",
                lowercase: bool = True) -> pd.Series:
    """Total count of each term over ``texts`` (scikit-learn's tokeniser), most frequent first.

    Examples
    --------
    >>> term_counts(["NATO expands", "NATO talks"]).to_dict()
    {'nato': 2, 'expands': 1, 'talks': 1}
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vectoriser = CountVectorizer(ngram_range=ngram_range, stop_words=stop_words, lowercase=lowercase)
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return pd.Series(dtype="int64", name="count")
    counts = pd.Series(np.asarray(matrix.sum(axis=0)).ravel(), index=vectoriser.get_feature_names_out(), name="count")
    return counts.sort_values(ascending=False, kind="stable")


def keyness(
    target_counts: pd.Series,
    reference_counts: pd.Series,
    measure: str = "chi2",
    *,
    min_count: int = 5,
) -> pd.DataFrame:
    """Which terms are over- or under-represented in the target group against the reference.

    For each term the 2x2 table is (a = count in target, b = count in reference, c = other terms in
    target, d = other terms in reference), with N = a + b + c + d and expected counts
    E_ij = row_i * col_j / N.

    - ``chi2``: Pearson's chi-squared sum (O - E)**2 / E, without continuity correction;
    - ``llr``: the log-likelihood ratio G2 = 2 sum O ln(O / E) (Dunning 1993);
    - ``pmi``: log2 of (a / target total) / ((a + b) / N), the target's lift over the pooled rate.

    chi2 and llr are signed: positive when the term is relatively more frequent in the target.

    Returns
    -------
    DataFrame
        term, target_n, reference_n, target_total, reference_total, target_per_10k,
        reference_per_10k, stat, p (chi-squared with one degree of freedom; NaN for pmi),
        sorted by stat, highest first. Terms with fewer than ``min_count`` occurrences in both
        groups together are left out.

    Examples
    --------
    >>> t = pd.Series({"sanctions": 30, "talks": 10, "weather": 60})
    >>> r = pd.Series({"sanctions": 5, "talks": 15, "weather": 180})
    >>> keyness(t, r).term.tolist()
    ['sanctions', 'talks', 'weather']
    """
    if measure not in _MEASURES:
        raise ValueError(f"unknown measure {measure!r}: use one of {', '.join(_MEASURES)}")
    counts = pd.concat([target_counts.rename("target_n"), reference_counts.rename("reference_n")], axis=1)
    counts = counts.fillna(0).astype("int64")
    target_total, reference_total = int(counts.target_n.sum()), int(counts.reference_n.sum())
    if target_total == 0 or reference_total == 0:
        raise ValueError("keyness needs terms on both sides: one of the groups has no terms")
    counts = counts[(counts.target_n + counts.reference_n) >= min_count]
    a = counts.target_n.to_numpy(float)
    b = counts.reference_n.to_numpy(float)
    c, d = target_total - a, reference_total - b
    n = a + b + c + d
    observed = np.stack([a, b, c, d])
    expected = np.stack([
        (a + b) * target_total / n, (a + b) * reference_total / n,
        (c + d) * target_total / n, (c + d) * reference_total / n,
    ])  # fmt: skip
    sign = np.sign(a / target_total - b / reference_total)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "chi2":
            stat = sign * ((observed - expected) ** 2 / expected).sum(axis=0)
        elif measure == "llr":
            stat = sign * 2 * np.nansum(np.where(observed > 0, observed * np.log(observed / expected), 0.0), axis=0)
        else:
            stat = np.log2((a / target_total) / ((a + b) / n))
    out = pd.DataFrame({
        "term": counts.index.astype(str),
        "target_n": a.astype(int), "reference_n": b.astype(int),
        "target_total": target_total, "reference_total": reference_total,
        "target_per_10k": a / target_total * 1e4, "reference_per_10k": b / reference_total * 1e4,
        "stat": stat,
        "p": _chi2_sf(np.abs(stat)) if measure != "pmi" else np.nan,
    })  # fmt: skip
    return out.sort_values(["stat", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
