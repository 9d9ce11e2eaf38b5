"""Who speaks: the speakers lexicon and the speaker turns of transcripts.

``load_speakers()`` reads ``analysis/data/lexicon/speakers.yml`` (people with their aliases, titles,
role and the target they speak for; what each source's own voice speaks for), validates it and
caches it. ``split_turns(articles)`` cuts every document into speaker turns:

- **White House** briefings and remarks put an upper-case label at the start of a line:
  ``MS. PSAKI:``, ``THE PRESIDENT:``, ``SENIOR ADMINISTRATION OFFICIAL:``, ``PRESIDENT ZELENSKYY:``
  (``(via interpreter)`` may stand before the colon) and a bare ``Q`` for a reporter's question.
- **Kremlin** transcripts put the label inline, after a sentence end, ``* * *`` or the start of the
  text: ``... * * * President of Russia Vladimir Putin: Colleagues, ... Question: ...``. A label is
  a run of capitalised words (``of``, ``the``, ``and`` allowed inside) ending in a name and a colon;
  a colon in running prose (``the following:``, ``two tasks:``, ``10:30``) is not a label.
  Tooltip residue of the site (``Tokayev Tokayev Kassym-JomartPresident of Kazakhstan:``) is cut.
- A document without labels is one turn, spoken by its ``speaker`` field (UN General Debate) or
  else by its source.

Labels are resolved to canonical names through the lexicon (``MS. PSAKI`` -> ``Jen Psaki``,
``THE PRESIDENT`` -> the president of that source, ``Foreign Minister Sergei Lavrov`` ->
``Sergei Lavrov``); unknown labels are kept as title-cased names (``MR. ZIENTS`` -> ``Zients``).
Roles: ``official`` (a lexicon official, a source official, an office of the source's
government, the White House briefing ``MODERATOR``), ``journalist`` (``Q``, ``Question``, a named
reporter), ``guest`` (foreign leaders and other named people), ``other`` (audience, operators, a
document's unlabelled narration). An unknown White House ``MR./MS./DR. X`` label looks the same for
staff and for invited guests: it becomes ``official`` only when the text before it introduced X with a
US office ("our Deputy Director, Jake Bomba", "Jake Bomba, Senior Advisor ..."; ``refine_guest``), else
it stays ``guest`` (on the seeds 20 of 646 such labels are promoted; the rest are mostly CEOs, governors,
athletes and other invited speakers, with some staff the text never introduces).
"""

from __future__ import annotations

import datetime as _dt
import functools
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import config

logger = logging.getLogger(__name__)

ROLES = ("official", "journalist", "guest", "other")
TURN_COLUMNS = ["doc_id", "turn_id", "speaker", "role", "start", "end", "label_end", "speaks_for"]
SPEAKERS_FILE = config.DATA_DIR / "lexicon" / "speakers.yml"

_TOP_KEYS = {"version", "sources", "people"}
_PERSON_KEYS = {"name", "aliases", "titles", "position", "role", "speaks_for", "gender", "from", "until", "spouse",
                "notes"}
_SOURCE_KEYS = {"speaks_for", "role", "labels", "bodies"}
_HONORIFICS = {"mr", "ms", "mrs", "dr", "miss", "mx", "sir", "madam", "dame"}


class SpeakersError(ValueError):
    """A speakers file that does not follow the schema (the message names file, entry, problem)."""


@dataclass(frozen=True)
class Person:
    """One speaker of the lexicon."""

    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    position: str = ""
    role: str = "other"
    speaks_for: str = ""
    gender: str = ""
    start: _dt.date | None = None
    until: _dt.date | None = None
    spouse: str = ""  # canonical name: "my wife" in this person's speech is the spouse

    @property
    def surname(self) -> str:
        """The last word of the canonical name."""
        return self.name.split()[-1]

    def in_office(self, date: Any) -> bool:
        """Whether the person's titles apply on ``date`` (always when the date is unknown)."""
        if date is None or pd.isna(date):
            return True
        day = pd.Timestamp(date).date()
        return (self.start is None or day >= self.start) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class SourceDefault:
    """What a source's own (unattributed) voice is: the target it speaks for, its role, its labels."""

    speaks_for: str = ""
    role: str = "other"
    labels: Mapping[str, str] = field(default_factory=dict)
    #: the publisher's own government bodies and unnamed officials, as one case-insensitive regex (None: none)
    bodies: re.Pattern | None = None


@dataclass(frozen=True)
class Speakers:
    """The validated speakers lexicon; use :func:`load_speakers` to build one.

    ``speakers.person("MS. PSAKI")`` resolves a name, label or titled name to a :class:`Person`;
    ``speakers.speaks_for("Sergey Lavrov")`` gives its target id.
    """

    people: tuple[Person, ...]
    sources: Mapping[str, SourceDefault]
    path: str = ""
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def _index(self) -> dict[str, Person]:
        if "index" not in self._cache:
            index: dict[str, Person] = {}
            surnames: dict[str, list[Person]] = {}
            for person in self.people:
                surnames.setdefault(fold(person.surname), []).append(person)
            for key, owners in surnames.items():
                if len(owners) == 1:
                    index[key] = owners[0]
            for person in self.people:
                for alias in (person.name, *person.aliases):
                    index[fold(alias)] = person
            self._cache["index"] = index
        return self._cache["index"]

    def person(self, name: str | None) -> Person | None:
        """Return the person a name, label or titled name refers to, or None.

        Tries the whole name, then shorter and shorter endings of it ("President of Russia
        Vladimir Putin" -> "Vladimir Putin" -> "Putin"), without a leading honorific.
        """
        if not name:
            return None
        index = self._index()
        words = fold(name).split()
        while words and words[0].rstrip(".") in _HONORIFICS:
            words = words[1:]
        for i in range(len(words)):
            hit = index.get(" ".join(words[i:]))
            if hit is not None:
                return hit
        return None

    def by_name(self, name: str) -> Person | None:
        """Return the person whose canonical name is ``name`` exactly."""
        for person in self.people:
            if person.name == name:
                return person
        return None

    def speaks_for(self, name: str | None, source: str | None = None) -> str:
        """The target id a speaker speaks for: the person's, else the source default's, else ""."""
        person = self.person(name)
        if person is not None:
            return person.speaks_for
        default = self.sources.get(source or "")
        return default.speaks_for if default is not None else ""

    def body_speaks_for(self, name: str | None, source: str | None) -> str:
        """The source's target when ``name`` is one of its own government's bodies or unnamed officials, else "".

        >>> speakers = load_speakers()
        >>> speakers.body_speaks_for("the Department of Justice", "whitehouse")
        'United States'
        >>> speakers.body_speaks_for("Department of Justice", "kremlin")
        ''
        """
        default = self.sources.get(source or "")
        if not name or default is None or default.bodies is None:
            return ""
        return default.speaks_for if default.bodies.fullmatch(" ".join(name.split())) else ""

    def target_speaks_for(self, name: str | None) -> str:
        """The target a speaker named by a state or organisation of the targets lexicon is ("Russia said" -> Russia).

        >>> load_speakers().target_speaks_for("the Russian Federation"), load_speakers().target_speaks_for("Poland")
        ('Russia', '')
        """
        if "targets" not in self._cache:
            from analysis.lexicon import load_lexicon

            self._cache["targets"] = {
                fold(alias): e.id for e in load_lexicon() if e.type in ("organisation", "state") for alias in e.aliases
            }
        key = re.sub(r"^the ", "", fold(" ".join(str(name or "").split())))
        return self._cache["targets"].get(key, "")

    def source_label(self, source: str | None, label: str) -> Person | None:
        """The person a source names by office in a label ("THE PRESIDENT" at the White House)."""
        default = self.sources.get(source or "")
        if default is None:
            return None
        name = default.labels.get(" ".join(label.upper().split()))
        return self.by_name(name) if name else None

    def title_regex(self) -> re.Pattern:
        """A case-insensitive regex matching every title of the lexicon, longest first."""
        if "titles" not in self._cache:
            titles = sorted({t for p in self.people for t in p.titles}, key=len, reverse=True)
            parts = [re.escape(t).replace("'", "['’]").replace(r"\ ", r"\s+") for t in titles]
            self._cache["titles"] = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
        return self._cache["titles"]

    def by_title(self, title: str, date: Any = None) -> Person | None:
        """The person a title names on ``date`` ("the Russian foreign minister" -> Sergei Lavrov)."""
        if "by_title" not in self._cache:
            table: dict[str, list[Person]] = {}
            for person in self.people:
                for t in person.titles:
                    table.setdefault(re.sub(r"^the ", "", fold(t)), []).append(person)
            self._cache["by_title"] = table
        for person in self._cache["by_title"].get(re.sub(r"^the ", "", fold(title)), ()):
            if person.in_office(date):
                return person
        return None

    def name_regex(self) -> re.Pattern:
        """A case-sensitive regex matching every name, alias and unambiguous surname, longest first."""
        if "names" not in self._cache:
            names = set()
            for key, person in self._index().items():
                for alias in (person.name, *person.aliases, person.surname):
                    if fold(alias) == key:
                        names.add(alias)
            parts = [re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)]
            self._cache["names"] = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
        return self._cache["names"]


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised, single-spaced form of a name.

    Examples
    --------
    >>> fold("Gordan  Grlić Radman"), fold("Russia’s foreign minister")
    ('gordan grlic radman', "russia's foreign minister")
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").lower().split())


def load_speakers(path: str | PathLike | None = None) -> Speakers:
    """Load and validate the speakers lexicon (the packaged one by default; cached per path).

    Parameters
    ----------
    path : str or path-like, optional
        A YAML file with the schema of ``analysis/data/lexicon/speakers.yml``.

    Returns
    -------
    Speakers

    Raises
    ------
    SpeakersError
        Naming the file, the entry and the problem: not YAML, unknown key, missing name, a role
        outside official/journalist/guest/other, a ``speaks_for`` that is not an organisation or
        state of the targets lexicon, an alias claimed by two people, a label naming nobody.

    Examples
    --------
    >>> speakers = load_speakers()
    >>> speakers.person("Sergey Lavrov").name, speakers.speaks_for("Foreign Minister Lavrov")
    ('Sergei Lavrov', 'Russia')
    >>> speakers.person("MS. PSAKI").name, speakers.source_label("whitehouse", "THE PRESIDENT").name
    ('Jen Psaki', 'Joe Biden')
    >>> speakers.speaks_for("Gordan Radman"), speakers.speaks_for("Nobody", source="kremlin")
    ('', 'Russia')
    """
    return _load(str(Path(path) if path is not None else SPEAKERS_FILE))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Speakers:
    try:
        with open(path, encoding="utf-8") as handle:
            doc = yaml.safe_load(handle)
    except OSError as err:
        raise SpeakersError(f"{path}: cannot read the speakers file ({err})") from err
    except yaml.YAMLError as err:
        raise SpeakersError(f"{path}: not valid YAML: {err}") from err
    if not isinstance(doc, dict):
        raise SpeakersError(f"{path}: the file must be a mapping with 'people' and 'sources'")
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise SpeakersError(f"{path}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_TOP_KEYS)}")
    from analysis.lexicon import load_lexicon

    targets = {e.id for e in load_lexicon() if e.type in ("organisation", "state")}
    people_raw = doc.get("people") or []
    if not isinstance(people_raw, list):
        raise SpeakersError(f"{path}: 'people' must be a list")
    people = tuple(_parse_person(item, i, path, targets) for i, item in enumerate(people_raw))
    owners: dict[str, str] = {}
    for person in people:
        for alias in {fold(a) for a in (person.name, *person.aliases)}:
            if alias in owners and owners[alias] != person.name:
                raise SpeakersError(
                    f"{path}: entry {person.name!r}: alias {alias!r} is also an alias of {owners[alias]!r}"
                )
            owners[alias] = person.name
    names = {p.name for p in people}
    for person in people:
        if person.spouse and person.spouse not in names:
            raise SpeakersError(f"{path}: entry {person.name!r}: spouse {person.spouse!r} is not in 'people'")
    sources_raw = doc.get("sources") or {}
    if not isinstance(sources_raw, dict):
        raise SpeakersError(f"{path}: 'sources' must be a mapping of source name to defaults")
    sources = {}
    for name, item in sources_raw.items():
        where = f"{path}: source {name!r}"
        _check_keys(item, _SOURCE_KEYS, where)
        labels = item.get("labels") or {}
        if not isinstance(labels, dict):
            raise SpeakersError(f"{where}: 'labels' must map an upper-case label to a person's name")
        for label, person in labels.items():
            if person not in names:
                raise SpeakersError(f"{where}: label {label!r} names {person!r}, who is not in 'people'")
        sources[str(name)] = SourceDefault(
            _speaks_for(item.get("speaks_for", ""), targets, where),
            _role(item.get("role", "other"), where),
            {" ".join(str(k).upper().split()): v for k, v in labels.items()},
            _bodies(item.get("bodies"), where),
        )
    return Speakers(people, sources, path)


def _bodies(raw: Any, where: str) -> re.Pattern | None:
    """Compile a source's ``bodies`` (a list of regular expressions) into one anchored, case-insensitive regex."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(b, str) and b.strip() for b in raw):
        raise SpeakersError(f"{where}: 'bodies' must be a list of non-empty regular expressions")
    try:
        return re.compile(r"(?:the\s+|an?\s+)?(?:" + "|".join(f"(?:{b})" for b in raw) + r")", re.IGNORECASE)
    except re.error as exc:
        raise SpeakersError(f"{where}: 'bodies' has an invalid regular expression: {exc}") from None


def _check_keys(item: Any, allowed: set[str], where: str) -> None:
    if not isinstance(item, Mapping):
        raise SpeakersError(f"{where}: expected a mapping, got {type(item).__name__}")
    unknown = set(item) - allowed
    if unknown:
        raise SpeakersError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


def _role(value: Any, where: str) -> str:
    if value not in ROLES:
        raise SpeakersError(f"{where}: 'role' must be one of {list(ROLES)}, got {value!r}")
    return value


def _speaks_for(value: Any, targets: set[str], where: str) -> str:
    value = "" if value is None else value
    if not isinstance(value, str) or (value and value not in targets):
        raise SpeakersError(
            f"{where}: 'speaks_for' must be \"\" or a target id of targets.yml {sorted(targets)}, got {value!r}"
        )
    return value


def _parse_person(item: Any, index: int, path: str, targets: set[str]) -> Person:
    name = item.get("name") if isinstance(item, Mapping) else None
    where = f"{path}: entry {name!r}" if isinstance(name, str) and name.strip() else f"{path}: entry #{index + 1}"
    _check_keys(item, _PERSON_KEYS, where)
    if not isinstance(name, str) or not name.strip():
        raise SpeakersError(f"{where}: 'name' must be a non-empty string")
    lists = {}
    for key in ("aliases", "titles"):
        value = item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise SpeakersError(f"{where}: {key!r} must be a list of non-empty strings")
        lists[key] = tuple(value)
    gender = item.get("gender") or ""
    if gender not in ("", "m", "f"):
        raise SpeakersError(f"{where}: 'gender' must be m or f, got {gender!r}")
    dates = {}
    for key in ("from", "until"):
        value = item.get(key)
        if value is not None and not isinstance(value, _dt.date):
            raise SpeakersError(f"{where}: {key!r} must be a date YYYY-MM-DD, got {value!r}")
        dates[key] = value
    position = item.get("position") or ""
    if not isinstance(position, str):
        raise SpeakersError(f"{where}: 'position' must be text")
    spouse = item.get("spouse") or ""
    if not isinstance(spouse, str):
        raise SpeakersError(f"{where}: 'spouse' must be a name")
    return Person(
        " ".join(name.split()),
        lists["aliases"],
        lists["titles"],
        position,
        _role(item.get("role", "other"), where),
        _speaks_for(item.get("speaks_for", ""), targets, where),
        gender,
        dates["from"],
        dates["until"],
        " ".join(spouse.split()),
    )


def _check_articles(articles: pd.DataFrame, who: str) -> None:
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(f"{who} needs a pandas DataFrame of articles, got {type(articles).__name__}")
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"{who}: articles lack column(s) {sorted(missing)} (need doc_id and text)")


def _field(row: Mapping[str, Any], key: str) -> Any:
    value = row.get(key)
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _field_name(value: str) -> str:
    """A speaker field as a name: upper-case names ("FAZL-UL-HAQ KHALIQYAR") are title-cased."""
    value = " ".join(str(value).split())
    if value.isupper():
        value = " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in value.split())
    return value


def split_turns(articles: pd.DataFrame, *, speakers: Speakers | None = None) -> pd.DataFrame:
    """Cut every document into speaker turns (rules in the module docstring).

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text``; ``source``, ``date`` and ``speaker`` are used when present.
        Rows with a missing or blank text give no turns.
    speakers : Speakers, optional
        The speakers lexicon (default :func:`load_speakers`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``turn_id`` (0.. per document), ``speaker`` (normalised name, "journalist" for an
        unnamed questioner), ``role`` (official/journalist/guest/other), ``start`` (start of the
        label, or 0), ``end`` (end of the turn's text, trailing white space excluded), ``label_end``
        (where the spoken text starts) and ``speaks_for`` (target id or "").
        Text before the first label is a turn of the source only when it is 200 characters or more
        (a release's narration); a shorter preamble ("Press Briefing Room  2:42 P.M. EDT") is none.

    Raises
    ------
    ValueError
        If ``articles`` has no ``doc_id`` or ``text`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> text = "MS. PSAKI:  Hi, everyone.\\n\\nQ   Hi, Jen.\\n\\nTHE PRESIDENT:  Thanks.  "
    >>> articles = pd.DataFrame({"doc_id": ["wh:1"], "source": ["whitehouse"], "text": [text]})
    >>> split_turns(articles)[["turn_id", "speaker", "role", "start", "end", "label_end"]]
       turn_id     speaker        role  start  end  label_end
    0        0   Jen Psaki    official      0   25         12
    1        1  journalist  journalist     27   39         31
    2        2   Joe Biden    official     41   64         57
    >>> text = "Meeting. * * * President of Russia Vladimir Putin: Good afternoon. Sergey Lavrov: Thank you."
    >>> kr = pd.DataFrame({"doc_id": ["kr:1"], "source": ["kremlin"], "text": [text]})
    >>> split_turns(kr)[["speaker", "role", "start", "label_end"]]
              speaker      role  start  label_end
    0  Vladimir Putin  official     15         51
    1   Sergei Lavrov  official     67         82
    """
    from analysis._turns import find_labels, refine_guest, resolve_label

    _check_articles(articles, "split_turns")
    speakers = speakers or load_speakers()
    rows: list[tuple] = []
    for row in articles.to_dict("records"):
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        source, date, doc_id = _field(row, "source"), _field(row, "date"), row["doc_id"]
        default = speakers.sources.get(str(source) if source is not None else "")
        labels = find_labels(text, speakers)
        turns: list[tuple] = []
        first = labels[0].start if labels else len(text)
        if len(text[:first].strip()) >= (200 if labels else 1):
            named = _field(row, "speaker")
            if named is not None and str(named).strip():
                name = _field_name(named)
                person = speakers.person(name)
                role = person.role if person else (default.role if default else "other")
                for_ = person.speaks_for if person else (default.speaks_for if default else "")
                turns.append((person.name if person else name, role, 0, first, 0, for_))
            else:
                turns.append((
                    str(source) if source is not None else "",
                    default.role if default else "other", 0, first, 0,
                    default.speaks_for if default else "",
                ))  # fmt: skip
        for k, label in enumerate(labels):
            stop = labels[k + 1].start if k + 1 < len(labels) else len(text)
            resolved = refine_guest(resolve_label(label, source, date, speakers), label, text, source, speakers)
            turns.append((resolved.speaker, resolved.role, label.start, stop, label.label_end, resolved.speaks_for))
        for turn_id, (speaker, role, start, stop, label_end, for_) in enumerate(turns):
            head = text[:stop].rstrip()
            for separator in ("* * *", "***"):  # the Kremlin's separator belongs to no turn
                if head.endswith(separator) and len(head) - len(separator) > label_end:
                    head = head[: -len(separator)].rstrip()
            end = len(head)
            end = max(end, label_end) if label_end else end
            rows.append((doc_id, turn_id, speaker, role, start, end, label_end, for_))
    frame = pd.DataFrame(rows, columns=TURN_COLUMNS)
    for col in ("turn_id", "start", "end", "label_end"):
        frame[col] = frame[col].astype("int64")
    for col in ("speaker", "role", "speaks_for"):
        frame[col] = frame[col].astype(object)
    if "doc_id" in articles and len(frame):
        frame["doc_id"] = frame["doc_id"].astype(articles["doc_id"].dtype)
    logger.debug("split %d documents into %d turns", len(articles), len(frame))
    return frame
