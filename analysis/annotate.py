"""Code target sentiment by hand: export a sample of mentions, import coded files, measure agreement.

The workflow (``docs/annotation-guide.md`` is the coding guideline):

1. ``python -m analysis annotate export CORPUS... --targets NATO,Ukraine,type:commitment --n 300
   --strategy stratified --out PREFIX`` writes ``PREFIX.csv`` (for a spreadsheet or the notebook
   form in :mod:`analysis.label_widget`) and ``PREFIX.jsonl`` (NewsMTSC format, one sentence a line)
   with one row per target in a sentence: ``row_id``, source, doc_id, date, the sentence, the
   mention's offsets in it (``from``, ``to`` exclusive), the sentences around it, empty ``label`` and
   ``note`` columns and a ``checksum`` of the sentence. ``stratified`` balances the targets (a
   ``type:<type>`` item pools every target of that type into one stratum) and, within each, the
   sources; ``uncertain`` puts first the mentions the current model is least sure of (active
   learning). Both are seeded.
2. Coders fill ``label`` with ``negative``, ``neutral`` or ``positive`` (or ``skip``) and may add a note.
3. ``python -m analysis annotate import FILE... --out labelled.jsonl`` checks every row (unknown
   label, sentence changed since the export, offsets that no longer give the mention: each an error
   naming the file, row and row_id; the good rows are still imported, and per file ``rows =
   imported + rejected``), merges the rows into a labelled NewsMTSC-format set and, when two or
   more files code the same rows, reports Cohen's kappa and Krippendorff's alpha and lists the
   disagreements. Disagreements are held back from the set and written to a CSV for adjudication;
   importing the adjudicated CSV adds them.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis._agreement import cohen_kappa, krippendorff_alpha_nominal
from analysis._annotate_io import read_coded, read_labelled, to_newsmtsc, write_jsonl
from analysis._annotate_sample import (
    ROW_COLUMNS,
    annotation_candidates,
    balanced_sample,
    excluded_sentences,
    polar_signs,
    strata_of,
)

logger = logging.getLogger(__name__)

LABELS = ("negative", "neutral", "positive")
STRATEGIES = ("stratified", "uncertain")
_MENTION_KEYS = ["doc_id", "sent_id", "target", "start", "end"]

__all__ = [
    "LABELS",
    "ROW_COLUMNS",
    "ImportResult",
    "agreement",
    "export_sample",
    "import_coded",
    "read_coded",
    "register",
    "sample_mentions",
    "write_sample",
]


def _score_rows(
    rows: pd.DataFrame, sentences: pd.DataFrame, scorer: Callable, method: str, value: Callable
) -> pd.Series:
    """``value(scored)`` (one number per scored mention) aligned to ``rows``; every row must be scored."""
    mentions = rows[["doc_id", "sent_id", "target", "type", "alias", "start", "end"]].reset_index(
        drop=True
    )
    scored = scorer(mentions, sentences, method=method)
    keyed = scored[_MENTION_KEYS].assign(value=value(scored)).drop_duplicates(_MENTION_KEYS)
    merged = rows[_MENTION_KEYS].merge(keyed, on=_MENTION_KEYS, how="left")
    if merged["value"].isna().any():
        raise ValueError(
            f"the scorer returned no score for {int(merged['value'].isna().sum())} mentions"
        )
    return pd.Series(merged["value"].to_numpy(), index=rows.index)


def _proba(scored: pd.DataFrame) -> np.ndarray | None:
    """The scorer's class probabilities (negative, neutral, positive order), or None."""
    cols = [f"proba_{label}" for label in LABELS]
    if not set(cols) <= set(scored.columns):
        return None
    p = scored[cols].to_numpy(dtype=float)
    return p / p.sum(axis=1, keepdims=True)


def _entropy(scored: pd.DataFrame) -> np.ndarray:
    """Entropy of the class probabilities when the scorer gives them, else ``1 - |score|``."""
    p = _proba(scored)
    if p is None:
        return 1.0 - np.abs(scored["score"].to_numpy(dtype=float))
    return -(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)).sum(axis=1)


def _predicted_sign(scored: pd.DataFrame) -> np.ndarray:
    """-1 / 0 / +1: the predicted class (argmax of the probabilities, else the ``label`` column, else the sign
    of ``score`` beyond 1/3)."""
    p = _proba(scored)
    if p is not None:
        return p.argmax(axis=1) - 1
    if "label" in scored.columns and scored["label"].isin(LABELS).all():
        return scored["label"].map({"negative": -1, "neutral": 0, "positive": 1}).to_numpy(dtype=int)
    score = scored["score"].to_numpy(dtype=float)
    return np.where(score <= -1 / 3, -1, np.where(score >= 1 / 3, 1, 0))


def _scored_subset(candidates: pd.DataFrame, size: int, seed: int) -> set:
    """A seeded random set of at most ``size`` sentences (``primary_gid``), shared fairly among the strata.

    Each stratum keeps up to the same quota ``q`` of its sentences (the largest ``q`` that fits), so a
    rare stratum (the OSCE, a commitment) is kept whole while a frequent one is thinned.

    >>> c = pd.DataFrame({"primary_gid": range(10), "stratum": ["a"] * 8 + ["b"] * 2})
    >>> sorted(c.set_index("primary_gid").loc[sorted(_scored_subset(c, 6, 0)), "stratum"].value_counts().items())
    [('a', 4), ('b', 2)]
    """
    first = candidates.drop_duplicates("primary_gid")[["primary_gid", "stratum"]]
    first = first.iloc[np.random.default_rng(seed).permutation(len(first))]
    rank = first.groupby("stratum", sort=False).cumcount().to_numpy()
    sizes = first["stratum"].value_counts().to_numpy()
    quota = max(
        (q for q in range(1, int(sizes.max()) + 1) if np.minimum(sizes, q).sum() <= size), default=0
    )
    return set(first["primary_gid"].to_numpy()[rank < quota])


def _uncertainty(
    rows: pd.DataFrame, sentences: pd.DataFrame, scorer: Callable, method: str
) -> pd.Series:
    """Model uncertainty per row: entropy of ``proba_*`` columns when the scorer gives them, else 1 - |score|."""
    return _score_rows(rows, sentences, scorer, method, _entropy)


def _default_scorer() -> Callable:
    try:
        from analysis.sentiment import score_targets
    except ImportError as exc:
        raise ValueError(
            "strategy 'uncertain' needs analysis.sentiment.score_targets, which is not available "
            f"({exc}); use --strategy stratified"
        ) from exc
    return score_targets


def sample_mentions(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    targets: Sequence[str],
    n: int = 300,
    strategy: str = "stratified",
    seed: int = 0,
    polar_share: float | tuple[float, float] = 0.0,
    exclude: Iterable[str] = (),
    min_words: int = 6,
    max_words: int = 80,
    max_per_doc: int | None = 2,
    scorer: Callable | None = None,
    method: str = "model-fast",
    polar_by: str = "lexicon",
    max_scored: int | None = 20_000,
) -> pd.DataFrame:
    """Return a sample of annotation rows (one per target in a sentence), ready to code.

    Parameters
    ----------
    mentions, sentences, articles : pandas.DataFrame
        As from :func:`analysis.find_mentions`, :func:`analysis.split_sentences` and
        :func:`analysis.load_articles` (articles give source and date; duplicates are skipped).
    targets : sequence of str
        The strata: target ids (``"NATO"``) or ``"type:<type>"`` for all targets of a type.
    n : int
        Rows wanted; the sample can exceed it by the other targets of the last sentence taken.
    strategy : {"stratified", "uncertain"}
        ``stratified``: sentences in seeded random order; ``uncertain``: most uncertain first
        (``scorer``'s ``proba_*`` entropy, else ``1 - |score|``). Both balance strata and sources.
    seed : int
        Seeds every random choice: the same inputs give the same sample.
    polar_share : float or (float, float)
        With ``stratified``, the probability that a cell offers an evaluative sentence while it has
        one: half for negative-polar and half for positive-polar sentences, or the two given
        separately as ``(negative, positive)``; 0 = no preference. Polar means VADER compound >= 0.5,
        or <= -0.5 or a blame word VADER lacks (``invasion``, ``annexation``, ...: see
        :func:`analysis._annotate_sample.polar_signs`). Raises the share of polar labels in a domain
        where most mentions are neutral; a larger negative share offsets VADER's positive reading of
        diplomatic words (``security``, ``integrity``, ``support``).
    polar_by : {"lexicon", "model"}
        What "polar" means for ``polar_share``: ``lexicon`` reads the whole sentence (VADER and the
        blame words); ``model`` asks ``scorer`` for the sentiment toward the row's target (the
        predicted class), which finds far more mentions that are themselves negative or positive.
        A sampling aid only: coders never see it.
    max_scored : int or None
        With ``polar_by="model"`` or ``strategy="uncertain"``, score at most this many candidate
        sentences (a seeded random subset, whole sentences) so a large corpus stays quick; None = all.
    exclude : iterable of str
        Sentences never to sample (e.g. a test split's); compared after white-space normalisation,
        also when one contains the other.
    min_words, max_words : int
        Sentence length bounds (headings and run-on transcript paragraphs are poor material).
    max_per_doc : int or None
        At most this many sentences per article.
    scorer : callable, optional
        ``scorer(mentions, sentences, method=...)`` returning the mentions with ``score`` (and
        optionally ``proba_*`` columns); defaults to :func:`analysis.sentiment.score_targets`.
    method : str
        The method passed to the scorer.

    Returns
    -------
    pandas.DataFrame
        ``ROW_COLUMNS`` plus ``stratum`` and the helper columns of
        :func:`analysis._annotate_sample.annotation_candidates`, in sampling order.

    Examples
    --------
    >>> sents = pd.DataFrame({"doc_id": ["a:1", "a:2", "b:1"], "sent_id": 0, "start": 0, "end": 40,
    ...     "text": ["NATO leaders met in Madrid on Tuesday.", "Russia and NATO talked for hours.",
    ...              "The OSCE sent observers to the border."]})
    >>> ments = pd.DataFrame({"doc_id": ["a:1", "a:2", "a:2", "b:1"], "sent_id": 0,
    ...     "target": ["NATO", "Russia", "NATO", "OSCE"],
    ...     "type": ["organisation", "state", "organisation", "organisation"],
    ...     "alias": ["NATO", "Russia", "NATO", "OSCE"], "start": [0, 0, 11, 4], "end": [4, 6, 15, 8]})
    >>> rows = sample_mentions(ments, sents, targets=["NATO", "OSCE"], n=2)
    >>> sorted(rows["target"])
    ['NATO', 'OSCE']
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r} (use one of {', '.join(STRATEGIES)})")
    rows = annotation_candidates(mentions, sentences, articles)
    rows["stratum"] = strata_of(rows, list(targets))
    keep = rows["stratum"].notna() & rows["words"].between(min_words, max_words)
    exclude = list(exclude)
    if exclude:
        dropped = excluded_sentences(rows[keep], exclude)
        logger.info(
            "excluded %d candidate rows whose sentence is in the exclusion list", int(dropped.sum())
        )
        keep &= ~dropped.reindex(rows.index, fill_value=False)
    # a sentence repeated verbatim (boilerplate, re-issued statements) is coded once: its first article
    first_gid = set(rows.loc[keep].drop_duplicates("sentence")["primary_gid"])
    keep &= rows["primary_gid"].isin(first_gid)
    rows.loc[~keep, "stratum"] = np.nan
    candidates = rows[keep]
    logger.info(
        "%d candidate rows in %d sentences", len(candidates), candidates["primary_gid"].nunique()
    )
    if polar_by not in ("lexicon", "model"):
        raise ValueError(f"unknown polar_by {polar_by!r} (use 'lexicon' or 'model')")
    needs_model = strategy == "uncertain" or (polar_by == "model" and np.sum(polar_share) > 0)
    if needs_model and max_scored is not None and candidates["primary_gid"].nunique() > max_scored:
        candidates = candidates[candidates["primary_gid"].isin(_scored_subset(candidates, max_scored, seed))]
        logger.info("scoring a seeded subset of %d candidate sentences (max_scored)", max_scored)
    polar = priority = None
    if strategy == "uncertain":
        priority = _uncertainty(candidates, sentences, scorer or _default_scorer(), method)
    elif np.sum(polar_share) > 0 and polar_by == "model":
        polar = _score_rows(candidates, sentences, scorer or _default_scorer(), method, _predicted_sign)
    elif np.sum(polar_share) > 0:
        polar = polar_signs(candidates["sentence"])
    picked = balanced_sample(
        candidates,
        n,
        seed=seed,
        max_per_doc=max_per_doc,
        polar=polar,
        polar_share=polar_share,
        priority=priority,
    )
    return picked.reset_index(drop=True)


def write_sample(rows: pd.DataFrame, prefix: str | os.PathLike) -> tuple[Path, Path]:
    """Write ``PREFIX.csv`` (``ROW_COLUMNS``, UTF-8 with BOM for spreadsheets) and ``PREFIX.jsonl``."""
    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    csv_path, jsonl_path = (
        prefix.with_name(prefix.name + ".csv"),
        prefix.with_name(prefix.name + ".jsonl"),
    )
    rows[ROW_COLUMNS].to_csv(csv_path, index=False, encoding="utf-8-sig")
    write_jsonl(to_newsmtsc(rows), jsonl_path)
    return csv_path, jsonl_path


def export_sample(
    corpus,
    *,
    targets: Sequence[str],
    out: str | os.PathLike,
    n: int = 300,
    strategy: str = "stratified",
    exclude_files: Sequence[str | os.PathLike] = (),
    lexicon_path: str | os.PathLike | None = None,
    **options,
) -> tuple[pd.DataFrame, Path, Path]:
    """Load ``corpus``, find the mentions, sample and write them: what ``annotate export`` does.

    ``exclude_files`` are NewsMTSC-format JSONL files whose sentences are never sampled; ``options``
    go to :func:`sample_mentions`. Returns ``(rows, csv_path, jsonl_path)``.
    """
    from analysis.lexicon import load_lexicon
    from analysis.load import load_articles
    from analysis.mentions import find_mentions
    from analysis.sentences import split_sentences

    lexicon = load_lexicon(lexicon_path)
    types = {entry.type for entry in lexicon}
    for item in targets:
        known = item[5:] in types if item.startswith("type:") else item in lexicon
        if not known:
            raise ValueError(
                f"unknown target {item!r}: use a lexicon id ({', '.join(lexicon.ids)}) "
                f"or type:<{'|'.join(sorted(types))}>"
            )
    articles, rejects = load_articles(corpus)
    if len(rejects):
        logger.warning(
            "%d inputs could not be loaded (see `python -m analysis info`)", len(rejects)
        )
    sentences = split_sentences(articles)
    mentions = find_mentions(sentences, lexicon)
    exclude = [s for path in exclude_files for s in read_labelled(path)["sentence"]]
    rows = sample_mentions(
        mentions,
        sentences,
        articles,
        targets=targets,
        n=n,
        strategy=strategy,
        exclude=exclude,
        **options,
    )
    return (rows, *write_sample(rows, out))


class ImportResult(NamedTuple):
    """What :func:`import_coded` returns."""

    labelled: (
        pd.DataFrame
    )  # the whole labelled set after the merge (one row per target in a sentence)
    merged: pd.DataFrame  # rows this import added or replaced
    rejects: pd.DataFrame  # file, where, row_id, reason, kind (error / unlabelled / skipped)
    counts: pd.DataFrame  # file, coder, rows, imported, rejected
    agreement: dict | None  # see :func:`agreement`; None when no row was coded twice
    disagreements: (
        pd.DataFrame
    )  # one row per disagreement: the row plus label_<coder>, note_<coder>


def agreement(coded: pd.DataFrame) -> dict | None:
    """Agreement between coders on the rows several of them coded.

    ``coded`` has ``row_id``, ``coder`` and ``label``. Returns None when no row has two codes, else
    ``units`` (rows coded at least twice), ``coders``, ``percent`` (share of those rows with one
    label), ``alpha`` (Krippendorff, nominal, all coders, missing codes allowed), ``kappa`` (Cohen,
    per pair of coders: ``{"A|B": {"kappa": ..., "n": ...}}``) and ``confusion`` (for exactly two
    coders: their cross-table as nested dicts).

    Examples
    --------
    >>> coded = pd.DataFrame({"row_id": [1, 2, 3, 1, 2, 3], "coder": list("aaabbb"),
    ...     "label": ["negative", "neutral", "positive", "negative", "neutral", "neutral"]})
    >>> a = agreement(coded)
    >>> a["units"], round(a["percent"], 3), round(a["kappa"]["a|b"]["kappa"], 3), round(a["alpha"], 3)
    (3, 0.667, 0.5, 0.545)
    """
    wide = coded.pivot_table(index="row_id", columns="coder", values="label", aggfunc="first")
    wide = wide[wide.notna().sum(axis=1) >= 2]
    if wide.empty:
        return None
    coders = [str(c) for c in wide.columns]
    units = [[v for v in row if isinstance(v, str)] for row in wide.itertuples(index=False)]
    kappa = {}
    for i, a in enumerate(coders):
        for b in coders[i + 1 :]:
            both = wide[[a, b]].dropna()
            if len(both):
                kappa[f"{a}|{b}"] = {
                    "kappa": cohen_kappa(both[a].tolist(), both[b].tolist()),
                    "n": len(both),
                }
    result = {
        "units": len(wide),
        "coders": coders,
        "percent": float(np.mean([len(set(u)) == 1 for u in units])),
        "alpha": krippendorff_alpha_nominal(units),
        "kappa": kappa,
        "confusion": None,
    }
    if len(coders) == 2:
        table = pd.crosstab(wide[coders[0]], wide[coders[1]]).reindex(
            index=LABELS, columns=LABELS, fill_value=0
        )
        result["confusion"] = {r: {c: int(table.at[r, c]) for c in LABELS} for r in LABELS}
    return result


def import_coded(
    paths: Sequence[str | os.PathLike],
    *,
    out: str | os.PathLike | None = None,
    disagreements: str | os.PathLike | None = None,
) -> ImportResult:
    """Validate coded files, merge their rows into a labelled set and measure agreement.

    Parameters
    ----------
    paths : paths
        Coded CSV (as exported) or JSONL files; each file is one coder, named by the file's stem.
    out : path, optional
        The labelled NewsMTSC-format JSONL set: read first when it exists (its rows are kept unless
        this import codes them again), then written with the merged rows.
    disagreements : path, optional
        Where to write rows the coders disagree on, for adjudication (default with ``out``:
        ``<out>.disagreements.csv``). Fill ``label`` there and import that file to add them.

    Returns
    -------
    ImportResult
    """
    names = [Path(p).stem for p in paths]
    if len(set(names)) < len(names):
        names = [str(p) for p in paths]
    good, rejects, counts = [], [], []
    for path, coder in zip(paths, names, strict=True):
        rows, bad = read_coded(path)
        rows["coder"] = coder
        good.append(rows)
        rejects.append(bad)
        counts.append(
            {
                "file": str(path),
                "coder": coder,
                "rows": len(rows) + len(bad),
                "imported": len(rows),
                "rejected": len(bad),
            }
        )
    coded = pd.concat(good, ignore_index=True)
    rejects = pd.concat(rejects, ignore_index=True)
    stats = agreement(coded[["row_id", "coder", "label"]]) if len(coded) else None
    n_labels = coded.groupby("row_id")["label"].nunique()
    split = coded["row_id"].map(n_labels).gt(1)
    merged = (
        coded[~split]
        .groupby("row_id", sort=False, as_index=False)
        .agg(
            {
                **{c: "first" for c in coded.columns if c not in ("row_id", "coder", "note")},
                "coder": lambda s: sorted(set(s)),
                "note": lambda s: " | ".join(x for x in s if x),
            }
        )
    )
    merged = merged.rename(columns={"coder": "coders"})
    previous = read_labelled(out) if out and Path(out).exists() else None
    settled = coded["row_id"].isin(previous["row_id"]) if previous is not None else False
    disputed = _disagreement_table(coded[split & ~settled])
    if previous is not None and (split & settled).any():
        logger.info(
            "%d disagreements are already adjudicated in %s: kept as they are",
            coded.loc[split & settled, "row_id"].nunique(),
            out,
        )
    labelled = (
        merged
        if previous is None
        else pd.concat(
            [previous[~previous["row_id"].isin(merged["row_id"])], merged], ignore_index=True
        )
    )
    if out:
        write_jsonl(to_newsmtsc(labelled), out)
        if len(disputed):
            disagreements = disagreements or Path(out).with_suffix(".disagreements.csv")
    if disagreements and len(disputed):
        disagreements = _unclobbered(Path(disagreements))
        disputed.to_csv(disagreements, index=False, encoding="utf-8-sig")
        logger.info("wrote %d disagreements to %s", len(disputed), disagreements)
    return ImportResult(
        labelled.reset_index(drop=True), merged, rejects, pd.DataFrame(counts), stats, disputed
    )


def _unclobbered(path: Path) -> Path:
    """``path``, or a numbered sibling when ``path`` holds labels an adjudicator already entered."""
    candidate, k = path, 1
    while candidate.exists():
        existing = pd.read_csv(candidate, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if "label" not in existing or existing["label"].str.strip().eq("").all():
            break
        k += 1
        candidate = path.with_name(f"{path.stem}-{k}{path.suffix}")
    if candidate != path:
        logger.warning(
            "%s holds adjudicated labels: writing the new disagreements to %s", path, candidate
        )
    return candidate


def _disagreement_table(coded: pd.DataFrame) -> pd.DataFrame:
    """One row per disputed row_id: the export columns with label and note empty, plus each coder's."""
    if coded.empty:
        return pd.DataFrame(columns=ROW_COLUMNS)
    base = coded.drop_duplicates("row_id").set_index("row_id")
    labels = coded.pivot_table(index="row_id", columns="coder", values="label", aggfunc="first")
    notes = coded.pivot_table(index="row_id", columns="coder", values="note", aggfunc="first")
    table = base.reindex(columns=[c for c in ROW_COLUMNS if c != "row_id"]).assign(
        label="", note=""
    )
    for coder in labels.columns:
        table[f"label_{coder}"] = labels[coder].reindex(table.index).fillna("")
        table[f"note_{coder}"] = notes[coder].reindex(table.index).fillna("")
    return table.reset_index()


def format_import(
    result: ImportResult, out: str | os.PathLike | None, *, max_listed: int = 50
) -> str:
    """The report ``annotate import`` prints."""
    lines = []
    for c in result.counts.itertuples():
        lines.append(f"{c.file}: {c.rows} rows = {c.imported} imported + {c.rejected} rejected")
    for r in result.rejects.itertuples():
        lines.append(f"  {r.kind}: {r.file} {r.where} (row_id {r.row_id or '?'}): {r.reason}")
    a = result.agreement
    if a:
        lines.append(
            f"agreement on {a['units']} rows coded by {len(a['coders'])} coders "
            f"({', '.join(a['coders'])}): {a['percent']:.1%} identical"
        )
        for pair, k in a["kappa"].items():
            lines.append(
                f"  Cohen's kappa {pair.replace('|', ' vs ')}: {_fmt(k['kappa'])} (n={k['n']})"
            )
        lines.append(f"  Krippendorff's alpha (nominal): {_fmt(a['alpha'])}")
        if a["confusion"]:
            first, second = a["coders"]
            lines.append(f"  rows: {first}; columns: {second}")
            lines.append("  " + " " * 10 + "".join(f"{c:>10}" for c in LABELS))
            lines.extend(
                "  " + f"{r:<10}" + "".join(f"{a['confusion'][r][c]:>10}" for c in LABELS)
                for r in LABELS
            )
    d = result.disagreements
    if len(d):
        lines.append(f"disagreements: {len(d)} (held back from the labelled set until adjudicated)")
        coders = [c[6:] for c in d.columns if c.startswith("label_")]
        for row in d.head(max_listed).to_dict("records"):
            votes = ", ".join(f"{c}={row.get(f'label_{c}') or '-'}" for c in coders)
            lines.append(f"  {row['row_id']} [{row['target']}] {votes}: {_short(row['sentence'])}")
        if len(d) > max_listed:
            lines.append(f"  ... and {len(d) - max_listed} more")
    if out:
        lines.append(
            f"merged {len(result.merged)} rows into {out}: now {len(result.labelled)} labelled rows"
        )
    return "\n".join(lines)


def _fmt(x: float) -> str:
    return "undefined" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _share(value: str) -> float | tuple[float, float]:
    parts = [float(x) for x in value.split(",")]
    if len(parts) not in (1, 2):
        raise argparse.ArgumentTypeError("give one share P or two, NEG,POS")
    return parts[0] if len(parts) == 1 else (parts[0], parts[1])


def _split_targets(value: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", value) if t.strip()]


def _export(args: argparse.Namespace) -> int:
    rows, csv_path, jsonl_path = export_sample(
        args.corpus, targets=_split_targets(args.targets), out=args.out, n=args.n, strategy=args.strategy,
        exclude_files=args.exclude or (), lexicon_path=args.lexicon, seed=args.seed, polar_share=args.polar_share,
        min_words=args.min_words, max_words=args.max_words, max_per_doc=args.max_per_doc or None,
        method=args.method, polar_by=args.polar_by, max_scored=args.max_scored or None,
    )  # fmt: skip
    print(
        f"wrote {len(rows)} rows in {rows['primary_gid'].nunique()} sentences to {csv_path} and {jsonl_path}"
    )
    table = rows.groupby(["stratum", "source"]).size().unstack(fill_value=0)
    print(table.to_string())
    return 0


def _import(args: argparse.Namespace) -> int:
    result = import_coded(args.files, out=args.out, disagreements=args.disagreements)
    print(format_import(result, args.out))
    return 1 if (result.rejects["kind"] == "error").any() else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``annotate export`` and ``annotate import`` commands."""
    parser = subparsers.add_parser(
        "annotate",
        help="sample mentions for hand coding; import coded files",
        description=__doc__.split("\n\n")[0],
    )
    sub = parser.add_subparsers(dest="annotate_command", metavar="{export,import}", required=True)
    ex = sub.add_parser(
        "export", help="write a sample of target mentions to code (CSV + NewsMTSC JSONL)"
    )
    ex.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="files or folders, as `info` reads them"
    )
    ex.add_argument(
        "--targets",
        required=True,
        help="comma-separated lexicon ids and type:<type> groups, e.g. NATO,Ukraine,type:commitment",
    )
    ex.add_argument("--n", type=int, default=300, help="rows to sample (default 300)")
    ex.add_argument(
        "--strategy", choices=STRATEGIES, default="stratified", help="default: stratified"
    )
    ex.add_argument(
        "--out", required=True, metavar="PREFIX", help="writes PREFIX.csv and PREFIX.jsonl"
    )
    ex.add_argument("--seed", type=int, default=0)
    ex.add_argument(
        "--polar-share",
        type=_share,
        default=0.0,
        metavar="P|NEG,POS",
        help="offer a negative-polar sentence with probability P/2 (or NEG) and a positive-polar "
        "one with P/2 (or POS) while a cell has them (stratified only; default 0)",
    )
    ex.add_argument(
        "--polar-by",
        choices=("lexicon", "model"),
        default="lexicon",
        help="what --polar-share counts as polar: the sentence's words (VADER, blame words; default) or "
        "the --method model's predicted sentiment toward the target",
    )
    ex.add_argument(
        "--max-scored", type=int, default=20_000,
        help="with a model (--strategy uncertain or --polar-by model) score at most this many candidate "
        "sentences, a seeded random subset (0: all; default 20000)",
    )  # fmt: skip
    ex.add_argument(
        "--exclude", action="append", metavar="JSONL", help="never sample sentences of this file"
    )
    ex.add_argument("--min-words", type=int, default=6)
    ex.add_argument("--max-words", type=int, default=80)
    ex.add_argument(
        "--max-per-doc", type=int, default=2, help="sentences per article (0: no limit)"
    )
    ex.add_argument("--lexicon", help="a user lexicon merged over the packaged one")
    ex.add_argument(
        "--method", default="model-fast", help="sentiment method for --strategy uncertain and --polar-by model"
    )
    ex.set_defaults(func=_export)
    im = sub.add_parser("import", help="validate coded files, merge them, report agreement")
    im.add_argument(
        "files", nargs="+", metavar="FILE", help="coded CSV or JSONL files, one per coder"
    )
    im.add_argument(
        "--out", metavar="JSONL", help="the labelled set to merge into (created if missing)"
    )
    im.add_argument(
        "--disagreements", metavar="CSV", help="write disagreements here for adjudication"
    )
    im.set_defaults(func=_import)
