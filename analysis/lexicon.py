"""Targets, commitments and principles as data: load, validate and merge lexicon files.

The packaged lexicons live in ``analysis/data/lexicon/`` (``targets.yml``, ``commitments.yml``;
schema in the header of ``targets.yml``, sources and curation in ``PROVENANCE.md``). A user file
with the same schema is merged over them: an entry with an existing ``id`` replaces the packaged
entry, a new ``id`` is added, named ``rules`` replace rules of the same name and ``exclude``
phrases are added. ``load_lexicon(path, replace=True)`` uses the user's file alone.

A file that does not follow the schema raises :class:`LexiconError` naming the file, the entry
and the problem, before any text is matched.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import config

logger = logging.getLogger(__name__)

TYPES = ("organisation", "state", "person", "commitment", "principle")
PACKAGED = ("targets.yml", "commitments.yml")
_TOP_KEYS = {"version", "rules", "entries", "exclude"}
_ENTRY_KEYS = {
    "id",
    "type",
    "aliases",
    "patterns",
    "conditional",
    "adjectives",
    "speaks_for",
    "notes",
}
_RULE_KEYS = {
    "reject_before", "reject_after", "require_near", "reject_near", "window", "near_target",
    "near_sentences",
}  # fmt: skip
_CONDITION_KEYS = _RULE_KEYS | {"alias", "pattern", "rule"}
_LIST_KEYS = ("reject_before", "reject_after", "require_near", "reject_near")


class LexiconError(ValueError):
    """A lexicon file that does not follow the schema (the message names file, entry, problem)."""


@dataclass(frozen=True)
class Condition:
    """An alias or pattern that counts only when its context rules pass.

    ``window`` is a number of characters either side of the match, or ``None`` for the whole
    sentence. An adjective or alias without rules is a ``Condition`` whose rule fields are empty.
    """

    alias: str | None = None
    pattern: str | None = None
    reject_before: tuple[str, ...] = ()
    reject_after: tuple[str, ...] = ()
    require_near: tuple[str, ...] = ()
    reject_near: tuple[str, ...] = ()
    window: int | None = 60
    near_target: str | None = None
    near_sentences: int = 0

    @property
    def unconditional(self) -> bool:
        """True when no rule restricts the match."""
        return not (
            self.reject_before or self.reject_after or self.require_near or self.reject_near
            or self.near_target
        )  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One target, commitment or principle of the lexicon."""

    id: str
    type: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    conditional: tuple[Condition, ...] = ()
    adjectives: tuple[Condition, ...] = ()
    speaks_for: str | None = None
    notes: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """An immutable, picklable set of entries plus the phrases that are never mentions.

    Use :func:`load_lexicon` to build one; ``lexicon["NATO"]`` gives an entry, ``to_frame()`` a
    table of all of them and ``matcher()`` the compiled matcher used by ``find_mentions``.
    """

    entries: tuple[Entry, ...]
    exclude: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __getitem__(self, target: str) -> Entry:
        for entry in self.entries:
            if entry.id == target:
                return entry
        raise KeyError(target)

    def __contains__(self, target: object) -> bool:
        return any(entry.id == target for entry in self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_cache": {}}  # compiled matchers are rebuilt on demand

    @property
    def ids(self) -> list[str]:
        """The entry ids, in file order."""
        return [entry.id for entry in self.entries]

    def to_frame(self) -> pd.DataFrame:
        """Return one row per entry.

        Columns: id, type, speaks_for, aliases, patterns, conditional, adjectives, notes, source.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.to_frame().set_index("id").loc["Lavrov", ["type", "speaks_for"]].tolist()
        ['person', 'Russia']
        """
        rows = [
            {
                "id": e.id,
                "type": e.type,
                "speaks_for": e.speaks_for,
                "aliases": list(e.aliases),
                "patterns": list(e.patterns),
                "conditional": [c.alias or c.pattern for c in e.conditional],
                "adjectives": [c.alias for c in e.adjectives],
                "notes": e.notes,
                "source": e.source,
            }
            for e in self.entries
        ]
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)

    def matcher(self, *, adjectives: bool = False):
        """Return the compiled matcher (built once per lexicon and setting)."""
        from analysis._matcher import Matcher

        key = ("matcher", adjectives)
        if key not in self._cache:
            self._cache[key] = Matcher(self, adjectives=adjectives)
        return self._cache[key]


def load_lexicon(path: str | PathLike | None = None, *, replace: bool = False) -> Lexicon:
    """Load the packaged lexicons, optionally with a user file merged over them.

    Parameters
    ----------
    path : str or path-like, optional
        A YAML file with the schema of ``analysis/data/lexicon/targets.yml``.
    replace : bool, default False
        Use only the user's file, not the packaged lexicons.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        If a file is not valid YAML or an entry breaks the schema (unknown key, missing id or type,
        a regular expression that does not compile or has capturing groups, a ``speaks_for`` or
        ``near_target`` naming no entry, an alias claimed by two entries...).

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex["Stoltenberg"].speaks_for, lex["Minsk agreements"].type
    ('NATO', 'commitment')
    >>> "Istanbul Charter" in lex.ids and "Astana Declaration" in lex.ids
    True
    """
    if replace and path is None:
        raise ValueError("replace=True needs a path: there would be no lexicon left")
    if path is None:
        return _packaged()
    files = [] if replace else [config.DATA_DIR / "lexicon" / name for name in PACKAGED]
    return _build([*files, Path(path)])


@functools.lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    return _build([config.DATA_DIR / "lexicon" / name for name in PACKAGED])


def _build(paths: Iterable[Path]) -> Lexicon:
    entries: dict[str, Entry] = {}
    rules: dict[str, dict] = {}
    exclude: list[str] = []
    raw: list[tuple[Path, dict]] = []
    for path in paths:
        doc = _read(path)
        raw.append((path, doc))
        for name, rule in (doc.get("rules") or {}).items():
            where = f"{path}: rule {name!r}"
            _check_keys(rule, _RULE_KEYS, where)
            rules[name] = dict(rule)
    for path, doc in raw:
        seen: set[str] = set()
        for i, item in enumerate(doc.get("entries") or []):
            entry = _parse_entry(item, i, path, rules)
            if entry.id in seen:
                raise LexiconError(f"{path}: entry {entry.id!r}: id appears twice in the file")
            seen.add(entry.id)
            entries[entry.id] = entry  # a later file replaces an entry of the same id
        for phrase in doc.get("exclude") or []:
            if not isinstance(phrase, str) or not phrase.strip():
                raise LexiconError(f"{path}: exclude: {phrase!r} is not a non-empty string")
            exclude.append(phrase)
    lexicon = Lexicon(
        tuple(entries.values()), tuple(dict.fromkeys(exclude)), tuple(map(str, paths))
    )
    _check_references(lexicon)
    from analysis._matcher import alias_owners

    alias_owners(lexicon)  # raises LexiconError when two entries claim one alias
    return lexicon


def _read(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            doc = yaml.safe_load(handle)
    except yaml.YAMLError as err:
        raise LexiconError(f"{path}: not valid YAML: {err}") from err
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise LexiconError(
            f"{path}: the file must be a mapping with 'entries' (and optionally 'rules', 'exclude')"
        )
    _check_keys(doc, _TOP_KEYS, str(path))
    if not isinstance(doc.get("entries") or [], list):
        raise LexiconError(f"{path}: 'entries' must be a list")
    if not isinstance(doc.get("rules") or {}, dict):
        raise LexiconError(f"{path}: 'rules' must be a mapping of rule name to rule")
    if not isinstance(doc.get("exclude") or [], list):
        raise LexiconError(f"{path}: 'exclude' must be a list of phrases")
    return doc


def _check_keys(item: Any, allowed: set[str], where: str) -> None:
    if not isinstance(item, Mapping):
        raise LexiconError(f"{where}: expected a mapping, got {type(item).__name__}")
    unknown = set(item) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


def _parse_entry(item: Any, index: int, path: Path, rules: dict[str, dict]) -> Entry:
    label = item.get("id") if isinstance(item, Mapping) else None
    where = (
        f"{path}: entry {label!r}"
        if isinstance(label, str) and label
        else f"{path}: entry #{index + 1}"
    )
    _check_keys(item, _ENTRY_KEYS, where)
    if not isinstance(label, str) or not label.strip():
        raise LexiconError(f"{where}: 'id' must be a non-empty string")
    if item.get("type") not in TYPES:
        raise LexiconError(
            f"{where}: 'type' must be one of {list(TYPES)}, got {item.get('type')!r}"
        )
    aliases = _strings(item.get("aliases"), f"{where}: aliases")
    patterns = _strings(item.get("patterns"), f"{where}: patterns")
    for pattern in patterns:
        _check_pattern(pattern, f"{where}: pattern {pattern!r}")
    conditional = tuple(
        _parse_condition(c, rules, f"{where}: conditional #{k + 1}")
        for k, c in enumerate(_list(item.get("conditional"), f"{where}: conditional"))
    )
    adjectives = tuple(
        Condition(alias=a, window=None)
        if isinstance(a, str)
        else _parse_condition(a, rules, f"{where}: adjective #{k + 1}")
        for k, a in enumerate(_list(item.get("adjectives"), f"{where}: adjectives"))
    )
    if any(c.alias is None for c in adjectives):
        raise LexiconError(f"{where}: an adjective needs an 'alias'")
    speaks_for = item.get("speaks_for")
    if speaks_for is not None and (item["type"] != "person" or not isinstance(speaks_for, str)):
        raise LexiconError(f"{where}: 'speaks_for' is a target id, for persons only")
    if not (aliases or patterns or conditional):
        raise LexiconError(f"{where}: needs at least one of 'aliases', 'patterns', 'conditional'")
    notes = item.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise LexiconError(f"{where}: 'notes' must be text")
    return Entry(
        label,
        item["type"],
        aliases,
        patterns,
        conditional,
        adjectives,
        speaks_for,
        notes,
        str(path),
    )


def _parse_condition(item: Any, rules: dict[str, dict], where: str) -> Condition:
    _check_keys(item, _CONDITION_KEYS, where)
    spec: dict[str, Any] = {}
    if "rule" in item:
        if item["rule"] not in rules:
            raise LexiconError(f"{where}: unknown rule {item['rule']!r}; defined: {sorted(rules)}")
        spec.update(rules[item["rule"]])
    for key, value in item.items():
        if key in _LIST_KEYS and key in spec:  # regex lists add to the named rule's
            spec[key] = [*_as_list(spec[key]), *_as_list(value)]
        elif key != "rule":
            spec[key] = value
    if ("alias" in spec) == ("pattern" in spec):
        raise LexiconError(f"{where}: give exactly one of 'alias' or 'pattern'")
    for key in ("alias", "pattern", "near_target"):
        if key in spec and (not isinstance(spec[key], str) or not spec[key].strip()):
            raise LexiconError(f"{where}: {key!r} must be a non-empty string")
    if "pattern" in spec:
        _check_pattern(spec["pattern"], f"{where}: pattern {spec['pattern']!r}")
    regexes = {}
    for key in _LIST_KEYS:
        regexes[key] = _strings(_as_list(spec.get(key)), f"{where}: {key}")
        for pattern in regexes[key]:
            _check_regex(pattern, f"{where}: {key} {pattern!r}")
    window = spec.get("window", 60)
    if window == "sentence":
        window = None
    elif not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise LexiconError(
            f"{where}: 'window' must be a number of characters or 'sentence', got {window!r}"
        )
    near_sentences = spec.get("near_sentences", 0)
    if (
        not isinstance(near_sentences, int)
        or isinstance(near_sentences, bool)
        or near_sentences < 0
    ):
        raise LexiconError(f"{where}: 'near_sentences' must be a non-negative integer")
    return Condition(
        alias=spec.get("alias"),
        pattern=spec.get("pattern"),
        reject_before=regexes["reject_before"],
        reject_after=regexes["reject_after"],
        require_near=regexes["require_near"],
        reject_near=regexes["reject_near"],
        window=window,
        near_target=spec.get("near_target"),
        near_sentences=near_sentences,
    )


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise LexiconError(f"{where}: must be a list")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    items = _list(value, where)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{where}: {item!r} is not a non-empty string")
    return tuple(items)


def _check_regex(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise LexiconError(f"{where}: not a valid regular expression ({err})") from err


def _check_pattern(pattern: str, where: str) -> None:
    from analysis._matcher import pattern_regex

    compiled = _check_regex(pattern_regex(pattern), where)
    if compiled.groups:
        raise LexiconError(
            f"{where}: capturing groups are not allowed, write (?:...) instead of (...)"
        )
    if compiled.match(""):
        raise LexiconError(f"{where}: matches the empty string")


def _check_references(lexicon: Lexicon) -> None:
    ids = set(lexicon.ids)
    for entry in lexicon:
        where = f"{entry.source}: entry {entry.id!r}"
        if entry.speaks_for is not None and entry.speaks_for not in ids:
            raise LexiconError(f"{where}: speaks_for {entry.speaks_for!r} is not an entry id")
        for condition in (*entry.conditional, *entry.adjectives):
            if condition.near_target is not None and condition.near_target not in ids:
                raise LexiconError(
                    f"{where}: near_target {condition.near_target!r} is not an entry id"
                )
