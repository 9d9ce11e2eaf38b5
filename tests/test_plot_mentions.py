"""The mention figures draw what their frames hold."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd

from analysis.association import cooccurrence, keyness
from analysis.plot_mentions import (
    plot_cooccurrence,
    plot_dispersion,
    plot_keyness,
    plot_mentions_over_time,
)

MENTIONS = pd.DataFrame(
    {"doc_id": ["a", "a", "b", "b"], "sent_id": [0, 0, 0, 1], "target": ["NATO", "Russia", "NATO", "OSCE"],
     "start": [0, 50, 10, 90]}
)
ARTICLES = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x" * 100, "y" * 100]})


def test_plot_over_time_one_line_per_target_and_source():
    frame = pd.DataFrame({"target": ["NATO"] * 2 + ["OSCE"] * 2, "source": ["k", "w"] * 2,
                          "period": pd.to_datetime(["2022-01-03"] * 4), "mentions_per_100": [1.0, 2.0, 3.0, 4.0]})
    ax = plot_mentions_over_time(frame)
    assert len(ax.lines) == 4
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"NATO / k", "NATO / w", "OSCE / k", "OSCE / w"}


def test_plot_cooccurrence_cells():
    ax = plot_cooccurrence(cooccurrence(MENTIONS))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["NATO", "OSCE", "Russia"]
    assert len(ax.texts) == 9  # one count per cell


def test_plot_keyness_two_sides():
    k = keyness(pd.Series({"war": 30, "talks": 5, "peace": 10}), pd.Series({"war": 5, "talks": 40, "peace": 10}))
    ax = plot_keyness(k, n=2)
    heights = [p.get_width() for p in ax.patches]
    assert any(h > 0 for h in heights) and any(h < 0 for h in heights)


def test_plot_dispersion_positions():
    ax = plot_dispersion(MENTIONS, ARTICLES)
    offsets = sorted(float(x) for c in ax.collections for x, _ in c.get_offsets())
    assert offsets == [0.0, 0.1, 0.5, 0.9]
