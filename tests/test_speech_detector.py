"""The learned reported-speech detector (analysis/speech_detector.py): its inputs, the shipped model and its record,
and its join to the rules in find_quotes."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import speech_detector as sd
from analysis._embeddings import embeddings_available, file_digest
from analysis.quotes import find_quotes
from analysis.sentences import sentence_spans

needs_model = pytest.mark.skipif(not embeddings_available(), reason="the embeddings extra (torch, MiniLM) is absent")


def test_sentence_inputs_cover_every_sentence_with_its_context():
    text = "First one here. " * 40 + "Lavrov said that talks start. " + "Last words now. " * 40
    rows = sd.sentence_inputs(text)
    spans = [(a, b) for a, b in sentence_spans(text) if text[a:b].strip()]
    assert [(a, b) for _, a, b in rows] == spans
    for c, a, b in rows:
        ctx = sd.context_text(text, c, b)
        assert text[c:a] + text[a:b] == ctx[: b - c]  # the sentence sits at [a - c, b - c) of its context
        assert a - c <= sd.CONTEXT_CHARS + max(b2 - a2 for a2, b2 in spans)  # left context: whole sentences, bounded
        assert len(ctx) - (b - c) <= sd.CONTEXT_CHARS  # right context bounded
    # the first sentence has no left context, a middle one has some
    assert rows[0][0] == rows[0][1] and rows[40][0] < rows[40][1]


def test_prf_worked_example():
    y = np.array([True, True, False, False, True])
    yhat = np.array([True, False, True, False, True])
    out = sd.prf(y, yhat)  # tp 2, predicted 3, gold 3
    assert out["precision"] == pytest.approx(2 / 3) and out["recall"] == pytest.approx(2 / 3)
    assert out["f1"] == pytest.approx(2 / 3)


def test_shipped_record_is_consistent():
    record = json.loads(sd.MODEL_JSON.read_text())
    assert file_digest(sd.MODEL_DIR / record["encoder"]) == record["encoder_sha256_16"]
    assert 0.5 <= record["threshold"] < 1.0
    for scores in record["cv"].values():
        if isinstance(scores, dict):
            p, r, f = scores["precision"], scores["recall"], scores["f1"]
            assert f == pytest.approx(2 * p * r / (p + r))
    cv = record["cv"]
    # the joint finds more of the gold sentences than either alone
    assert cv["rules_or_detector"]["recall"] > max(cv["rules"]["recall"], cv["detector_at_threshold"]["recall"])
    # size budgets: the detector's layers (six, float16) and every shipped model together
    assert (sd.MODEL_DIR / record["encoder"]).stat().st_size < 21e6
    assert sum(p.stat().st_size for p in sd.MODEL_DIR.iterdir()) < 40e6
    head = np.asarray(record["head"]["coef"])
    assert head.shape == (3, 4 * 384) and len(record["head"]["intercept"]) == 3


@needs_model
def test_shipped_detector_separates_reported_speech_from_plain_sentences():
    det = sd.ReportedSpeechDetector(cache=False)
    reported = [
        "Sergey Lavrov told reporters on Friday that Moscow expects a written answer from Washington.",
        "As the Secretary-General said last week, no country can face this crisis alone.",
        "The minister stressed that the talks would continue next month in Geneva.",
    ]
    plain = [
        "The meeting took place in the Kremlin on Friday afternoon.",
        "Heavy rain fell over Geneva for most of the week.",
        "The building was completed in 1932 and renovated in 2005.",
    ]
    p = det.proba(reported + plain, [0] * 6, [len(t) for t in reported + plain])
    assert p.shape == (6,) and ((p >= 0) & (p <= 1)).all()
    assert p[:3].min() > p[3:].max()
    assert (p[:3] >= det.threshold).sum() >= 2 and (p[3:] < det.threshold).all()


@needs_model
def test_find_quotes_with_the_detector_keeps_every_rule_record():
    text = ("The talks lasted four hours. Sergey Lavrov told reporters that Russia expects answers. "
            "A host of economists confirm the package will fight inflation. The weather was fine.")
    articles = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    rules = find_quotes(articles)
    joint = find_quotes(articles, detector=sd.ReportedSpeechDetector(cache=False, threshold=0.0))
    merged = joint.merge(rules, on=["start", "end", "kind", "speaker"], how="inner")
    assert len(merged) == len(rules) == 1  # every rule record is kept as it was
    assert len(joint) > len(rules)  # at threshold 0 every other sentence of 3+ words is a record
    assert not joint[["start", "end"]].duplicated().any()
    extra = joint[~joint.start.isin(rules.start)]
    assert set(extra.speaker) <= {"", "economists"}


@needs_model
def test_prefilter_reads_only_sentences_with_a_speech_hint(monkeypatch):
    text = "Prices rose in May. The minister said talks would go on. Rain fell all week. “We will win,” he added."
    seen: list[int] = []

    def every_sentence_flagged(self, texts, starts, ends):
        seen.append(len(texts))
        return np.ones(len(texts))

    monkeypatch.setattr(sd.ReportedSpeechDetector, "proba", every_sentence_flagged)
    hinted = sd.ReportedSpeechDetector(cache=False).flag({"d": text})["d"]
    everything = sd.ReportedSpeechDetector(cache=False, prefilter=False).flag({"d": text})["d"]
    assert [text[a:b] for a, b in hinted] == ["The minister said talks would go on.", "“We will win,” he added."]
    assert len(everything) == 4 and seen == [2, 4]  # the encoder never saw the two plain sentences
