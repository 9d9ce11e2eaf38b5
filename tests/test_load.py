"""Tests for analysis.load: readers, validation, rejects, doc_ids, duplicates, the manifest."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.load import ARTICLE_COLUMNS, REJECT_COLUMNS, LoadError, LoadResult, load_articles

SEED_TITLE = "Russia expects more security assurance talks with the United States in the near future."

STORY = (
    "Foreign ministers of the alliance met in Brussels on Tuesday to discuss the security situation "
    "in Europe, the deployment of additional forces to the eastern flank, and the answers that the "
    "allies will give to the draft treaties on security guarantees proposed last month by Moscow. "
    "The secretary general said the door of the alliance remains open and that every nation has the "
    "right to choose its own security arrangements, a principle enshrined in the Helsinki Final Act."
)


def write(path, content, *, compress=False):
    data = content.encode("utf-8") if isinstance(content, str) else content
    if compress:
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def jsonl(records):
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


# ---- the seed article ---------------------------------------------------------------------------

def test_seed_article_fields():
    articles, rejects = load_articles(config.SEED_ARTICLE)
    assert rejects.empty
    (row,) = articles.itertuples()
    assert row.date == pd.Timestamp("2022-01-17")
    assert row.date_precision == "day"
    assert row.title == SEED_TITLE
    assert row.source == "news"  # seeds/sources.yml applies to a file named on its own too
    assert row.text.startswith("Moscow expects to hear back from Washington and NATO")
    assert row.text.endswith("it is necessary to discuss arms limitation,” he said.")
    assert row.text.count("\n\n") == 14  # 15 paragraphs, kept as published
    assert pd.isna(row.url) and pd.isna(row.speaker) and pd.isna(row.duplicate_of)
    assert row.line == 1


def test_bundled_seeds_load_with_manifest_sources():
    articles, rejects = load_articles(config.SEEDS_DIR, progress=False)
    assert rejects.empty
    counts = articles.source.value_counts().to_dict()
    assert counts == {"whitehouse": 2395, "kremlin": 816, "news": 1}
    assert list(articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert articles.doc_id.is_unique
    seed = articles[articles.source == "news"].iloc[0]
    assert seed.title == SEED_TITLE
    kremlin = articles[articles.source == "kremlin"]
    assert kremlin.doc_id.str.startswith("kremlin:http://en.kremlin.ru/").all()
    assert (kremlin.url == kremlin.doc_id.str.removeprefix("kremlin:")).all()
    # The White House texts are hard-wrapped; line breaks inside paragraphs are kept.
    wh = articles[articles.source == "whitehouse"]
    assert wh.text.str.contains("\n[a-z]", regex=True).sum() > 1000
    assert articles.date.min() == pd.Timestamp("2021-10-01")
    assert articles.date.max() == pd.Timestamp("2022-07-31")


# ---- readers -------------------------------------------------------------------------------------

RECORDS = [
    {"id": "a1", "published": "2022-01-17", "headline": "Talks", "body": "Moscow and Washington will talk."},
    {"id": "a2", "published": "2022-02-24T05:00:00Z", "headline": "War", "body": "Russia invaded Ukraine."},
]
MAPPING = {"date": "published", "text": "body"}


def as_csv(records):
    return pd.DataFrame(records).to_csv(index=False)


def as_parquet(records, path):
    pd.DataFrame(records).to_parquet(path)
    return path.read_bytes()


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("ext", ["jsonl", "csv", "parquet"])
def test_structured_readers_with_mapping(tmp_path, ext, compress):
    raw = {"jsonl": lambda: jsonl(RECORDS), "csv": lambda: as_csv(RECORDS),
           "parquet": lambda: as_parquet(RECORDS, tmp_path / "tmp.parquet")}[ext]()
    path = write(tmp_path / f"news.{ext}{'.gz' if compress else ''}", raw, compress=compress)
    articles, rejects = load_articles(path, mapping=MAPPING, source="wire")
    assert rejects.empty
    assert articles.doc_id.tolist() == ["wire:a1", "wire:a2"]
    assert articles.date.tolist() == [pd.Timestamp("2022-01-17"), pd.Timestamp("2022-02-24")]
    assert articles.title.tolist() == ["Talks", "War"]  # "headline" found without a mapping entry
    assert articles.text.tolist() == [r["body"] for r in RECORDS]
    assert articles.line.tolist() == [2, 3] if ext == "csv" else [1, 2]


def test_txt_reader_gzip_and_leading_whitespace(tmp_path):
    write(tmp_path / "a.txt.gz", "   date 2022-03-01 A title\n\n\nFirst para.\n\nSecond para.\n\n", compress=True)
    articles, rejects = load_articles(tmp_path / "a.txt.gz")
    assert rejects.empty
    assert articles.loc[0, "title"] == "A title"
    assert articles.loc[0, "text"] == "First para.\n\nSecond para."


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2022-01-17", "2022-01-17", "day"),
        ("2022-06-24T17:30:00Z", "2022-06-24", "day"),
        ("2022-03", "2022-03-01", "month"),
        (2014, "2014-01-01", "year"),
        ("1999", "1999-01-01", "year"),
        ("17 January 2022", "2022-01-17", "day"),
    ],
)
def test_date_precision(tmp_path, value, expected, precision):
    path = write(tmp_path / "d.jsonl", jsonl([{"date": value, "text": "Some text."}]))
    articles, _ = load_articles(path)
    assert articles.loc[0, "date"] == pd.Timestamp(expected)
    assert articles.loc[0, "date_precision"] == precision


def test_ungdc_style_year_records(tmp_path):
    records = [{"doc_id": "UKR_77_2022", "year": 2022, "speaker": "Volodymyr Zelenskyy", "country": "UKR",
                "text": "Ukraine calls for peace."}]
    articles, _ = load_articles(write(tmp_path / "ungdc.jsonl", jsonl(records)), source="ungdc")
    row = articles.iloc[0]
    assert (row.doc_id, row.date_precision, row.speaker, row.country) == (
        "ungdc:UKR_77_2022", "year", "Volodymyr Zelenskyy", "UKR")


def test_folder_recursion_and_source_from_folder(tmp_path):
    write((tmp_path / "a" / "b").mkdir(parents=True) or tmp_path / "a" / "b" / "x.txt", " date 2022-01-01 X\n\nText x.")
    write(tmp_path / "a" / "y.jsonl", jsonl([{"date": "2022-01-02", "text": "Text y."}]))
    write(tmp_path / "a" / "notes.md", "not an input")
    write(tmp_path / "a" / ".hidden.txt", " date 2022-01-01 H\n\nHidden.")
    articles, rejects = load_articles(tmp_path / "a")
    assert rejects.empty
    assert sorted(articles.source) == ["a", "b"]
    assert len(articles) == 2


def test_list_of_paths_and_source_column(tmp_path):
    p1 = write(tmp_path / "one.jsonl", jsonl([{"date": "2022-01-01", "text": "A.", "source": "tass"}]))
    p2 = write(tmp_path / "two.txt", " date 2022-01-02 T\n\nB.")
    articles, _ = load_articles([p1, p2])
    assert articles.source.tolist() == ["tass", tmp_path.name]


def test_manifest_sets_source_and_mapping(tmp_path):
    write(tmp_path / "feed.csv", as_csv(RECORDS))
    write(tmp_path / "sources.yml", "files:\n  - path: '*.csv'\n    source: feed\n"
          "    mapping: {date: published, text: body, id: id, section: headline}\n")
    articles, rejects = load_articles(tmp_path)
    assert rejects.empty
    assert articles.doc_id.tolist() == ["feed:a1", "feed:a2"]
    assert articles.section.tolist() == ["Talks", "War"]  # an extra mapped column is kept


def test_malformed_manifest_names_the_file(tmp_path):
    write(tmp_path / "x.txt", " date 2022-01-01 X\n\nText.")
    write(tmp_path / "sources.yml", "files:\n  - path: x.txt\n    sorce: typo\n")
    with pytest.raises(LoadError, match=r"sources.yml: entry 'x.txt' has unknown keys \['sorce'\]"):
        load_articles(tmp_path)


def test_missing_path_raises():
    with pytest.raises(FileNotFoundError, match="no such file or folder: nowhere/at/all"):
        load_articles("nowhere/at/all")


# ---- bad input: one reason per reject, nothing lost ----------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.jsonl", b"\n \n", "empty file"),
    ("noheader.txt", b"Just some text without a header.\n", "missing or malformed date header"),
    ("badheader.txt", b" date yesterday Title\n\nText.", "unparseable date 'yesterday'"),
    ("impossible.txt", b" date 2022-02-30 Title\n\nText.", "impossible date '2022-02-30'"),
    ("notext.txt", b" date 2022-02-01 Title only\n\n   \n", "empty text"),
    ("binary.txt", b"\x00\x01\x02\x03 date 2022-01-01", "binary file"),
    ("undecodable.txt", b" date 2022-01-01 T\n\n\x81\x8d\x8f\x90\x9d", "undecodable bytes"),
    ("corrupt.jsonl.gz", b"this is not gzip", "not a readable gzip file"),
    ("corrupt.parquet", b"PAR1 definitely not parquet", "not a readable Parquet file"),
    ("nocol.csv", b"published,body_text\n2022-01-01,Hello\n", "missing required column 'text'"),
    ("strange.docx", b"whatever", "unsupported file type '.docx'"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_each_reject_reason(tmp_path, name, content, reason):
    good = write(tmp_path / "good.txt", " date 2022-01-01 Good\n\nGood text.")
    bad = write(tmp_path / name, content)
    articles, rejects = load_articles([good, bad])
    assert articles.title.tolist() == ["Good"]  # good input is still processed
    assert list(rejects.columns) == REJECT_COLUMNS
    assert len(rejects) == 1
    assert rejects.loc[0, "path"] == str(bad)
    assert rejects.loc[0, "reason"].startswith(reason), rejects.loc[0, "reason"]
    with pytest.raises(LoadError, match=f"^{bad}"):
        load_articles([good, bad], strict=True)


def test_cp1252_fallback_warns(tmp_path, caplog):
    path = write(tmp_path / "latin.txt", " date 2022-01-01 T\n\nRussia\x92s position \x93firm\x94.".encode("latin-1"))
    articles, rejects = load_articles(path)
    assert rejects.empty
    assert articles.loc[0, "text"] == "Russia’s position “firm”."
    assert "decoded as cp1252" in caplog.text


def test_broken_json_line_keeps_the_others(tmp_path):
    lines = [
        {"date": "2022-01-01", "text": "One."},
        '{"date": "2022-01-02", "text": "Two.',                       # broken JSON
        {"date": "2022-01-03"},                                        # no text field
        {"date": "2022-02-30", "text": "Impossible date."},
        {"date": "2022-01-05", "text": "  "},                          # empty text
        "[1, 2]",                                                      # not an object
        {"text": "No date."},
        {"date": "2022-01-08", "text": "Eight."},
    ]
    articles, rejects = load_articles(write(tmp_path / "mixed.jsonl", jsonl(lines)))
    assert articles.text.tolist() == ["One.", "Eight."]
    assert articles.line.tolist() == [1, 8]
    assert rejects.line.tolist() == [2, 3, 4, 5, 6, 7]
    reasons = rejects.reason.tolist()
    assert reasons[0].startswith("broken JSON line")
    assert reasons[1].startswith("missing required column 'text'")
    assert reasons[2].startswith("impossible date")
    assert reasons[3] == "empty text"
    assert reasons[4] == "JSON line is a list, not an object"
    assert reasons[5] == "missing required column 'date' (columns: text)"
    assert len(articles) + len(rejects) == len(lines)


def test_csv_bad_row_line_number(tmp_path):
    content = 'date,text\n2022-01-01,"one\nspanning two lines"\n2022-01-02,two,extra\n2022-01-03,three\n'
    articles, rejects = load_articles(write(tmp_path / "x.csv", content))
    assert articles.line.tolist() == [2, 5]
    assert rejects.line.tolist() == [4]
    assert rejects.reason.tolist() == ["CSV record has 3 fields, the header has 2"]


def test_duplicate_doc_id_is_a_reject(tmp_path):
    recs = [{"id": "x", "date": "2022-01-01", "text": "First."}, {"id": "x", "date": "2022-01-02", "text": "Other."}]
    articles, rejects = load_articles(write(tmp_path / "d.jsonl", jsonl(recs)), source="d")
    assert articles.text.tolist() == ["First."]
    assert rejects.reason.tolist() == [f"duplicate doc_id 'd:x' (first at {tmp_path / 'd.jsonl'}:1)"]


def test_counts_in_equal_loaded_plus_rejected(tmp_path):
    for name, content, _ in BAD_FILES:
        write(tmp_path / name, content)
    write(tmp_path / "ok.jsonl", jsonl([{"date": "2022-01-01", "text": f"Text {i}."} for i in range(5)]
                                      + ["{broken", {"date": "x", "text": "bad date"}]))
    articles, rejects = load_articles(tmp_path)
    assert len(articles) == 5
    # each bad file is one input, plus the two bad lines; .docx is not an input of a folder
    assert len(rejects) == len(BAD_FILES) - 1 + 2


# ---- doc_id and duplicates -----------------------------------------------------------------------

def test_doc_id_is_a_stable_content_hash(tmp_path):
    a = write(tmp_path / "a.txt", " date 2022-01-17 Title\n\nSame  text here.")
    first = load_articles(a).articles.doc_id[0]
    assert re.fullmatch(rf"{tmp_path.name}:[0-9a-f]{{16}}", first)
    # Normalisation: case and white space do not change the id; the date does.
    write(a, " date 2022-01-17 title\n\nsame text   here.")
    assert load_articles(a).articles.doc_id[0] == first
    write(a, " date 2022-01-18 title\n\nsame text here.")
    assert load_articles(a).articles.doc_id[0] != first


def test_seed_doc_id_is_the_same_on_every_machine():
    import datetime as dt

    from analysis._validate import content_id

    articles, _ = load_articles(config.SEED_ARTICLE)
    row = articles.iloc[0]
    expected = content_id(dt.date(2022, 1, 17), SEED_TITLE, row.text)
    assert row.doc_id == f"news:{expected}"
    assert row.doc_id == "news:" + __import__("hashlib").blake2b(
        ("2022-01-17\n" + " ".join(SEED_TITLE.casefold().split()) + "\n" + " ".join(row.text.casefold().split()))
        .encode(), digest_size=8).hexdigest()


def test_exact_and_near_duplicates(tmp_path):
    near = STORY.replace("on Tuesday", "on Wednesday")  # one word changed: near-duplicate
    other = "A different story about grain exports through the Black Sea ports and shipping insurance. " * 3
    recs = [
        {"id": "late", "date": "2022-01-05", "title": "Copy", "text": STORY.upper()},  # exact (after case folding)
        {"id": "orig", "date": "2022-01-01", "title": "Original", "text": STORY},
        {"id": "wire", "date": "2022-01-03", "title": "Other headline", "text": near},
        {"id": "other", "date": "2022-01-02", "title": "Unrelated", "text": other},
    ]
    path = write(tmp_path / "w.jsonl", jsonl(recs))
    articles, rejects = load_articles(path, source="w")
    dup = dict(zip(articles.doc_id, articles.duplicate_of))
    assert dup["w:late"] == "w:orig" and dup["w:wire"] == "w:orig"  # both point at the earliest copy
    assert pd.isna(dup["w:orig"]) and pd.isna(dup["w:other"])
    exact_only = load_articles(path, source="w", near_duplicates=False).articles
    assert exact_only.duplicate_of.notna().sum() == 1
    dropped = load_articles(path, source="w", drop_duplicates=True)
    assert sorted(dropped.articles.doc_id) == ["w:orig", "w:other"]
    assert dropped.rejects.reason.str.startswith("duplicate of w:orig (dropped on request)").sum() == 2
    assert len(dropped.articles) + len(dropped.rejects) == len(recs)


def test_near_duplicate_threshold_is_jaccard(tmp_path):
    """Half of the text rewritten: Jaccard of 5-word shingles is far below 0.8, so not a duplicate."""
    words = STORY.split()
    half = " ".join(words[: len(words) // 2] + [w + "x" for w in words[len(words) // 2:]])
    recs = [{"id": "a", "date": "2022-01-01", "text": STORY}, {"id": "b", "date": "2022-01-02", "text": half}]
    articles, _ = load_articles(write(tmp_path / "h.jsonl", jsonl(recs)))
    assert articles.duplicate_of.isna().all()


def test_load_result_is_a_named_tuple():
    result = load_articles(config.SEED_ARTICLE)
    assert isinstance(result, LoadResult)
    articles, rejects = result
    assert result.articles is articles and result.rejects is rejects


@pytest.mark.shared
def test_shared_kremlin_and_ungdc(shared_data, tmp_path):
    shutil.copy(shared_data / "kremlin" / "kremlin_en_2021-10_2022-06.csv.gz", tmp_path / "k.csv.gz")
    articles, rejects = load_articles(tmp_path / "k.csv.gz", source="kremlin")
    assert len(articles) == 816 and rejects.empty
    assert (articles.title.notna()).all()


@pytest.mark.slow
@pytest.mark.shared
def test_shared_ungdc_full_corpus(shared_data):
    """The UN General Debate corpus: 6,174 speeches, year precision, nothing lost (SOURCE.md's counts)."""
    path = shared_data / "ungdc" / "ungdc_1991_2023.jsonl.gz"
    articles, rejects = load_articles(path, source="ungdc")
    assert len(articles) + len(rejects) == 6174
    assert rejects.empty
    assert (articles.date_precision == "year").all()
    assert articles.date.dt.year.min() == 1991 and articles.date.dt.year.max() == 2023
    assert articles.doc_id.str.fullmatch(r"ungdc:[A-Z]+_\d+_\d{4}").all()
    assert articles.speaker.notna().mean() > 0.95
    assert articles.loc[articles.doc_id == "ungdc:UKR_77_2022", "country"].tolist() == ["UKR"]
