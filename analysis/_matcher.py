"""The compiled matcher behind :func:`analysis.mentions.find_mentions` (private).

Every literal alias (and its all-capitals form) goes into one trie-shaped regular expression,
so the engine checks a few first letters per word instead of every alias in turn; patterns are
further alternatives of the same expression. One scan runs over a chunk of sentences joined by
NUL characters (which no alias can span), and Python only looks at the matches.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

HYPHEN = r"(?:\s*[-‐‑–]\s*|\s+)?"  # a hyphen in an alias: hyphen, dash, white space or nothing
LEFT = r"(?<![\w@])"
RIGHT = (
    r"(?:(?<!\w)|(?!\w))(?!\.(?:ru|ua|gov|com|org|int|eu|net|edu)\b)"  # word end; not a domain name
)
SEPARATOR = "\x00"
CHUNK = 20_000  # sentences per scan
_KEY_DROP = re.compile(r"[\s\-‐‑–—'’]+")
_URL_CHARS = frozenset("/._-=+%#?&")
_TOKEN_START = re.compile(r"[^\s\x00]*\Z")


def _in_url(text: str, start: int) -> bool:
    """Whether position ``start`` lies inside a web address (``https://...``, ``www...``)."""
    prefix = _TOKEN_START.search(text, max(0, start - 300), start).group()
    return "://" in prefix or "www." in prefix


def alias_key(text: str) -> str:
    """Normalise an alias or a matched surface so that the two compare equal."""
    return _KEY_DROP.sub("", text).casefold()


def alias_atoms(alias: str) -> list[str]:
    """Split an alias into regex atoms (see the header of ``targets.yml`` for the rules)."""
    atoms: list[str] = []
    word_start = True
    for i, char in enumerate(alias):
        if char.isspace():
            if atoms and atoms[-1] != r"\s+":
                atoms.append(r"\s+")
            word_start = True
        elif char in "-‐‑–":
            atoms.append(HYPHEN)
            word_start = True
        elif char in "'’":
            atoms.append("['’]")
            word_start = False
        elif (
            char.isalpha()
            and word_start
            and char.lower() != char.upper()
            and (i > 0 or char.islower())
        ):
            atoms.append(f"[{char.upper()}{char.lower()}]")
            word_start = False
        else:
            atoms.append(re.escape(char))
            word_start = not char.isalnum()
    while atoms and atoms[-1] == r"\s+":
        atoms.pop()
    return atoms


def pattern_regex(pattern: str) -> str:
    """Return a lexicon pattern with each space turned into 'any run of white space'."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == " ":
            out.append(r"\s" if in_class else r"\s+")
        else:
            out.append(char)
    return "".join(out)


def alias_owners(lexicon) -> dict[str, str | None]:
    """Map every alias key to its entry id (``None`` for excluded phrases); raise on a conflict."""
    from analysis.lexicon import LexiconError

    owners: dict[str, str | None] = {}
    for entry in lexicon:
        names = [
            *entry.aliases,
            *(c.alias for c in (*entry.conditional, *entry.adjectives) if c.alias),
        ]
        for name in names:
            key = alias_key(name)
            if owners.get(key, entry.id) != entry.id:
                raise LexiconError(
                    f"{entry.source}: entry {entry.id!r}: alias {name!r} "
                    f"already belongs to {owners[key]!r}"
                )
            owners[key] = entry.id
    for phrase in lexicon.exclude:
        key = alias_key(phrase)
        if owners.get(key) is not None:
            files = ", ".join(lexicon.sources)
            raise LexiconError(f"{files}: exclude: {phrase!r} is also an alias of {owners[key]!r}")
        owners[key] = None
    return owners


@dataclass(frozen=True)
class _Rule:
    """A compiled :class:`analysis.lexicon.Condition`."""

    before: re.Pattern | None
    after: re.Pattern | None
    require: tuple[re.Pattern, ...]
    reject: tuple[re.Pattern, ...]
    window: int | None
    near_target: str | None
    near_sentences: int

    @classmethod
    def compile(cls, condition) -> _Rule:
        return cls(
            _any(condition.reject_before, "\\Z"),
            _any(condition.reject_after, ""),
            tuple(re.compile(p) for p in condition.require_near),
            tuple(re.compile(p) for p in condition.reject_near),
            condition.window,
            condition.near_target,
            condition.near_sentences,
        )

    def passes(self, text: str, start: int, end: int) -> bool:
        """Whether the rules pass for ``text[start:end]`` (``near_target`` is checked later)."""
        if self.before and self.before.search(text[max(0, start - 80) : start]):
            return False
        if self.after and self.after.match(text[end : end + 80]):
            return False
        if self.require or self.reject:
            near = (
                text
                if self.window is None
                else text[max(0, start - self.window) : end + self.window]
            )
            if not all(p.search(near) for p in self.require):
                return False
            if any(p.search(near) for p in self.reject):
                return False
        return True


def _any(patterns: tuple[str, ...], suffix: str) -> re.Pattern | None:
    """Compile regexes into one alternation (``suffix`` appended), or None when there are none."""
    if not patterns:
        return None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + f"){suffix}")


@dataclass(frozen=True)
class _Name:
    """What an alias key or pattern means: its entry, its display alias and its rules."""

    target: str | None  # None: an excluded phrase
    alias: str
    rules: tuple[_Rule, ...] | None  # None: unconditional
    pattern: bool = False


class Matcher:
    """All aliases and patterns of a lexicon compiled into one regular expression."""

    def __init__(self, lexicon, *, adjectives: bool = False) -> None:
        self.types = {entry.id: entry.type for entry in lexicon}
        names: dict[str, _Name] = {}
        conditions: dict[str, list] = {}
        patterns: list[tuple[re.Pattern, _Name]] = []
        for entry in lexicon:
            for alias in entry.aliases:
                names.setdefault(alias_key(alias), _Name(entry.id, alias, None))
            for condition in (*entry.conditional, *(entry.adjectives if adjectives else ())):
                if condition.pattern is not None:
                    rules = None if condition.unconditional else (_Rule.compile(condition),)
                    regex = re.compile(pattern_regex(condition.pattern))
                    patterns.append(
                        (regex, _Name(entry.id, condition.pattern, rules, pattern=True))
                    )
                elif condition.unconditional:
                    names[alias_key(condition.alias)] = _Name(entry.id, condition.alias, None)
                else:
                    conditions.setdefault(alias_key(condition.alias), []).append(
                        (entry.id, condition)
                    )
            for pattern in entry.patterns:
                patterns.append(
                    (
                        re.compile(pattern_regex(pattern)),
                        _Name(entry.id, pattern, None, pattern=True),
                    )
                )
        for key, items in conditions.items():
            if key not in names:  # an unconditional alias of the same name wins
                rules = tuple(_Rule.compile(c) for _, c in items)
                names[key] = _Name(items[0][0], items[0][1].alias, rules)
        for phrase in lexicon.exclude:
            names[alias_key(phrase)] = _Name(None, phrase, None)
        self.names = names
        self.patterns = patterns
        literals = [
            *(a for e in lexicon for a in e.aliases),
            *(c.alias for c, _ in conditions_flat(lexicon, adjectives)),
        ]
        literals += lexicon.exclude
        self.literals = sorted(set(literals), key=len, reverse=True)
        self.exact = {" ".join(alias.split()): alias for alias in self.literals}
        trie = _trie([v for alias in self.literals for v in {alias, alias.upper()}])
        alternatives = [trie] + [f"(?:{p.pattern})" for p, _ in patterns]
        self.trie_regex = re.compile(f"{LEFT}(?:{trie}){RIGHT}")
        self.pattern_regex = (
            re.compile(f"{LEFT}(?:{'|'.join(alternatives[1:])}){RIGHT}") if patterns else None
        )
        self.regex = re.compile(f"{LEFT}(?:{'|'.join(alternatives)}){RIGHT}")

    def scan(
        self, texts: list[str]
    ) -> list[tuple[int, int, int, str, str, tuple[tuple[str, int], ...]]]:
        """Find mentions in a list of sentence texts.

        Returns ``(index, start, end, target, alias, near)`` tuples, offsets local to
        ``texts[index]``; ``near`` lists ``(target, sentences)`` pairs of which one must hold
        (a mention of ``target`` in this or one of the ``sentences`` previous sentences), or is
        empty when the mention stands on its own.
        """
        hits: list = []
        for first in range(0, len(texts), CHUNK):
            chunk = texts[first : first + CHUNK]
            joined = SEPARATOR.join(chunk)
            starts = [0]
            for text in chunk[:-1]:
                starts.append(starts[-1] + len(text) + 1)
            last_end = -1
            for m in self.regex.finditer(joined):
                start, end = m.span()
                if start < last_end:
                    continue
                end = self._longest(joined, start, end)
                last_end = end
                if start and joined[start - 1] in _URL_CHARS and _in_url(joined, start):
                    continue
                found = self._identify(joined, start, end)
                if found is None or found.target is None:
                    continue
                index = bisect.bisect_right(starts, start) - 1
                offset = starts[index]
                near = self._check(found, chunk[index], start - offset, end - offset)
                if near is not None:
                    alias = self.exact.get(" ".join(joined[start:end].split()), found.alias)
                    if found.pattern:
                        alias = " ".join(joined[start:end].split())
                    hits.append(
                        (first + index, start - offset, end - offset, found.target, alias, near)
                    )
        return hits

    def _longest(self, joined: str, start: int, end: int) -> int:
        for regex in (self.trie_regex, self.pattern_regex):
            if regex is not None:
                other = regex.match(joined, start)
                if other and other.end() > end:
                    end = other.end()
        return end

    def _identify(self, joined: str, start: int, end: int) -> _Name | None:
        name = self.names.get(alias_key(joined[start:end]))
        if name is not None:
            return name
        for regex, name in self.patterns:
            if regex.fullmatch(joined, start, end):
                return name
        logger.debug("no alias or pattern for matched text %r", joined[start:end])
        return None

    @staticmethod
    def _check(name: _Name, text: str, start: int, end: int) -> tuple[tuple[str, int], ...] | None:
        """Return ``()`` if the mention stands, pending near-target checks, or None if rejected."""
        if name.rules is None:
            return ()
        pending = []
        for rule in name.rules:
            if rule.passes(text, start, end):
                if rule.near_target is None:
                    return ()
                pending.append((rule.near_target, rule.near_sentences))
        return tuple(pending) if pending else None


def conditions_flat(lexicon, adjectives: bool) -> list:
    """Every conditional alias (and adjective, if asked) as ``(condition, entry)``."""
    return [
        (c, e)
        for e in lexicon
        for c in (*e.conditional, *(e.adjectives if adjectives else ()))
        if c.alias is not None
    ]


def _trie(aliases: list[str]) -> str:
    """Return one regular expression matching any of ``aliases``, longest first, as a trie."""
    root: dict = {}
    for alias in aliases:
        node = root
        for atom in alias_atoms(alias):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _node_regex(root)


def _node_regex(node: dict) -> str:
    branches = [atom + _node_regex(child) for atom, child in sorted(node.items()) if atom]
    terminal = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not terminal:
        return branches[0]
    return f"(?:{'|'.join(branches)}){'?' if terminal else ''}"
