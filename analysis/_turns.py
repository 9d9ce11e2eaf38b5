"""Speaker labels of transcripts: find them in a text and resolve them to a speaker (private).

Used by :func:`analysis.speakers.split_turns`; the rules are described in that module's docstring.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from analysis.speakers import Speakers

# White House: an upper-case label at the start of a line (indented with spaces or no-break spaces in some
# transcripts: "\xa0\xa0\xa0\xa0 THE PRESIDENT:"), "(via interpreter)" allowed before the colon;
# "Q" followed by white space or a colon.
_WH_LABEL = re.compile(
    r"^[ \t\xa0]*(?P<label>[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z0-9][A-Z0-9.'’\-]*){0,7})"
    r"(?:[ \t]*\((?P<paren>[^)\n]{1,40})\))?:(?=[\s\xa0])"
    r"|^[ \t\xa0]*(?P<q>Q)(?::|(?=[\xa0 \t]+\S))",
    re.MULTILINE,
)
_WH_NOT_SPEAKER = re.compile(
    r"^(?:NOMINATIONS?|WITHDRAWALS?|TO|SUBJECT|FOR|NOTE|RE|DATE|WHEN|WHERE|WHAT|WHO|WHY|HOW|ATTN|CONTACT|"
    r"UPDATE|BACKGROUND|FACT|READ|PHOTO|VIDEO|AGENDA|TIME|LOCATION|AS|END|EDITOR|EMBARGOED|TOPLINE|"
    r"[A-Z]{2,6}\.?$)\b"
)
_WH_KEEP_SHORT = {"AIDE", "MODERATOR", "AUDIENCE", "PARTICIPANT", "PARTICIPANTS", "OPERATOR", "ANNOUNCER",
                  "INTERPRETER", "CROWD", "AUDIENCE MEMBER", "AUDIENCE MEMBERS"}  # fmt: skip

# Kremlin: capitalised words (connectors allowed inside) ending in a name and a colon, inline.
_TOKEN = r"(?:[A-Z][\w'’\-]*|[A-Z]\.|(?:of|the|and|for|de|da|del|von|der|van|al|bin|el|ul|on|in))"
_KR_LABEL = re.compile(
    rf"(?P<label>[A-Z][\w'’\-]*(?:[ ]{_TOKEN}){{0,16}})"
    r"(?:[ ]?\((?P<paren>retranslated|via interpreter|interpreted|translated|in [A-Z]\w+|as interpreted)\))?"
    r":(?=\s)"
)
_KR_BEFORE = re.compile(r"(?:^|[.!?…\"”»):]|\* \* \*|\*\*\*|\n)\s*$")
_LINE_START = re.compile(r"(?:^|\n[ \t\xa0]*\n)[ \t\xa0]*$")
_LIST_MARK = re.compile(r"(?:^|\s)(?:\d{1,3}|[a-z])[.)]\s*$")
_KR_SINGLE = {"Question", "Questions", "Remark", "Remarks", "Reply", "Answer", "Response", "Comment",
              "Journalist", "Reporter", "Moderator", "Interpreter", "Audience", "Voice", "Voices"}  # fmt: skip
_KR_FIRST_STOP = {
    "The", "This", "That", "These", "Those", "In", "On", "At", "For", "And", "But", "Or", "So", "As", "If",
    "When", "It", "We", "I", "You", "He", "She", "They", "There", "Here", "Dear", "Today", "Yesterday",
    "Firstly", "First", "Second", "Secondly", "Third", "Thirdly", "Finally", "Now", "Then", "Please", "Thank",
    "Yes", "No", "Well", "What", "Why", "How", "Who", "Where", "My", "Our", "His", "Her", "Their", "Ladies",
    "Friends", "Colleagues", "Agenda", "Note", "Subject", "Topic", "Part", "Chapter", "Article", "Source",
    "Sources", "Photo", "Video", "See", "Also", "Quote", "Attention", "Moscow", "Russia", "Ukraine", "Kiev",
    "Kyiv", "Washington", "Item", "Section", "Time", "Date", "Place", "Venue", "Address", "Briefly", "Across",
    "Regarding", "Re", "Among", "Under", "From", "To", "With", "By", "After", "Before", "During",
}  # fmt: skip
_KR_LAST_STOP = {
    "Russia", "Ukraine", "Federation", "Region", "States", "Union", "Council", "Ministry", "Government",
    "Colleagues", "Friends", "Gentlemen", "Ladies", "Agenda", "Note", "Summary", "Participants", "Point",
    "Report", "Moscow", "Kremlin", "Day", "Session", "Topic", "Subject", "Programme", "Program", "Conclusion",
    "Conclusions", "Republic", "Kingdom", "Assembly", "Duma", "Committee", "Commission", "Organisation",
    "Organization", "Treaty", "Agreement", "Declaration", "Statement", "Address", "Message", "Appeal",
    "Order", "Decree", "Law", "Resolution", "Charter", "Europe", "America", "China", "Belarus", "Kazakhstan",
    "Question", "Questions",
}  # fmt: skip
_PARTICLES = {"von", "der", "de", "da", "del", "van", "al", "bin", "el", "ul"}

_JOURNALIST = re.compile(r"^(?:Q|QUESTION\w*|JOURNALIST|REPORTER|THE PRESS|PRESS)$")
_OFFICIAL_GENERIC = re.compile(
    r"^(?:(?:SENIOR |SECOND |ANOTHER )?(?:ADMINISTRATION|WHITE HOUSE|STATE DEPARTMENT|DEFENSE|U\.S\.|US|MILITARY|"
    r"TREASURY|GOVERNMENT) (?:OFFICIAL|AIDE)|SENIOR (?:ADMINISTRATION )?OFFICIAL|(?:WHITE HOUSE |MILITARY )?AIDE)"
    r"(?: (?:ONE|TWO|THREE|FOUR|\#?\d))?$"
)
_OTHER_GENERIC = re.compile(
    r"^(?:MODERATOR|AUDIENCE(?: MEMBERS?)?|PARTICIPANTS?|OPERATOR|ANNOUNCER|INTERPRETER|CROWD|REMARKS?|VOICES?|"
    r"REPLY|ANSWER|RESPONSE|COMMENT|LOCAL LAW ENFORCEMENT OFFICIAL|POLISH AIDE)(?: (?:ONE|TWO|THREE|\d))?$"
)
_TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "administrator", "director", "deputy", "assistant",
    "surgeon", "chair", "chairman", "chairwoman", "chancellor", "governor", "mayor", "senator", "representative",
    "speaker", "leader", "ambassador", "advisor", "adviser", "admiral", "king", "queen", "prince", "amir", "emir",
    "judge", "justice", "first", "lady", "vice", "majority", "minority", "chief", "coordinator", "commissioner",
    "senior", "head", "mr.", "ms.", "mrs.", "dr.", "mr", "ms", "dr", "mrs", "gen.", "sen.", "rep.", "gov.",
    "colonel", "lieutenant", "major", "captain", "sergeant", "press", "acting", "aide", "envoy", "special",
    "patriarch", "metropolitan", "archpriest", "ceo", "executive", "officer", "the",
}  # fmt: skip
_US_OFFICE = re.compile(
    r"^(?:SECRETARY|ADMINISTRATOR|ADMINSTRATOR|DIRECTOR|DEPUTY|ASSISTANT|SURGEON GENERAL|ADVISOR|ADVISER|CHAIR|"
    r"COORDINATOR|COMMISSIONER|ADMIRAL|GENERAL|AMBASSADOR (?:TAI|RICE|THOMAS)|SPECIAL|ACTING|CHIEF|WHITE HOUSE)\b"
)
_FOREIGN_OFFICE = re.compile(
    r"^(?:PRESIDENT|PRIME MINISTER|CHANCELLOR|KING|QUEEN|PRINCE|AMIR|EMIR|SECRETARY GENERAL|SECRETARY-GENERAL|"
    r"FOREIGN MINISTER|TAOISEACH|CROWN PRINCE|SULTAN|SHEIKH|AMBASSADOR)\b"
)
_RU_OFFICE = re.compile(
    r"\b(?:Minister|Governor|Aide|Presidential|Press Secretary|Mayor of Moscow|Moscow Mayor|Prosecutor|Federal|"
    r"Security Council|State Duma|Federation Council|Head of the|Chairman of the Government|Deputy Prime|"
    r"Plenipotentiary|Commissioner|Central Bank|Accounts Chamber|Constitutional Court|Supreme Court|"
    r"Investigative Committee|Chief of the General Staff|Director of the|Region|Republic of (?:Tatarstan|"
    r"Dagestan|Chechnya|Bashkortostan|Crimea))\b"
)
_FOREIGN_OF = re.compile(r"\bof (?:the )?(?!Russia\b|the Russian\b|Russian\b)(?:Republic of )?[A-Z]")


class Label(NamedTuple):
    """One speaker label in a text: where it starts, where the spoken text starts, its words."""

    start: int
    label_end: int
    label: str
    style: str  # "wh" (line-start, upper case) or "kr" (inline)
    paren: str | None


def find_labels(text: str, speakers: Speakers) -> list[Label]:
    """Every speaker label of ``text``, in order (both conventions; overlapping finds dropped).

    Examples
    --------
    >>> from analysis.speakers import load_speakers
    >>> text = "MS. PSAKI:  Hi.\\n\\nQ   Thanks, Jen.  We need the following: time.\\n"
    >>> [(lb.start, lb.label) for lb in find_labels(text, load_speakers())]
    [(0, 'MS. PSAKI'), (17, 'Q')]
    >>> text = "Talks. * * * Vladimir Putin: Two tasks: first, 10:30. Question: And? Sergei Lavrov: No."
    >>> [lb.label for lb in find_labels(text, load_speakers())]
    ['Vladimir Putin', 'Question', 'Sergei Lavrov']
    """
    found: list[Label] = []
    if "\n" in text or text[:1].isupper():
        for m in _WH_LABEL.finditer(text):
            label = m.group("label") or m.group("q")
            if m.group("q") is None and not _wh_ok(label):
                continue
            found.append(Label(m.start(), _skip_space(text, m.end()), label, "wh", m.group("paren")))
    lined = "\n" in text
    for m in _KR_LABEL.finditer(text):
        label = m.group("label")
        if label.isupper() and len(label) > 1:
            continue  # an upper-case label is the White House convention, handled above
        before = text[max(0, m.start() - 24) : m.start()]
        if lined:  # a text with line breaks: a mixed-case label only at a line start, with text after it
            if not _LINE_START.search(before) or not text[m.end() : m.end() + 80].split("\n")[0].strip():
                continue
        elif not _KR_BEFORE.search(before) or _LIST_MARK.search(before):
            continue
        cleaned = _clean_kremlin(label)
        if not _kr_ok(cleaned, speakers):
            continue
        found.append(Label(m.start(), _skip_space(text, m.end()), cleaned, "kr", m.group("paren")))
    found.sort()
    out: list[Label] = []
    for lb in found:
        if out and lb.start < out[-1].label_end:
            continue
        out.append(lb)
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] == "\xa0"):
        pos += 1
    return pos


def _wh_ok(label: str) -> bool:
    words = label.split()
    if _WH_NOT_SPEAKER.match(label) and label not in _WH_KEEP_SHORT:
        return False
    if len(words) == 1 and label not in _WH_KEEP_SHORT:
        return False  # "COVID:", "NATO:" — a single upper-case word is a heading, not a speaker
    return not label.endswith(("SENATE", "CONGRESS", "UNITED STATES", "STATES"))


def _clean_kremlin(label: str) -> str:
    """Cut the site's tooltip residue: "Sergei Shoigu Shoigu SergeiDefence Minister" -> "Sergei Shoigu"."""
    words = label.split(" ")
    for i in range(1, len(words)):
        if words[i] == words[i - 1] and words[i][:1].isupper():
            return " ".join(words[:i])
    return label


def _kr_ok(label: str, speakers: Speakers) -> bool:
    words = label.split()
    if len(words) == 1:
        return label in _KR_SINGLE or (speakers.person(label) is not None and label[0].isupper())
    if words[0] in _KR_FIRST_STOP or len(words) > 16:
        return False
    last = words[-1]
    if not re.fullmatch(r"[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-z'’\-]+)?", last) or last in _KR_LAST_STOP:
        return False
    return words[-2] not in ("of", "the", "and")


class Resolved(NamedTuple):
    """A label resolved to a speaker."""

    speaker: str
    role: str
    speaks_for: str


def resolve_label(label: Label | str, source: Any, date: Any, speakers: Speakers) -> Resolved:
    """Resolve a label to ``(speaker, role, speaks_for)`` (see :mod:`analysis.speakers`).

    Examples
    --------
    >>> from analysis.speakers import load_speakers
    >>> sp = load_speakers()
    >>> resolve_label("MS. PSAKI", "whitehouse", None, sp)
    Resolved(speaker='Jen Psaki', role='official', speaks_for='United States')
    >>> resolve_label("THE PRESIDENT", "whitehouse", None, sp).speaker
    'Joe Biden'
    >>> resolve_label("Q", "whitehouse", None, sp)
    Resolved(speaker='journalist', role='journalist', speaks_for='')
    >>> resolve_label("Prime Minister of India Narendra Modi", "kremlin", None, sp)[:2]
    ('Narendra Modi', 'guest')
    >>> resolve_label("MR. ZIENTS", "whitehouse", None, sp)[:2]
    ('Jeff Zients', 'official')
    >>> resolve_label("Deputy Prime Minister Alexander Novak", "kremlin", None, sp)
    Resolved(speaker='Alexander Novak', role='official', speaks_for='Russia')
    """
    text, paren = (label.label, label.paren) if isinstance(label, Label) else (label, None)
    text = " ".join(text.split())
    upper = text.upper()
    default = speakers.sources.get(str(source) if source is not None else "")
    source_for = default.speaks_for if default is not None else ""
    if _JOURNALIST.match(upper):
        return Resolved("journalist", "journalist", "")
    if (person := speakers.source_label(source, upper)) is not None:
        return Resolved(person.name, person.role, person.speaks_for)
    if _OFFICIAL_GENERIC.match(upper):
        return Resolved(re.sub(r" (?:ONE|TWO|THREE|FOUR|#?\d)$", "", upper).lower(), "official", source_for)
    if upper == "MODERATOR" and text.isupper() and source_for:  # the briefing's moderator is the host's staff
        return Resolved("moderator", "official", source_for)
    if _OTHER_GENERIC.match(upper):
        return Resolved(upper.lower(), "other", "")
    if (person := speakers.person(text)) is not None:
        return Resolved(person.name, person.role, person.speaks_for)
    name = _display_name(text)
    interpreted = paren is not None and paren != "in English"
    if text.isupper():  # White House convention
        if _US_OFFICE.match(upper) and not interpreted:
            return Resolved(name, "official", source_for)
        return Resolved(name, "guest", "")
    if interpreted or _FOREIGN_OF.search(text):
        return Resolved(name, "guest", "")
    if _RU_OFFICE.search(text) and source_for:
        return Resolved(name, "official", source_for)
    return Resolved(name, "guest", "")


_HONORIFIC_LABEL = re.compile(r"^(?:MR|MS|MRS|DR|MX)\.?\s+\S")
_US_STAFF_WORDS = (
    r"(?:Secretary|Director|Administrator|Advisor|Adviser|Coordinator|Deputy|Assistant|Counselor|Chief|Officer|"
    r"Press\s+Secretary|Ambassador|Surgeon\s+General|Commissioner|Spokesperson|Spokesman)"
)


def refine_guest(resolved: Resolved, label: Label, text: str, source: Any, speakers: Speakers) -> Resolved:
    """Turn an unknown White House "MR./MS. X" guest into the host's official when the text introduced X
    with a US office before the label ("... our Deputy Director, Jake Bomba", "Jake Bomba, Senior Advisor
    at the Department of ...", said by a MODERATOR or in the preamble). Without such an introduction the
    label stays a guest: staff and guests share the honorific format, and nothing else tells them apart.

    Examples
    --------
    >>> from analysis.speakers import load_speakers
    >>> sp = load_speakers()
    >>> text = "MODERATOR:  Our speaker is Jake Bomba, Deputy Director at the Office of X.\\n\\nMR. BOMBA:  Hi."
    >>> label = Label(text.index("MR."), text.index("Hi"), "MR. BOMBA", "wh", None)
    >>> refine_guest(resolve_label(label, "whitehouse", None, sp), label, text, "whitehouse", sp)
    Resolved(speaker='Bomba', role='official', speaks_for='United States')
    >>> refine_guest(resolve_label(label, "whitehouse", None, sp), label, "MR. BOMBA:  Hi.", "whitehouse", sp).role
    'guest'
    """
    if resolved.role != "guest" or label.style != "wh" or not _HONORIFIC_LABEL.match(label.label):
        return resolved
    default = speakers.sources.get(str(source) if source is not None else "")
    if default is None or not default.speaks_for:
        return resolved
    surname = re.escape(resolved.speaker.split()[-1]) if resolved.speaker else ""
    if not surname:
        return resolved
    before = text[max(0, label.start - 6000) : label.start]
    intro = re.compile(
        rf"\b{surname}\b,?\s+(?:(?:our|the|a|who\s+is|is)\s+)?(?:[A-Z][\w\-]*\s+|of\s+|for\s+|and\s+){{0,6}}?"
        rf"{_US_STAFF_WORDS}\b|\b{_US_STAFF_WORDS}(?:\s+(?:[A-Z][\w.\-]*|of|for|and|the))*?,?\s+(?:[A-Z][\w.\-]*\s+){{0,2}}"
        rf"{surname}\b",
        re.IGNORECASE,
    )
    if intro.search(before):
        return Resolved(resolved.speaker, "official", default.speaks_for)
    return resolved


def _display_name(label: str) -> str:
    """The name part of a label, title-cased: "MR. JAKE BOMBA" -> "Jake Bomba"."""
    words = label.split()
    if label.isupper():
        rest = list(words)
        while len(rest) > 1 and rest[0].lower() in _TITLE_WORDS:
            rest = rest[1:]
        if rest and rest[0].lower() in _TITLE_WORDS and rest[0].endswith("."):
            rest = rest[1:] or rest
        return " ".join(_title_word(w) for w in rest) if rest else label.title()
    connectors = [i for i, w in enumerate(words) if w.islower()]
    titled = connectors or any(w.lower() in _TITLE_WORDS for w in words[:-2])
    if len(words) > 2 and titled:
        keep = 2
        if words[-3].lower() in _PARTICLES or (len(words) > 3 and words[-3][0].isupper() and "-" in words[-2]):
            keep = 3
        return " ".join(words[-keep:])
    return " ".join(words)


def _title_word(word: str) -> str:
    """ "JEAN-PIERRE" -> "Jean-Pierre", "MCCARTHY" -> "Mccarthy"."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
