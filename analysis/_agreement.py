"""Inter-coder agreement for nominal labels: Cohen's kappa and Krippendorff's alpha.

Both are implemented with numpy from their textbook definitions, so the annotation workflow needs
nothing beyond the base install:

- **Cohen's kappa** (two coders, every unit coded by both):
  ``kappa = (p_o - p_e) / (1 - p_e)``, with ``p_o`` the share of units on which the coders agree
  and ``p_e = sum_k p1_k * p2_k`` the agreement expected from each coder's own label shares.
- **Krippendorff's alpha, nominal** (any number of coders, missing codes allowed):
  ``alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k``, where ``o`` is the
  coincidence matrix (every ordered pair of codes within a unit adds ``1 / (m_u - 1)``, ``m_u`` the
  number of codes the unit received; units with fewer than two codes are not pairable and are left
  out), ``n_c`` its row sums and ``n`` the number of pairable codes (Krippendorff 2011, "Computing
  Krippendorff's Alpha-Reliability").

Both return ``nan`` when they are undefined (no units, or no variation at all: every code the same).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value == ""


def cohen_kappa(coder1: Sequence[Hashable], coder2: Sequence[Hashable]) -> float:
    """Cohen's kappa of two coders' labels for the same units.

    Parameters
    ----------
    coder1, coder2 : sequences of labels
        Same length; position ``i`` is unit ``i``. Missing codes are not allowed here (drop the
        units first).

    Returns
    -------
    float
        Kappa in [-1, 1]; ``nan`` for no units or when both coders used one and the same label only.

    Examples
    --------
    >>> round(cohen_kappa(["neg", "neg", "pos", "neu"], ["neg", "neu", "pos", "neu"]), 3)
    0.636
    """
    a, b = list(coder1), list(coder2)
    if len(a) != len(b):
        raise ValueError(f"the coders labelled different numbers of units ({len(a)} and {len(b)})")
    if any(_is_missing(x) for x in a + b):
        raise ValueError("cohen_kappa needs a label from both coders for every unit")
    if not a:
        return float("nan")
    labels = sorted(set(a) | set(b), key=str)
    index = {label: i for i, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    np.add.at(table, ([index[x] for x in a], [index[x] for x in b]), 1)
    table /= table.sum()
    observed = np.trace(table)
    expected = float(table.sum(axis=1) @ table.sum(axis=0))
    if np.isclose(expected, 1.0):
        return float("nan")
    return float((observed - expected) / (1.0 - expected))


def coincidences(units: Sequence[Sequence[Hashable]]) -> tuple[list, np.ndarray]:
    """The coincidence matrix of Krippendorff's alpha: ``(labels, o)``.

    ``units`` holds, per unit, the codes it received (missing codes as ``None``, ``nan`` or ``""``).

    Examples
    --------
    >>> labels, o = coincidences([["a", "a"], ["a", "b", "b"], ["b"]])
    >>> labels, o.tolist()
    (['a', 'b'], [[2.0, 1.0], [1.0, 1.0]])
    """
    cleaned = [[v for v in unit if not _is_missing(v)] for unit in units]
    pairable = [unit for unit in cleaned if len(unit) >= 2]
    labels = sorted({v for unit in pairable for v in unit}, key=str)
    index = {label: i for i, label in enumerate(labels)}
    o = np.zeros((len(labels), len(labels)))
    for unit in pairable:
        counts = np.zeros(len(labels))
        for v in unit:
            counts[index[v]] += 1
        # ordered pairs of distinct codes (positions) within the unit: outer(counts) minus self-pairs
        o += (np.outer(counts, counts) - np.diag(counts)) / (len(unit) - 1)
    return labels, o


def krippendorff_alpha_nominal(units: Sequence[Sequence[Hashable]]) -> float:
    """Krippendorff's alpha for nominal codes, any number of coders, missing codes allowed.

    Parameters
    ----------
    units : sequence of sequences
        One entry per unit: the codes the coders gave it (``None``/``nan``/``""`` when a coder did
        not code the unit). For a coders x units table ``data``, pass ``list(zip(*data))``.

    Returns
    -------
    float
        Alpha (1 = perfect agreement, 0 = chance level); ``nan`` when undefined (no pairable
        units or a single category in all codes).

    Examples
    --------
    >>> round(krippendorff_alpha_nominal([["neg", "neg"], ["pos", "neu", "pos"], ["neu"]]), 3)
    0.5
    """
    _, o = coincidences(units)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    expected = n * n - float(n_c @ n_c)  # sum over c != k of n_c * n_k
    if n < 2 or np.isclose(expected, 0.0):
        return float("nan")
    observed = o.sum() - np.trace(o)  # sum over c != k of o_ck
    return float(1.0 - (n - 1) * observed / expected)
