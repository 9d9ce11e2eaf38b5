"""The per-corpus cache that reports share: keyed by input content and code version, lazy, pruned, self-healing."""

from __future__ import annotations

import os
import shutil
import time

import pandas as pd
import pytest

from analysis import config, pipeline

FIXTURE = config.PROJECT_DIR / "tests" / "data" / "fixture_corpus"
METHOD = "vader-window"  # fast, no model: the cache is under test, not the scores


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURE, folder)
    return folder


def _forbid(monkeypatch, *names):
    """Make the expensive steps fail, so a call that still succeeds was served from the cache."""
    import analysis.mentions
    import analysis.sentences

    def boom(*a, **k):
        raise AssertionError("recomputed although cached")

    for module, name in (("sentences", "split_sentences"), ("mentions", "find_mentions")):
        if name in names:
            monkeypatch.setattr(getattr(analysis, module), name, boom)


def test_cold_then_warm(corpus, monkeypatch):
    cold = pipeline.prepare_corpus(corpus, method=METHOD)
    assert len(cold.articles) == 33 and len(cold.scores) == len(cold.mentions) > 0
    assert {"holder", "holder_for"} <= set(cold.mentions.columns) and cold.method == METHOD
    folder = config.CACHE_DIR / "corpus" / cold.key
    assert (folder / f"scores-{METHOD}.pkl").is_file()
    _forbid(monkeypatch, "split_sentences", "find_mentions")
    warm = pipeline.prepare_corpus(corpus, method=METHOD)
    assert warm.key == cold.key
    for part in ("articles", "sentences", "mentions", "scores", "turns", "quotes"):
        pd.testing.assert_frame_equal(getattr(warm, part), getattr(cold, part))


def test_warm_run_skips_the_plain_frames(corpus, monkeypatch):
    cold = pipeline.prepare_corpus(corpus, method=METHOD)
    folder = config.CACHE_DIR / "corpus" / cold.key
    # the plain sentences and mentions are only inputs to the attributed frames: a warm run never reads them
    (folder / "sentences.pkl").unlink()
    (folder / "mentions.pkl").unlink()
    _forbid(monkeypatch, "split_sentences", "find_mentions")
    warm = pipeline.prepare_corpus(corpus, method=METHOD)
    assert len(warm.sentences) == len(cold.sentences)
    assert not (folder / "sentences.pkl").exists()


def test_changed_input_or_code_gives_a_new_key(corpus, monkeypatch):
    first = pipeline.prepare_corpus(corpus, method=METHOD)
    seed = corpus / "000_48e887ccb703808a.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nNATO met again on Friday.\n", encoding="utf-8")
    changed = pipeline.prepare_corpus(corpus, method=METHOD)
    assert changed.key != first.key
    assert len(changed.mentions) == len(first.mentions) + 1  # the new sentence's NATO, not the stale cache
    monkeypatch.setattr(pipeline, "code_version", lambda: "another-version")
    assert pipeline.corpus_key(corpus)[0] not in (first.key, changed.key)


def test_unreadable_cache_file_is_recomputed(corpus, caplog):
    cold = pipeline.prepare_corpus(corpus, method=METHOD)
    path = config.CACHE_DIR / "corpus" / cold.key / "mentions-holders.pkl"
    path.write_bytes(b"not a pickle")
    with caplog.at_level("WARNING"):
        again = pipeline.prepare_corpus(corpus, method=METHOD)
    assert "unreadable" in caplog.text and str(path) in caplog.text
    pd.testing.assert_frame_equal(again.mentions, cold.mentions)


def test_old_corpus_folders_are_pruned(tmp_path):
    root = tmp_path / "corpus"
    for i in range(8):
        (root / f"k{i}").mkdir(parents=True)
        stamp = time.time() - 1000 + i  # k7 most recent
        os.utime(root / f"k{i}", (stamp, stamp))
    pipeline._prune(root, keep=3)
    assert sorted(p.name for p in root.iterdir()) == ["k6", "k7"]  # room left for the new one
