"""Tests for analysis.lexicon: packaged ids, merging user files, schema errors, pickling."""

from __future__ import annotations

import pickle
import textwrap

import pandas as pd
import pytest

from analysis import config
from analysis.lexicon import Lexicon, LexiconError, load_lexicon
from analysis.mentions import find_mentions

# The ids DESIGN.md fixes, with their types.
TARGETS = {
    "NATO": "organisation", "Ukraine": "state", "Russia": "state", "United States": "state",
    "European Union": "organisation", "OSCE": "organisation", "United Nations": "organisation",
}  # fmt: skip
COMMITMENTS = {
    "Helsinki Final Act": "commitment", "Charter of Paris": "commitment", "Budapest Memorandum": "commitment",
    "NATO-Russia Founding Act": "commitment", "Istanbul Charter": "commitment", "Astana Declaration": "commitment",
    "Minsk agreements": "commitment", "indivisibility of security": "principle",
    "freedom to choose alliances": "principle", "territorial integrity": "principle", "non-use of force": "principle",
}  # fmt: skip
PERSONS = {
    "Putin": "Russia", "Lavrov": "Russia", "Zelensky": "Ukraine", "Biden": "United States",
    "Blinken": "United States", "Stoltenberg": "NATO",
}  # fmt: skip


def test_packaged_ids_types_and_speakers():
    lexicon = load_lexicon()
    frame = lexicon.to_frame().set_index("id")
    for target, kind in {**TARGETS, **COMMITMENTS}.items():
        assert frame.loc[target, "type"] == kind
    for person, speaks_for in PERSONS.items():
        assert frame.loc[person, "type"] == "person"
        assert frame.loc[person, "speaks_for"] == speaks_for
    assert set(frame.index) == set(TARGETS) | set(COMMITMENTS) | set(PERSONS)
    assert frame["speaks_for"].notna().sum() == len(PERSONS)
    assert {"aliases", "patterns", "conditional", "adjectives", "notes", "source"} <= set(
        frame.columns
    )
    assert "Kyiv regime" in frame.loc["Ukraine", "aliases"]
    assert frame.loc["Russia", "adjectives"] == ["Russian", "Russians"]


def test_provenance_is_documented():
    text = (config.DATA_DIR / "lexicon" / "PROVENANCE.md").read_text(encoding="utf-8")
    for word in ("Licence", "Curator", "Helsinki", "Budapest", "Istanbul", "Astana", "Minsk"):
        assert word in text


def test_lexicon_is_picklable_and_immutable():
    lexicon = load_lexicon()
    lexicon.matcher()  # build the cache first: it must not travel
    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy == lexicon
    assert copy._cache == {}
    with pytest.raises(AttributeError):
        lexicon.entries = ()
    sentences = pd.DataFrame(
        {"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [10], "text": ["NATO met."]}
    )
    assert find_mentions(sentences, copy)["target"].tolist() == ["NATO"]


USER = """
entries:
  - id: NATO
    type: organisation
    aliases: [NATO, the Atlantic bloc]
  - id: AUKUS
    type: organisation
    aliases: [AUKUS]
    notes: added by the user
exclude: [NATO summit]
"""


def _write(tmp_path, text, name="user.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_user_file_merges_over_the_packaged_lexicons(tmp_path):
    lexicon = load_lexicon(_write(tmp_path, USER))
    assert lexicon["NATO"].aliases == ("NATO", "the Atlantic bloc")  # replaced, not extended
    assert lexicon["AUKUS"].notes == "added by the user"
    assert "Helsinki Final Act" in lexicon and "Putin" in lexicon
    sentences = pd.DataFrame({
        "doc_id": ["d"], "sent_id": [0], "start": [0], "end": [60],
        "text": ["The Atlantic bloc, AUKUS and the NATO summit met the North Atlantic Alliance."],
    })  # fmt: skip
    found = find_mentions(sentences, lexicon)
    assert found["alias"].tolist() == [
        "the Atlantic bloc",
        "AUKUS",
    ]  # "North Atlantic Alliance" was dropped


def test_replace_uses_only_the_user_file(tmp_path):
    lexicon = load_lexicon(_write(tmp_path, USER), replace=True)
    assert lexicon.ids == ["NATO", "AUKUS"]
    assert isinstance(lexicon, Lexicon) and len(lexicon) == 2
    with pytest.raises(ValueError, match="replace=True needs a path"):
        load_lexicon(replace=True)


def test_condition_regexes_add_to_the_named_rule(tmp_path):
    user = """
    rules:
      titled: {reject_before: 'Mr\\.\\s+'}
    entries:
      - id: Smith
        type: person
        conditional: [{alias: Smith, rule: titled, reject_before: 'Dr\\.\\s+'}]
    """
    lexicon = load_lexicon(_write(tmp_path, user), replace=True)
    assert lexicon["Smith"].conditional[0].reject_before == (r"Mr\.\s+", r"Dr\.\s+")
    text = "Mr. Smith, Dr. Smith and Smith."
    sentences = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [31], "text": [text]})
    assert find_mentions(sentences, lexicon)["start"].tolist() == [25]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("entries: [\n  - id: x", "not valid YAML"),
        ("- id: x", "must be a mapping"),
        (
            "entries:\n  - id: X\n    type: state\n    alias: [x]",
            "entry 'X': unknown key(s) ['alias']",
        ),
        (
            "entries:\n  - type: state\n    aliases: [x]",
            "entry #1: 'id' must be a non-empty string",
        ),
        (
            "entries:\n  - id: X\n    type: country\n    aliases: [x]",
            "entry 'X': 'type' must be one of",
        ),
        ("entries:\n  - id: X\n    type: state", "entry 'X': needs at least one of"),
        (
            "entries:\n  - id: X\n    type: state\n    aliases: ['']",
            "entry 'X': aliases: '' is not a non-empty string",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    patterns: ['(x|y)z']",
            "entry 'X': pattern '(x|y)z': capturing groups",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    patterns: ['x[']",
            "entry 'X': pattern 'x[': not a valid regular expression",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    patterns: ['x?']",
            "entry 'X': pattern 'x?': matches the empty string",
        ),
        (
            "entries:\n  - id: X\n    type: person\n    speaks_for: Narnia\n    aliases: [x]",
            "entry 'X': speaks_for 'Narnia' is not an entry id",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    speaks_for: Russia\n    aliases: [x]",
            "entry 'X': 'speaks_for' is a target id, for persons only",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    conditional: [{alias: x, near_target: Y}]",
            "entry 'X': near_target 'Y' is not an entry id",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    conditional: [{alias: x, rule: nope}]",
            "entry 'X': conditional #1: unknown rule 'nope'",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    conditional: [{alias: x, pattern: y}]",
            "entry 'X': conditional #1: give exactly one of",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    conditional: [{alias: x, window: wide}]",
            "entry 'X': conditional #1: 'window' must be",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    conditional: [{alias: x, reject_after: '(('}]",
            "entry 'X': conditional #1: reject_after '((': not a valid",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    aliases: [Kremlin]",
            "entry 'X': alias 'Kremlin' already belongs to 'Russia'",
        ),
        (
            "entries:\n  - id: X\n    type: state\n    aliases: [x]\n  - id: X\n    type: state\n    aliases: [y]",
            "entry 'X': id appears twice",
        ),
        (
            "rules:\n  r: {reject_befor: x}\nentries: []",
            "rule 'r': unknown key(s) ['reject_befor']",
        ),
        ("exclude: [Kremlin]", "exclude: 'Kremlin' is also an alias of 'Russia'"),
    ],
)
def test_malformed_user_file_names_file_entry_and_problem(tmp_path, text, problem):
    path = _write(tmp_path, text, name="broken.yml")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    message = str(caught.value)
    assert problem in message
    assert str(path) in message
