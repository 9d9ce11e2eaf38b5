"""Score ``find_quotes`` and ``split_turns`` against the gold set in ``tests/data/speakers/`` (private).

The protocol (citron's, as the issue fixes it):

- Quotations, within each annotated document's region ``text[0:upto]`` (gold is exhaustive there):
  span precision, recall and F1, **exact** (same start and end once white space and punctuation
  are stripped from both edges) and **overlap** (a predicted span overlapping a gold span; each
  gold and each prediction matched at most once, greedily in text order). **Speaker accuracy**
  over the overlap-matched pairs: equal names, or the same surname, after folding case and
  accents. Reported overall and by kind (precision by predicted kind, recall by gold kind).
- Turns, within ``text[0:upto]``: boundary precision, recall and F1 (a predicted turn start within
  3 characters of a gold one, one-to-one) and speaker (and role) accuracy over the matched turns.

Dev and test are scored separately; develop on dev, never tune on test.
"""

from __future__ import annotations

import json
import logging
import re
import string
from collections.abc import Iterable
from functools import lru_cache
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.speakers import fold

logger = logging.getLogger(__name__)

GOLD_DIR = config.PROJECT_DIR / "tests" / "data" / "speakers"
#: Words that never name a speaker on their own (pronouns, determiners, quantifiers, time words).
_NOT_A_NAME = {
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "this", "that", "these",
    "those", "there", "here", "who", "which", "what", "one", "some", "many", "all", "both", "others", "each",
    "and", "so", "but", "or", "what", "when", "if", "let", "let's", "our", "now", "well", "then",
    "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_COLLECTIVE = {"authorities", "government", "ministry", "department", "administration", "commission", "committee",
               "agency", "office", "pentagon", "kremlin", "congress", "senate", "court", "council", "alliance",
               "organisation", "organization", "company", "association", "embassy", "service"}  # fmt: skip
_ROLE_WORDS = {"journalist", "moderator", "senior administration official", "kremlin", "whitehouse", "news"}
KINDS = ("direct", "indirect", "mixed")
_EDGE = set(string.punctuation) | set("“”‘’«»—–…") | set(string.whitespace) | {"\xa0"}


def suspicious_speaker(name: str) -> bool:
    """Whether a speaker string cannot be a person, role or organisation name.

    Pronouns and other function words, contractions ("I’ve"), possessives ("Russia’s"), a leading article or lower-case
    word (except the roles the contract names: "journalist", "senior administration official", and
    collective bodies as the gold set writes them: "regional authorities"),
    digits, and runs longer than seven words are suspicious; "" (unknown) is not.

    Examples
    --------
    >>> [suspicious_speaker(s) for s in ("Sergei Lavrov", "", "They", "Russia’s", "the minister",
    ...                                   "senior administration official", "White House", "And I’d")]
    [False, False, True, True, True, False, False, True]
    """
    words = " ".join(str(name or "").split())
    if not words:
        return False
    lower = words.lower()
    if lower in _ROLE_WORDS or (lower.split()[-1] in _COLLECTIVE and lower.split()[0] not in _NOT_A_NAME):
        return False  # roles the contract names; collective bodies as written ("regional authorities")
    first = lower.split()[0]
    return (
        lower in _NOT_A_NAME
        or first in _NOT_A_NAME | {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"}
        or lower.endswith(("'s", "’s", "'", "’"))
        or re.search(r"\w['’](?:ve|ll|d|m|re)\b", lower) is not None
        or not words[0].isupper()
        or any(ch.isdigit() for ch in words)
        or len(words.split()) > 7
    )


def seeds_summary(quotes: pd.DataFrame, *, top: int = 30) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Speaker distribution of ``find_quotes`` output: the ``top`` speakers and shares by source.

    Returns ``(top_speakers, shares)``: ``top_speakers`` has speaker, n, share (of all quotes);
    ``shares`` has one row per source (from the ``doc_id`` prefix before ":") and "all", with n_quotes,
    empty (share with speaker ""), suspicious (share flagged by :func:`suspicious_speaker`).

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["kremlin:1", "kremlin:1", "news:2"], "speaker": ["Vladimir Putin", "", "They"]})
    >>> top, shares = seeds_summary(q, top=2)
    >>> top.speaker.tolist()
    ['Vladimir Putin', 'They']
    >>> shares.set_index("source").loc["all", ["n_quotes", "empty", "suspicious"]].round(2).tolist()
    [3.0, 0.33, 0.33]
    """
    speakers = quotes["speaker"].fillna("").astype(str)
    named = speakers[speakers != ""]
    counts = named.value_counts().head(top)
    top_frame = pd.DataFrame({"speaker": counts.index, "n": counts.to_numpy()})
    top_frame["share"] = top_frame["n"] / max(len(quotes), 1)
    sources = quotes["doc_id"].astype(str).str.split(":", n=1).str[0]
    rows = []
    flags = speakers.map(suspicious_speaker)
    for source in [*sorted(sources.unique()), "all"]:
        mask = sources == source if source != "all" else pd.Series(True, index=quotes.index)
        n = int(mask.sum())
        rows.append({
            "source": source, "n_quotes": n,
            "empty": float((speakers[mask] == "").mean()) if n else float("nan"),
            "suspicious": float(flags[mask].mean()) if n else float("nan"),
        })  # fmt: skip
    return top_frame, pd.DataFrame(rows)


def read_jsonl(path: str | PathLike) -> list[dict]:
    """Read one JSON object per non-empty line (an absent file gives [])."""
    path = Path(path)
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` and ``end`` inwards past white space and punctuation.

    Examples
    --------
    >>> text = "“There will be contacts,” he said."
    >>> strip_span(text, 0, 25), text[1:23]
    ((1, 23), 'There will be contacts')
    """
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def same_speaker(gold: str, predicted: str) -> bool:
    """Equal names, the same surname (ignoring case and accents), or one person of the speakers lexicon under two
    spellings (the gold keeps the document's "Zelenskyy", the extractor gives the lexicon's "Volodymyr Zelensky").

    Examples
    --------
    >>> same_speaker("Sergey Lavrov", "Sergei Lavrov"), same_speaker("Gordan Radman", "Gordan Grlić Radman")
    (True, True)
    >>> same_speaker("Zelenskyy", "Volodymyr Zelensky"), same_speaker("Xi", "Xi Jinping")
    (True, True)
    >>> same_speaker("Jen Psaki", "journalist"), same_speaker("", ""), same_speaker("Jen Psaki", "Joe Biden")
    (False, True, False)
    """
    g, p = fold(gold or ""), fold(predicted or "")
    if g == p:
        return True
    if not g or not p:
        return False
    if g.split()[-1] == p.split()[-1]:
        return True
    a, b = _lexicon_person(gold), _lexicon_person(predicted)
    return a is not None and a == b


@lru_cache(maxsize=4096)
def _lexicon_person(name: str) -> str | None:
    """The canonical name the speakers lexicon gives ``name``, or None when it does not know it."""
    person = _speakers().person(name)
    return person.name if person is not None else None


@lru_cache(maxsize=1)
def _speakers():
    from analysis.speakers import load_speakers

    return load_speakers()


def match_spans(
    gold: list[tuple[int, int]], predicted: list[tuple[int, int]], *, exact: bool = False
) -> list[tuple[int, int]]:
    """Pair gold and predicted spans (indices), each used at most once, greedily in text order.

    Examples
    --------
    >>> match_spans([(0, 10), (20, 30)], [(5, 12), (8, 9), (40, 50)])
    [(0, 0)]
    >>> match_spans([(0, 10)], [(0, 10), (0, 9)], exact=True)
    [(0, 0)]
    """
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for gi, (gs, ge) in sorted(enumerate(gold), key=lambda x: x[1]):
        best = None
        for pi, (ps, pe) in enumerate(predicted):
            if pi in taken:
                continue
            hit = (ps, pe) == (gs, ge) if exact else ps < ge and gs < pe
            if hit:
                overlap = min(ge, pe) - max(gs, ps)
                if best is None or overlap > best[0]:
                    best = (overlap, pi)
        if best is not None:
            taken.add(best[1])
            pairs.append((gi, best[1]))
    return sorted(pairs)


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else float("nan")
    r = tp_g / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else (0.0 if n_pred and n_gold else float("nan"))
    return p, r, f


def score_quotes(gold: list[dict], docs: list[dict], predicted: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Quote scores by kind and overall (rows), for the documents in ``docs``.

    Examples
    --------
    >>> texts = {"d": "“We will talk,” he said. Lavrov said that talks start."}
    >>> gold = [{"doc_id": "d", "start": 1, "end": 14, "kind": "direct", "speaker": "Sergey Lavrov"},
    ...         {"doc_id": "d", "start": 42, "end": 53, "kind": "indirect", "speaker": "Sergey Lavrov"}]
    >>> pred = pd.DataFrame({"doc_id": ["d", "d"], "start": [1, 37], "end": [15, 53],
    ...     "kind": ["direct", "indirect"], "speaker": ["Sergei Lavrov", "Jen Psaki"]})
    >>> s = score_quotes(gold, [{"doc_id": "d", "upto": 54}], pred, texts).set_index("kind")
    >>> [float(x) for x in s.loc["overall", ["n_gold", "n_pred", "f1_exact", "f1_overlap", "speaker_acc"]]]
    [2.0, 2.0, 0.5, 1.0, 0.5]
    """
    upto = {d["doc_id"]: d["upto"] for d in docs}
    rows = []
    g_all, p_all = [], []
    for doc_id, limit in upto.items():
        text = texts[doc_id]
        g = [q for q in gold if q["doc_id"] == doc_id]
        p = predicted[(predicted["doc_id"] == doc_id) & (predicted["start"] < limit)]
        g_all += [(doc_id, q["start"], q["end"], q["kind"], q.get("speaker", ""), text) for q in g]
        p_all += [(doc_id, int(r.start), int(r.end), r.kind, r.speaker, text) for r in p.itertuples()]
    pairs_o: list[tuple[int, int]] = []
    pairs_e: list[tuple[int, int]] = []
    for doc_id in upto:
        gi = [i for i, q in enumerate(g_all) if q[0] == doc_id]
        pi = [i for i, q in enumerate(p_all) if q[0] == doc_id]
        gs = [strip_span(g_all[i][5], g_all[i][1], g_all[i][2]) for i in gi]
        ps = [strip_span(p_all[i][5], p_all[i][1], p_all[i][2]) for i in pi]
        pairs_o += [(gi[a], pi[b]) for a, b in match_spans(gs, ps)]
        pairs_e += [(gi[a], pi[b]) for a, b in match_spans(gs, ps, exact=True)]
    for kind in (*KINDS, "overall"):
        gk = {i for i, q in enumerate(g_all) if kind in ("overall", q[3])}
        pk = {i for i, q in enumerate(p_all) if kind in ("overall", q[3])}
        po = [(a, b) for a, b in pairs_o if a in gk]
        pe = [(a, b) for a, b in pairs_e if a in gk]
        p_o, r_o, f_o = _prf(sum(b in pk for _, b in pairs_o), len(pk), len(po), len(gk))
        p_e, r_e, f_e = _prf(sum(b in pk for _, b in pairs_e), len(pk), len(pe), len(gk))
        correct = sum(same_speaker(g_all[a][4], p_all[b][4]) for a, b in po)
        kind_ok = sum(g_all[a][3] == p_all[b][3] for a, b in po)
        rows.append({
            "kind": kind, "n_gold": len(gk), "n_pred": len(pk),
            "p_exact": p_e, "r_exact": r_e, "f1_exact": f_e,
            "p_overlap": p_o, "r_overlap": r_o, "f1_overlap": f_o,
            "n_matched": len(po), "speaker_acc": correct / len(po) if po else float("nan"),
            "kind_acc": kind_ok / len(po) if po else float("nan"),
        })  # fmt: skip
    return pd.DataFrame(rows)


def doc_counts(gold: list[dict], docs: list[dict], predicted: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Per document of ``docs``: ``n_gold``, ``n_pred``, ``n_matched`` (overlap pairs) and ``n_speaker`` (matched
    pairs with the right speaker), from :func:`score_quotes` run on each document alone; summed, they give its
    overall row.

    Examples
    --------
    >>> texts = {"d": "“We will talk,” he said. Lavrov said that talks start."}
    >>> gold = [{"doc_id": "d", "start": 1, "end": 14, "kind": "direct", "speaker": "Sergey Lavrov"},
    ...         {"doc_id": "d", "start": 42, "end": 53, "kind": "indirect", "speaker": "Sergey Lavrov"}]
    >>> pred = pd.DataFrame({"doc_id": ["d"], "start": [37], "end": [53], "kind": ["indirect"],
    ...     "speaker": ["Jen Psaki"]})
    >>> counts = doc_counts(gold, [{"doc_id": "d", "upto": 54}], pred, texts)
    >>> [int(counts[c].iloc[0]) for c in ("n_gold", "n_pred", "n_matched", "n_speaker")]
    [2, 1, 1, 0]
    """
    gold_by_doc: dict[str, list[dict]] = {}
    for q in gold:
        gold_by_doc.setdefault(q["doc_id"], []).append(q)
    pred_by_doc = dict(iter(predicted.groupby("doc_id", sort=False)))
    rows = []
    for d in docs:
        doc_id = d["doc_id"]
        p = pred_by_doc.get(doc_id, predicted.iloc[:0])
        overall = score_quotes(gold_by_doc.get(doc_id, []), [d], p, texts).set_index("kind").loc["overall"]
        matched = int(overall["n_matched"])
        right = round(overall["speaker_acc"] * matched) if matched else 0
        rows.append((doc_id, int(overall["n_gold"]), int(overall["n_pred"]), matched, right))
    return pd.DataFrame(rows, columns=["doc_id", "n_gold", "n_pred", "n_matched", "n_speaker"])


def bootstrap_intervals(counts: pd.DataFrame, *, n: int = 2000, level: float = 0.95, seed: int = 0) -> dict:
    """Percentile intervals for quote F1 (overlap) and speaker accuracy, resampling documents with replacement.

    Quotations of one document share its genre, speaker and style, so documents (not quotations) are the unit
    drawn: the interval says how much the figure would move on another draw of documents like these.
    Returns ``{"f1": (low, high), "speaker": (low, high), "n": n, "level": level, "docs": number of documents}``.

    Examples
    --------
    >>> c = pd.DataFrame({"n_gold": [10, 10], "n_pred": [10, 10], "n_matched": [10, 5], "n_speaker": [9, 5]})
    >>> r = bootstrap_intervals(c, n=500)
    >>> bool(0.5 <= r["f1"][0] <= 0.75 <= r["f1"][1] <= 1.0), r["docs"]
    (True, 2)
    """
    rng = np.random.default_rng(seed)
    arr = counts[["n_gold", "n_pred", "n_matched", "n_speaker"]].to_numpy(dtype=float)
    if not len(arr):
        return {"f1": (float("nan"),) * 2, "speaker": (float("nan"),) * 2, "n": n, "level": level, "docs": 0}
    draws = rng.integers(0, len(arr), size=(n, len(arr)))
    sums = arr[draws].sum(axis=1)  # (n, 4)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = 2 * sums[:, 2] / (sums[:, 0] + sums[:, 1])
        spk = sums[:, 3] / sums[:, 2]
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100

    def interval(x: np.ndarray) -> tuple[float, float]:
        x = x[~np.isnan(x)]
        return (float(np.percentile(x, lo)), float(np.percentile(x, hi))) if len(x) else (float("nan"),) * 2

    return {"f1": interval(f1), "speaker": interval(spk), "n": n, "level": level, "docs": len(arr)}


def score_turns(gold: list[dict], docs: list[dict], predicted: pd.DataFrame) -> dict:
    """Turn boundary precision/recall/F1 (start within 3 characters) and speaker/role accuracy.

    Examples
    --------
    >>> gold = [{"doc_id": "d", "start": 0, "speaker": "Jen Psaki", "role": "official"},
    ...         {"doc_id": "d", "start": 40, "speaker": "journalist", "role": "journalist"}]
    >>> pred = pd.DataFrame({"doc_id": ["d", "d", "d"], "start": [0, 42, 90],
    ...     "speaker": ["Jen Psaki", "Karine Jean-Pierre", "x"], "role": ["official", "official", "other"]})
    >>> s = score_turns(gold, [{"doc_id": "d", "upto": 80}], pred)
    >>> s["n_gold"], s["n_pred"], s["f1"], s["speaker_acc"], s["role_acc"]
    (2, 2, 1.0, 0.5, 0.5)
    """
    upto = {d["doc_id"]: d["upto"] for d in docs}
    n_gold = n_pred = matched = speaker_ok = role_ok = 0
    for doc_id, limit in upto.items():
        g = sorted((t for t in gold if t["doc_id"] == doc_id), key=lambda t: t["start"])
        p = predicted[(predicted["doc_id"] == doc_id) & (predicted["start"] < limit)].sort_values("start")
        prows = list(p.itertuples())
        n_gold += len(g)
        n_pred += len(prows)
        taken: set[int] = set()
        for t in g:
            best = None
            for k, r in enumerate(prows):
                if k not in taken and abs(int(r.start) - t["start"]) <= 3:
                    best = k
                    break
            if best is None:
                continue
            taken.add(best)
            matched += 1
            speaker_ok += same_speaker(t["speaker"], prows[best].speaker)
            role_ok += t.get("role") == prows[best].role
    p, r, f = _prf(matched, n_pred, matched, n_gold)
    return {
        "n_gold": n_gold, "n_pred": n_pred, "precision": p, "recall": r, "f1": f, "n_matched": matched,
        "speaker_acc": speaker_ok / matched if matched else float("nan"),
        "role_acc": role_ok / matched if matched else float("nan"),
    }  # fmt: skip


def gold_articles(doc_ids: Iterable[str]) -> tuple[pd.DataFrame, set[str]]:
    """The articles of the gold documents: ``seeds/``, then ``../shared/data/<source>/`` for the others.

    A doc_id that is in neither (a user's clone has no ``../shared/data``) is returned in the second
    element and logged as a warning, never dropped silently.
    """
    from analysis.load import load_articles

    wanted = set(doc_ids)
    articles, _ = load_articles(config.SEEDS_DIR)
    frames = [articles[articles["doc_id"].isin(wanted)]]
    missing = wanted - set(frames[0]["doc_id"])
    for source in sorted({d.split(":", 1)[0] for d in missing}):
        folder = Path(config.SHARED_DATA_DIR) / source
        if folder.is_dir():
            extra, _ = load_articles(folder)
            frames.append(extra[extra["doc_id"].isin(missing)])
    articles = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    missing = wanted - set(articles["doc_id"])
    if missing:
        logger.warning("%d gold document(s) not on this machine, left out: %s", len(missing), sorted(missing))
    return articles, missing


def evaluate(splits: Iterable[str] = ("dev", "test"), gold_dir: str | PathLike = GOLD_DIR, *, detector=None) -> dict:
    """Load ``seeds/``, run ``find_quotes`` and ``split_turns`` on the annotated documents and score them.

    ``detector`` is passed to ``find_quotes`` (the learned sentence detector joined to the rules).

    Returns ``{split: {"quotes": DataFrame, "intervals": dict, "turns": dict, "n_docs_quotes": int,
    "n_docs_turns": int, "missing_docs": list}}`` (``intervals``: :func:`bootstrap_intervals` over the split's
    documents); a split without gold gives empty scores. Gold documents whose text is not on this
    machine (``../shared/data`` absent) are left out of both splits, named in ``missing_docs`` and logged.
    """
    from analysis.quotes import find_quotes
    from analysis.speakers import split_turns

    gold_dir = Path(gold_dir)
    q_gold, q_docs = read_jsonl(gold_dir / "quotes_gold.jsonl"), read_jsonl(gold_dir / "quotes_docs.jsonl")
    t_gold, t_docs = read_jsonl(gold_dir / "turns_gold.jsonl"), read_jsonl(gold_dir / "turns_docs.jsonl")
    articles, missing = gold_articles({d["doc_id"] for d in q_docs + t_docs})
    q_docs, t_docs, q_gold, t_gold = ([r for r in rows if r["doc_id"] not in missing]
                                      for rows in (q_docs, t_docs, q_gold, t_gold))  # fmt: skip
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    quotes = find_quotes(articles, detector=detector)
    turns = split_turns(articles)
    out = {}
    for split in splits:
        qd = [d for d in q_docs if d["split"] == split]
        td = [d for d in t_docs if d["split"] == split]
        split_gold = [q for q in q_gold if q["split"] == split]
        out[split] = {
            "quotes": score_quotes(split_gold, qd, quotes, texts),
            "intervals": bootstrap_intervals(doc_counts(split_gold, qd, quotes, texts)),
            "turns": score_turns([t for t in t_gold if t["split"] == split], td, turns),
            "n_docs_quotes": len(qd),
            "n_docs_turns": len(td),
            "missing_docs": sorted(missing),
        }
    return out


#: The second, independent annotation of a sample of dev documents (inter-annotator agreement).
AGREEMENT_DIR = GOLD_DIR / "agreement"


def agreement(gold_dir: str | PathLike = GOLD_DIR, second_dir: str | PathLike | None = None) -> dict:
    """Inter-annotator agreement on the doubly annotated documents, beside the extractor's score on the same ones.

    The second annotation (``quotes_second.jsonl`` / ``quotes_second_docs.jsonl`` in ``second_dir``, default
    ``tests/data/speakers/agreement/``) is scored against the gold set with the same protocol as the extractor
    (:func:`score_quotes`: the gold is the reference, the second annotator the "prediction"; F1 is symmetric,
    so it is the agreement), and ``find_quotes`` is scored on the same documents for comparison.

    Returns ``{"humans": DataFrame, "extractor": DataFrame, "n_docs": int, "missing_docs": list}``.
    """
    from analysis.quotes import find_quotes

    second_dir = Path(second_dir) if second_dir is not None else Path(gold_dir) / "agreement"
    second = read_jsonl(second_dir / "quotes_second.jsonl")
    docs = read_jsonl(second_dir / "quotes_second_docs.jsonl")
    gold_docs = {d["doc_id"]: d for d in read_jsonl(Path(gold_dir) / "quotes_docs.jsonl")}
    for d in docs:
        if d["doc_id"] not in gold_docs or gold_docs[d["doc_id"]]["upto"] != d["upto"]:
            raise ValueError(f"{second_dir / 'quotes_second_docs.jsonl'}: {d['doc_id']} is not a gold document with "
                             f"upto {d['upto']}")  # fmt: skip
    gold = read_jsonl(Path(gold_dir) / "quotes_gold.jsonl")
    articles, missing = gold_articles({d["doc_id"] for d in docs})
    docs = [d for d in docs if d["doc_id"] not in missing]
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    ids = {d["doc_id"] for d in docs}
    gold = [q for q in gold if q["doc_id"] in ids]
    as_pred = pd.DataFrame([q for q in second if q["doc_id"] in ids], columns=["doc_id", "start", "end", "kind",
                                                                               "speaker"])  # fmt: skip
    return {
        "humans": score_quotes(gold, docs, as_pred, texts),
        "extractor": score_quotes(gold, docs, find_quotes(articles), texts),
        "n_docs": len(docs),
        "missing_docs": sorted(missing),
    }

