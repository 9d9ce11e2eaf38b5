"""Tests for analysis.topics, its quality measures and analysis.plot_topics."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from analysis._topic_quality import (
    matched_jaccard,
    npmi_coherence,
    presence,
    stability,
    topic_diversity,
)
from analysis.plot_topics import (
    plot_n_topics,
    plot_source_topics,
    plot_topic_terms,
    plot_topics_over_time,
)
from analysis.topics import (
    TopicModel,
    fit_topics,
    select_n_topics,
    topic_quality,
    topics_over_time,
)
from analysis.vectorise import vectorise

# Two themes a reader can tell apart: the eastern flank, and energy.
ARTICLES = pd.DataFrame({
    "doc_id": [f"t:{i}" for i in range(8)],
    "title": ["Flank 1", "Flank 2", "Flank 3", "Flank 4", "Gas 1", "Gas 2", "Gas 3", pd.NA],
    "text": [
        "NATO troops reinforce the eastern flank border",
        "NATO deploys troops to the border of the eastern flank",
        "Troops exercise on the eastern flank near the border",
        "NATO border troops exercise",
        "Gas prices rise as pipeline energy supply falls",
        "Energy supply and gas prices worry Europe",
        "The pipeline cut sends gas prices and energy bills up",
        "Energy bills and gas supply through the pipeline",
    ],
    "source": ["kremlin", "whitehouse"] * 4,
    "date": pd.to_datetime(["2022-01-03", "2022-01-04", "2022-01-11", "2022-01-12"] * 2),
    "date_precision": "day",
})  # fmt: skip
FLANK = {"nato", "troops", "eastern", "flank", "border", "exercise", "reinforce", "deploys"}
ENERGY = {"gas", "prices", "energy", "supply", "pipeline", "bills", "europe", "rise", "falls"}


@pytest.fixture(scope="module")
def fitted():
    vec, X = vectorise(ARTICLES, min_df=1, max_df=1.0)
    return vec, X, fit_topics(X, 2, vectoriser=vec, articles=ARTICLES)


# ---- quality measures, worked out by hand ------------------------------------------------------

# Documents: D1 {a, b}, D2 {a, b, c}, D3 {a}, D4 {c}; N = 4.
# P(a) = 3/4, P(b) = 2/4, P(c) = 2/4; P(a,b) = 2/4, P(a,c) = 1/4, P(b,c) = 1/4.
TOY = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [1, 0, 0], [0, 0, 1]]))
NPMI_AB = math.log((2 / 4) / ((3 / 4) * (2 / 4))) / -math.log(2 / 4)  # log(4/3) / log 2 = 0.41504
NPMI_AC = math.log((1 / 4) / ((3 / 4) * (2 / 4))) / -math.log(1 / 4)  # log(2/3) / log 4 = -0.29248
NPMI_BC = math.log((1 / 4) / ((2 / 4) * (2 / 4))) / -math.log(1 / 4)  # log 1 = 0


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ([0, 1], NPMI_AB),
        ([0, 2], NPMI_AC),
        ([1, 2], 0.0),
        ([0, 1, 2], (NPMI_AB + NPMI_AC + NPMI_BC) / 3),  # 0.040853
    ],
)
def test_npmi_against_hand_computation(top, expected):
    assert npmi_coherence([top], presence(TOY))[0] == pytest.approx(expected, abs=1e-12)


def test_npmi_hand_values_are_what_the_comments_say():
    assert (round(NPMI_AB, 5), round(NPMI_AC, 5), NPMI_BC) == (0.41504, -0.29248, 0.0)


def test_npmi_limits():
    # never together -> -1; always together (but not everywhere) -> 1; weights do not matter
    X = sp.csr_matrix(np.array([[3.0, 0.5, 0], [0, 0, 2.0], [1.0, 0.2, 0]]))
    assert npmi_coherence([[0, 2], [0, 1]], presence(X)).tolist() == pytest.approx([-1.0, 1.0])


@pytest.mark.parametrize(
    ("tops", "expected"),
    [
        ([["a", "b"], ["c", "d"]], 1.0),
        ([["a", "b"], ["a", "b"]], 0.5),
        ([["a", "b", "c"], ["c", "d", "e"]], 5 / 6),
    ],
)
def test_topic_diversity(tops, expected):
    assert topic_diversity(tops) == pytest.approx(expected)


def test_matched_jaccard_is_one_to_one():
    # both topics of run a resemble b[0] most; the Hungarian match gives b[1] to one of them
    a = [["x", "y", "z"], ["x", "y", "w"]]
    b = [["x", "y", "z"], ["p", "q", "w"]]
    # a0-b0: 3/3 = 1, a1-b1: {w} / {x,y,w,p,q} = 1/5
    assert matched_jaccard(a, b).tolist() == [1.0, 0.2]


def test_stability_of_identical_and_disjoint_runs():
    run = [["a", "b"], ["c", "d"]]
    assert stability([run, run, run])[0] == 1.0
    assert stability([run, [["e", "f"], ["g", "h"]]])[0] == 0.0


# ---- the fitted model --------------------------------------------------------------------------


def test_topics_separate_the_two_themes(fitted):
    _, _, model = fitted
    tops = [set(t[:4]) for t in model.top_term_lists()]
    # one topic's first four terms all come from the flank theme, the other's from energy
    assert sorted([t <= FLANK, t <= ENERGY] for t in tops) == [[False, True], [True, False]]


def test_document_topics_follow_doc_id_and_sum_to_one(fitted):
    _, _, model = fitted
    dt = model.document_topics()
    assert list(dt.columns) == ["doc_id", "topic", "weight"]
    assert dt["doc_id"].unique().tolist() == ARTICLES["doc_id"].tolist()
    np.testing.assert_allclose(dt.groupby("doc_id")["weight"].sum(), 1.0)
    # each document's main topic is its theme's topic
    main = dt.loc[dt.groupby("doc_id")["weight"].idxmax()].set_index("doc_id")["topic"]
    assert main.iloc[:4].nunique() == 1 and main.iloc[4:].nunique() == 1
    assert main.iloc[0] != main.iloc[4]


def test_topic_terms_frame(fitted):
    _, _, model = fitted
    tt = model.topic_terms(n_terms=5)
    assert list(tt.columns) == ["topic", "rank", "term", "weight"]
    assert tt.groupby("topic")["rank"].apply(list).tolist() == [[1, 2, 3, 4, 5]] * 2
    assert (tt["weight"] > 0).all() and (tt["weight"] <= 1).all()


def test_labels_and_representative_documents(fitted):
    _, _, model = fitted
    labels = model.labels(n_terms=2)
    assert labels.index.tolist() == [0, 1] and labels.str.count(", ").tolist() == [1, 1]
    reps = model.representative_documents(n_docs=2)
    assert list(reps.columns) == ["topic", "rank", "doc_id", "title", "weight"]
    energy_topic = int(np.argmax([len(set(t) & ENERGY) for t in model.top_term_lists()]))
    energy_docs = reps[reps["topic"] == energy_topic]
    assert set(energy_docs["doc_id"]) <= {"t:4", "t:5", "t:6", "t:7"}
    assert energy_docs["weight"].is_monotonic_decreasing


def test_untitled_documents_get_their_opening_words():
    arts = ARTICLES.assign(title=pd.NA)
    vec, X = vectorise(arts, min_df=1, max_df=1.0)
    model = fit_topics(X, 2, vectoriser=vec, articles=arts)
    assert set(model.titles_) == set(arts["text"].str.slice(0, 80))


def test_sklearn_contract(fitted):
    _, X, model = fitted
    with pytest.raises(NotFittedError):
        TopicModel(2).transform(X)
    fresh = TopicModel(2)
    assert fresh.fit(X) is fresh
    assert clone(model).get_params() == model.get_params()
    assert model.get_feature_names_out().tolist() == ["topic0", "topic1"]
    np.testing.assert_allclose(model.transform(X), model.document_weights_, atol=0.05)


def test_same_seed_same_topics():
    _vec, X = vectorise(ARTICLES, min_df=1, max_df=1.0)
    a = fit_topics(X, 2, random_state=3)
    b = fit_topics(X, 2, random_state=3)
    np.testing.assert_array_equal(a.components_, b.components_)


def test_lda_on_counts():
    vec, X = vectorise(ARTICLES, kind="count", min_df=1, max_df=1.0)
    model = fit_topics(X, 2, method="lda", vectoriser=vec, articles=ARTICLES, max_iter=50)
    assert isinstance(
        model.estimator_, __import__("sklearn").decomposition.LatentDirichletAllocation
    )
    np.testing.assert_allclose(model.document_topics().groupby("doc_id")["weight"].sum(), 1.0)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"method": "lsa"}, "method="), ({"n_topics": 0}, "n_topics=")],
)
def test_invalid_parameters(fitted, kwargs, error):
    _, X, _ = fitted
    params = {"n_topics": 2, **kwargs}
    with pytest.raises(ValueError, match=error):
        fit_topics(X, **params)


def test_articles_must_match_the_matrix(fitted):
    vec, X, _ = fitted
    with pytest.raises(ValueError, match="rows must match"):
        fit_topics(X, 2, vectoriser=vec, articles=ARTICLES.iloc[:3])


def test_relevance_one_ranks_by_weight(fitted):
    _, X, _ = fitted
    model = fit_topics(X, 2, relevance=1.0)
    for k, row in model.topic_terms(n_terms=6).groupby("topic"):
        assert row["weight"].is_monotonic_decreasing, k


def test_topic_quality(fitted):
    _, X, model = fitted
    quality = topic_quality(model, X, n_seeds=3)
    assert list(quality.per_topic.columns) == ["topic", "label", "npmi", "stability"]
    assert quality.npmi == pytest.approx(np.mean(model.npmi_))
    assert quality.npmi == pytest.approx(quality.per_topic["npmi"].mean())
    assert 0 <= quality.stability <= 1 and 0 < quality.diversity <= 1
    assert np.isnan(topic_quality(model, X, n_seeds=1).stability)


def test_model_npmi_equals_the_hand_formula_on_its_top_terms(fitted):
    _, X, model = fitted
    B = (X.toarray() > 0).astype(float)
    idx = model.top_terms_[0]
    n = B.shape[0]
    values = []
    for i in range(len(idx)):
        for j in range(i + 1, len(idx)):
            pij = (B[:, idx[i]] * B[:, idx[j]]).sum() / n
            pi, pj = B[:, idx[i]].mean(), B[:, idx[j]].mean()
            values.append(
                -1.0
                if pij == 0
                else 1.0
                if pij == 1
                else math.log(pij / (pi * pj)) / -math.log(pij)
            )
    assert model.npmi_[0] == pytest.approx(np.mean(values))


def test_select_n_topics_table(fitted):
    _, X, _ = fitted
    table = select_n_topics(X, candidates=[2, 3], n_seeds=2)
    assert table["n_topics"].tolist() == [2, 3]
    assert table[["npmi", "diversity", "stability"]].notna().all().all()


# ---- topics over time --------------------------------------------------------------------------

DT = pd.DataFrame({
    "doc_id": ["a", "a", "b", "b", "c", "c", "d", "d"],
    "topic": [0, 1] * 4,
    "weight": [1.0, 0.0, 0.5, 0.5, 0.0, 1.0, 0.25, 0.75],
})  # fmt: skip
ARTS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "date": pd.to_datetime(["2022-01-03", "2022-01-05", "2022-01-10", "2022-01-01"]),
    "date_precision": ["day", "day", "day", "year"],
    "source": ["kremlin", "whitehouse", "kremlin", "ungdc"],
})  # fmt: skip


def test_topics_over_time_refuses_weeks_for_year_dates():
    with pytest.raises(ValueError, match=r"1 article\(s\) with year precision"):
        topics_over_time(DT, ARTS, "W")


def test_topics_over_time_weekly_once_year_dates_are_left_out():
    days = ARTS[ARTS["date_precision"] == "day"]
    out = topics_over_time(DT, days, "W")
    # week of 3 Jan: a (1, 0) + b (.5, .5) -> weights 1.5, .5 over 2 docs; week of 10 Jan: c (0, 1)
    assert out[["topic", "weight", "n_docs", "share"]].to_numpy().tolist() == [
        [0, 1.5, 2, 0.75], [1, 0.5, 2, 0.25], [0, 0.0, 1, 0.0], [1, 1.0, 1, 1.0],
    ]  # fmt: skip
    assert out["period"].dt.strftime("%Y-%m-%d").unique().tolist() == ["2022-01-03", "2022-01-10"]


def test_topics_over_time_by_source_and_year():
    out = topics_over_time(DT, ARTS, "Y", by="source").set_index(["source", "topic"])
    # kremlin: a (1, 0) + c (0, 1) -> share .5 each; ungdc: d (.25, .75)
    assert out.loc[("kremlin", 0), "share"] == 0.5 and out.loc[("kremlin", 0), "n_docs"] == 2
    assert out.loc[("ungdc", 1), "weight"] == 0.75
    shares = out.groupby(level="source")["share"].sum()
    np.testing.assert_allclose(shares, 1.0)


def test_topics_over_time_without_time_split():
    out = topics_over_time(DT, ARTS, None)
    assert "period" not in out
    assert out["weight"].tolist() == [1.75, 2.25] and out["n_docs"].tolist() == [4, 4]


# ---- plots -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_show(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("plot functions must not call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def test_plot_topic_terms_grid(fitted):
    _, _, model = fitted
    fig = plt.figure()
    axes = plot_topic_terms(model.topic_terms(n_terms=4), fig=fig, ncols=1, labels=model.labels())
    assert len(axes) == 2 and all(ax.figure is fig for ax in axes)
    assert len(axes[0].patches) == 4
    assert axes[0].get_title().startswith("0: ")


def test_plot_topics_over_time_lines_and_area():
    out = topics_over_time(DT, ARTS[ARTS["date_precision"] == "day"], "W")
    ax = plot_topics_over_time(out)
    assert [line.get_ydata().tolist() for line in ax.lines] == [[0.75, 0.0], [0.25, 1.0]]
    _, ax2 = plt.subplots()
    assert plot_topics_over_time(out, "weight", kind="area", ax=ax2) is ax2
    assert len(ax2.collections) == 2


def test_plot_topics_over_time_pools_sources():
    out = topics_over_time(DT, ARTS[ARTS["date_precision"] == "day"], "W", by="source")
    ax = plot_topics_over_time(out)
    # pooled over sources: the same as without the split
    assert [line.get_ydata().tolist() for line in ax.lines] == [[0.75, 0.0], [0.25, 1.0]]


def test_plot_source_topics_heatmap_pools_periods():
    out = topics_over_time(DT, ARTS, "Y", by="source")
    ax = plot_source_topics(out)
    values = ax.images[0].get_array()
    # rows kremlin, ungdc, whitehouse; columns topics 0, 1
    np.testing.assert_allclose(values, [[0.5, 0.5], [0.25, 0.75], [0.5, 0.5]])


def test_plot_n_topics():
    table = pd.DataFrame({"n_topics": [5, 10, 15], "npmi": [0.2, 0.3, 0.25],
                          "diversity": [1.0, 0.9, 0.8], "stability": [0.9, 0.8, 0.6]})  # fmt: skip
    ax = plot_n_topics(table)
    assert [line.get_label() for line in ax.lines] == ["npmi", "diversity", "stability"]
    assert ax.lines[0].get_xdata().tolist() == [5, 10, 15]


def test_fit_and_quality_leave_no_warning_and_no_blas_limit_behind(fitted, recwarn):
    from threadpoolctl import threadpool_info

    _, X, _ = fitted
    before = [(p["internal_api"], p["num_threads"]) for p in threadpool_info()]
    topic_quality(fit_topics(X, 2), X, n_seeds=3, n_jobs=2)
    assert [(p["internal_api"], p["num_threads"]) for p in threadpool_info()] == before
    assert not [w for w in recwarn if issubclass(w.category, Warning)]
