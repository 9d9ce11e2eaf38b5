"""Tests for analysis.association: co-occurrence and keyness, expected values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.association import cooccurrence, keyness, term_counts

# Four sentences in two articles: s(d1,0) NATO+Russia, s(d1,1) NATO, s(d2,0) Russia+Ukraine+NATO (NATO twice),
# s(d2,1) OSCE.
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["d1", "d1", "d1", "d2", "d2", "d2", "d2", "d2"],
        "sent_id": [0, 0, 1, 0, 0, 0, 0, 1],
        "target": ["NATO", "Russia", "NATO", "Russia", "Ukraine", "NATO", "NATO", "OSCE"],
    }
)


def pair(frame, a, b):
    return frame[(frame.target_a == a) & (frame.target_b == b)].iloc[0]


def test_sentence_cooccurrence_counts_and_pmi():
    c = cooccurrence(MENTIONS, unit="sentence")
    row = pair(c, "NATO", "Russia")
    # units = 4 sentences; NATO in 3, Russia in 2, both in 2
    assert (row.n_ab, row.n_a, row.n_b, row.units) == (2, 3, 2, 4)
    expected_pmi = math.log2((2 / 4) / ((3 / 4) * (2 / 4)))
    assert row.pmi == pytest.approx(expected_pmi)
    assert row.npmi == pytest.approx(expected_pmi / -math.log2(2 / 4))
    assert pair(c, "NATO", "NATO").n_ab == 3  # the diagonal counts units, not repeated mentions
    assert pd.isna(pair(c, "OSCE", "NATO").pmi) and pair(c, "OSCE", "NATO").n_ab == 0
    assert pair(c, "Russia", "NATO").n_ab == pair(c, "NATO", "Russia").n_ab  # symmetric


def test_article_cooccurrence():
    c = cooccurrence(MENTIONS, unit="article")
    row = pair(c, "NATO", "OSCE")
    assert (row.n_ab, row.n_a, row.n_b, row.units) == (1, 2, 1, 2)
    assert row.pmi == pytest.approx(math.log2((1 / 2) / ((2 / 2) * (1 / 2))))  # = 0: NATO is in every article


def test_cooccurrence_bad_unit():
    with pytest.raises(ValueError, match="unit must be"):
        cooccurrence(MENTIONS, unit="paragraph")


TARGET = pd.Series({"sanctions": 30, "talks": 10, "weather": 60})
REFERENCE = pd.Series({"sanctions": 5, "talks": 15, "weather": 180, "rare": 2})


def test_keyness_chi2_by_hand():
    k = keyness(TARGET, REFERENCE, "chi2", min_count=5).set_index("term")
    # sanctions: a=30, b=5, c=100-30=70, d=202-5=197, N=302
    a, b, c, d = 30, 5, 70, 197
    n = a + b + c + d
    e = [(a + b) * 100 / n, (a + b) * 202 / n, (c + d) * 100 / n, (c + d) * 202 / n]
    chi2 = sum((o - x) ** 2 / x for o, x in zip([a, b, c, d], e))
    assert k.loc["sanctions", "stat"] == pytest.approx(chi2)
    assert k.loc["sanctions", ["target_n", "reference_n", "target_total", "reference_total"]].tolist() == [30, 5, 100, 202]
    assert k.loc["weather", "stat"] < 0  # relatively rarer in the target: signed negative
    assert "rare" not in k.index  # 2 < min_count
    assert k.index.tolist() == ["sanctions", "talks", "weather"]


def test_keyness_llr_and_pmi_by_hand():
    llr = keyness(TARGET, REFERENCE, "llr").set_index("term")
    a, b, c, d = 10, 15, 90, 187  # talks
    n = a + b + c + d
    e = [(a + b) * 100 / n, (a + b) * 202 / n, (c + d) * 100 / n, (c + d) * 202 / n]
    g2 = 2 * sum(o * math.log(o / x) for o, x in zip([a, b, c, d], e))
    assert llr.loc["talks", "stat"] == pytest.approx(g2)
    pmi = keyness(TARGET, REFERENCE, "pmi").set_index("term")
    assert pmi.loc["talks", "stat"] == pytest.approx(math.log2((10 / 100) / (25 / 302)))


def test_keyness_errors():
    with pytest.raises(ValueError, match="unknown measure"):
        keyness(TARGET, REFERENCE, "tfidf")
    with pytest.raises(ValueError, match="one of the groups has no terms"):
        keyness(TARGET, pd.Series(dtype=int))


def test_term_counts():
    counts = term_counts(["Sanctions on Russia", "Russia and NATO talk about sanctions"])
    assert counts.to_dict() == {"russia": 2, "sanctions": 2, "nato": 1, "talk": 1}
