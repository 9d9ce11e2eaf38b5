"""Tests for analysis.sentiment (score_targets and its methods) and its private helpers."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis._sentiment_features import LinearSoftmax, featurize, mention_features, tokenize
from analysis.sentiment import mention_inputs, score_targets, vader_window_text

# Two articles; offsets are into the article text, sentences start mid-article.
ARTICLE_A = "Intro line. Russia attacked Ukraine, and NATO condemned the attack."
SENTENCES = pd.DataFrame({
    "doc_id": ["a", "a", "b"],
    "sent_id": [0, 1, 0],
    "start": [0, 12, 0],
    "end": [11, 68, 39],
    "text": ["Intro line.", ARTICLE_A[12:], "The OSCE mission did excellent work."],
})
MENTIONS = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b"],
    "sent_id": [1, 1, 1, 0],
    "target": ["Russia", "Ukraine", "NATO", "OSCE"],
    "type": "target",
    "alias": ["Russia", "Ukraine", "NATO", "OSCE"],
    "start": [12, 28, 41, 4],
    "end": [18, 35, 45, 8],
})


def test_mention_inputs_offsets_relative_to_sentence():
    inp = mention_inputs(MENTIONS, SENTENCES)
    for text, s, e, alias in zip(inp.text, inp.rel_start, inp.rel_end, MENTIONS.alias, strict=True):
        assert text[s:e] == alias
    assert inp.others[0] == [(16, 23), (29, 33)]  # Ukraine and NATO, relative to the sentence
    assert inp.others[3] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sent_id": [1, 1, 1, 5]}, "mention without a sentence"),
        ({"start": [12, 28, 41, 30], "end": [18, 35, 45, 45]}, "outside their sentence"),
    ],
)
def test_mention_inputs_rejects_bad_rows(change, message):
    with pytest.raises(ValueError, match=message):
        mention_inputs(MENTIONS.assign(**change), SENTENCES)


@pytest.mark.parametrize("method", ["vader-sentence", "vader-window", "model-fast"])
def test_score_targets_contract(method):
    out = score_targets(MENTIONS, SENTENCES, method=method)
    assert list(out.columns) == [*MENTIONS.columns, "label", "score", "method"]
    assert out[MENTIONS.columns.tolist()].equals(MENTIONS)
    assert set(out.label) <= {"negative", "neutral", "positive"}
    assert out.score.between(-1, 1).all() and (out.method == method).all()


def test_vader_sentence_is_target_blind():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    out = score_targets(MENTIONS, SENTENCES, method="vader-sentence")
    expected = SentimentIntensityAnalyzer().polarity_scores(SENTENCES.text[1])["compound"]
    assert out.score[:3].tolist() == [expected] * 3  # one score for the three targets of one sentence
    assert out.label[0] == ("negative" if expected <= -0.05 else "positive" if expected >= 0.05 else "neutral")


@pytest.mark.parametrize(
    ("text", "span", "others", "expected"),
    [
        ("Russia failed, but NATO is strong.", (19, 23), [(0, 6)], "X is strong."),
        # a clause under three words is widened to eight words each side, other targets masked
        ("Russia, NATO: both failed again today.", (8, 12), [(0, 6)], "X, X: both failed again today."),
        ("Critics say that NATO and Russia are both to blame for the crisis in Europe.", (17, 21), [(26, 32)],
         "Critics say that X and X are both to blame for the crisis in Europe."),
    ],
)
def test_vader_window_text(text, span, others, expected):
    assert vader_window_text(text, *span, others) == expected


def test_unknown_method():
    with pytest.raises(ValueError, match="unknown sentiment method"):
        score_targets(MENTIONS, SENTENCES, method="gdelt")


def test_empty_mentions():
    out = score_targets(MENTIONS.iloc[:0], SENTENCES, method="model-fast")
    assert out.empty and {"label", "score", "method"} <= set(out.columns)


def test_model_falls_back_with_install_hint(monkeypatch):
    import analysis._embeddings as emb

    monkeypatch.setattr(emb, "embeddings_available", lambda: False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = score_targets(MENTIONS, SENTENCES, method="model")
    assert (out.method == "model-fast").all()
    assert any("pip install" in str(w.message) and "embeddings" in str(w.message) for w in caught)


def test_model_fast_is_target_dependent():
    # The same sentence, different targets: the fast model must be able to give them different scores.
    out = score_targets(MENTIONS, SENTENCES, method="model-fast")
    assert out.score[:3].nunique() == 3


@pytest.mark.parametrize(
    ("text", "span", "feature"),
    [
        ("Critics attacked NATO.", (17, 21), "l1|attacked"),
        ("NATO did not help.", (0, 4), "u|NEG_help"),  # negation scope
        ("NATO did not help, but it won.", (0, 4), "u|won"),  # scope ends at the comma
        ("Russia and NATO met.", (11, 15), "u|<O>"),  # the other target is masked
        ("“NATO failed,” he said.", (1, 5), "cue|inquote"),
        ("NATO said the talks failed.", (0, 4), "cue|speaker"),
    ],
)
def test_mention_features(text, span, feature):
    others = [(0, 6)] if text.startswith("Russia") else []
    assert feature in dict(mention_features(text, *span, others))


def test_mention_features_lexicon_bands():
    feats = dict(mention_features("NATO is a great and good alliance.", 0, 4))
    lexicon = {"great": 3.1, "good": 1.9}  # VADER valences; "great" at distance 3, "good" at 5
    assert feats["lex|pos|R|1"] == pytest.approx(lexicon["great"] / 4)
    assert feats["lex|pos|R|2"] == pytest.approx(lexicon["good"] / 4)
    assert feats["lex|w"] == pytest.approx(3.1 / 4 + 1.9 / 6)


def test_featurize_is_stable_and_normalised():
    X1 = featurize(["NATO failed badly."], [0], [4])
    X2 = featurize(["NATO failed badly."], [0], [4])
    assert (X1 != X2).nnz == 0
    assert np.sqrt(X1.multiply(X1).sum()) == pytest.approx(1.0)
    assert tokenize("U.S. isn’t")[0] == ["u", ".", "s", ".", "isn't"]


def test_linear_softmax_roundtrip(tmp_path):
    m = LinearSoftmax(np.array([[1.0, 0.0], [0.0, 0.0], [-1.0, 2.0]]), np.array([0.1, 0.0, -0.1]))
    m.save(tmp_path / "m.npz")
    back = LinearSoftmax.load(tmp_path / "m.npz")
    X = np.array([[1.0, 2.0], [0.5, -1.0]])
    np.testing.assert_allclose(back.predict_proba(X), m.predict_proba(X), rtol=1e-6)
    assert back.predict_proba(X).sum(axis=1) == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize("name", ["model-fast", "model"])
def test_shipped_model_records(name):
    record = json.loads((config.DATA_DIR / "models" / f"{name}.json").read_text())
    assert record["data"]["file"] == "train.jsonl" and record["data"]["n_mentions"] == 8739
    assert record["cv"]["folds"] == 5 and len(record["cv"]["f1m_per_fold"]) == 5
    assert record["cv"]["f1m"] >= {"model-fast": 0.62, "model": 0.72}[name]
    assert record["cv"]["baselines"]["vader-sentence"]["f1m"] < record["cv"]["f1m"]
    assert (config.DATA_DIR / "models" / record["weights"]).is_file()
    total = sum(p.stat().st_size for p in (config.DATA_DIR / "models").glob("model*.npz"))
    assert total < 20e6  # the sentiment models stay small (the reported-speech detector has its own budget)
    # trained with the domain-labelled set shipped in the repository, and scored on its held-out test split
    domain_dir = config.PROJECT_DIR / "tests" / "data" / "domain"
    train_rows = sum(len(json.loads(line)["targets"]) for line in (domain_dir / "domain_train.jsonl").open())
    test_rows = sum(len(json.loads(line)["targets"]) for line in (domain_dir / "domain_test.jsonl").open())
    assert record["domain_data"]["n_mentions"] == train_rows
    assert record["domain_data"]["sha256"] == _sha256(domain_dir / "domain_train.jsonl")
    assert record["domain_test"]["n"] == test_rows
    assert record["domain_test"]["sha256"] == _sha256(domain_dir / "domain_test.jsonl")
    assert sum(t["n"] for t in record["domain_test"]["by_type"].values()) == test_rows
    assert record["domain_test"]["f1m"] > record["domain_test"]["baselines"]["vader-sentence"]["f1m"]
    assert record["cv"]["domain_cv"]["n"] == train_rows


def _sha256(path):
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_shipped_records_match_the_training_file(shared_data):
    import hashlib

    digest = hashlib.sha256((shared_data / "newsmtsc" / "train.jsonl").read_bytes()).hexdigest()
    for name in ("model-fast", "model"):
        assert json.loads((config.DATA_DIR / "models" / f"{name}.json").read_text())["data"]["sha256"] == digest


def test_pool_views_by_hand():
    torch = pytest.importorskip("torch")
    from analysis._embeddings import pool_views

    # positions: 0 [CLS], 1..4 words, 5 [SEP]; mention at [2, 3); window 1
    hidden = torch.arange(6, dtype=torch.float32).reshape(1, 6, 1)
    out = pool_views(hidden, [6], [2], [3], window=1)
    assert out.flatten().tolist() == [2.0, 1.0, 3.0, 2.5]  # mention, left, right, whole segment
    # mention at the end: the right view would only hold [SEP] -> zeros
    assert pool_views(hidden, [6], [4], [5], window=2).flatten().tolist() == [4.0, 2.5, 0.0, 2.5]


def test_model_scores_and_cache(tmp_path, monkeypatch):
    pytest.importorskip("torch")
    from analysis._embeddings import embeddings_available

    if not embeddings_available():
        pytest.skip("embeddings extra not installed")
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    cold = score_targets(MENTIONS, SENTENCES, method="model")
    assert (cold.method == "model").all()
    assert list((tmp_path / "embeddings").glob("*.sqlite"))
    warm = score_targets(MENTIONS, SENTENCES, method="model")
    np.testing.assert_allclose(warm.score, cold.score, atol=1e-6)
    uncached = score_targets(MENTIONS, SENTENCES, method="model", cache=False)
    np.testing.assert_allclose(uncached.score, cold.score, atol=1e-2)  # float16 storage in the cache
    assert cold.label[3] == "positive"  # "The OSCE mission did excellent work."


@pytest.mark.parametrize("method", ["model-fast", "model"])
def test_shipped_domain_test_figure_is_reproduced(method):
    """The held-out domain F1m in the record is what the shipped weights give (evaluate-sentiment's own path)."""
    if method == "model":
        pytest.importorskip("torch")
        from analysis._embeddings import embeddings_available

        if not embeddings_available():
            pytest.skip("embeddings extra not installed")
    from analysis.evaluate import evaluate_methods

    record = json.loads((config.DATA_DIR / "models" / f"{method}.json").read_text())
    path = config.PROJECT_DIR / "tests" / "data" / "domain" / "domain_test.jsonl"
    got = evaluate_methods(path, (method,), by="type")
    assert got["used"] == [method]
    # bf16 / fp32 and the float16 encoding cache can move a few borderline mentions
    assert got["results"][method]["f1m"] == pytest.approx(record["domain_test"]["f1m"], abs=0.01)
    assert got["results"]["vader-sentence"]["f1m"] == pytest.approx(
        record["domain_test"]["baselines"]["vader-sentence"]["f1m"], abs=1e-3)
