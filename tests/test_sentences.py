"""Tests for analysis.sentences: hand-made cases and every sentence of the seed article."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.sentences import SENTENCE_COLUMNS, sentence_spans, split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def _seed_text() -> str:
    """The seed article's text: everything after the header line and the blank line."""
    raw = config.SEED_ARTICLE.read_text(encoding="utf-8")
    header, _, text = raw.partition("\n\n")
    assert header.lstrip().startswith("date 2022-01-17")
    return text


SEED_SENTENCES = [
    "Moscow expects to hear back from Washington and NATO on its proposals, according to Foreign Minister Lavrov.",
    "In the coming days, Moscow and Washington will hold new talks on security guarantees, Russia’s foreign minister said on Monday, amid ongoing tensions over Ukraine’s fate and the presence of thousands of Russian troops on its borders.",
    "Following a meeting with his Croatian counterpart Gordan Radman, Sergey Lavrov told a news conference in Moscow that Russia expects to hear back from the US and NATO on its proposals.",
    "“We are placing our faith in the concrete responses Russia has promised to the draft documents it has handed over to the US and NATO members.”",
    "“There will be some contacts on this topic in the coming days,” the minister stated.",
    "Moscow is particularly interested in learning “how the West intends to fulfill its obligations as set forth in the documents of the OSCE (Organization for Security and Cooperation in Europe) summits in Istanbul in 1999 and Astana in 2010,” according to Lavrov.",
    # a quotation continued across a paragraph break: one sentence per paragraph
    "“According to these documents, OSCE member states will not strengthen their security at the expense of other states’ security.",
    "It also states that no single country, group of countries, or organization can be given primary responsibility for ensuring peace and stability in the region,” he added.",
    "Russia has been eager to prevent Ukraine from joining NATO, which it regards as a threat to its security.",
    "When asked about the United States’ threats to impose additional sanctions on Russia in the event of military action in Ukraine, Lavrov said the US is continuing its “smear campaign” accusing Russia of plotting provocations.",
    "According to him, the US can help Ukraine implement the 2014 Minsk Protocol.",
    # two sentences in one paragraph: the quote with its attribution, then the next quote
    "“Today, Ukraine is under the external control of the US,” he said.",
    "“Washington is perfectly capable of simply forcing the Kyiv regime to finally implement the Minsk agreements.”",
    "Radman, for one, believes that EU countries that are not NATO members must also participate in security discussions.",
    "He also expressed confidence that the security talks will lead to a successful conclusion.",
    "“To overcome mutual differences, first and foremost, mutual trust must be established, and at this stage of building trusting relations, it is necessary to discuss arms limitation,” he said.",
]


def test_seed_article_every_sentence():
    text = _seed_text()
    sentences = split_sentences(pd.DataFrame({"doc_id": ["seed"], "text": [text]}))
    assert sentences["text"].tolist() == SEED_SENTENCES
    assert sentences["sent_id"].tolist() == list(range(16))
    for row in sentences.itertuples():
        assert text[row.start : row.end] == row.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations of the domain do not end sentences
        (
            "Mr. Lavrov met Gen. Milley and Amb. Smith. They talked.",
            ["Mr. Lavrov met Gen. Milley and Amb. Smith.", "They talked."],
        ),
        (
            "The U.S. Government and the U.K. Foreign Office agreed.",
            ["The U.S. Government and the U.K. Foreign Office agreed."],
        ),
        (
            "Talks with the U.S. The next round is in Geneva.",
            ["Talks with the U.S.", "The next round is in Geneva."],
        ),
        (
            "See resolution No. 2118 of Jan. 6 for details.",
            ["See resolution No. 2118 of Jan. 6 for details."],
        ),
        ("Sanctions, e.g. Export controls, work.", ["Sanctions, e.g. Export controls, work."]),
        ("President Joseph R. Biden signed it.", ["President Joseph R. Biden signed it."]),
        ("They met in St. Petersburg on Friday.", ["They met in St. Petersburg on Friday."]),
        (
            "It starts at 10 a.m. EDT in the Briefing Room.",
            ["It starts at 10 a.m. EDT in the Briefing Room."],
        ),
        ("We met at 10 a.m. Talks went on.", ["We met at 10 a.m.", "Talks went on."]),
        ("It was signed in 2014. The war went on.", ["It was signed in 2014.", "The war went on."]),
        ("MS. PSAKI said so. Next.", ["MS. PSAKI said so.", "Next."]),
        # quotations: a quote closing mid-sentence keeps its attribution
        (
            "“We will not accept this. NATO must stop,” he said. Then he left.",
            ["“We will not accept this. NATO must stop,” he said.", "Then he left."],
        ),
        ("“Why?” he asked. Fine.", ["“Why?” he asked.", "Fine."]),
        (
            'He said "we act. They wait," and left. Done.',
            ['He said "we act. They wait," and left.', "Done."],
        ),
        (
            "“We will not accept this. NATO must stop.” Then he left.",
            ["“We will not accept this.", "NATO must stop.”", "Then he left."],
        ),
        # a quote left open at a paragraph end holds nothing together: it ends with the paragraph
        (
            "“It goes on. And on.\n\nAnd on,” he said.",
            ["“It goes on.", "And on.", "And on,” he said."],
        ),
        # line breaks inside a paragraph are spaces; paragraphs end sentences
        (
            "The talks\nwill go on. The United\nStates agreed.",
            ["The talks\nwill go on.", "The United\nStates agreed."],
        ),
        ("Russia expects talks\n\nMoscow said so.", ["Russia expects talks", "Moscow said so."]),
        ("First point\rSecond point", ["First point", "Second point"]),
        ("One.\r\nTwo\r\n\r\nThree", ["One.", "Two", "Three"]),
        ("Wait… Then go.", ["Wait…", "Then go."]),
        # bullets and numbered lists
        (
            "Leaders agreed:\n- more sanctions\n- more aid",
            ["Leaders agreed:", "- more sanctions", "- more aid"],
        ),
        ("1. First item\n2. Second item", ["1. First item", "2. Second item"]),
        # White House speaker labels
        (
            "MS. PSAKI:\xa0 Hi, everyone.\xa0 Good afternoon.\n\nQ\xa0\xa0\xa0 Thanks, Jen.\xa0 Why?",
            ["MS. PSAKI:", "Hi, everyone.", "Good afternoon.", "Q", "Thanks, Jen.", "Why?"],
        ),
        ("THE PRESIDENT: Thank you. Please sit.", ["THE PRESIDENT:", "Thank you.", "Please sit."]),
        ("SECRETARY BLINKEN:  Good morning.", ["SECRETARY BLINKEN:", "Good morning."]),
        ("  \n\n  ", []),
    ],
)
def test_hand_cases(text, expected):
    assert _split(text) == expected


def test_offsets_and_frame_contract():
    articles = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["  Hello there. Bye.  ", pd.NA, "One\n\nTwo."],
            "title": ["x", "y", "z"],
        }
    )
    sentences = split_sentences(articles)
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert sentences[["doc_id", "sent_id", "start", "end"]].values.tolist() == [
        ["a", 0, 2, 14], ["a", 1, 15, 19], ["c", 0, 0, 3], ["c", 1, 5, 9],
    ]  # fmt: skip
    assert sentences["sent_id"].dtype == "int64"


def test_missing_columns_is_a_clear_error():
    with pytest.raises(KeyError, match="text"):
        split_sentences(pd.DataFrame({"doc_id": ["a"]}))


def test_empty_frame():
    sentences = split_sentences(
        pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    )
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert len(sentences) == 0


def test_bundled_corpus_offsets_are_exact():
    """On every bundled article: text == article[start:end], stripped, increasing, non-overlapping."""
    whitehouse = pd.read_json(
        config.SEEDS_DIR / "whitehouse_2021-10_2022-07.jsonl.gz", lines=True
    ).head(400)
    kremlin = pd.read_csv(config.SEEDS_DIR / "kremlin_en_2021-10_2022-06.csv.gz").head(300)
    articles = pd.concat(
        [
            whitehouse[["doc_id", "text"]],
            kremlin.rename(columns={"link": "doc_id", "body": "text"})[["doc_id", "text"]],
        ]
    )
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    sentences = split_sentences(articles)
    assert len(sentences) > 10_000
    previous_end: dict[str, int] = {}
    for row in sentences.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text
        assert row.start >= previous_end.get(row.doc_id, 0)
        previous_end[row.doc_id] = row.end
    labels = sentences["text"].str.fullmatch(r"MS\. PSAKI:|Q")
    assert labels.sum() > 100  # the press briefings' speaker labels are sentences of their own
