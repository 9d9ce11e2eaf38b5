"""Abbreviations and sentence starters used by :mod:`analysis.sentences`.

Three kinds of token end in a period without ending a sentence:

- ``NEVER_FINAL``: titles and reference words that always precede something (``Mr.``, ``Gen.``,
  ``Amb.``, ``St.``, ``Art.``): a period after them never ends a sentence.
- ``BEFORE_NUMBER``: words that are abbreviations when a number follows (``No. 5``, ``Jan. 6``,
  ``p. 12``) and ordinary words otherwise ("There was no." is rare, "on Jan." rarer still).
- ``MAYBE_FINAL``: abbreviations that often end a sentence too (``U.S.``, ``U.K.``, ``Inc.``):
  the sentence ends only when the next word is a common sentence starter (``The``, ``We``,
  ``In``...), so "the U.S. Government" stays whole and "talks with the U.S. The next round" splits.
- ``FINAL_BEFORE_CAPITAL``: ``a.m.``, ``p.m.``, ``etc.`` end a sentence before any capitalised word
  except a time zone ("10 a.m. EDT", "9 a.m. Moscow time").

Tokens are compared lower-cased, without their final period. Any token with an inner period
(``Ph.D``, ``U.S.A``) or a single letter (an initial: ``Joseph R. Biden``) is treated as
``MAYBE_FINAL`` / ``NEVER_FINAL`` respectively even when not listed.
"""

from __future__ import annotations

NEVER_FINAL = frozenset(
    """
    mr mrs ms messrs mmes dr prof gen lt col maj capt cpt sgt cpl adm cmdr cdr brig amb ambs sen
    sens rep reps gov pres sec secs rev hon st fr sr mt ft dept univ assn bros vs v viz cf approx
    ca art arts para paras sect fig figs vol vols e.g i.e
    """.split()
)

BEFORE_NUMBER = frozenset(
    """
    no nos p pp jan feb mar apr jun jul aug sep sept oct nov dec ch chap op res
    """.split()
)

MAYBE_FINAL = frozenset(
    """
    u.s u.k u.n e.u u.s.a u.s.s.r d.c n.y inc ltd co corp jr plc al llc
    """.split()
)

#: Abbreviations after which any capitalised word starts a new sentence, except a time zone.
FINAL_BEFORE_CAPITAL = frozenset("a.m p.m etc".split())
TIME_ZONES = frozenset(
    """
    edt est et cet cest gmt utc bst msk eet eest pt pst pdt ct cdt eastern central pacific moscow
    kyiv local
    """.split()
)

#: Words that begin a new sentence after an ambiguous abbreviation (``MAYBE_FINAL``).
SENTENCE_STARTERS = frozenset(
    """
    a about after again all also although an and another any as at because before both but by
    during each even every finally first for from further he her here his how however i if in
    instead it its just last let many meanwhile more moreover most my next no nor not now of on
    once one only or our over please since so some still such thank thanks that the their then
    there these they this those though thus to today together tomorrow under unfortunately unlike
    until we well what when where whether which while who why with yes yesterday yet you your
    """.split()
)
