"""Who holds the opinion: speakers joined to sentences and scored mentions, sentiment by holder.

:func:`attribute` gives every sentence a ``holder`` (who voices it), ``holder_for`` (the lexicon target the
holder speaks for: Lavrov -> Russia, a White House briefer -> United States, or ``""``), ``holder_role``
(official, journalist, guest, other) and ``holder_kind``, the evidence used, in this order:

1. ``quote``: the sentence overlaps a quotation whose speaker is known (:func:`analysis.quotes.find_quotes`);
   with several, the one overlapping it most;
2. ``turn``: the speaker turn that overlaps the sentence most (:func:`analysis.speakers.split_turns`);
3. ``source``: the article's source ("news", "kremlin").

:func:`attribute_mentions` carries the sentence's holder to each mention, except that a mention inside a
quotation takes that quotation's speaker even where the sentence holds text by several voices. The joins are
interval joins on character offsets into the article text: all documents are laid end to end on one axis
(document code x a stride longer than any text) and matched with :func:`numpy.searchsorted`, so the cost grows
with the number of rows, not with sentences x quotes.

:func:`sentiment_by_holder` is the holder_for x target table with article-bootstrap intervals (as
:func:`analysis.aggregate.compare_sources`); journalists' questions are left out unless asked for, and the number
left out is reported in ``.attrs``. :func:`holder_commitments` counts the commitments each holder invokes.

Where ``holder_for`` comes from: the speakers lexicon (``analysis/data/lexicon/speakers.yml`` through
:mod:`analysis.speakers`, when installed) and the person entries of the target lexicon (their ``speaks_for``),
matching the full name or a title-prefixed form of it ("Foreign Minister Sergey Lavrov"), or a bare surname; an
official whose name is not listed, and a source's own voice, speak for the source's default (kremlin -> Russia,
whitehouse -> United States) or, for a single-speaker document such as a UN General Debate speech, for the
article's ``country`` when that is a lexicon target.
"""

from __future__ import annotations

import functools
import logging
import re

import numpy as np
import pandas as pd

from analysis.aggregate import N_BOOT, _bootstrap_mean, _group_rng, _with_articles
from analysis.periods import assign_periods

logger = logging.getLogger(__name__)

__all__ = [
    "HOLDER_COLUMNS",
    "attribute",
    "attribute_mentions",
    "default_quotes",
    "default_turns",
    "holder_commitments",
    "sentiment_by_holder",
]

HOLDER_COLUMNS = ["holder", "holder_for", "holder_role", "holder_kind"]
#: Whose voice an official source's own text is, when neither a quotation nor a turn says otherwise.
SOURCE_DEFAULTS = {"kremlin": "Russia", "whitehouse": "United States"}
#: ISO 3166 alpha-3 codes (the UN General Debate's ``country``) of the lexicon's states.
COUNTRY_CODES = {"RUS": "Russia", "USA": "United States", "UKR": "Ukraine"}
#: How a group without a lexicon target is labelled in :func:`sentiment_by_holder`.
NO_TARGET = "(none)"
_SENTENCE_NEEDED = ("doc_id", "sent_id", "start", "end")
_TURN_NEEDED = ("doc_id", "start", "end", "speaker", "role")
_QUOTE_NEEDED = ("doc_id", "start", "end", "speaker", "speaks_for")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _require(frame: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lack column(s) {missing}; have {list(frame.columns)}")


# ---------------------------------------------------------------------------------------------------------------
# who speaks for whom


def _norm(name: object) -> tuple[str, ...]:
    """A name as lower-case words without punctuation ("Mr. Sergey Lavrov" -> ("mr", "sergey", "lavrov"))."""
    if not isinstance(name, str):
        return ()
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(name))


class _SpeakerIndex:
    """Names -> (speaks_for, role): the speakers lexicon first, then the target lexicon's people; source defaults."""

    def __init__(self, people: list[tuple[str, tuple[str, ...], str, str]], sources: dict[str, tuple[str, str]],
                 speakers=None):
        self.speakers = speakers  # an analysis.speakers.Speakers, or None
        self.full: dict[tuple[str, ...], tuple[str, str]] = {}
        surnames: dict[str, set[tuple[str, str]]] = {}
        for canonical, aliases, speaks_for, role in people:
            for alias in (canonical, *aliases):
                words = _norm(alias)
                if words:
                    self.full.setdefault(words, (speaks_for, role))
                    surnames.setdefault(words[-1], set()).add((speaks_for, role))
        self.surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
        self.sources = {k.lower(): v for k, v in sources.items()}

    def lookup(self, name: object) -> tuple[str, str] | None:
        """(speaks_for, role) of a speaker's name, or None when the name is not listed."""
        if not isinstance(name, str) or not name.strip():
            return None
        if self.speakers is not None:
            person = self.speakers.person(name)
            if person is not None:
                return person.speaks_for or "", person.role or "other"
        words = _norm(name)
        for k in range(len(words)):  # "Foreign Minister Sergey Lavrov": try shorter and shorter endings
            if len(words) - k >= 2 or len(words) == 1:
                found = self.full.get(words[k:])
                if found:
                    return found
        if len(words) == 1:
            return self.surname.get(words[0])
        return None

    def source(self, source: object) -> tuple[str, str]:
        """(speaks_for, role) of a source's own voice."""
        default = ("", "other")
        return self.sources.get(source.lower(), default) if isinstance(source, str) else default


@functools.cache
def _speaker_index() -> _SpeakerIndex:
    from analysis.lexicon import load_lexicon

    people = [(e.id, tuple(e.aliases), e.speaks_for or "", "official")
              for e in load_lexicon() if e.type == "person"]
    sources = {name: (target, "official") for name, target in SOURCE_DEFAULTS.items()}
    speakers = None
    try:
        from analysis.speakers import load_speakers
    except ImportError:  # the speakers lexicon is optional: fall back to the target lexicon's people
        load_speakers = None
    if load_speakers is not None:
        speakers = load_speakers()
        for name, default in speakers.sources.items():
            sources[name] = (default.speaks_for or "", default.role or "other")
    return _SpeakerIndex(people, sources, speakers)


def _country_target(country: object) -> str:
    """The lexicon target a ``country`` field names ("Russia", "Russian Federation", "RUS"), or ""."""
    if not isinstance(country, str) or not country.strip():
        return ""
    from analysis.lexicon import load_lexicon

    code = COUNTRY_CODES.get(country.strip().upper())
    if code:
        return code
    wanted = country.strip().casefold()
    for entry in load_lexicon():
        if entry.type == "state" and wanted in {a.casefold() for a in (entry.id, *entry.aliases)}:
            return entry.id
    return ""


def _article_defaults(articles: pd.DataFrame, index: _SpeakerIndex) -> pd.DataFrame:
    """Per doc_id: source, speaker field, and the target its own voice speaks for (country, else source default)."""
    frame = pd.DataFrame({"doc_id": articles["doc_id"].to_numpy()})
    frame["source"] = articles["source"].astype("object").where(articles["source"].notna(), "").to_numpy()
    speaker = articles["speaker"] if "speaker" in articles else pd.Series("", index=articles.index)
    frame["speaker_field"] = speaker.astype("object").where(speaker.notna(), "").to_numpy()
    country = articles["country"] if "country" in articles else pd.Series("", index=articles.index)
    targets = {c: _country_target(c) for c in pd.unique(country.dropna())}
    by_country = country.map(targets).astype("object").where(country.notna(), "").to_numpy()
    own = [index.source(s) for s in frame["source"]]
    by_source = np.array([o[0] for o in own], dtype=object)
    frame["default_for"] = np.where(by_country != "", by_country, by_source)
    frame["source_role"] = np.array([o[1] for o in own], dtype=object)
    return frame.drop_duplicates("doc_id")


# ---------------------------------------------------------------------------------------------------------------
# interval joins


def _best_overlap(a_doc: np.ndarray, a_start: np.ndarray, a_end: np.ndarray,
                  b_doc: np.ndarray, b_start: np.ndarray, b_end: np.ndarray, stride: int) -> np.ndarray:
    """For each interval a, the index of the interval b (same doc) overlapping it most, or -1.

    Intervals are half-open; ties go to the earlier b. ``*_doc`` are integer document codes; ``stride`` exceeds
    every offset, so that ``doc * stride + offset`` puts all documents on one axis.
    """
    result = np.full(len(a_doc), -1, dtype=np.int64)
    if len(a_doc) == 0 or len(b_doc) == 0:
        return result
    order = np.lexsort((b_start, b_doc))
    bs = b_doc[order] * stride + b_start[order]
    be = b_doc[order] * stride + b_end[order]
    reach = np.maximum.accumulate(be)  # the furthest end so far: monotone, so it can be searched
    a_lo = a_doc * stride + a_start
    a_hi = a_doc * stride + a_end
    hi = np.searchsorted(bs, a_hi, side="left")  # b starting before a ends
    lo = np.searchsorted(reach, a_lo, side="right")  # from the first b that could still reach into a
    counts = np.clip(hi - lo, 0, None)
    total = int(counts.sum())
    if total == 0:
        return result
    owner = np.repeat(np.arange(len(a_doc)), counts)
    first = np.repeat(lo, counts)
    step = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    cand = first + step
    overlap = np.minimum(a_hi[owner], be[cand]) - np.maximum(a_lo[owner], bs[cand])
    keep = overlap > 0
    owner, cand, overlap = owner[keep], cand[keep], overlap[keep]
    pick = np.lexsort((cand, -overlap, owner))  # per owner: largest overlap first, then earliest
    owner, cand = owner[pick], cand[pick]
    firsts = np.r_[True, owner[1:] != owner[:-1]] if len(owner) else np.zeros(0, bool)
    result[owner[firsts]] = order[cand[firsts]]
    return result


def _codes(*columns: pd.Series) -> list[np.ndarray]:
    """Shared integer codes for the doc_id columns of several frames."""
    joined = pd.concat([c.astype("object") for c in columns], ignore_index=True)
    codes, _ = pd.factorize(joined)
    out, at = [], 0
    for c in columns:
        out.append(codes[at: at + len(c)].astype(np.int64))
        at += len(c)
    return out


def _ints(series: pd.Series, what: str) -> np.ndarray:
    if series.isna().any():
        raise ValueError(f"{what} has {int(series.isna().sum())} missing value(s)")
    return series.to_numpy(dtype=np.int64)


def _stride(*series: pd.Series) -> int:
    return int(max([1, *(int(s.max()) for s in series if len(s))])) + 1


# ---------------------------------------------------------------------------------------------------------------
# the public verbs


def default_turns(articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.speakers.split_turns` of the articles (no turns, with a warning, where it is not installed)."""
    try:
        from analysis.speakers import split_turns
    except ImportError:
        logger.warning("analysis.speakers.split_turns is not available: sentences are attributed to their source")
        return pd.DataFrame(columns=["doc_id", "turn_id", "speaker", "role", "start", "end", "label_end"])
    return split_turns(articles)


def default_quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.quotes.find_quotes` of the articles (none, with a warning, where it is not installed)."""
    try:
        from analysis.quotes import find_quotes
    except ImportError:
        logger.warning("analysis.quotes.find_quotes is not available: quotations are not attributed")
        return pd.DataFrame(columns=["doc_id", "start", "end", "text", "kind", "cue", "speaker", "speaks_for"])
    return find_quotes(articles)


def attribute(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    turns: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return ``sentences`` with who voices each one: ``holder``, ``holder_for``, ``holder_role``, ``holder_kind``.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end`` (as from :func:`analysis.split_sentences`); other columns are
        kept.
    articles : pandas.DataFrame
        ``doc_id`` and ``source``; ``speaker`` and ``country`` are used when present.
    turns : pandas.DataFrame, optional
        Speaker turns (``doc_id``, ``start``, ``end``, ``speaker``, ``role``); by default
        :func:`analysis.speakers.split_turns` of the articles.
    quotes : pandas.DataFrame, optional
        Quotations (``doc_id``, ``start``, ``end``, ``speaker``, ``speaks_for``); by default
        :func:`analysis.quotes.find_quotes` of the articles.

    Returns
    -------
    pandas.DataFrame
        The sentences, same rows and order, plus ``holder`` (a speaker's name, or the source), ``holder_for`` (a
        lexicon target id or ``""``), ``holder_role`` (official, journalist, guest, other) and ``holder_kind``
        (quote, turn or source).

    Raises
    ------
    ValueError
        A frame lacks a column (the message names it), an offset is missing, or a sentence's doc_id is not among
        the articles.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["w"], "source": ["whitehouse"]})
    >>> sents = pd.DataFrame({"doc_id": "w", "sent_id": [0, 1, 2], "start": [0, 14, 41], "end": [12, 39, 80]})
    >>> turns = pd.DataFrame({"doc_id": "w", "turn_id": [0, 1], "speaker": ["journalist", "Jen Psaki"],
    ...                       "role": ["journalist", "official"], "start": [0, 14], "end": [12, 80]})
    >>> quotes = pd.DataFrame({"doc_id": ["w"], "start": [50], "end": [70], "speaker": ["Sergei Lavrov"],
    ...                        "speaks_for": [""]})
    >>> attribute(sents, arts, turns=turns, quotes=quotes)[["sent_id", *HOLDER_COLUMNS]]
       sent_id         holder     holder_for holder_role holder_kind
    0        0     journalist                 journalist        turn
    1        1      Jen Psaki  United States    official        turn
    2        2  Sergei Lavrov         Russia    official       quote
    """
    _require(sentences, _SENTENCE_NEEDED, "sentences")
    _require(articles, ("doc_id", "source"), "articles")
    unknown = ~sentences["doc_id"].isin(articles["doc_id"])
    if unknown.any():
        raise ValueError(f"{int(unknown.sum())} sentence(s) have a doc_id that is not in `articles`, e.g. "
                         f"{sentences.loc[unknown, 'doc_id'].iloc[0]!r}")
    wanted = articles[articles["doc_id"].isin(sentences["doc_id"])]
    turns = default_turns(wanted) if turns is None else turns
    quotes = default_quotes(wanted) if quotes is None else quotes
    _require(turns, _TURN_NEEDED, "turns")
    _require(quotes, _QUOTE_NEEDED, "quotes")
    index = _speaker_index()
    defaults = _article_defaults(wanted, index).set_index("doc_id")

    known = quotes[quotes["speaker"].fillna("").astype(str).str.strip() != ""]
    s_doc, t_doc, q_doc = _codes(sentences["doc_id"], turns["doc_id"], known["doc_id"])
    s_start, s_end = _ints(sentences["start"], "sentences.start"), _ints(sentences["end"], "sentences.end")
    t_start, t_end = _ints(turns["start"], "turns.start"), _ints(turns["end"], "turns.end")
    q_start, q_end = _ints(known["start"], "quotes.start"), _ints(known["end"], "quotes.end")
    stride = _stride(sentences["end"], turns["end"], known["end"])
    in_turn = _best_overlap(s_doc, s_start, s_end, t_doc, t_start, t_end, stride)
    in_quote = _best_overlap(s_doc, s_start, s_end, q_doc, q_start, q_end, stride)

    doc = sentences["doc_id"].to_numpy()
    art = defaults.reindex(doc)
    turn_holder = _turn_holders(turns, defaults, index)
    out = pd.DataFrame({
        "holder": art["source"].to_numpy(dtype=object),
        "holder_for": art["default_for"].to_numpy(dtype=object),
        "holder_role": art["source_role"].to_numpy(dtype=object),
        "holder_kind": np.full(len(sentences), "source", dtype=object),
    })
    has_turn = in_turn >= 0
    for column in HOLDER_COLUMNS[:3]:
        out.loc[has_turn, column] = turn_holder[column].to_numpy(dtype=object)[in_turn[has_turn]]
    out.loc[has_turn, "holder_kind"] = "turn"
    has_quote = in_quote >= 0
    if has_quote.any():
        quote_holder = _quote_holders(known, index)
        roles = out["holder_role"].to_numpy(dtype=object).copy()
        for column in HOLDER_COLUMNS[:3]:
            out.loc[has_quote, column] = quote_holder[column].to_numpy(dtype=object)[in_quote[has_quote]]
        # a quotation by the very speaker of the turn keeps the turn's role
        same = has_quote & has_turn
        same_speaker = np.zeros(len(out), bool)
        same_speaker[same] = (quote_holder["holder"].to_numpy(object)[in_quote[same]]
                              == turn_holder["holder"].to_numpy(object)[in_turn[same]])
        out.loc[same_speaker, "holder_role"] = roles[same_speaker]
        out.loc[has_quote, "holder_kind"] = "quote"
    result = sentences.copy()
    for column in HOLDER_COLUMNS:
        result[column] = out[column].to_numpy(dtype=object)
    logger.debug("attributed %d sentences: %s", len(result), result["holder_kind"].value_counts().to_dict())
    return result


def _turn_holders(turns: pd.DataFrame, defaults: pd.DataFrame, index: _SpeakerIndex) -> pd.DataFrame:
    """holder, holder_for, holder_role of each turn (rows in ``turns`` order)."""
    speaker = turns["speaker"].astype("object").where(turns["speaker"].notna(), "").to_numpy()
    role = turns["role"].astype("object").where(turns["role"].notna(), "other").to_numpy()
    art = defaults.reindex(turns["doc_id"].to_numpy())
    default_for = art["default_for"].fillna("").to_numpy(dtype=object)
    own_voice = (speaker == art["speaker_field"].fillna("").to_numpy(object)) | (
        speaker == art["source"].fillna("").to_numpy(object))
    lookups = {name: index.lookup(name) for name in pd.unique(speaker)}
    listed = np.array([lookups[s][0] if lookups[s] else "" for s in speaker], dtype=object)
    holder_for = np.where(listed != "", listed,
                          np.where((role == "official") | own_voice, default_for, ""))
    holder_for = np.where(role == "journalist", "", holder_for)
    return pd.DataFrame({"holder": speaker, "holder_for": holder_for, "holder_role": role})


def _quote_holders(quotes: pd.DataFrame, index: _SpeakerIndex) -> pd.DataFrame:
    """holder, holder_for, holder_role of each quotation with a known speaker (rows in ``quotes`` order)."""
    speaker = quotes["speaker"].astype("object").to_numpy()
    given = quotes["speaks_for"].astype("object").where(quotes["speaks_for"].notna(), "").to_numpy()
    lookups = {name: index.lookup(name) for name in pd.unique(speaker)}
    listed = np.array([lookups[s][0] if lookups[s] else "" for s in speaker], dtype=object)
    role = np.array([lookups[s][1] if lookups[s] else "other" for s in speaker], dtype=object)
    return pd.DataFrame({"holder": speaker, "holder_for": np.where(given != "", given, listed), "holder_role": role})


def attribute_mentions(
    mentions_or_scored: pd.DataFrame,
    attributed_sentences: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Add ``holder``, ``holder_for``, ``holder_role``, ``holder_kind`` to each mention (or scored mention).

    A mention takes the holder of its sentence (by ``doc_id``, ``sent_id``), except that a mention inside a
    quotation with a known speaker takes that quotation's speaker, also where the sentence is voiced by someone
    else (a reporter's sentence holding two speakers' words, or a quotation the sentence splitter cut
    differently).

    Parameters
    ----------
    mentions_or_scored : pandas.DataFrame
        ``doc_id``, ``sent_id`` and, for the quotation check, ``start``/``end`` (article offsets, as
        :func:`analysis.find_mentions` gives them).
    attributed_sentences : pandas.DataFrame
        :func:`attribute` output.
    quotes : pandas.DataFrame, optional
        The quotations :func:`attribute` was given; without them each mention simply takes its sentence's holder.

    Returns
    -------
    pandas.DataFrame
        The mentions, same rows and order, with the four holder columns (replacing any already there).

    Examples
    --------
    >>> import pandas as pd
    >>> sents = pd.DataFrame({"doc_id": "n", "sent_id": [0], "start": [0], "end": [60], "holder": ["news"],
    ...                       "holder_for": [""], "holder_role": ["other"], "holder_kind": ["source"]})
    >>> ments = pd.DataFrame({"doc_id": "n", "sent_id": [0, 0], "target": ["Lavrov", "NATO"],
    ...                       "start": [0, 30], "end": [6, 34]})
    >>> quotes = pd.DataFrame({"doc_id": ["n"], "start": [20], "end": [50], "speaker": ["Sergey Lavrov"],
    ...                        "speaks_for": ["Russia"]})
    >>> attribute_mentions(ments, sents, quotes=quotes)[["target", "holder", "holder_for", "holder_kind"]]
       target         holder holder_for holder_kind
    0  Lavrov           news                 source
    1    NATO  Sergey Lavrov     Russia       quote
    """
    _require(mentions_or_scored, ("doc_id", "sent_id"), "mentions")
    _require(attributed_sentences, ("doc_id", "sent_id", *HOLDER_COLUMNS), "attributed sentences")
    base = mentions_or_scored.drop(columns=[c for c in HOLDER_COLUMNS if c in mentions_or_scored.columns])
    holders = attributed_sentences[["doc_id", "sent_id", *HOLDER_COLUMNS]]
    if holders.duplicated(["doc_id", "sent_id"]).any():
        raise ValueError("attributed sentences repeat a (doc_id, sent_id) pair")
    keyed = base[["doc_id", "sent_id"]].reset_index(drop=True).merge(holders, on=["doc_id", "sent_id"], how="left")
    lost = keyed["holder"].isna()
    if lost.any():
        first = keyed.loc[lost, ["doc_id", "sent_id"]].iloc[0].tolist()
        raise ValueError(f"{int(lost.sum())} mention(s) have no attributed sentence, e.g. doc_id={first[0]!r} "
                         f"sent_id={first[1]!r}")
    if quotes is not None and len(quotes) and {"start", "end"} <= set(base.columns):
        _require(quotes, _QUOTE_NEEDED, "quotes")
        known = quotes[quotes["speaker"].fillna("").astype(str).str.strip() != ""]
        m_doc, q_doc = _codes(base["doc_id"], known["doc_id"])
        m_start, m_end = _ints(base["start"], "mentions.start"), _ints(base["end"], "mentions.end")
        stride = _stride(base["end"], known["end"])
        inside = _best_overlap(m_doc, m_start, m_end, q_doc, _ints(known["start"], "quotes.start"),
                               _ints(known["end"], "quotes.end"), stride)
        hit = inside >= 0
        if hit.any():
            quoted = _quote_holders(known, _speaker_index())
            differs = hit.copy()
            differs[hit] = quoted["holder"].to_numpy(object)[inside[hit]] != keyed["holder"].to_numpy(object)[hit]
            for column in HOLDER_COLUMNS[:3]:
                keyed.loc[differs, column] = quoted[column].to_numpy(object)[inside[differs]]
            keyed.loc[hit, "holder_kind"] = "quote"
    out = base.copy()
    for column in HOLDER_COLUMNS:
        out[column] = keyed[column].to_numpy(dtype=object)
    return out


def sentiment_by_holder(
    scored: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    by: str = "holder_for",
    include_journalists: bool = False,
    freq: str | None = None,
    min_n: int = 1,
    targets: list[str] | None = None,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean sentiment of each holder (or the target it speaks for) toward each target, with 95% intervals.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored mentions with holder columns (:func:`attribute_mentions` of :func:`analysis.score_targets`):
        ``doc_id``, ``target``, ``score``, ``holder_role`` and the ``by`` column.
    articles : pandas.DataFrame, optional
        ``doc_id``, ``date``, ``date_precision``; needed with ``freq``.
    by : {"holder_for", "holder"}
        Group by the target the holder speaks for ("how Russian officials speak of NATO"), or by holder. Mentions
        whose holder speaks for no target are grouped under ``"(none)"``.
    include_journalists : bool, default False
        Keep mentions in journalists' questions (``holder_role == "journalist"``); by default they are left out
        and counted in ``.attrs["n_journalist_excluded"]``.
    freq : str, optional
        D, W, M, Q or Y: a ``period`` column and one row per period.
    min_n : int, default 1
        Leave out groups with fewer mentions (counted in ``.attrs["n_groups_below_min_n"]``).
    targets : list of str, optional
        Only these targets.
    n_boot, seed : int
        Bootstrap draws, and the seed (combined with each group's key, as in :mod:`analysis.aggregate`).

    Returns
    -------
    pandas.DataFrame
        ``by``, ``target``, (``period``), ``n`` (mentions), ``n_docs``, ``mean``, ``lo``, ``hi`` (95% interval
        resampling articles; NaN for a group in a single article), sorted by the keys.

    Examples
    --------
    >>> import pandas as pd
    >>> sc = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "target": "NATO", "score": [-1.0, -0.5, 0.5, 0.3],
    ...                    "holder_for": ["Russia", "Russia", "", "Russia"],
    ...                    "holder_role": ["official", "official", "journalist", "official"]})
    >>> out = sentiment_by_holder(sc, n_boot=200)
    >>> out[["holder_for", "target", "n", "n_docs", "mean"]].round(2).values.tolist()
    [['Russia', 'NATO', 3, 2, -0.4]]
    >>> out.attrs["n_journalist_excluded"]
    1
    """
    if by not in ("holder_for", "holder"):
        raise ValueError(f"by must be 'holder_for' or 'holder', not {by!r}")
    _require(scored, ("doc_id", "target", "score", "holder_role", by), "scored mentions")
    frame = scored if targets is None else scored[scored["target"].isin(list(targets))]
    journalist = (frame["holder_role"] == "journalist").fillna(False).to_numpy(bool)
    excluded = 0 if include_journalists else int(journalist.sum())
    if excluded:
        frame = frame[~journalist]
    if frame["score"].isna().any():
        raise ValueError(f"{int(frame['score'].isna().sum())} scored mention(s) have no score")
    frame = frame.assign(**{by: frame[by].astype("object").where(frame[by].notna() & (frame[by] != ""), NO_TARGET)})
    keys = [by, "target"]
    if freq is not None:
        if articles is None:
            raise ValueError("freq needs the articles (doc_id, date, date_precision)")
        frame = _with_articles(frame, articles, [c for c in ("date", "date_precision") if c in articles.columns])
        frame = frame.assign(period=assign_periods(frame, freq).to_numpy())
        keys.append("period")
    per_doc = frame.groupby([*keys, "doc_id"], observed=True, sort=True)["score"].agg(["sum", "count"]).reset_index()
    rows, below = [], 0
    for key, group in per_doc.groupby(keys, observed=True, sort=True):
        sums, counts = group["sum"].to_numpy(float), group["count"].to_numpy(float)
        if counts.sum() < min_n:
            below += 1
            continue
        lo = hi = np.nan
        if len(sums) > 1:
            lo, hi = np.percentile(_bootstrap_mean(sums, counts, _group_rng(seed, key), n_boot), [2.5, 97.5])
        rows.append((*key, int(counts.sum()), len(sums), sums.sum() / counts.sum(), lo, hi))
    out = pd.DataFrame(rows, columns=[*keys, "n", "n_docs", "mean", "lo", "hi"])
    out.attrs.update(n_journalist_excluded=excluded, n_groups_below_min_n=below, by=by)
    return out


def holder_commitments(
    mentions: pd.DataFrame,
    *,
    by: str | list[str] = ("holder", "holder_for"),
    include_journalists: bool = False,
) -> pd.DataFrame:
    """The commitments and principles each holder invokes: sentences (``n``) and documents (``n_docs``).

    Counting follows :func:`analysis.commitments_invoked` (a commitment named twice in a sentence counts once),
    per holder rather than per source: a sentence holding two voices counts for each holder whose words name the
    commitment.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Mentions with holder columns (:func:`attribute_mentions`): ``doc_id``, ``sent_id``, ``target``, ``type``,
        ``holder_role`` and the ``by`` columns.
    by : str or list of str
        Holder columns to group by.
    include_journalists : bool, default False
        Count commitments named in journalists' questions (left out by default, counted in
        ``.attrs["n_journalist_excluded"]``).

    Returns
    -------
    pandas.DataFrame
        the ``by`` columns, ``commitment``, ``type``, ``n``, ``n_docs``; most invoked first.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 0, 1],
    ...                   "target": ["Istanbul Charter", "NATO", "Istanbul Charter"],
    ...                   "type": ["commitment", "organisation", "commitment"],
    ...                   "holder": ["Sergey Lavrov", "Sergey Lavrov", "journalist"],
    ...                   "holder_for": ["Russia", "Russia", ""],
    ...                   "holder_role": ["official", "official", "journalist"]})
    >>> holder_commitments(m).values.tolist()
    [['Sergey Lavrov', 'Russia', 'Istanbul Charter', 'commitment', 1, 1]]
    """
    from analysis.commitments import commitments_invoked

    by = [by] if isinstance(by, str) else list(by)
    _require(mentions, ("doc_id", "sent_id", "target", "type", "holder_role", *by), "mentions")
    journalist = (mentions["holder_role"] == "journalist").fillna(False).to_numpy(bool)
    excluded = 0 if include_journalists else int((journalist & mentions["type"].isin(("commitment", "principle"))
                                                  .to_numpy(bool)).sum())
    frame = mentions if include_journalists else mentions[~journalist]
    # commitments_invoked counts per article; a (doc, holder) pair stands in for the article here
    holder_keys = frame[by].astype("object").fillna("").astype(str).agg("\x1f".join, axis=1) if len(frame) else ""
    pair = frame["doc_id"].astype(str) + "\x1e" + holder_keys
    pseudo = frame.assign(doc_id=pair)
    lookup = pd.concat([pair.rename("doc_id"), frame[by]], axis=1).drop_duplicates("doc_id")
    counted = commitments_invoked(pseudo, lookup, by=by)
    # within one holder group the (doc, holder) pairs are that holder's documents
    counted = counted.rename(columns={"sentences": "n", "articles": "n_docs"})
    out = counted[[*by, "commitment", "type", "n", "n_docs"]]
    out = out.sort_values(["n", *by, "commitment"], ascending=[False, *[True] * (len(by) + 1)], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs["n_journalist_excluded"] = excluded
    return out
