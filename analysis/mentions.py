"""Find mentions of the lexicon's targets, commitments and principles in sentences.

``find_mentions(sentences, lexicon)`` returns one row per mention: ``doc_id``, ``sent_id``,
``target`` (the entry id), ``type``, ``alias`` (the lexicon alias that matched; for a pattern, the
matched words) and ``start``/``end``, offsets into the article text (the sentence's ``start`` plus
the offset inside the sentence), so ``article_text[start:end]`` is the mention. Any frame with
``doc_id``, ``sent_id``, ``start``, ``end`` and ``text`` columns works, not only the output of
:func:`analysis.sentences.split_sentences`; a mention never spans two sentences.

How text is matched (the lexicon files document each alias; ``PROVENANCE.md`` the sources):

- **Case.** An alias matches as written or in capitals; the first letter of each later word, and
  of an alias written in lower case, matches either case ("North Atlantic alliance",
  "Territorial integrity"). "US" therefore never matches "us", and it does not count inside a
  stretch of text in capitals ("LET US PRAY").
- **Word boundaries.** Aliases match whole words: "Russia" is not found in "Russian" or
  "Belorussia", "NATO" is found in "NATO's", "NATO’s", "NATO-led" and "anti-NATO". A name
  followed by ``.ru``, ``.gov``... is a web address, not a mention.
- **White space.** Any run of white space, line breaks and non-breaking spaces included,
  matches the space between the words of an alias ("United\\nStates"); a hyphen in an alias also
  matches a dash, white space or nothing ("Co-operation", "Cooperation").
- **Longest match wins.** "NATO-Russia Founding Act" is one commitment mention, not NATO and
  Russia; "Biden administration" is the United States, not Biden. Phrases listed under
  ``exclude`` are found the same way and dropped, hiding the aliases inside them ("Washington
  Post", "George Washington", "Latin America", "Jill Biden", "US dollars", "Thorvald Stoltenberg").
- **Ambiguous aliases** count only when their context rules pass (``conditional`` in the files):

  - *Capitals* (Moscow, Washington, Kyiv/Kiev) count as the government ("Moscow expects", "talks
    with Washington"), not as a place ("in Moscow", "travelled to Kyiv"), a state ("Washington
    state") or part of a longer name ("Moscow Region", "Washington Post", "Denzel Washington").
  - *"the Alliance"* is NATO only when NATO is named in the same sentence or one of the five
    before it and no other alliance is named in the sentence.
  - *Minsk* is never the city: only "Minsk agreements/Protocol/accords/II/Package of Measures",
    "agreements signed in Minsk" (not the 1991 CIS agreement) and the Package of Measures near
    Minsk, Ukraine or 2015; the OSCE "Minsk Group" (Nagorno-Karabakh) is not counted.
  - *Istanbul* is the 1999 OSCE summit (Istanbul Charter) only with 1999 close by or the OSCE and a
    summit named close by, never near talks, negotiations, 2022, grain, conventions or programmes.
  - *Astana* is the 2010 OSCE summit (Astana Declaration) only with 2010 close by or the OSCE and
    a summit named close by, never the Syria "Astana format/process/talks" or health declaration.
    "...the OSCE summits in Istanbul in 1999 and Astana in 2010" gives both commitments.
  - *Founding Act* / *Final Act* alone need NATO/Russia/1997 or Helsinki/CSCE/OSCE/1975 in the
    sentence.
- **Adjectives** (Russian, Ukrainian, American...) describe rather than name a target; they are
  counted only with ``adjectives=True`` (never "Latin American").
"""

from __future__ import annotations

import logging

import pandas as pd

from analysis.lexicon import Lexicon, load_lexicon

logger = logging.getLogger(__name__)

MENTION_COLUMNS = ["doc_id", "sent_id", "target", "type", "alias", "start", "end"]
_NEEDED = ("doc_id", "sent_id", "start", "text")


def find_mentions(
    sentences: pd.DataFrame, lexicon: Lexicon | None = None, *, adjectives: bool = False
) -> pd.DataFrame:
    """Return one row per mention of a lexicon entry in ``sentences``.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``doc_id``, ``sent_id``, ``start`` and ``text`` (as from ``split_sentences``); ``start`` is
        the sentence's offset in its article, so that mention offsets are article offsets.
    lexicon : Lexicon, optional
        Defaults to the packaged lexicons (``load_lexicon()``).
    adjectives : bool, default False
        Also count the entries' adjectives ("Russian", "Ukrainian", "American").

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``sent_id``, ``target``, ``type``, ``alias``, ``start``, ``end``, in sentence
        order and, within a sentence, by position.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "start": [0, 40],
    ...     "end": [39, 95], "text": ["Let us ask the US and NATO’s allies.",
    ...     "Minsk hosted the talks on the Minsk\\nagreements."]})
    >>> find_mentions(sentences)
      doc_id  sent_id            target          type             alias  start  end
    0      d        0     United States         state                US     15   17
    1      d        0              NATO  organisation              NATO     22   26
    2      d        1  Minsk agreements    commitment  Minsk agreements     70   86
    """
    missing = [c for c in _NEEDED if c not in sentences.columns]
    if missing:
        raise KeyError(f"find_mentions needs columns {missing} in sentences")
    lexicon = load_lexicon() if lexicon is None else lexicon
    matcher = lexicon.matcher(adjectives=adjectives)
    texts = ["" if not isinstance(t, str) else t for t in sentences["text"].tolist()]
    hits = matcher.scan(texts)
    doc_ids = sentences["doc_id"].tolist()
    sent_ids = sentences["sent_id"].tolist()
    offsets = sentences["start"].tolist()
    named = {(doc_ids[i], sent_ids[i], target) for i, _, _, target, _, near in hits if not near}
    rows = []
    for i, start, end, target, alias, near in hits:
        if near and not any(
            (doc_ids[i], sent_ids[i] - back, wanted) in named
            for wanted, window in near
            for back in range(window + 1)
        ):
            continue
        rows.append(
            (
                doc_ids[i],
                sent_ids[i],
                target,
                matcher.types[target],
                alias,
                offsets[i] + start,
                offsets[i] + end,
            )
        )
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    frame["doc_id"] = frame["doc_id"].astype(sentences["doc_id"].dtype)
    for column in ("sent_id", "start", "end"):
        frame[column] = frame[column].astype("int64")
    logger.debug("found %d mentions in %d sentences", len(frame), len(sentences))
    return frame
