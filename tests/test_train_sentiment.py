"""Training with the domain-labelled set: table, folds, CV by part, indicator folding, records (model-fast only)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import train_sentiment as ts

POSITIVE = ["{t} did excellent and admirable work", "we praise {t} for its great success", "{t} is a wonderful partner"]
NEGATIVE = ["{t} failed badly and caused terrible harm", "we condemn {t} for its brutal aggression",
            "{t} is a dangerous threat"]
NEUTRAL = ["{t} met in Geneva on Tuesday", "the statement mentioned {t} twice", "{t} will publish a report"]


def _write(path, n_per_label, *, target, prefix, doc_ids=False):
    rows = []
    k = 0
    for label, templates, pol in (("negative", NEGATIVE, 2.0), ("neutral", NEUTRAL, 4.0), ("positive", POSITIVE, 6.0)):
        for i in range(n_per_label):
            text = templates[i % 3].format(t=target) + f" ({prefix} item {i})."
            start = text.index(target)
            rec = {"primary_gid": f"{prefix}_{k}", "sentence_normalized": text,
                   "targets": [{"from": start, "to": start + len(target), "mention": target, "polarity": pol,
                                "type": "organisation" if i % 2 else "state"}]}
            if doc_ids:
                rec["doc_id"] = f"{prefix}:doc{k // 2}"  # two sentences per article
            rows.append(rec)
            k += 1
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def small_hash_space(monkeypatch):
    """2**12 hashed features instead of 2**18: the same code path, a fraction of the solver's time."""
    full = ts.fast_features
    monkeypatch.setattr(ts, "fast_features", lambda inp, n_features=2**12: full(inp, n_features))


@pytest.fixture()
def files(tmp_path):
    news = _write(tmp_path / "news.jsonl", 12, target="the senator", prefix="news")
    dom = _write(tmp_path / "dom.jsonl", 10, target="NATO", prefix="dom", doc_ids=True)
    test = _write(tmp_path / "test.jsonl", 5, target="the OSCE", prefix="held", doc_ids=True)
    return news, dom, test


def test_combined_table_groups_domain_rows_by_article(files):
    news, dom, _ = files
    inp, y, groups, is_domain = ts.combined_table(news, dom)
    assert len(inp) == len(y) == len(groups) == 36 + 30
    assert is_domain.sum() == 30 and not is_domain[:36].any()
    # two domain sentences per article -> 15 article groups, all prefixed apart from NewsMTSC's
    assert len(set(groups[is_domain])) == 15
    assert all(g.startswith("domain|doc:dom:doc") for g in groups[is_domain])
    assert np.bincount(y[is_domain]).tolist() == [10, 10, 10]


def test_cross_validate_reports_both_parts_on_shared_folds(files):
    news, dom, _ = files
    inp, y, groups, is_domain = ts.combined_table(news, dom)
    cv = ts.cross_validate(inp, y, groups, folds=3, with_model=False, is_domain=is_domain, domain_weight=2.0)
    assert cv["n"] == 36 and cv["domain"] == {"n": 30, "weight": 2.0, "indicator": False,
                                              "grouping": "article (doc_id)"}
    assert cv["results"]["model-fast"]["n"] == 36 and cv["domain_results"]["model-fast"]["n"] == 30
    assert len(cv["domain_results"]["model-fast"]["f1m_per_fold"]) == 3
    # balanced labels: the majority baseline predicts one class -> F1m = (2 * 1/3 / (1 + 1/3)) / 3 = 1/6
    assert cv["domain_results"]["majority"]["f1m"] == pytest.approx(1 / 6, abs=0.05)
    # the words carry the label: model-fast learns them
    assert cv["domain_results"]["model-fast"]["f1m"] > 0.6
    assert "same folds, the domain-labelled rows (n=30" in ts.format_cv_table(cv)


def test_indicator_is_folded_into_the_intercept(files):
    news, dom, _ = files
    inp, y, groups, is_domain = ts.combined_table(news, dom)
    X = ts._with_indicator(ts.fast_features(inp), is_domain)
    fitted = ts.fit_fast(X, y, 10.0)
    shipped = ts._fast_for_shipping(fitted, True)
    plain = ts.fast_features(inp)
    # the shipped model on plain features == the fitted one with the indicator set to 1 for every row
    np.testing.assert_allclose(shipped.predict_proba(plain),
                               fitted.predict_proba(ts._with_indicator(plain, np.ones(len(y)))), rtol=1e-9)
    assert shipped.coef.shape[1] == plain.shape[1]


def test_train_models_fast_only_with_domain(files, tmp_path):
    news, dom, test = files
    recs = ts.train_models(news, tmp_path / "out", folds=3, with_model=False, domain=dom, domain_test=test,
                           domain_weight=3.0, domain_indicator=True)
    rec = recs["model-fast"]
    assert rec["data"]["n_mentions"] == 36 and rec["domain_data"]["n_mentions"] == 30
    assert rec["domain_data"]["weight"] == 3.0 and rec["domain_data"]["indicator"] is True
    assert rec["cv"]["domain_cv"]["n"] == 30
    held = rec["domain_test"]
    assert held["n"] == 15 and held["file"] == "test.jsonl"
    assert set(held["by_type"]) == {"organisation", "state"}
    assert sum(v["n"] for v in held["by_type"].values()) == 15
    stored = json.loads((tmp_path / "out" / "domain-test.json").read_text())
    assert stored["methods"]["model-fast"]["f1m"] == held["f1m"]
    with pytest.raises(FileNotFoundError, match="domain file not found"):
        ts.train_models(news, tmp_path / "out", with_model=False, domain=tmp_path / "missing.jsonl")


def test_variant_argument():
    assert ts._variant("3,1") == (3.0, True) and ts._variant("1") == (1.0, False)
    with pytest.raises(Exception, match="WEIGHT"):
        ts._variant("heavy,0")


def test_finetuner_domain_bias_learns_only_from_weighted_domain_rows():
    pytest.importorskip("torch")
    from analysis._embeddings import embeddings_available

    if not embeddings_available():
        pytest.skip("embeddings extra not installed")
    from analysis._sentiment_finetune import MentionFineTuner, frozen_states

    texts = [t.format(t="NATO") for t in POSITIVE + NEGATIVE + NEUTRAL] * 2
    starts = [t.index("NATO") for t in texts]
    states = frozen_states(texts, starts, [s + 4 for s in starts], layers=1, max_tokens=32)
    y = ([2] * 3 + [0] * 3 + [1] * 3) * 2
    domain = np.r_[np.zeros(9), np.ones(9)]
    params = dict(layers=1, epochs=2, batch_size=6, max_tokens=32, seed=0)
    learnt = MentionFineTuner(**params).fit(states, y, domain=domain)
    assert np.abs(learnt.domain_bias_).sum() > 0
    np.testing.assert_allclose(learnt.domain_head_.intercept, learnt.head_.intercept + learnt.domain_bias_)
    # domain rows weighted 0: no gradient ever reaches the domain bias, so it stays exactly 0
    ignored = MentionFineTuner(**params).fit(states, y, domain=domain, sample_weight=1 - domain)
    assert np.abs(ignored.domain_bias_).sum() == 0
    with pytest.raises(ValueError, match="one value per mention"):
        MentionFineTuner(**params).fit(states, y[:5])


def test_learning_curve_fast_only(files, tmp_path, capsys, monkeypatch):
    news, dom, test = files
    monkeypatch.setattr(ts, "select_fast_c", lambda *a, **k: 10.0)  # the inner CV is tested with train_models
    curve = ts.learning_curve(news, dom, test, sizes=(0, 6, None), repeats=2)
    assert [p["size"] for p in curve["points"]] == [0, 6, 30]
    assert curve["test"]["n"] == 15 and curve["domain"]["n"] == 30 and curve["newsmtsc_n"] == 36
    zero, six, full = curve["points"]
    # no domain row, or all of them: every repeat trains on the same rows, so the scores agree exactly
    assert zero["model-fast"][0] == zero["model-fast"][1] and full["model-fast"][0] == full["model-fast"][1]
    assert full["all"] and not six["all"] and all(p["model"] is None for p in curve["points"])
    # the command writes the same curve
    from analysis.cli import main

    assert main(["train-sentiment", "--learning-curve", "--data", str(news), "--domain", str(dom),
                 "--domain-test", str(test), "--out", str(tmp_path / "lc"), "--repeats", "2"]) == 0
    stored = json.loads((tmp_path / "lc" / "learning-curve.json").read_text())
    assert [p["size"] for p in stored["points"]] == [0, 30, 30, 30, 30]  # 100, 250, 500 capped at the 30 rows
    assert stored["points"][-1]["model-fast"] == full["model-fast"]
    assert "domain labels: model-fast F1m" in capsys.readouterr().out


def test_compare_domain_variants_fast_only(files, capsys):
    news, dom, _ = files
    from analysis.cli import main

    assert main(["train-sentiment", "--compare-domain", "--fast-only", "--data", str(news), "--domain", str(dom),
                 "--folds", "3", "--variant", "1,0", "--variant", "3,1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["weight", "indicator"] and "NewsMTSC fast" in lines[0]
    assert "model " not in lines[0]  # no fine-tuned columns without the model
    assert [line.split()[:2] for line in lines[1:]] == [["1", "False"], ["3", "True"]]
    assert all(0 <= float(v) <= 1 for line in lines[1:] for v in line.split()[2:-1])
