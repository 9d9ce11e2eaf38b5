"""Cohen's kappa and Krippendorff's alpha against values worked out by hand (and published ones)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis._agreement import cohen_kappa, coincidences, krippendorff_alpha_nominal

# Ten units, two coders. Confusion table (rows coder A, columns coder B):
#            neg neu pos
#      neg    3   1   0
#      neu    0   3   1
#      pos    0   0   2
# p_o = 8/10; A's shares .4/.4/.2, B's .3/.4/.3 -> p_e = .12 + .16 + .06 = .34
# kappa = (.8 - .34) / (1 - .34) = .46 / .66 = 23/33.
# alpha: coincidences o_nn=6 o_uu=6 o_pp=4, o_nu=o_un=1, o_up=o_pu=1 -> n_neg=7 n_neu=8 n_pos=5, n=20;
# sum_{c!=k} o = 4; sum_{c!=k} n_c n_k = 400 - (49 + 64 + 25) = 262; alpha = 1 - 19 * 4 / 262 = 93/131.
A = ["neg"] * 4 + ["neu"] * 4 + ["pos"] * 2
B = ["neg", "neg", "neg", "neu", "neu", "neu", "neu", "pos", "pos", "pos"]


def test_hand_worked_table():
    assert cohen_kappa(A, B) == pytest.approx(23 / 33)
    assert krippendorff_alpha_nominal(list(zip(A, B, strict=True))) == pytest.approx(93 / 131)


def test_kappa_matches_sklearn():
    from sklearn.metrics import cohen_kappa_score

    rng = np.random.default_rng(7)
    a = rng.choice(["negative", "neutral", "positive"], 200).tolist()
    b = [x if rng.random() < 0.7 else rng.choice(["negative", "neutral", "positive"]) for x in a]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert cohen_kappa(A, B) == pytest.approx(cohen_kappa_score(A, B))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (["x", "y", "z"], ["x", "y", "z"], 1.0),  # perfect agreement
        # p_o = 0, p_e = .5*.5 + .5*.5 = .5 -> kappa = -.5/.5 = -1
        (["x", "y"], ["y", "x"], -1.0),
        # p_o = .5; A .5/.5, B 1/0 -> p_e = .5 -> kappa = 0
        (["x", "y"], ["x", "x"], 0.0),
        (["x", "x"], ["x", "x"], math.nan),  # one category only: undefined
        ([], [], math.nan),
    ],
)
def test_kappa_cases(a, b, expected):
    got = cohen_kappa(a, b)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def test_kappa_rejects_bad_input():
    with pytest.raises(ValueError, match="different numbers"):
        cohen_kappa(["x"], ["x", "y"])
    with pytest.raises(ValueError, match="every unit"):
        cohen_kappa(["x", None], ["x", "y"])


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders x 12 units example with
# missing codes: nominal alpha = 0.743.
KRIPP_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_alpha_published_example():
    units = list(zip(*KRIPP_2011, strict=True))
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)
    labels, o = coincidences(units)
    # the paper's coincidence matrix: n_c = 9, 13, 10, 5, 3, n = 40 (unit 12 has one code and is left out)
    assert labels == [1, 2, 3, 4, 5]
    assert o.sum(axis=1).tolist() == pytest.approx([9, 13, 10, 5, 3])
    assert o.sum() == pytest.approx(40)


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        # worked by hand: o_nn=2 (unit 1), unit 2 (pos, neu, pos) adds 1/2 per ordered pair -> o_pp=1,
        # o_pu=o_up=1; unit 3 has one code. n=5, n_neg=2 n_pos=2 n_neu=1; sum_{c!=k} o = 2;
        # sum_{c!=k} n_c n_k = 25 - 9 = 16; alpha = 1 - 4 * 2 / 16 = .5
        ([["neg", "neg", None], ["pos", "neu", "pos"], ["neu", None, None]], 0.5),
        ([["a", "a"], ["b", "b"]], 1.0),
        # two units, complete disagreement: o_ab=o_ba=2, n_a=n_b=2, n=4; alpha = 1 - 3*4/8 = -0.5
        ([["a", "b"], ["b", "a"]], -0.5),
        ([["a", "a"], ["a", "a"]], math.nan),  # no variation
        ([["a"], ["b", ""]], math.nan),  # nothing pairable
    ],
)
def test_alpha_cases(units, expected):
    got = krippendorff_alpha_nominal(units)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)
