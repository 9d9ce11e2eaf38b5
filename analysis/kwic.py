"""Keyword in context: every match with the words around it, traceable to its article."""

from __future__ import annotations

import re

import pandas as pd

COLUMNS = ["doc_id", "date", "source", "left", "match", "right", "start", "end"]


def kwic(
    articles: pd.DataFrame,
    pattern: str | re.Pattern,
    window: int = 8,
    *,
    regex: bool = False,
    case_sensitive: bool = False,
    lexicon=None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find ``pattern`` in the articles and return each match with ``window`` words either side.

    Parameters
    ----------
    articles : DataFrame
        doc_id, date, source, text.
    pattern : str or compiled regex
        A lexicon target id (``"NATO"``, ``"Istanbul Charter"``: every alias counts, with the
        mention rules of :func:`analysis.mentions.find_mentions`), else a phrase (its words match
        across any white space, line breaks included, at word boundaries), else, with
        ``regex=True`` or a compiled pattern, a regular expression.
    window : int
        Words of context on each side.
    regex : bool
        Treat a string pattern as a regular expression.
    case_sensitive : bool
        For phrases and regular expressions (lexicon targets follow the lexicon's own rules).
    lexicon : Lexicon, optional
        Where target ids are looked up (default: the packaged lexicon).
    mentions : DataFrame, optional
        Mentions already found in these articles (:func:`analysis.find_mentions` output: doc_id, target,
        start, end as article offsets, e.g. a prepared corpus's); a target id is then looked up there
        instead of splitting and matching every article again.

    Returns
    -------
    DataFrame
        doc_id, date, source, left, match, right, start, end (offsets into the article text);
        white space in left/match/right is collapsed to single spaces.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "date": [pd.Timestamp("2022-01-17")], "source": ["news"],
    ...     "text": ["Moscow expects answers on security\\nguarantees from the US and NATO."]})
    >>> kwic(arts, "security guarantees", window=2, lexicon=False)[["left", "match", "right"]].values.tolist()
    [['answers on', 'security guarantees', 'from the']]
    """
    spans = _target_spans(articles, pattern, lexicon, mentions) if isinstance(pattern, str) and not regex else None
    if spans is None:
        compiled = _compile(pattern, regex=regex, case_sensitive=case_sensitive)
        spans = [(i, m.start(), m.end()) for i, text in enumerate(articles["text"]) for m in compiled.finditer(text)]
    rows = []
    texts = articles["text"].tolist()
    for i, start, end in spans:
        text = texts[i]
        left = _words_before(text, start, window)
        right = _words_after(text, end, window)
        rows.append((i, " ".join(left), " ".join(text[start:end].split()), " ".join(right), start, end))
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    positions = [r[0] for r in rows]
    base = articles.iloc[positions][["doc_id", "date", "source"]].reset_index(drop=True)
    context = pd.DataFrame([r[1:] for r in rows], columns=["left", "match", "right", "start", "end"])
    return pd.concat([base, context], axis=1)[COLUMNS]


def _words_before(text: str, start: int, n: int) -> list[str]:
    """The last ``n`` words of ``text[:start]``, reading back only as far as needed (long articles, many matches).

    >>> _words_before("one two  three four", 14, 2)
    ['two', 'three']
    """
    if n <= 0:
        return []
    width = 16 * n
    while True:
        lo = max(0, start - width)
        words = text[lo:start].split()
        # a slice that starts mid-word drops that partial word unless the slice reaches the start
        if lo > 0 and not text[lo - 1].isspace() and words:
            words = words[1:]
        if len(words) >= n or lo == 0:
            return words[-n:]
        width *= 4


def _words_after(text: str, end: int, n: int) -> list[str]:
    """The first ``n`` words of ``text[end:]``.

    >>> _words_after("one two three four", 3, 2)
    ['two', 'three']
    """
    if n <= 0:
        return []
    width = 16 * n
    while True:
        hi = min(len(text), end + width)
        words = text[end:hi].split()
        if hi < len(text) and not text[hi].isspace() and words:
            words = words[:-1]
        if len(words) >= n or hi == len(text):
            return words[:n]
        width *= 4


def _compile(pattern: str | re.Pattern, *, regex: bool, case_sensitive: bool) -> re.Pattern:
    if isinstance(pattern, re.Pattern):
        return pattern
    flags = 0 if case_sensitive else re.IGNORECASE
    if regex:
        return re.compile(pattern, flags)
    words = [re.escape(w) for w in pattern.split()]
    if not words:
        raise ValueError("empty kwic pattern")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def _target_spans(articles: pd.DataFrame, pattern: str, lexicon, mentions=None) -> list[tuple[int, int, int]] | None:
    """Spans of a lexicon target's mentions, or None when ``pattern`` is not a target id."""
    if lexicon is False:
        return None
    from analysis.lexicon import load_lexicon
    from analysis.mentions import find_mentions
    from analysis.sentences import split_sentences

    lexicon = lexicon if lexicon is not None else load_lexicon()
    if pattern not in lexicon.ids:
        return None
    if mentions is None:
        mentions = find_mentions(split_sentences(articles), lexicon)
    else:
        missing = {"doc_id", "target", "start", "end"} - set(mentions.columns)
        if missing:
            raise ValueError(f"kwic: mentions lack the columns {sorted(missing)}")
        mentions = mentions[mentions["doc_id"].isin(articles["doc_id"])]
    mentions = mentions[mentions["target"] == pattern]
    position = {doc_id: i for i, doc_id in enumerate(articles["doc_id"])}
    return sorted((position[d], int(s), int(e)) for d, s, e in zip(mentions.doc_id, mentions.start, mentions.end))
