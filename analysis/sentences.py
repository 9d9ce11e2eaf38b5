"""Split articles into sentences with character offsets into the article text.

``split_sentences(articles)`` returns one row per sentence: ``doc_id``, ``sent_id`` (0-based within
the article), ``start``, ``end`` and ``text``, where ``text == article_text[start:end]`` exactly
(inner line breaks and runs of spaces are kept as they are, so the offsets are trivially
checkable; leading and trailing white space is never part of a sentence).

The rules, in the order they apply:

1. **Paragraphs.** A blank line (two line breaks with only spaces between), a bare carriage
   return (old Mac files, the UN General Debate texts of the 1990s) or U+2029 ends a paragraph, and
   a paragraph always ends a sentence: headlines, bullet points and other paragraphs without a
   final period are sentences of their own. A single line break inside a paragraph is a space
   (hard-wrapped transcripts), except before a bullet (``-``, ``•``, ``*``, ``1.``, ``a)``...),
   which starts a new sentence.
2. **Speaker labels.** An all-capitals label ending in a colon at the start of a paragraph
   (``MS. PSAKI:``, ``THE PRESIDENT:``, ``SECRETARY BLINKEN:``) or a bare ``Q`` (White House press
   briefings) is a sentence of its own, so that later steps can read the speaker from it.
3. **Sentence ends.** ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed by
   white space and a capital letter, a digit or an opening quote. A period after an abbreviation of
   this domain does not end a sentence: titles (``Mr.``, ``Gen.``, ``Amb.``), initials
   (``Joseph R. Biden``), ``No. 5`` / ``Jan. 6`` before a number, and ``U.S.``, ``U.K.``,
   ``e.g.``, ``a.m.`` unless the next word is a common sentence starter (see
   :mod:`analysis._abbrev`).
4. **Quotations.** A quotation that closes mid-sentence (``“... sanctions. They will fail,” he
   said.``) keeps its inner sentence ends: the quote and its attribution are one sentence. A quote
   that closes at a sentence end, or never closes within the paragraph (a quotation continued in
   the next paragraph), does not hold sentences together, so each paragraph still gives at least
   one sentence; finding the attribution of such quotes is left to the quotes step. Quotes longer
   than 1,000 characters are ignored (a stray straight quote must not glue a page together).

Everything is done by one compiled regular expression per article; Python only looks at the
candidate boundaries, so the cost grows with the number of sentences, not characters.
"""

from __future__ import annotations

import itertools
import logging
import re

import pandas as pd

from analysis._abbrev import (
    BEFORE_NUMBER,
    FINAL_BEFORE_CAPITAL,
    MAYBE_FINAL,
    NEVER_FINAL,
    SENTENCE_STARTERS,
    TIME_ZONES,
)

logger = logging.getLogger(__name__)

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]

#: A quotation spanning more characters than this does not suppress the sentence ends inside it.
MAX_QUOTE_CHARS = 1000

_UPPER = "A-Z0-9À-ÖØ-ÞĀ-ŽА-ЯЁ"
_EVENTS = re.compile(  # the leading look-ahead lets the engine skip ordinary characters fast
    r"(?=[\r\n\u2028\u2029.!?…“”\"«»])(?:"
    r"(?P<para>(?:\r\n|\n)[^\S\r\n]*(?:\r\n|\n)\s*|\r(?!\n)\s*|\u2029\s*)"
    r"|(?P<bullet>(?:\r\n|\n|\u2028)[^\S\r\n]*"
    r"(?=(?:[-•●▪◦‣·*]|\d{1,2}[.)]|\(?[a-z]\))[^\S\r\n]))"
    r"|(?P<end>(?P<punct>[.!?…]+)(?P<close>[”\"’'»)\]]*)"
    rf"(?=\s+[(\"“‘'«\[]*[{_UPPER}]))"
    r"|(?P<quote>[“”\"«»]))"
)
_LABEL = re.compile(r"(?:Q|(?:[A-Z][A-Z'’.\-]*[^\S\r\n]+){0,5}[A-Z][A-Z'’.\-]+:)(?=\s|$)")
_NEXT_WORD = re.compile(r"\s+[(\"“‘'«\[]*(\w+)")
_OPENING_PUNCT = "(\"“‘'«[\ufeff*"


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per sentence of every article, with offsets into the article text.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text``; rows whose text is missing or blank give no sentences.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``sent_id`` (0-based within each article), ``start``, ``end`` (character
        offsets, ``end`` exclusive) and ``text`` (``article_text[start:end]``), in article order.

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "Mr. Lavrov met the U.S. envoy at 10 a.m. Talks went on.\\n\\nMS. PSAKI:  Thanks."]})
    >>> split_sentences(articles)[["sent_id", "start", "end", "text"]]
       sent_id  start  end                                      text
    0        0      0   40  Mr. Lavrov met the U.S. envoy at 10 a.m.
    1        1     41   55                            Talks went on.
    2        2     57   67                                MS. PSAKI:
    3        3     69   76                                   Thanks.
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise KeyError(f"split_sentences needs columns {sorted(missing)} in articles")
    doc_ids: list = []
    sent_ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    for doc_id, text in zip(articles["doc_id"].tolist(), articles["text"].tolist(), strict=True):
        if not isinstance(text, str):
            continue
        spans = sentence_spans(text)
        doc_ids.extend([doc_id] * len(spans))
        sent_ids.extend(range(len(spans)))
        for start, end in spans:
            starts.append(start)
            ends.append(end)
            texts.append(text[start:end])
    frame = pd.DataFrame(
        {
            "doc_id": pd.Series(doc_ids, dtype=articles["doc_id"].dtype),
            "sent_id": pd.Series(sent_ids, dtype="int64"),
            "start": pd.Series(starts, dtype="int64"),
            "end": pd.Series(ends, dtype="int64"),
            "text": pd.Series(texts, dtype=articles["text"].dtype if texts else "str"),
        }
    )
    logger.debug("split %d articles into %d sentences", len(articles), len(frame))
    return frame


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` span of every sentence of one text (see the module rules).

    Examples
    --------
    >>> sentence_spans("“We will not. Never,” he said. Gen. Smith agreed")
    [(0, 30), (31, 48)]
    """
    spans: list[tuple[int, int]] = []
    para_start = 0
    cuts: list[tuple[int, int]] = []  # (position, index of the open quote or -1)
    quotes: list[list[int]] = []  # [open, close, closes_mid_sentence]
    open_quote = -1
    for m in _EVENTS.finditer(text):
        kind = m.lastgroup
        if kind == "para":
            _close_paragraph(text, para_start, m.start(), cuts, quotes, spans)
            para_start, cuts, quotes, open_quote = m.end(), [], [], -1
        elif kind == "bullet":
            cuts.append((m.end(), -1))
        elif kind == "quote":
            char = m.group()
            if char == '"':
                char = _straight_quote(text, m.start(), open_quote)
            open_quote = _quote_event(char, m.start(), open_quote, quotes, mid=True)
        else:  # a candidate sentence end
            if m.group("punct") == "." and not _ends_sentence(text, m.start(), m.end()):
                continue
            for offset, char in enumerate(m.group("close")):
                if char in '”"»' and open_quote >= 0:  # a quote right after the period closes
                    open_quote = _quote_event(
                        char, m.start("close") + offset, open_quote, quotes, mid=False
                    )
            cuts.append((m.end(), open_quote))
    _close_paragraph(text, para_start, len(text), cuts, quotes, spans)
    return spans


def _straight_quote(text: str, pos: int, open_quote: int) -> str:
    """Read a straight quote as opening (``“``) or closing (``”``) from the characters around it."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opens = before.isspace() or before in "([{—–-/"
    closes = after.isspace() or after in ".,;:!?)]}—–-"
    if opens != closes:
        return "“" if opens else "”"
    return "”" if open_quote >= 0 else "“"


def _quote_event(
    char: str, pos: int, open_quote: int, quotes: list[list[int]], *, mid: bool
) -> int:
    """Open or close a quotation; return the index of the quote now open, or -1."""
    if char in "“«":
        quotes.append([pos, -1, 0])
        return len(quotes) - 1
    if open_quote >= 0:  # a closing quote (curly, or a straight one while a quote is open)
        quotes[open_quote][1] = pos
        quotes[open_quote][2] = int(mid)
    return -1


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the period at ``dot`` ends a sentence (False after an abbreviation of the domain)."""
    before = text[max(0, dot - 30) : dot].split()
    if not before:
        return True
    token = before[-1].lstrip(_OPENING_PUNCT)
    low = token.lower()
    if not low:
        return True
    if low in NEVER_FINAL or (len(token) == 1 and token.isupper()):
        return False
    next_word = _NEXT_WORD.match(text, after)
    following = next_word.group(1) if next_word else ""
    if low in BEFORE_NUMBER:
        return not following[:1].isdigit()
    if low in FINAL_BEFORE_CAPITAL:
        return following.lower() not in TIME_ZONES
    if low in MAYBE_FINAL or ("." in low and len(low) <= 8):
        return following.lower() in SENTENCE_STARTERS
    if low.isdigit() and len(low) <= 2:  # "1." opening a numbered line is a list marker
        line_start = max(text.rfind("\n", 0, dot), text.rfind("\r", 0, dot)) + 1
        return bool(text[line_start : dot - len(token)].strip())
    return True


def _close_paragraph(
    text: str,
    start: int,
    end: int,
    cuts: list[tuple[int, int]],
    quotes: list[list[int]],
    spans: list[tuple[int, int]],
) -> None:
    """Append the sentence spans of the paragraph ``text[start:end]`` to ``spans``."""
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return
    label = _LABEL.match(text, start, end)
    if label:
        spans.append((start, label.end()))
        start = label.end()
    held = {
        i
        for i, (opened, closed, mid) in enumerate(quotes)
        if closed >= 0 and mid and closed - opened <= MAX_QUOTE_CHARS
    }
    bounds = [start]
    bounds.extend(pos for pos, quote in cuts if quote not in held and start < pos < end)
    bounds.append(end)
    for a, b in itertools.pairwise(bounds):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
