"""Tests for analysis.evaluate: reading NewsMTSC JSONL, the metrics and the evaluate-sentiment command."""

from __future__ import annotations

import json
import re

import pytest

from analysis.cli import main
from analysis.evaluate import read_newsmtsc, sentiment_metrics

# VADER-clear sentences: compound >= 0.05, <= -0.05 and 0 respectively (checked in the test below).
ROWS = [
    {"primary_gid": "allsides_1_2_0_x", "sentence_normalized": "NATO did a wonderful, excellent job.",
     "targets": [{"Input.gid": "g1", "from": 0, "to": 4, "mention": "NATO", "polarity": 6.0}]},
    {"primary_gid": "allsides_1_2_1_x", "sentence_normalized": "Russia and Ukraine suffered a horrible, tragic loss.",
     "targets": [{"Input.gid": "g2", "from": 0, "to": 6, "mention": "Russia", "polarity": 2.0},
                 {"Input.gid": "g3", "from": 11, "to": 18, "mention": "Ukraine", "polarity": 4.0}]},
    {"primary_gid": "polusa_v1_77_-1_3_y", "sentence_normalized": "The OSCE met on Tuesday in Vienna.",
     "targets": [{"Input.gid": "g4", "from": 4, "to": 8, "mention": "OSCE", "polarity": 4.0}]},
]


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_read_newsmtsc(small_file):
    mentions, sentences = read_newsmtsc(small_file)
    assert len(sentences) == 3 and len(mentions) == 4
    assert mentions.label.tolist() == ["positive", "negative", "neutral", "neutral"]
    assert mentions.group.tolist() == ["allsides_1_2"] * 3 + ["polusa_v1_77"]
    for _, m in mentions.iterrows():
        text = sentences.set_index("doc_id").text[m.doc_id]
        assert text[m.start : m.end] == m.alias


def test_read_newsmtsc_checks_offsets(tmp_path):
    bad = dict(ROWS[0], targets=[dict(ROWS[0]["targets"][0], to=5)])
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="do not match"):
        read_newsmtsc(path)


@pytest.mark.parametrize(
    ("gold", "pred", "f1m", "acc", "f1pn"),
    [
        (["negative", "neutral", "positive"], ["negative", "neutral", "positive"], 1.0, 1.0, 1.0),
        # negative: P=1 R=1/2 F1=2/3; neutral: P=1/2 R=1 F1=2/3; positive: P=R=F1=1
        (["negative", "negative", "neutral", "positive"], ["negative", "neutral", "neutral", "positive"],
         (2 / 3 + 2 / 3 + 1) / 3, 0.75, (2 / 3 + 1) / 2),
        (["neutral"] * 3, ["positive"] * 3, 0.0, 0.0, 0.0),
    ],
)
def test_sentiment_metrics(gold, pred, f1m, acc, f1pn):
    m = sentiment_metrics(gold, pred)
    assert (m["f1m"], m["acc"], m["f1pn"]) == pytest.approx((f1m, acc, f1pn))
    assert sum(map(sum, m["confusion"])) == len(gold)


LAST_LINE = re.compile(r"^F1m=(\d\.\d{3}) acc=(\d\.\d{3}) n=(\d+) method=([\w-]+)$")


def test_evaluate_sentiment_command(small_file, capsys):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    compounds = [sia.polarity_scores(r["sentence_normalized"])["compound"] for r in ROWS]
    assert compounds[0] >= 0.05 and compounds[1] <= -0.05 and compounds[2] == 0
    # vader-sentence predicts positive, negative, negative, neutral -> 3 of 4 right;
    # F1: negative 2/3 (P=1/2, R=1), neutral 2/3 (P=1, R=1/2), positive 1 -> F1m = 7/9
    assert main(["evaluate-sentiment", str(small_file), "--method", "vader-sentence"]) == 0
    out = capsys.readouterr().out.rstrip("\n").splitlines()
    assert out[-1] == "F1m=0.778 acc=0.750 n=4 method=vader-sentence"
    assert any(line.startswith("majority") for line in out)
    assert any("confusion matrix" in line for line in out)


def test_evaluate_shows_the_fallback(small_file, capsys, monkeypatch):
    import analysis._embeddings as emb

    monkeypatch.setattr(emb, "embeddings_available", lambda: False)
    with pytest.warns(RuntimeWarning, match="embeddings"):
        assert main(["evaluate-sentiment", str(small_file)]) == 0
    last = capsys.readouterr().out.rstrip("\n").splitlines()[-1]
    assert LAST_LINE.match(last).group(3, 4) == ("4", "model-fast")


def test_evaluate_domain_set_by_type(capsys):
    from analysis import config

    path = config.PROJECT_DIR / "tests" / "data" / "domain_sentiment_test.jsonl"
    assert main(["evaluate-sentiment", str(path), "--method", "model-fast", "--by", "type"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert LAST_LINE.match(out[-1]).group(3, 4) == ("174", "model-fast")
    groups = {line.split()[0]: int(line.split()[1]) for line in out if line.startswith(("target ", "commitment "))}
    assert groups == {"commitment": 46, "target": 128}


def test_unknown_by_field(small_file):
    assert main(["evaluate-sentiment", str(small_file), "--method", "vader-sentence", "--by", "nope"]) == 2


def test_report_adds_the_stored_figures(small_file, capsys, monkeypatch, tmp_path):
    from analysis import config

    record = {"version": "v-test", "cv": {"folds": 5, "n": 100, "f1m": 0.7712, "baselines": {
        "vader-sentence": {"f1m": 0.52}, "majority": {"f1m": 0.18}},
        "domain_cv": {"n": 40, "f1m": 0.7011, "weight": 3.0, "indicator": True}},
        "domain_test": {"file": "domain_test.jsonl", "n": 30, "f1m": 0.7234,
                        "by_type": {"state": {"n": 20, "f1m": 0.7}, "commitment": {"n": 10, "f1m": 0.65}},
                        "baselines": {"vader-sentence": {"f1m": 0.35}, "majority": {"f1m": 0.23}}}}
    models = tmp_path / "models"
    models.mkdir()
    (models / "vader-sentence.json").write_text(json.dumps(record))
    (models / "reference-newsmtsc-only.json").write_text(json.dumps(
        {"vader-sentence": {"newsmtsc_cv_f1m": 0.776, "domain_test": {"f1m": 0.5596}}}))
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    assert main(["evaluate-sentiment", str(small_file), "--method", "vader-sentence", "--report"]) == 0
    out = capsys.readouterr().out.rstrip("\n").splitlines()
    assert out[-1] == "F1m=0.778 acc=0.750 n=4 method=vader-sentence"  # the last line keeps its format
    text = "\n".join(out)
    assert "NewsMTSC 5-fold CV: F1m 0.771 (n=100; vader-sentence 0.520, majority 0.180)" in text
    assert "domain-labelled set, same folds: F1m 0.701 (n=40, weight 3, indicator True)" in text
    assert "held-out domain test domain_test.jsonl: F1m 0.723 (n=30" in text
    assert "by type: state 0.700 (n=20), commitment 0.650 (n=10)" in text
    assert "NewsMTSC CV F1m 0.776, domain test F1m 0.560" in text
