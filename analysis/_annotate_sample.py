"""Annotation rows and the sampling behind ``python -m analysis annotate export`` (see :mod:`analysis.annotate`).

An *annotation row* is one target in one sentence: the sentence as a coder reads it (white space
collapsed to single spaces, byte-order marks removed: NewsMTSC's ``sentence_normalized``), the offsets
of the target's first mention in that sentence (``to`` exclusive), the sentences before and after it,
and where it comes from. Further mentions of the same target in the sentence are kept as
``further_mentions`` (coders label the target, not each occurrence: NewsMTSC's rule).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

ROW_COLUMNS = [
    "row_id", "source", "doc_id", "date", "sent_id", "target", "type", "mention", "from", "to",
    "sentence", "context_before", "context_after", "label", "note", "checksum",
]  # fmt: skip
CONTEXT_CHARS = 400
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """White space runs to one space, no byte-order marks, stripped (NewsMTSC's ``sentence_normalized``).

    Examples
    --------
    >>> normalise("\\ufeffThe United\\nStates  and NATO. ")
    'The United States and NATO.'
    """
    return _SPACE.sub(" ", text.replace("\ufeff", "")).strip()


def checksum(sentence: str) -> str:
    """A short hash of a normalised sentence: the import notices a sentence edited after export."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:10]


def sentence_gid(source: str, doc_id: str, sentence: str) -> str:
    """The stable id of a sentence: ``domain_<source>_<hash of doc_id and sentence>``."""
    digest = hashlib.sha1(f"{doc_id}\n{sentence}".encode()).hexdigest()[:10]
    return f"domain_{re.sub(r'[^A-Za-z0-9-]+', '-', str(source))}_{digest}"


def _format_date(date, precision) -> str:
    if pd.isna(date):
        return ""
    fmt = {"year": "%Y", "month": "%Y-%m"}.get(str(precision), "%Y-%m-%d")
    return pd.Timestamp(date).strftime(fmt)


def _clip(text, side: str) -> str:
    if not isinstance(text, str):
        return ""
    text = normalise(text)
    if len(text) <= CONTEXT_CHARS:
        return text
    return "…" + text[-CONTEXT_CHARS:] if side == "before" else text[:CONTEXT_CHARS] + "…"


def annotation_candidates(
    mentions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return one annotation row per (sentence, target), label and note empty.

    Columns: ``ROW_COLUMNS`` plus ``alias``, ``start``, ``end`` (the first mention's article offsets, as
    in ``mentions``), ``further_mentions`` (list of ``[from, to, mention]``), ``primary_gid`` and ``words``.
    ``source``/``date`` come from ``articles`` (date printed to its precision); without articles the
    source is the ``doc_id`` prefix before ``:``. Articles flagged with ``duplicate_of`` give no rows.

    Examples
    --------
    >>> sents = pd.DataFrame({"doc_id": ["kremlin:1"] * 2, "sent_id": [0, 1], "start": [0, 17],
    ...     "end": [16, 50], "text": ["Talks went well.", "NATO  and the\\nUnited States met."]})
    >>> ments = pd.DataFrame({"doc_id": ["kremlin:1"] * 2, "sent_id": [1, 1], "target": ["NATO", "United States"],
    ...     "type": ["organisation", "state"], "alias": ["NATO", "United\\nStates"], "start": [17, 31], "end": [21, 44]})
    >>> rows = annotation_candidates(ments, sents)
    >>> rows[["target", "mention", "from", "to", "sentence", "context_before"]].values.tolist()
    [['NATO', 'NATO', 0, 4, 'NATO and the United States met.', 'Talks went well.'], ['United States', 'United States', 13, 26, 'NATO and the United States met.', 'Talks went well.']]
    """
    sents = sentences[["doc_id", "sent_id", "start", "text"]].sort_values(
        ["doc_id", "sent_id"], kind="stable"
    )
    by_doc = sents.groupby("doc_id", sort=False)["text"]
    sents = sents.assign(before=by_doc.shift(1), after=by_doc.shift(-1))
    joined = mentions.merge(
        sents.rename(columns={"start": "sent_start"}), on=["doc_id", "sent_id"], how="inner"
    )
    if len(joined) < len(mentions):
        logger.warning("%d mentions have no sentence and are left out", len(mentions) - len(joined))
    meta = {}
    if articles is not None:
        keep = (
            articles
            if "duplicate_of" not in articles
            else articles[articles["duplicate_of"].isna()]
        )
        meta = {
            d: (s, _format_date(t, p))
            for d, s, t, p in zip(keep["doc_id"], keep["source"], keep["date"],
                                  keep.get("date_precision", pd.Series("day", index=keep.index)), strict=True)
        }  # fmt: skip
    rows: dict[tuple, dict] = {}
    for m in joined.sort_values(["doc_id", "sent_id", "start"], kind="stable").itertuples(
        index=False
    ):
        if articles is not None and m.doc_id not in meta:
            continue  # a flagged duplicate (or an article not given)
        source, date = meta.get(m.doc_id) or (str(m.doc_id).split(":", 1)[0], "")
        collapsed = _SPACE.sub(" ", m.text.replace("\ufeff", ""))
        sentence = collapsed.strip()
        a, b = m.start - m.sent_start, m.end - m.sent_start
        # the prefix collapses to a prefix of the collapsed sentence (a mention never starts in white space)
        lo = len(_SPACE.sub(" ", m.text[:a].replace("\ufeff", ""))) - collapsed.startswith(" ")
        mention = normalise(m.text[a:b])
        hi = lo + len(mention)
        if (
            sentence[lo:hi] != mention
        ):  # cannot happen for mentions from find_mentions; guard anyway
            logger.warning(
                "mention %r of %s/%s does not map into its sentence; left out",
                mention,
                m.doc_id,
                m.sent_id,
            )
            continue
        key = (m.doc_id, m.sent_id, m.target)
        if key in rows:
            rows[key]["further_mentions"].append([lo, hi, mention])
            continue
        gid = sentence_gid(source, m.doc_id, sentence)
        rows[key] = {
            "row_id": f"{gid}_{lo}_{hi}", "source": source, "doc_id": m.doc_id, "date": date,
            "sent_id": int(m.sent_id), "target": m.target, "type": m.type, "mention": mention,
            "from": lo, "to": hi, "sentence": sentence, "context_before": _clip(m.before, "before"),
            "context_after": _clip(m.after, "after"), "label": "", "note": "", "checksum": checksum(sentence),
            "alias": m.alias, "start": int(m.start), "end": int(m.end), "further_mentions": [],
            "primary_gid": gid, "words": len(sentence.split()),
        }  # fmt: skip
    columns = [*ROW_COLUMNS, "alias", "start", "end", "further_mentions", "primary_gid", "words"]
    return pd.DataFrame(list(rows.values()), columns=columns)


def strata_of(rows: pd.DataFrame, targets: Sequence[str]) -> pd.Series:
    """The stratum of each row: the item of ``targets`` it matches (a target id, or ``type:<type>``), else NA.

    Examples
    --------
    >>> rows = pd.DataFrame({"target": ["NATO", "Minsk agreements", "Putin"], "type": ["organisation", "commitment", "person"]})
    >>> strata_of(rows, ["NATO", "type:commitment"]).tolist()
    ['NATO', 'type:commitment', nan]
    """
    out = pd.Series(np.nan, index=rows.index, dtype=object)
    for item in targets:
        if item.startswith("type:"):
            hit = rows["type"].eq(item[5:]) & out.isna()
        else:
            hit = rows["target"].eq(item) & out.isna()
        if not hit.any():
            logger.warning("no candidate mentions for %r", item)
        out[hit] = item
    return out


#: Words that carry blame in diplomatic English but are missing from VADER's lexicon (or weak in it); a
#: sentence with one counts as negative-polar for sampling (never for labelling) unless VADER finds it
#: clearly positive.
NEGATIVE_CUES = re.compile(
    r"\b(?:inva(?:sion|sions|de|ded|ding|der|ders)|occupation|occupying|occupier|annex(?:ation|ed|ing)?|"
    r"aggress(?:ion|ive|or|ors)|atrocit(?:y|ies)|war crimes?|violat(?:e|es|ed|ing|ion|ions)|provocat(?:ion|ions|ive)|"
    r"hegemon(?:y|ic)|blackmail|interference|destabili[sz](?:e|es|ed|ing|ation)|illegitimate|unlawful|illegal|"
    r"genocide|propaganda|lies|hostil(?:e|ity)|threat(?:s|en|ens|ened|ening)?|coercion|coercive|sanctions|"
    r"expansion|encroach(?:ment|ing)?|militari[sz](?:ation|ing|ed))\b",
    re.IGNORECASE,
)


def polar_signs(sentences: pd.Series, threshold: float = 0.5) -> pd.Series:
    """-1, 0 or +1 per sentence, used to prefer evaluative sentences when sampling.

    +1 when VADER's compound score is at least ``threshold``; -1 when it is at most ``-threshold``, or
    when the sentence has a :data:`NEGATIVE_CUES` word and is not +1; else 0.

    Examples
    --------
    >>> polar_signs(pd.Series(["A brutal, illegal war.", "The talks were held in Geneva.",
    ...     "We warmly welcome this.", "The annexation of Crimea."])).tolist()
    [-1, 0, 1, -1]
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    sign = {}
    for text in set(sentences):
        c = analyser.polarity_scores(text)["compound"]
        sign[text] = (
            1 if c >= threshold else -1 if c <= -threshold or NEGATIVE_CUES.search(text) else 0
        )
    return sentences.map(sign).astype("int64")


def excluded_sentences(
    rows: pd.DataFrame, exclude: Iterable[str], *, min_chars: int = 30
) -> pd.Series:
    """Rows whose sentence equals, contains or (if >= ``min_chars`` long) lies inside an excluded sentence.

    Containment catches the same sentence cut at other boundaries by another splitter.
    """
    exclude = sorted({normalise(s) for s in exclude if isinstance(s, str) and s.strip()})
    hit = rows["sentence"].isin(exclude)
    for s in exclude:
        if len(s) >= min_chars:
            hit |= rows["sentence"].str.contains(s, regex=False)
    joined = "\n".join(exclude)
    if joined:
        hit |= rows["sentence"].map(lambda s: len(s) >= min_chars and s in joined).astype(bool)
    return hit


def _queue(
    keys: list[str],
    rng: np.random.Generator,
    polar: dict[str, int] | None,
    share: tuple[float, float],
    priority: dict[str, float] | None,
) -> deque:
    """The order in which one cell offers its sentences."""
    keys = [keys[i] for i in rng.permutation(len(keys))]
    if priority is not None:  # most uncertain first; the shuffle breaks ties at random
        return deque(sorted(keys, key=lambda k: -priority[k]))
    if not polar or sum(share) <= 0:
        return deque(keys)
    # negative-polar with probability share[0], positive-polar share[1], the rest otherwise; an empty
    # pool hands its turn to the next non-empty one
    pools = [
        deque(k for k in keys if polar[k] < 0),
        deque(k for k in keys if polar[k] > 0),
        deque(k for k in keys if polar[k] == 0),
    ]
    order = []
    while any(pools):
        u = rng.random()
        first = 0 if u < share[0] else 1 if u < share[0] + share[1] else 2
        pool = next(pools[(first + j) % 3] for j in range(3) if pools[(first + j) % 3])
        order.append(pool.popleft())
    return deque(order)


def balanced_sample(
    rows: pd.DataFrame,
    n: int,
    *,
    seed: int = 0,
    max_per_doc: int | None = 2,
    polar: pd.Series | None = None,
    polar_share: float | tuple[float, float] = 0.0,
    priority: pd.Series | None = None,
) -> pd.DataFrame:
    """Pick whole sentences until ``n`` rows are reached, balancing strata, then (target, source) cells.

    ``rows`` needs ``stratum`` (NA rows are never picked), ``target``, ``source``, ``doc_id`` and
    ``primary_gid``. At each step the stratum with the fewest rows so far (ties: a seeded random
    order) offers a sentence from its emptiest (target, source) cell; the sentence brings all its
    rows of wanted strata, so several targets of one sentence are coded together and count for
    their own strata. At most ``max_per_doc`` sentences come from one article. The result can
    exceed ``n`` by the other rows of the last sentence taken.

    ``polar`` (-1/0/+1 per row, see :func:`polar_signs`) with ``polar_share`` makes a cell offer a
    negative-polar sentence with probability ``polar_share / 2`` and a positive-polar one with
    ``polar_share / 2`` while it has them (a pair gives the two probabilities separately).
    ``priority`` (higher first, e.g. model uncertainty) replaces the random order within cells and,
    among strata or cells with equally many rows, puts the one offering the highest priority first.
    """
    rng = np.random.default_rng(seed)
    share = (polar_share / 2, polar_share / 2) if np.isscalar(polar_share) else tuple(polar_share)
    if min(share) < 0 or sum(share) > 1:
        raise ValueError(
            f"polar_share must be in [0, 1] (or two shares summing to at most 1), not {polar_share}"
        )
    wanted = rows[rows["stratum"].notna()]
    by_sentence = {
        g: idx.tolist() for g, idx in wanted.groupby("primary_gid", sort=False).groups.items()
    }
    first = wanted.drop_duplicates("primary_gid")
    doc_of = dict(zip(first["primary_gid"], first["doc_id"], strict=True))
    polar_of = (
        None
        if polar is None
        else wanted.assign(p=polar).groupby("primary_gid")["p"].first().to_dict()
    )
    prio_of = (
        None
        if priority is None
        else wanted.assign(p=priority).groupby("primary_gid")["p"].max().to_dict()
    )
    cells: dict[str, dict[tuple, deque]] = {}
    for (stratum, target, source), part in wanted.groupby(
        ["stratum", "target", "source"], sort=True
    ):
        keys = list(dict.fromkeys(part["primary_gid"]))
        cells.setdefault(stratum, {})[(target, source)] = _queue(
            keys, rng, polar_of, share, prio_of
        )
    strata_order = {s: i for i, s in enumerate(rng.permutation(sorted(cells)).tolist())}
    cell_order = {(s, c): rng.random() for s in cells for c in cells[s]}
    n_stratum: Counter = Counter()
    n_cell: Counter = Counter()
    n_doc: Counter = Counter()
    taken: set[str] = set()
    chosen: list[int] = []

    def blocked(gid: str) -> bool:
        return gid in taken or bool(max_per_doc and n_doc[doc_of[gid]] >= max_per_doc)

    def head(stratum: str, cell: tuple) -> float:  # priority of the sentence a cell offers next
        return prio_of[cells[stratum][cell][0]] if prio_of else 0.0

    while len(chosen) < n:
        for stratum in list(cells):  # drop what can no longer be offered
            for cell in list(cells[stratum]):
                queue = cells[stratum][cell]
                while queue and blocked(queue[0]):
                    queue.popleft()
                if not queue:
                    del cells[stratum][cell]
            if not cells[stratum]:
                del cells[stratum]
        if not cells:
            break
        # fewest rows first; among equals the most uncertain offer (with a priority), then seeded order
        stratum = min(
            cells,
            key=lambda s: (n_stratum[s], -max(head(s, c) for c in cells[s]), strata_order[s]),
        )
        cell = min(
            cells[stratum],
            key=lambda c: (n_cell[(stratum, *c)], -head(stratum, c), cell_order[(stratum, c)]),
        )
        gid = cells[stratum][cell].popleft()
        taken.add(gid)
        n_doc[doc_of[gid]] += 1
        for i in by_sentence[gid]:
            chosen.append(i)
            n_stratum[rows.at[i, "stratum"]] += 1
            n_cell[(rows.at[i, "stratum"], rows.at[i, "target"], rows.at[i, "source"])] += 1
    if len(chosen) < n:
        logger.warning("only %d rows could be sampled (asked for %d)", len(chosen), n)
    return rows.loc[chosen]
