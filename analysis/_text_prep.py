"""Text preparation shared by the vectorisers: stop words, stop phrases and multi-word expressions.

Private helpers of :mod:`analysis.vectorise`. Everything here is picklable (no lambdas, compiled
patterns rebuilt on unpickling), so a fitted vectoriser can be shipped to Dask workers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import config

_WORD = re.compile(r"\w+")

DOMAIN_STOP_WORDS_PATH = config.DATA_DIR / "stopwords_domain.txt"


class StopWords(NamedTuple):
    """Domain stop list: ``words`` (dropped after tokenising) and ``phrases`` (removed before)."""

    words: frozenset[str]
    phrases: tuple[str, ...]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Split a phrase into lower-case words the way the preprocessor matches them.

    >>> phrase_words("Mr. Secretary-General")
    ('mr', 'secretary', 'general')
    """
    return tuple(_WORD.findall(phrase.lower()))


def join_phrase(phrase: str) -> str:
    """Return the single token a multi-word expression becomes.

    >>> join_phrase("Minsk  agreements")
    'minsk_agreements'
    """
    return "_".join(phrase_words(phrase))


def load_stop_words(path: str | Path | None = None) -> StopWords:
    """Read a stop-word file: one entry a line, ``#`` comments; several words make a phrase.

    Parameters
    ----------
    path : str or Path, optional
        Defaults to the packaged ``analysis/data/stopwords_domain.txt`` (its header documents its
        provenance).

    Returns
    -------
    StopWords
        ``words`` (frozenset) and ``phrases`` (tuple, in file order).

    Examples
    --------
    >>> sw = load_stop_words()
    >>> "said" in sw.words, "mr president" in sw.phrases
    (True, True)
    """
    path = Path(path) if path is not None else DOMAIN_STOP_WORDS_PATH
    words: set[str] = set()
    phrases: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        parts = phrase_words(entry)
        if len(parts) == 1:
            words.add(parts[0])
        elif parts:
            phrases.append(" ".join(parts))
    return StopWords(frozenset(words), tuple(phrases))


def resolve_stop_words(stop_words: str | Iterable[str] | None) -> tuple[list[str], tuple[str, ...]]:
    """Turn the ``stop_words`` argument of ``vectorise`` into (token list, stop phrases)."""
    if stop_words is None:
        return [], ()
    if isinstance(stop_words, str):
        if stop_words == "default":
            domain = load_stop_words()
            return sorted(ENGLISH_STOP_WORDS | domain.words), domain.phrases
        if stop_words == "english":
            return sorted(ENGLISH_STOP_WORDS), ()
        raise ValueError(f"stop_words={stop_words!r}: use 'default', 'english', None or a list")
    words, phrases = set(), []
    for entry in stop_words:
        parts = phrase_words(entry)
        if len(parts) == 1:
            words.add(parts[0])
        elif parts:
            phrases.append(" ".join(parts))
    return sorted(words), tuple(phrases)


#: ASCII bytes that separate tokens (everything but letters, digits and ``_``); bytes of non-ASCII
#: characters are kept, so accented letters survive. Common non-ASCII punctuation is replaced first.
_SEPARATORS = bytes(
    c if (c < 128 and (chr(c).isalnum() or chr(c) == "_")) or c >= 128 else 32 for c in range(256)
)
_UNICODE_PUNCTUATION = re.compile(
    # UTF-8 of ‘ ’ ‚ “ ” – — ― … (U+2018-201A, 201C-201D, 2013-2015, 2026), no-break space,
    # « » and the byte-order mark
    rb"\xe2\x80[\x93\x94\x95\x98\x99\x9a\x9c\x9d\xa6]|\xc2[\xa0\xab\xbb]|\xef\xbb\xbf"
)


class Analyzer:
    """Text -> tokens: lower-case, split, join multi-word expressions, drop stop words and phrases.

    Used as the ``analyzer`` of scikit-learn vectorisers. A token is a run of letters, digits and
    ``_``; any other character separates tokens (white space, line breaks, punctuation), so
    ``"Territorial\\nintegrity"`` and ``"security-guarantees"`` still match their phrase.
    Phrases are matched on the token sequence, longest first, before stop words are removed
    ("rule of law" keeps its "of"); then stop words, tokens of one character and tokens starting
    with a digit are dropped ("2030", "19"; a joined "covid_19" stays). Word n-grams, if asked
    for, are built on what remains, as scikit-learn does.

    The work is plain ``bytes.translate`` and ``str.split`` plus one pass over the tokens: about
    twice as fast as scikit-learn's regular-expression tokeniser with a phrase regex on long
    speeches (benchmarks/bench_topics.py).

    Parameters
    ----------
    phrases : iterable of str
        Multi-word expressions kept as one token: ``"territorial integrity"`` ->
        ``"territorial_integrity"``.
    stop_words : iterable of str
        Tokens dropped.
    stop_phrases : iterable of str
        Multi-word expressions dropped (``"mr president"``).
    ngram_range : (int, int)
        Word n-grams to produce, as in scikit-learn.

    Examples
    --------
    >>> analyze = Analyzer(["territorial integrity", "security guarantees", "rule of law"],
    ...                    ["and", "of", "the"], ["mr president"])
    >>> analyze("Mr. President, Territorial\\nintegrity and security-guarantees; "
    ...         "the rule of law in 2022.")
    ['territorial_integrity', 'security_guarantees', 'rule_of_law', 'in']
    >>> Analyzer(ngram_range=(1, 2))("NATO enlargement talks")
    ['nato', 'enlargement', 'talks', 'nato enlargement', 'enlargement talks']
    """

    def __init__(
        self,
        phrases: Iterable[str] = (),
        stop_words: Iterable[str] = (),
        stop_phrases: Iterable[str] = (),
        ngram_range: tuple[int, int] = (1, 1),
    ) -> None:
        self.phrases = tuple(phrases)
        self.stop_words = tuple(sorted(set(stop_words)))
        self.stop_phrases = tuple(stop_phrases)
        self.ngram_range = tuple(ngram_range)
        self._compile()

    def _compile(self) -> None:
        lo, hi = self.ngram_range
        if not 1 <= lo <= hi:
            raise ValueError(f"ngram_range={self.ngram_range}: need 1 <= min <= max")
        stop = frozenset(self.stop_words)
        # a stop phrase made of stop words only is dropped by the word filter anyway
        drop = {s for s in map(phrase_words, self.stop_phrases) if not set(s) <= stop}
        # first word -> second word -> phrases starting with both, longest first
        index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for seq in sorted({phrase_words(p) for p in self.phrases} | drop, key=len, reverse=True):
            if len(seq) > 1:
                index.setdefault(seq[0], {}).setdefault(seq[1], []).append(seq)
        self._index = index
        self._drop = frozenset("_".join(s) for s in drop)
        self._stop = stop

    def _join(self, tokens: list[str]) -> list[str]:
        index = self._index
        last = len(tokens) - 1
        out: list[str] = []
        done = 0
        for i in [i for i, w in enumerate(tokens) if w in index]:
            if i < done or i == last:
                continue
            for seq in index[tokens[i]].get(tokens[i + 1], ()):
                if tuple(tokens[i : i + len(seq)]) == seq:
                    out.extend(tokens[done:i])
                    joined = "_".join(seq)
                    if joined not in self._drop:
                        out.append(joined)
                    done = i + len(seq)
                    break
        if not done:
            return tokens
        out.extend(tokens[done:])
        return out

    def __call__(self, text: str) -> list[str]:
        raw = text.lower().encode("utf-8")
        if not raw.isascii():
            raw = _UNICODE_PUNCTUATION.sub(b" ", raw)
        tokens = self._join(raw.translate(_SEPARATORS).decode("utf-8", "ignore").split())
        stop = self._stop
        tokens = [w for w in tokens if w not in stop and w[0].isalpha() and len(w) > 1]
        lo, hi = self.ngram_range
        if hi == 1:
            return tokens
        grams = list(tokens) if lo == 1 else []
        for n in range(max(lo, 2), hi + 1):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return grams

    def __getstate__(self) -> dict:
        return {
            k: getattr(self, k) for k in ("phrases", "stop_words", "stop_phrases", "ngram_range")
        }

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._compile()

    def __repr__(self) -> str:
        return (
            f"Analyzer(phrases=<{len(self.phrases)}>, stop_words=<{len(self.stop_words)}>, "
            f"stop_phrases=<{len(self.stop_phrases)}>, ngram_range={self.ngram_range})"
        )
