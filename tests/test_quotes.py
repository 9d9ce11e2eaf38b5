"""Quotations and reported speech (find_quotes) on the seed article, hand-made texts and the gold set."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import config, load_articles
from analysis._speakers_eval import (
    AGREEMENT_DIR,
    GOLD_DIR,
    agreement,
    doc_counts,
    evaluate,
    gold_articles,
    read_jsonl,
    score_quotes,
    suspicious_speaker,
)
from analysis.quotes import find_quotes


@pytest.fixture(scope="module")
def seed():
    articles, _ = load_articles(config.SEED_ARTICLE)
    return articles, find_quotes(articles)


def _quotes(text: str, **extra) -> pd.DataFrame:
    return find_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text], **extra}))


# (start of the span, kind, cue, speaker) for every quotation of the seed article, worked out by reading it
SEED = [
    ("Moscow expects to hear back from Washington", "indirect", "according to", "Sergei Lavrov"),
    ("In the coming days, Moscow and Washington", "indirect", "said", "Sergei Lavrov"),
    ("Russia expects to hear back from the US", "indirect", "told", "Sergei Lavrov"),
    ("We are placing our faith", "direct", "", "Sergei Lavrov"),
    ("There will be some contacts", "direct", "stated", "Sergei Lavrov"),
    ("Moscow is particularly interested", "mixed", "according to", "Sergei Lavrov"),
    ("According to these documents, OSCE", "direct", "added", "Sergei Lavrov"),
    ("the US is continuing its “smear campaign”", "mixed", "said", "Sergei Lavrov"),
    ("the US can help Ukraine", "indirect", "according to", "Sergei Lavrov"),
    ("Today, Ukraine is under the external control", "direct", "said", "Sergei Lavrov"),
    ("Washington is perfectly capable", "direct", "said", "Sergei Lavrov"),
    ("EU countries that are not NATO members", "indirect", "believes", "Gordan Grlić Radman"),
    ("the security talks will lead", "indirect", "expressed confidence", "Gordan Grlić Radman"),
    ("To overcome mutual differences", "direct", "said", "Gordan Grlić Radman"),
]


def test_seed_article_attributions(seed):
    articles, quotes = seed
    text = articles["text"].iloc[0]
    assert len(quotes) == len(SEED)
    for row, (opening, kind, cue, speaker) in zip(quotes.itertuples(), SEED, strict=True):
        assert row.start == text.index(opening), opening
        assert row.text == text[row.start : row.end]
        assert (row.kind, row.cue, row.speaker) == (kind, cue, speaker), opening
        assert row.speaks_for == ("Russia" if speaker == "Sergei Lavrov" else "")
    # the paragraph-spanning quote is one record, ending at the comma before the closing mark
    spanning = quotes.iloc[6]
    assert "\n\nIt also states that" in spanning.text and spanning.text.endswith("in the region,")
    # indirect spans exclude cue, "that" and the full stop
    assert quotes.iloc[2].text == "Russia expects to hear back from the US and NATO on its proposals"
    # the last direct quote is Radman's ("he said" after "He also expressed confidence"), not Lavrov's
    assert quotes.iloc[-1].text.startswith("To overcome") and quotes.iloc[-1].speaker.endswith("Radman")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight quotes, attribution after with the inverted order
        ('"We will not accept this ultimatum," said Dmitry Peskov.', [("We will not accept this ultimatum,", "direct", "said", "Dmitry Peskov")]),
        # curly quotes, attribution before with a colon
        ("Jen Psaki told reporters: “The sanctions will bite hard.”", [("The sanctions will bite hard.", "direct", "told", "Jen Psaki")]),
        # a title and a scare phrase with no speech cue are no quotations
        ("The forum “Foster High-Quality BRICS Partnership” opened. The so-called “peacekeepers” left.", []),
        # a pronoun refers back to a speaker of compatible gender
        (
            "Maria Zakharova said that talks had failed. “Nothing will change,” she added.",
            [("talks had failed", "indirect", "said", "Maria Zakharova"), ("Nothing will change,", "direct", "added", "Maria Zakharova")],
        ),
        # a lexicon title names the person directly; an object noun phrase is no reported clause
        (
            "The NATO secretary general stressed that the alliance is defensive. He stressed the importance of unity.",
            [("the alliance is defensive", "indirect", "stressed", "Jens Stoltenberg")],
        ),
    ],
)  # fmt: skip
def test_quote_forms(text, expected):
    quotes = _quotes(text)
    assert list(zip(quotes.text, quotes.kind, quotes.cue, quotes.speaker, strict=True)) == expected


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        # coordinated reporting verbs give one record each; a non-reporting predicate ends the clause
        (
            "Anton Alikhanov confirmed that this was a problem and said that a programme had been adopted. "
            "He noted that fishing grew and asked for support.",
            "kremlin",
            [("this was a problem", "confirmed", "Anton Alikhanov"), ("a programme had been adopted", "said", "Anton Alikhanov"),
             ("fishing grew", "noted", "Anton Alikhanov")],
        ),
        # a cue after a first, non-reporting predicate; the subject is the sentence's
        (
            "Alexander Brechalov spoke about the plant and said that the factory rolled out new products.",
            "kremlin",
            [("the factory rolled out new products", "said", "Alexander Brechalov")],
        ),
        # a parenthetical cue splits the sentence into two records
        (
            "Vladimir Putin spoke about the programme. This work, he said, was underway in many regions.",
            "kremlin",
            [("This work", "said", "Vladimir Putin"), ("was underway in many regions", "said", "Vladimir Putin")],
        ),
        # an office after a lower-case article, resolved through the source's labels
        (
            "During the meeting, the Vice President said that the principles of liberty are at stake.",
            "whitehouse",
            [("the principles of liberty are at stake", "said", "Kamala Harris")],
        ),
        # groups and agentless passives hold no named speaker
        (
            "The presidents exchanged greetings and noted that relations are developing. "
            "Hope was expressed that the talks would continue.",
            "kremlin",
            [("relations are developing", "noted", ""), ("the talks would continue", "expressed", "")],
        ),
        # "Name of Place, State" subject; "in X's words" and a quotation joined by "and"
        (
            "Mayor Melvin Carter of St. Paul, Minnesota said that interventions have helped. The Army was, in "
            "Odierno’s words, “admired by our Allies” and “feared by our adversaries.”",
            "whitehouse",
            [("interventions have helped", "said", "Melvin Carter"), ("admired by our Allies", "words", "Odierno"),
             ("feared by our adversaries.", "words", "Odierno")],
        ),
        # a line label before the quotation; an inverted cue after indirect content
        (
            "**Lambda Legal**: “This is a historic day for equality.”\n\nPrices will fall soon, said Janet Yellen.",
            "whitehouse",
            [("This is a historic day for equality.", "", "Lambda Legal"), ("Prices will fall soon", "said", "Janet Yellen")],
        ),
        # a Kremlin message is the President's
        (
            "“Russia shares the grief of those who lost their families,” the message from the President of Russia reads, in part.",
            "kremlin",
            [("Russia shares the grief of those who lost their families,", "reads", "Vladimir Putin")],
        ),
        # "I" inside a transcript turn is the turn's speaker, never "I’ve"
        (
            "MS. PSAKI:  I’ve said that we will not back down on this.\n\nQ    Thank you.",
            "whitehouse",
            [("we will not back down on this", "said", "Jen Psaki")],
        ),
    ],
)  # fmt: skip
def test_reported_speech_forms(text, source, expected):
    quotes = _quotes(text, source=[source])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == expected
    assert not quotes.speaker.map(suspicious_speaker).any()


@pytest.mark.parametrize(
    "text",
    [
        "He stressed the importance of unity. We learned that the plant had closed.",  # object NP, perception verb
        "He mentioned the fact that the two countries were allies. He noted the fact that they were allies.",
        "Vladimir Putin noted all the good work done in the region and thanked the Governor.",  # NP object
        "The Vice President underscored the strength and unity of our Alliance.",
        "Does the administration believe that sanctions work? How long does the U.S. believe that Kyiv can hold?",
        "If Harry said he would do something, he did it.",  # hypothetical
        "We believe that a woman’s right to choose is fundamental.",  # the author's own statement
        "In particular, a procedure is to come into force for nationals of the states that are undertaking hostile actions.",
    ],
)  # fmt: skip
def test_no_quotation_in_non_speech(text):
    assert _quotes(text, source=["whitehouse"]).empty


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        # a reporting verb with an opinion noun: "reiterated his view that"
        (
            "Secretary Blinken reiterated his view that the alliance must stay united.",
            "whitehouse",
            [("the alliance must stay united", "reiterated his view", "Antony Blinken")],
        ),
        # "As X noted, CONTENT" with any reporting verb, after the previous sentence on the same line
        (
            "Talks ended.  As Vladimir Putin noted, Russia is open to dialogue.",
            "kremlin",
            [("Russia is open to dialogue", "noted", "Vladimir Putin")],
        ),
        # a reported clause after a colon, without quotation marks, ends at the semicolon
        (
            "Vladimir Putin spoke about the economy. He added: the budget was balanced; inflation was falling.",
            "kremlin",
            [("the budget was balanced", "added", "Vladimir Putin")],
        ),
        # the author's comment on the claim and a closing markdown emphasis end the clause
        (
            "Sergei Lavrov said that the US had ignored Russia's concerns, a claim Washington rejects. "
            "*The minister said that talks would resume.* Prices rose.",
            "news",
            [("the US had ignored Russia's concerns", "said", "Sergei Lavrov"), ("talks would resume", "said", "Sergei Lavrov")],
        ),
        # a coordinated cue keeps its whole phrase ("expressed confidence"); "said many times that"
        (
            "Sergei Lavrov noted that the talks were useful and expressed confidence that a deal was near. "
            "He has said many times that Russia wants guarantees.",
            "kremlin",
            [("the talks were useful", "noted", "Sergei Lavrov"), ("a deal was near", "expressed confidence", "Sergei Lavrov"),
             ("Russia wants guarantees", "has said", "Sergei Lavrov")],
        ),
        # a text is held by the body named with it, else by nobody; groups with a quantifier and coordinated
        # subjects hold no single speaker
        (
            "The Trustees report says that costs fell. The PMA Vision states that reform is needed. Both companies "
            "stated that they are operating around the clock. The President of Russia and the Federal Chancellor "
            "of Germany agreed that the talks would continue.",
            "kremlin",
            [("costs fell", "says", "Trustees"), ("reform is needed", "states", ""),
             ("they are operating around the clock", "stated", ""), ("the talks would continue", "agreed", "")],
        ),
        # "according to [new analysis](url) from X" (a markdown link), "..., according to data from X"
        (
            "According to [new analysis](https://example.org/a) from the White House Council of Economic Advisers, "
            "ownership explains the gap. Enrollment rose by 5.8 million, according to data from HHS.",
            "whitehouse",
            [("ownership explains the gap", "according to", "White House Council of Economic Advisers"),
             ("Enrollment rose by 5.8 million", "according to", "HHS")],
        ),
        # a quoted fragment after "urged X to" / "committed to" (with a markdown link and a subject before
        # "and"); a named body after "The" as written; a pseudo-cleft "Another point X emphasised was that"
        (
            "A [year ago today](https://example.org/a), President Biden signed an order and urged the Office to "
            "“work with leaders of different faiths.” The Pacific Islands Forum, the driver of regional action, "
            "committed to organize its members “as one collective.” Another point the President of Russia "
            "emphasised was that the operation was proceeding according to plan.",
            "whitehouse",
            [("work with leaders of different faiths.", "urged", "Joe Biden"),
             ("as one collective.", "committed to", "Pacific Islands Forum"),
             ("the operation was proceeding according to plan", "emphasised", "Vladimir Putin")],
        ),
        # a reported question; "asked X to do" is no quotation
        (
            "The President asked what more his team can do to help. He asked the CEOs to increase production.",
            "whitehouse",
            [("what more his team can do to help", "asked", "Joe Biden")],
        ),
        # Kremlin messages (plural) are the President's; an office nobody named holds is kept as written
        (
            "“Peace matters for all of us,” the messages say. We are, in the words of the Secretary-General, "
            "“gridlocked in colossal global dysfunction”.",
            "kremlin",
            [("Peace matters for all of us,", "say", "Vladimir Putin"),
             ("gridlocked in colossal global dysfunction", "words", "Secretary-General")],
        ),
        # "According to X, based on Y, CONTENT"; a long lower-case appositive between subject and cue
        (
            "According to the Council of Economic Advisers, based on data from the SBA, ownership explains the gap. "
            "Jane Doe, the Associate Deputy Secretary at the Department of the Interior, discussed how the law "
            "will help parks.",
            "whitehouse",
            [("ownership explains the gap", "according to", "Council of Economic Advisers"),
             ("how the law will help parks", "discussed", "Jane Doe")],
        ),
        # a base form after a modal is a cue ("will reiterate that"), never in a joint statement's own voice or
        # as a first-person aside; progressive cues; a name with "Jr."
        (
            "Today, President Biden will reiterate that climate change is a clear danger. The Leaders note that the "
            "war must end. I will stress that we are ready. Today, President Joseph R. Biden, Jr. declared that a "
            "major disaster exists in the State of Washington. The Vice President is announcing that new funds "
            "are available.",
            "whitehouse",
            [("climate change is a clear danger", "reiterate", "Joe Biden"),
             ("a major disaster exists in the State of Washington", "declared", "Joe Biden"),
             ("new funds are available", "is announcing", "Kamala Harris")],
        ),
        # "according to" a named text (speaker "") or a bare group, also inside a relative clause; the reported
        # clause ends before a trailing "according to"
        (
            "According to the 2020 National Survey on Drug Use and Health, only 2.7 million received treatment. "
            "The Senate must pass the Act, which, according to leading economists, will cut costs for families. "
            "The officials said the talks would continue next week, according to a statement by the ministry.",
            "whitehouse",
            [("only 2.7 million received treatment", "according to", ""),
             ("will cut costs for families", "according to", "leading economists"),
             ("the talks would continue next week", "said", "")],
        ),
        # a quotation glued to the full stop before it ('space."This'); a cue splitting an extraposed subject;
        # a sentence adverb before a parenthetical cue is not content; "It was emphasised once again that"
        (
            'Vladimir Putin expressed confidence that the agreements will help."This obviously meets our '
            'interests," the President of Russia stressed. It was critically important, he said, to simplify the '
            "procedure. Overall, the President said, the situation is stable. It was emphasised once again that "
            "Kiev is imitating a negotiating process.",
            "kremlin",
            [("the agreements will help", "expressed confidence", "Vladimir Putin"),
             ("This obviously meets our interests,", "stressed", "Vladimir Putin"),
             ("It was critically important", "said", "Vladimir Putin"),
             ("to simplify the procedure", "said", "Vladimir Putin"),
             ("the situation is stable", "said", "Vladimir Putin"),
             ("Kiev is imitating a negotiating process", "emphasised", "")],
        ),
        # a number-word group holds no single speaker; "has been clear that", "expressed that"; "according to a
        # recent study"; a present-tense cue of a bare group ("Experts tell us that") is a report
        (
            "17 Nobel Prize winners in economics have said that the plan will ease prices. President Biden has been "
            "clear that we need to fund the police. Vice President Harris expressed that the nation faces a crisis. "
            "According to a recent study, the gap would narrow. Experts tell us that this may be due to tourism.",
            "whitehouse",
            [("the plan will ease prices", "said", ""),
             ("we need to fund the police", "has been clear", "Joe Biden"),
             ("the nation faces a crisis", "expressed", "Kamala Harris"),
             ("the gap would narrow", "according to", ""),
             ("this may be due to tourism", "tell", "Experts")],
        ),
        # ", saying he will ..."; "continues to believe"; "we added jobs" is an object, not a clause; the
        # publisher's state stating its own view is the author speaking
        (
            "The President thanked the participants, saying he will continue to partner with them. The President’s "
            "medical team continues to believe that vaccines will protect people. Today we added jobs on top of "
            "that. The United States believes 5G security needs a global approach.",
            "whitehouse",
            [("he will continue to partner with them", "saying", "Joe Biden"),
             ("vaccines will protect people", "believe", "President’s medical team")],
        ),
    ],
)  # fmt: skip
def test_reported_speech_frames(text, source, expected):
    quotes = _quotes(text, source=[source])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "As an English teacher, I have always believed in the power of language.",  # "believe in" is no report
        "The Houthis have claimed responsibility for this attack.",  # a noun object
        "The Prime Minister noted the contribution that Russia had made to the conference.",  # relative clause
        "It takes courage. To be honest about the struggles you’ve faced and say, “I’m not OK at all.”",  # generic
    ],
)
def test_no_quotation_in_non_speech_frames(text):
    assert _quotes(text, source=["whitehouse"]).empty


def test_antecedents_untitled_names_first_names_and_subjects():
    text = (
        "John Smith, a farmer from Ohio, spoke at the event. He said that prices were rising fast. "
        "Jake Sullivan spoke on Monday. Later, Jake said that the talks went well. "
        "Vladimir Putin informed Recep Tayyip Erdogan of the progress of the talks. He emphasised that the work "
        "was proceeding according to plan."
    )
    quotes = _quotes(text, source=["news"])
    # an unknown name in subject position is an antecedent; a first name gets the full name given earlier;
    # "he" after "X informed Y" is the subject X, not the more recent object Y
    assert quotes.speaker.tolist() == ["John Smith", "Jake Sullivan", "Vladimir Putin"]
    assert quotes.speaks_for.tolist() == ["", "United States", "Russia"]
    # a place or body opening a sentence is no person ("United States said" leaves "he" to the last person)
    other = _quotes("Mark Jones said the talks went well. New York said nothing. Jones added that more would follow.")
    assert other.speaker.tolist() == ["Mark Jones", "Mark Jones"]
    # a filler word opening the sentence is no first name ("What Fritz said ..." names no "What Fritz")
    filler = _quotes("Sergei Lavrov spoke. What Fritz said was wrong. He added that talks would resume.")
    assert filler.speaker.tolist() == ["Sergei Lavrov"]


def test_statement_label_and_quotation_over_three_paragraphs():
    text = (
        "*Statement from President Biden:* “I am proud to announce that Karine will serve.\n\n"
        "“She has my trust.\n\n“Jen has set the standard,” he said."
    )
    quotes = _quotes(text, source=["whitehouse"])
    assert len(quotes) == 1
    row = quotes.iloc[0]
    assert row.text.startswith("I am proud") and row.text.endswith("Jen has set the standard,")
    assert (row.kind, row.speaker, row.speaks_for) == ("direct", "Joe Biden", "United States")


def test_statement_without_closing_mark_runs_to_its_paragraph_end():
    text = (
        "*Statement from President Biden:* “Mayor Bottoms understands that democracy is about work.\n\n"
        "**Heading**\n\nThe “twice” rule applies. Other text."
    )
    quotes = _quotes(text, source=["whitehouse"])
    assert quotes.text.tolist() == ["Mayor Bottoms understands that democracy is about work."]
    assert quotes.speaker.tolist() == ["Joe Biden"]
    # a stray opening mark inside a sentence is still dropped
    assert _quotes("He called it “a farce.\n\nTalks went on.").empty


def test_un_speech_first_person_is_the_speaker_field():
    text = (
        "We believe that peace is possible. I have said many times that Ukraine will never give up. "
        "As the Secretary-General said, the Charter is not a menu."
    )
    quotes = _quotes(text, source=["ungdc"], speaker=["VOLODYMYR ZELENSKYY"], country=["UKR"])
    # "We believe" is the speaker's own statement, no quotation; "I have said" reports his earlier words
    assert quotes.text.tolist() == ["Ukraine will never give up", "the Charter is not a menu"]
    assert quotes.speaker.tolist() == ["Volodymyr Zelensky", "Secretary-General"]
    # the office as written speaks for the target of the lexicon's titles ending in it ("the UN Secretary-General")
    assert quotes.speaks_for.tolist() == ["Ukraine", "United Nations"]
    # a speaker the lexicon does not know keeps the field's name (title-cased) and speaks for the country
    other = _quotes("I have said before that reform is overdue.", speaker=["JOHN DOE"], country=["USA"])
    assert list(zip(other.speaker, other.speaks_for)) == [("John Doe", "United States")]


def test_quote_spanning_paragraphs_with_reopening_mark():
    text = "Lavrov said:\n\n“First paragraph of the statement.\n\n“Second paragraph of it,” he added. Nothing else."
    quotes = _quotes(text)
    assert len(quotes) == 1
    row = quotes.iloc[0]
    assert row.text.startswith("First paragraph") and row.text.endswith("Second paragraph of it,")
    assert row.speaker == "Sergei Lavrov" and row.kind == "direct"


def test_unclosed_quote_does_not_glue_the_document():
    text = "He called it “a farce.\n\nMeanwhile, talks went on.\n\nPutin said: “We are ready to talk.”"
    quotes = _quotes(text)
    assert quotes.text.tolist() == ["We are ready to talk."]
    assert quotes.speaker.tolist() == ["Vladimir Putin"]


def test_direct_quotation_layouts_of_releases():
    text = (
        "*“From the earliest days of our nations, our peoples have shared a strong bond.”*\n\nPresident Joe Biden\n"
        "September 27, 2021\n\n“This guide will help communities,” said **Mitch Landrieu, Senior Advisor.** “Building "
        "a better America requires that we leave no community behind.”\n\nHe said, and I quote, “The combination of "
        "private enterprise and government has been really successful.” End of quote. As I told Americans in my "
        "address yesterday evening, “I’ll always have your back.” The members praised the law, noting that "
        "“infrastructure is our workplace,” and investments in roads will support their industry."
    )
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.kind, quotes.cue, quotes.speaker, strict=True)) == [
        ("direct", "", "Joe Biden"),  # the byline under an epigraph
        ("direct", "said", "Mitch Landrieu"),  # "said **Name, Title.**": markdown around the attribution
        ("direct", "said", "Mitch Landrieu"),  # the next quotation of the paragraph continues it
        ("direct", "said", "Mitch Landrieu"),  # "He said, and I quote, “...”"
        ("direct", "told", "Joe Biden"),  # "As I told X in my address ..., “...”": the author's earlier words
        ("mixed", "noting", ""),  # a clause that opens with a quotation and goes on after it
    ]
    assert quotes.text.iloc[-1].startswith("“infrastructure is our workplace,” and investments")


def test_quotations_a_speaker_cites_are_not_the_speakers_words():
    text = (
        "President of Russia Vladimir Putin: Colleagues, the platform included the following provisions, I quote: "
        "“The republics of the USSR shall possess all the rights of sovereign states.” Our partners know it. "
        "“Can we get anything done at all?” That is what they ask. Sergei Lavrov said, “We are ready to talk.” "
        "As Joe always says, “If there are any angels in heaven, they are all nurses.”"
    )
    quotes = _quotes(text, source=["kremlin"])
    assert list(zip(quotes.cue, quotes.speaker, strict=True)) == [
        ("", ""),  # "I quote:": an introducer, the words are a document's
        ("", ""),  # unintroduced, inside Putin's turn: not his own words
        ("said", "Sergei Lavrov"),
        ("says", "Joe"),  # "As Joe always says": the subject without "As"
    ]


def test_office_subject_and_titled_names_in_readouts():
    text = ("Vladimir Putin noted that the region is one of the national leaders. The Governor started his report "
            "with a coronavirus update. He said the healthcare system is generally coping. Caspian states "
            "neighbouring on the region are also interested in this. The Governor told the President how the region "
            "launched a pilot project.")
    quotes = _quotes(text, source=["kremlin"], title=["Meeting with Governor of Yamalo-Nenets Autonomous Area "
                                                      "Dmitry Artyukhov"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("the region is one of the national leaders", "Vladimir Putin"),
        ("the healthcare system is generally coping", "Dmitry Artyukhov"),  # "He" after "The Governor started"
        ("how the region launched a pilot project", "Dmitry Artyukhov"),  # "told the President how ..."
    ]  # "Caspian states neighbouring ..." is no cue: "states" needs "that"


def test_other_verbs_with_a_that_clause():
    text = ("Senator Manchin joked that his one regret was the weather. The President pledged that we will continue "
            "to share doses. The President shared that tragic story. The Senate passed that bill a year ago. "
            "The Secretary learned that the plant had closed. He signed that the order would take effect.")
    quotes = _quotes(text, source=["whitehouse"])
    # a verb outside the cue list still reports speech with a that-clause; "that" as a determiner, and verbs of
    # knowing or signing, do not
    assert list(zip(quotes.text, quotes.cue, strict=True)) == [
        ("his one regret was the weather", "joked"), ("we will continue to share doses", "pledged")]


def test_a_sentence_handed_to_a_speaker_by_the_next():
    text = ("The Ukrainian state must create a safe environment for every Ukrainian. This was stated by President of "
            "Ukraine Volodymyr Zelenskyy during a speech in Kyiv. Russia will not win this war. Mykhailo Podoliak "
            "emphasized this during a briefing. He noted this opportunity depends on the talks.")
    quotes = _quotes(text, source=["president-ua"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, quotes.speaks_for, strict=True)) == [
        ("The Ukrainian state must create a safe environment for every Ukrainian", "stated", "Volodymyr Zelensky",
         "Ukraine"),
        ("Russia will not win this war", "emphasized", "Mykhailo Podolyak", "Ukraine"),
        ("this opportunity depends on the talks", "noted", "Mykhailo Podolyak", "Ukraine"),  # "this" a determiner
    ]


def test_publisher_bodies_speak_for_its_state():
    text = ("The Department of Justice said that the case was closed. A senior administration official said that "
            "talks would go on. Senator Manchin said that the bill was dead.")
    white_house = _quotes(text, source=["whitehouse"])
    assert list(zip(white_house.speaker, white_house.speaks_for, strict=True)) == [
        ("Department of Justice", "United States"), ("senior administration official", "United States"),
        ("Manchin", "")]  # a legislator speaks for no state
    news = _quotes(text, source=["news"])
    assert set(news.speaks_for) == {""}  # only the publisher's own government's bodies
    states = _quotes("Russia said that it may deploy missiles. NATO stated that it would respond.", source=["news"])
    assert list(zip(states.speaker, states.speaks_for, strict=True)) == [("Russia", "Russia"), ("NATO", "NATO")]


def test_you_in_a_transcript_is_the_person_addressed():
    text = (
        "MS. PSAKI:  We will have more to say on that.\n\n"
        "Q    You said yesterday that the President would travel to Poland.  Is that still the plan?\n\n"
        "MS. PSAKI:  As you know, plans change.  You can say that it is likely.\n\n"
        "Q    Dr. Walensky, you just said that masks are still recommended.\n\n"
        "DR. WALENSKY:  That is right.  And, Jeff, you told us that supplies are ample.\n\n"
        "Q    Thank you.  As you noted, cases are falling."
    )
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-03-01")])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("the President would travel to Poland", "Jen Psaki"),  # a reporter's "you": the official answering
        ("masks are still recommended", "Rochelle Walensky"),  # addressed by name (in the lexicon)
        ("supplies are ample", "Jeff"),  # named, but no Jeff has spoken or been named in full
        ("cases are falling", "Rochelle Walensky"),  # the official of the turn before
    ]  # "As you know" and "You can say that" are no quotations


def test_a_title_alone_refers_back_to_its_holder():
    text = ("This was their second meeting, with Prime Minister Kishida and President Biden. The Prime Minister "
            "complimented the President and made clear that Japan would be fully behind the United States. "
            "Governor Abbott said that the border was closed.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.cue, quotes.speaker, strict=True)) == [
        ("made clear", "Fumio Kishida"), ("said", "Abbott")]


def test_people_of_a_speakers_story_are_named_as_written():
    text = ("THE PRESIDENT:  Senator Cantwell, thank you.  I got to tell you a quick story.  The little girl said, "
            "“Could I talk to you?”  And she said, “Can I talk to you, Mister?”  My dad said, “Don’t tell me "
            "what you value.  Show me your budget.”  My uncle used to say, “You are labor from belt buckle to shoe "
            "sole.”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.cue, quotes.speaker, strict=True)) == [
        ("said", "little girl"), ("said", "little girl"),  # not the last woman named (Cantwell)
        ("said", "dad"),  # "My dad": the relation, without the possessive
        ("say", "uncle"),  # habitual speech ("used to say") of a named relation is a quotation
    ]


def test_content_closed_by_as_someone_said():
    text = ("Vladimir Putin: Today's meeting is taking place in a difficult time, as the President of Russia has just "
            "said. These wounds are no different from wounds that, as I said, our soldiers suffer. Sergei Lavrov: "
            "Our talks went well, as I said.")
    quotes = _quotes(text, source=["kremlin"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("Today's meeting is taking place in a difficult time", "said", "Vladimir Putin"),
        ("our soldiers suffer", "said", "Vladimir Putin"),  # mid-sentence "as I said,": the rest of the sentence
        # too short a clause before "as I said" ("Our talks went well") is no quotation
    ]


def test_stories_in_a_speech():
    text = ("THE PRESIDENT:  I remember a guy named Tommy Schranck.  And he said, “Let’s go out and meet the guys.”  "
            "I’m thinking to myself, “My God, these guys are supporting me.”  I had an uncle who used to say, “Joey, "
            "you’re labor.”  My dad used to say — when someone would say, “Let me tell you what I value, Joe.”  He’d "
            "look at them and say, “Show me your budget.”  The little girl said, “Could I talk to you?”  And her dad "
            "said, “You know, the national park.”  She said, “You promise?”  But, years ago, for this job, I said, "
            "“Please take your seats.”  I reported to you earlier that the risks were high.  The Secretary held up a vial, assuring the world that it was "
            "a chemical agent.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.kind, quotes.cue, quotes.speaker, strict=True)) == [
        ("direct", "said", "Tommy Schranck"),  # "a guy named X" is the antecedent of "he"
        ("direct", "thinking", "Joe Biden"),  # a thought in quotation marks is the thinker's
        ("direct", "say", "uncle"),  # "an uncle who used to say": the noun of the relative clause
        # "used to say — when someone would say": a false start after the dash, and a hypothetical, are no quotes
        ("direct", "say", "dad"),  # "He’d look at them": "My dad" is the antecedent
        ("direct", "said", "little girl"),
        ("direct", "said", "dad"),
        ("direct", "said", "little girl"),  # "she" is not the dad
        ("direct", "said", "Joe Biden"),  # the words before "I said, “" are no reported clause
        ("indirect", "reported", "Joe Biden"),  # "reported to you earlier that"
        ("indirect", "assuring", "Secretary"),  # a participle with an object before "that"
    ]


def test_quoted_authors_named_around_the_quotation():
    text = ("THE PRESIDENT:  I want to quote General Mikhail Dragomirov, a prominent military theorist: “Devotion to "
            "the Motherland is the main goal.”  It reminds me of that phrase of philosopher Kierkegaard: “Faith sees "
            "best in the dark.”  It’s been said that “memory is the power to gather roses in winter.”  In my own "
            "country, a former president named Abraham Lincoln voiced the opposing spirit.  He said, “Let us have "
            "faith that right makes might.”  The Fed Chairman Powell spoke yesterday.  He said, quote, “There are too "
            "many areas.”  Madeleine Albright knew Vaclav Havel.  When Madeleine eulogized him, she used these "
            "words, and I quote, “He cast light into places of deepest darkness.”  And before we passed the plan, "
            "forecasters said it would take until 2023 to get there.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.kind, quotes.speaker, strict=True)) == [
        ("direct", "Mikhail Dragomirov"),  # "I want to quote X, ...:"
        ("direct", "Kierkegaard"),  # "that phrase of X:"
        ("direct", ""),  # "It’s been said that “...”": nobody named
        ("direct", "Abraham Lincoln"),  # "a former president named X" is a subject, not an object
        ("direct", "Powell"),  # "Chairman Powell"; "said, quote," is a cue
        ("direct", "Madeleine Albright"),  # "Madeleine" alone is the full name given earlier
        ("indirect", "forecasters"),  # a bare plural group as a subject
    ]


def test_introducers_of_speech_in_transcripts():
    text = ("Vladimir Putin: I have told you over the phone more than once: the Russian Federation is always under "
            "sanctions. President Biden announced a bold new goal: increasing the share of contracts by 2025. "
            "According to one study, officers are more likely to die by suicide. My son was a major. And he’d go, "
            "“Oh, Dad.” Barbara Humpton, President and CEO of Siemens USA, will announce that Siemens will invest "
            "$54 million. Do you think they are watching and asking, “Who are the American people?”")
    quotes = _quotes(text, source=["kremlin"])
    assert list(zip(quotes.kind, quotes.cue, quotes.speaker, strict=True)) == [
        ("indirect", "told", "Vladimir Putin"),  # a colon after a few words: what follows is the content
        # "announced a bold new goal:": an object before the colon, no quotation
        ("indirect", "according to", ""),  # "one study"
        ("direct", "go", "son"),  # "he’d go, “...”"
        ("indirect", "announce", "Barbara Humpton"),  # a title-led apposition between subject and verb
        # "Do you think ... asking": a question's auxiliary is no speaker
    ]


def test_asides_and_echoes_in_speeches():
    text = ("THE PRESIDENT:  The NRA called this rule I’m about to announce, “extreme.”\n\nThey targeted people who "
            "were, quote, “stuck,” and the, quote, “foreign policy establishment.”  And I’m like, “I’m not going "
            "to be respectful?”  My grandmother would yell, “No, Joey, spread it.”  As it was said yesterday during "
            "the meeting, the efforts came to naught.  Reporters have heard me say many times: it has never been a "
            "good bet to bet against America.  I often say that America can be defined in one word.  People ask me, "
            "“Will the bus get me home on time?”\n\nAUDIENCE:  “Fine by me!”\n\nQ  You have already said that this "
            "is not the case, but in what borders?")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-04-11")])
    assert list(zip(quotes.kind, quotes.cue, quotes.speaker, strict=True)) == [
        ("direct", "called", "NRA"),  # "called X, “...”" (like "described X as")
        ("direct", "quote", ""),  # "who were, quote, “...”" (in the paragraph of a quotation: its speaker's);
        # "the, quote, “...”" sets off a name: no quotation
        ("direct", "like", "Joe Biden"),  # "I’m like, “...”": a reaction voiced
        ("direct", "yell", "grandmother"),
        ("indirect", "said", ""),  # "As it was said ...": agentless
        ("indirect", "say", "Joe Biden"),  # "heard me say many times:"
        ("indirect", "say", "Joe Biden"),  # "I often say that": habitual, not performative
        # the imagined question and the audience's own chant are nobody's quotation
        ("indirect", "said", "Joe Biden"),  # a reporter's "You have already said that X, but ...?"
    ]


def test_people_named_by_relation_or_occupation_and_spouses():
    text = ("THE PRESIDENT:  If I want to know anything about community colleges, I go to my wife.  And she says, "
            "“It’s the best-kept secret in America.”  Her grandson told me that he would run again.  The nun would "
            "tell me, “Joey, you can do this.”  As my colleagues said, the plan works.  One study found that prices "
            "have fallen by half.  When asked if he would change anything, the rabbi said, quote, “We do the best we can.”  "
            "A couple of my colleagues wrote a piece about it.  Her wife told “CBS This Morning” that she was "
            "scared.  His mother demanded that her son be sent home.  The report observes that consolidation poses "
            "risks.  I found that it was hard.")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-02-10")])
    assert list(zip(quotes.kind, quotes.cue, quotes.speaker, quotes.speaks_for, strict=True)) == [
        ("direct", "says", "Jill Biden", "United States"),  # "my wife" in Joe Biden's turn: the lexicon's spouse
        ("indirect", "told", "grandson", ""),  # a relation the document does not name: as written
        ("direct", "tell", "nun", ""),
        ("indirect", "said", "colleagues", ""),  # "my colleagues": a group named by role keeps its words
        ("indirect", "found", "", ""),  # a study's finding ("One" is no holder); "I found that" is no quotation
        ("direct", "said", "rabbi", ""),  # the question before "X said," is not content; "quote," is not either
        # "wrote a piece", and a programme's title after "told", are no quotations
        ("indirect", "demanded", "mother", ""),  # a subjunctive clause ("be sent")
        ("indirect", "observes", "", ""),
    ]
    assert quotes.text.tolist()[-2] == "her son be sent home"


def test_he_in_a_speakers_story_is_not_the_speaker():
    text = ("THE PRESIDENT:  Today is my son Beau’s birthday.  He looked at me, and he said, “Dad, promise me.”  I "
            "said, “I’ll be good, Beau.”  He said, “No, dad, promise me.”\n\nMy mother, God love her, used to have "
            "an expression.  She’d say, “Out of everything bad, something good will come.”  My brother Jimmy was "
            "there.  And she said, “Keep going.”")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-02-03")])
    assert list(zip(quotes.cue, quotes.speaker, strict=True)) == [
        ("said", "Beau Biden"),  # "my son Beau" in Joe Biden's turn: a son shares his surname
        ("said", "Joe Biden"),  # "I said"
        ("said", "Beau Biden"),  # "He" after the speaker's own "I said": never the speaker himself
        ("say", "mother"),  # "God" in "God love her" is no name for her
        ("said", "mother"),  # "she": not "my brother Jimmy", a man
    ]


def test_words_reported_to_the_speaker_by_nobody_named():
    text = ("THE PRESIDENT:  I’m told I’ve spent more time with him than any other leader.  For 30 years, we have been "
            "told that there will be no expansion.  I was told to sit down.  Thank you for what I’m told is episode "
            "224.  We were told he was ill, and he said, “I’m fine.”  You are being persistently told that your "
            "difficulties are Russia's fault.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("I’ve spent more time with him than any other leader", "told", ""),
        ("there will be no expansion", "told", ""),
        # an order ("told to"), a relative clause ("what I’m told is") and a sentence whose quotation follows
        # ("he said, “...”") give no agentless report
        ("I’m fine.", "said", ""),
        ("your difficulties are Russia's fault", "told", ""),
    ]


def test_told_someone_a_bare_clause_and_a_cue_with_its_occasion():
    text = ("THE PRESIDENT:  Pat came to see me, and he told me they’re ready to invest.  I told her if she sees me "
            "on campus, she should wave.  I’ve never forgotten what Meir told me when I was a senator.  I told them the "
            "truth.  The doctors explained to me what was going on.  He said to me what he said many times before.  "
            "As President Zelenskyy said in his speech to the European Parliament “Light will win over darkness.”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, strict=True)) == [
        ("they’re ready to invest", "told"),
        ("if she sees me on campus, she should wave", "told"),
        # "told me when I was ...": a time, not what was told; "told them the truth": an object
        ("what was going on", "explained"),
        # "said to me what he said": no reported question
        ("Light will win over darkness.", "said"),  # the cue, its occasion, then the quotation without a comma
    ]
    assert quotes.speaker.tolist()[-1] == "Volodymyr Zelensky"
    told = _quotes("THE PRESIDENT:  I was telling a couple of the firefighters that I was raised in Claymont.",
                   source=["whitehouse"])
    assert list(zip(told.text, told.cue, told.speaker, strict=True)) == [
        ("I was raised in Claymont", "was telling", "Joe Biden")]


def test_a_participle_cue_takes_the_subject_of_its_own_verb():
    text = ("Aide to the President Yury Ushakov: Good evening.  I want to note straight away that the Russian President "
            "responded by saying that Russia was going to study the proposals.  He made clear, however, that they did "
            "not address the concerns.")
    quotes = _quotes(text, source=["kremlin"])
    assert list(zip(quotes.cue, quotes.speaker, strict=True)) == [
        ("saying", "Vladimir Putin"),  # not "I", the aide who opens the sentence
        ("made clear", "Vladimir Putin"),
    ]


def test_own_past_attitudes_and_imperatives_are_no_quotations():
    text = ("Be assured nonetheless that my Government has every confidence in you.  I had hoped that we would see "
            "improvement.  We persisted because we believed that the threat was real.  Countries in Africa have "
            "determined that they cannot abandon gas.  The minister believed that the threat was real.")
    quotes = _quotes(text, speaker=["Mia Amor Mottley"], country=["BRB"])
    assert list(zip(quotes.cue, quotes.text, strict=True)) == [("believed", "the threat was real")]  # a third person's


def test_content_closed_by_as_i_pointed_out_with_an_adverb_and_an_occasion():
    quotes = _quotes("Vladimir Putin: Colleagues, good afternoon.  This is not our goal, as I pointed out openly in my "
                     "statement on February 24.", source=["kremlin"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("This is not our goal", "pointed out", "Vladimir Putin")]


def test_when_someone_said_is_a_past_report_not_a_hypothesis():
    quotes = _quotes("Sergei Lavrov: Thank you.  Mr Radman put it very well when he said that this is a new dimension "
                     "of our ties.  When he thinks that we are wrong, he tells us.", source=["kremlin"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("this is a new dimension of our ties", "Gordan Grlić Radman")]


def test_he_after_the_speakers_conversation_with_someone_is_that_person():
    quotes = _quotes("Vladimir Putin: Good day.  Marat Khusnullin said the plan works.  I had a conversation about this "
                     "recently with Uzbekistan's President during his visit.  He said Uzbekistan is also interested.",
                     source=["kremlin"])
    assert quotes.speaker.tolist() == ["Marat Khusnullin", "Uzbekistan's President"]


def test_said_it_from_the_beginning_and_no_he_for_a_committee():
    text = ("THE PRESIDENT:  I’ve said it from the beginning that my administration will look like America.  I served "
            "on the Foreign Relations Committee.  A professor had lunch with me.  And he said, “How much more do you "
            "need to know?”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("my administration will look like America", "Joe Biden"),
        ("How much more do you need to know?", ""),  # not "Relations Committee"
    ]


def test_someone_described_through_another_person_is_new():
    quotes = _quotes("President Biden met Xi Jinping on Monday.  Afterwards, the senator’s spokesman said that the "
                     "bill would pass.")
    assert quotes.speaker.tolist() == ["senator’s spokesman"]  # not the last person named


def test_sayings_and_how_often_something_was_said():
    text = ("THE PRESIDENT:  As the saying goes, the early bird gets the worm.  You know, there’s an old expression: "
            "God made man and then he made a few firefighters.  We find truth in the old proverb, “A good example is "
            "the best sermon.”  He used an expression, “go big.”  I’ve said many times, we must not repeat the "
            "mistakes.  He called me and said to me what he said many times before.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("the early bird gets the worm", "saying", ""),
        ("God made man and then he made a few firefighters", "saying", ""),
        ("A good example is the best sermon.", "proverb", ""),
        # a two-word phrase in quotation marks is a term, not a saying
        ("we must not repeat the mistakes", "said", "Joe Biden"),  # "many times," is not content
        # "what he said many times before": nothing said is reported
    ]


def test_a_sentence_adverb_between_the_cue_and_that():
    quotes = _quotes("Yury Ushakov said the talks were long.  He made clear, however, that the proposals did not "
                     "address the concerns.")
    assert quotes.text.tolist() == ["the talks were long", "the proposals did not address the concerns"]
    assert quotes.speaker.tolist() == ["Yury Ushakov", "Yury Ushakov"]


def test_a_past_speech_verb_before_the_marks_gives_a_quotation_even_without_a_readable_subject():
    text = ("THE PRESIDENT:  As a parent of one of the first children to receive a shot said, quote, “Today is such a "
            "huge sigh of relief.”  End of quote.  Twenty-five years ago my Ambassador reminded me of this — I said — "
            "started off by saying, “For your freedom and for ours.”  And all the press went in and said, “How do "
            "you feel about it?”  Not one of you have ever called and said, “Can I get this done?”  Folks, as we "
            "used to say when I was a senator, “If you’d excuse the point of personal privilege” — I have to go on.  "
            "People would look at me like, “What is he talking about?”  Jill Biden looked at him like, “Are you serious?”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.kind, quotes.cue, quotes.speaker, strict=True)) == [
        # "As X said, quote, “...”": a direct quotation, not a mixed one holding "quote,"; X may be a long phrase
        ("Today is such a huge sigh of relief.", "direct", "said", "parent"),
        # the subject is the last one before a verb in the clause: "I said", not "my Ambassador reminded"
        ("For your freedom and for ours.", "direct", "saying", "Joe Biden"),
        # no subject the rules can name ("all the press"): a quotation, speaker unknown
        ("How do you feel about it?", "direct", "said", ""),
        # negated or hypothetical speech ("Not one of you have ever called and said") gives none
        ("If you’d excuse the point of personal privilege", "direct", "say", "Joe Biden"),  # "as we used to say"
        # "look at me like, “...”": a reaction voiced (a capitalised "People" is not a name the rules can resolve)
        ("What is he talking about?", "direct", "like", ""),
        ("Are you serious?", "direct", "like", "Jill Biden"),
    ]


def test_told_someone_then_a_comma_clause_and_heard_me_say():
    quotes = _quotes("The Fed Chairman Powell said — made it clear that he doesn’t think we are in a recession.")
    assert quotes.text.tolist() == ["he doesn’t think we are in a recession"]  # a cue rephrased after a dash
    assert quotes.speaker.tolist() == ["Powell"]
    text = ("THE PRESIDENT:  I was telling the president of this organization, I grew up in a neighborhood where you "
            "became a cop.  I’m telling you, it is true.  Many are tired of hearing me say I think we’re at another "
            "inflection point.  I heard her say many times: Teaching is who you are.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("I grew up in a neighborhood where you became a cop", "was telling", "Joe Biden"),
        # "I’m telling you, ...": the speaker's own emphasis, not a report
        ("I think we’re at another inflection point", "say", "Joe Biden"),
        ("Teaching is who you are", "say", ""),  # "her" with no antecedent
    ]


def test_a_message_after_a_colon_and_a_present_they_tell_me():
    text = ("THE PRESIDENT:  My message to the people of Ukraine is the message I delivered today to their Foreign "
            "Minister: We stand with you.  Period.  And they had one message for all of us: Do something.  The vast "
            "majority of officers tell us that peer support works.  Mr. President, they tell me you’re over there.  "
            "I tell you that it works.  You tell me that it works.  My message: vote.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("We stand with you", "message", "Joe Biden"),
        ("Do something", "message", ""),  # "they" with no antecedent
        ("peer support works", "tell", "officers"),  # a group named by role keeps its words
        ("you’re over there", "tell", ""),
        # "I tell you that", "You tell me that": the turn's own words or a hypothetical; "My message: vote." has
        # no giver
    ]


def test_a_story_person_named_after_his_name_was_and_a_he_skips_a_womans_name():
    text = ("THE PRESIDENT:  Antony Blinken spoke first.  There was a great pitcher.  His name was Satchel Paige.  And "
            "Satchel Paige, on his 47th birthday, pitched a win.  The reporters said, “How do you feel?”  He said, “Boys, "
            "that’s not how I look at it.”  Then Carole King sang.  He said, “I look at it this way.”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("How do you feel?", "reporters"),
        ("Boys, that’s not how I look at it.", "Satchel Paige"),  # not Blinken, named before the story
        ("I look at it this way.", "Satchel Paige"),  # "Carole King" is a woman's name: not the "he"
    ]


def test_thirteenth_batch_patterns_stories_asides_and_reports():
    text = ("THE PRESIDENT:  Thank you all.  You’ve heard me say this before over the years: My dad had an expression.  "
            "He said, “Don’t tell me what you value.  Show me your budget.”  I want to thank Congressman Higgins.  "
            "And, Gov, I called her.  She said, “This is a big Scranton.  Come.”  I got a call one night; the woman "
            "said to me — obviously not of the same persuasion as I was, politically — called me and said, “There’s "
            "a dead dog on my lawn.”  There’s a line from an English poet, John Milton.  He said, “They also serve "
            "who only stand and wait.”  As he once said — and I will quote — “If we act together, we are strong.”  "
            "I always joke that I grew up in places where you became a cop.  I told you all I ran for one reason.  "
            "As you’ve mentioned, there are a fair number of people here.  The reports are that there was a "
            "shooting.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("My dad had an expression", "say", "Joe Biden"),
        # the speaker's kin named inside his own report is the antecedent of the "he" that follows
        ("Don’t tell me what you value.  Show me your budget.", "said", "dad"),
        # "Congressman Higgins" is a man: not the "she"; nobody else is
        ("This is a big Scranton.  Come.", "said", ""),
        # a negation inside a dashed aside does not make the report hypothetical; the subject of "said" is taken
        ("There’s a dead dog on my lawn.", "said", "woman"),
        # an appositive name closing a sentence is an antecedent
        ("They also serve who only stand and wait.", "said", "John Milton"),
        ("If we act together, we are strong.", "said", "John Milton"),  # "As he once said — and I will quote —"
        ("I grew up in places where you became a cop", "joke", "Joe Biden"),
        ("I ran for one reason", "told", "Joe Biden"),
        ("there are a fair number of people here", "mentioned", ""),  # "you" not called by name
        ("there was a shooting", "reports", ""),
    ]


def test_im_told_in_mid_sentence_a_spouses_first_name_and_hollered():
    quotes = _quotes("THE PRESIDENT:  Tammy Duckworth, I’m told, is here.", source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [("Tammy Duckworth", ""), ("is here", "")]
    quotes = _quotes("THE FIRST LADY:  You know, Joe always says that politics is personal.", source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [("politics is personal", "Joe Biden")]
    quotes = _quotes("As I walked up, the journalists hollered from a distance: “Will we survive the sanctions?”")
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("Will we survive the sanctions?", "hollered", "journalists")
    ]


def test_groups_named_by_role_keep_their_words_and_they_refers_back_to_one():
    text = ("Some students told us they were placed in short jobs.  The vast majority of law enforcement officers tell "
            "us that peer support works.  The CEOs of major oil companies have said they’ll increase investment.  "
            "They have the capacity.  They say there’s nothing the government needs to do.  The leaders noted that "
            "the talks went well.  They said the work goes on.")
    quotes = _quotes(text)
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("they were placed in short jobs", "students"),
        ("peer support works", "law enforcement officers"),
        ("they’ll increase investment", "CEOs of major oil companies"),
        ("there’s nothing the government needs to do", "CEOs of major oil companies"),
        ("the talks went well", ""),  # leaders acting jointly: nobody (guide 1.3)
        ("the work goes on", ""),
    ]


def test_a_first_name_alone_and_the_person_of_a_story_are_antecedents():
    text = ("THE VICE PRESIDENT:  Good afternoon.  Monique and I were talking backstage.  And she said, “I can’t "
            "imagine doing anything else.”  I was kidding Pat Gelsinger’s team.  Thank you, Jim.  I was kidding Pat "
            "earlier.  He said, “You start over at 100,000 bucks.”  We visited Bob and Elizabeth Dole.  Bob said, "
            "“We will win.”  The poor woman they put on the phone — she just blurted out, “They are gone.”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("I can’t imagine doing anything else.", "Monique"),  # a first name the list knows as a woman's
        ("You start over at 100,000 bucks.", "Pat Gelsinger"),  # the full name given elsewhere; "Jim" is addressed
        ("We will win.", "Bob Dole"),  # "Bob and Elizabeth Dole"
        ("They are gone.", "poor woman"),
    ]


def test_a_mid_sentence_as_i_said_gives_both_clauses_and_saying_to_someone():
    text = ("THE PRESIDENT:  I’ve attended this memorial many times, as I said, to pay my respects.  Wounds that, as I "
            "said, our military encounters are deep.  You know, who knows, maybe, as I said, someday you’ll be here.  "
            "I was saying to Sarah in the back, because I — when I was Sarah’s age, the idea was new.  And, you know, "
            "I told you that’s the toughest job in America.  My message is: It’s time to act.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("I’ve attended this memorial many times", "Joe Biden"),  # a clause of its own before the aside
        ("to pay my respects", "Joe Biden"),
        ("our military encounters are deep", "Joe Biden"),  # "Wounds that" is a fragment
        ("someday you’ll be here", "Joe Biden"),  # "You know, who knows, maybe" is filler
        ("when I was Sarah’s age, the idea was new", "Joe Biden"),  # the false start left out
        ("that’s the toughest job in America", "Joe Biden"),
        ("It’s time to act", "Joe Biden"),
    ]


def test_a_name_an_editor_gives_in_brackets_is_an_antecedent():
    text = ("Vladimir Putin: We set it up at the initiative of the First President of Kazakhstan [Nursultan "
            "Nazarbayev]. I remember the conversation we had, when he said, “You must choose what matters to you.”")
    quotes = _quotes(text)
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("You must choose what matters to you.", "Nursultan Nazarbayev")
    ]


def test_a_question_put_to_someone_and_his_answer():
    text = ("Q    Over the weekend, before the President left\nLos Angeles, he was asked whether he had decided to go to "
            "Saudi Arabia.  And his answer was, “No, not yet.”")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("whether he had decided to go to Saudi Arabia", "asked", ""),  # nobody named as asking
        ("No, not yet.", "answer", "Joe Biden"),  # "Los Angeles" is a place, not the antecedent of "his"
    ]


def test_straight_marks_glued_to_the_word_before_pair_up():
    # the Kremlin's scraped texts lost the space before an opening mark; a glued mark opens only when a mark that
    # looks closing follows in its paragraph, so a lone glued mark (inches, a typo) opens nothing
    text = ('Joseph Biden, in turn, focused on what he described as"threatening" actions. Putin said that sanctions '
            'are"a mistake" and "illegal". The pipe is 5" wide. He then left.')
    quotes = _quotes(text)
    assert list(zip(quotes.text, quotes.kind, quotes.speaker, strict=True)) == [
        ("threatening", "direct", "Joe Biden"),
        ('sanctions are"a mistake" and "illegal"', "mixed", "Vladimir Putin"),
    ]


def test_plain_reports_found_in_an_unlabelled_audit():
    # each was missed before: a possessive whose noun backtracked into the lookahead ("its member|s will"), an
    # organisation or a text that was not a subject noun, "that is why" read as a question, "Ukraine" eaten as a
    # title word
    text = ("The union has announced its members will work those extra shifts.  And that is why President Biden "
            "announced that the DNC will transfer $15 million.  Ukraine says that pro-Russian forces have shelled a "
            "kindergarten.  And, again, our plan says that any drug company can only raise prices.  Why did he say "
            "that the talks had failed?  He announced his decision today.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("its members will work those extra shifts", "announced", "union"),
        ("the DNC will transfer $15 million", "announced", "Joe Biden"),
        ("pro-Russian forces have shelled a kindergarten", "says", "Ukraine"),
        ("any drug company can only raise prices", "says", ""),  # a text: its holder is not named
    ]  # the question and "announced his decision" (an object) give nothing


def test_a_bold_name_and_title_before_a_statement_and_a_promise_to_someone():
    text = ("**Business Leader Statements:**\n\n**Karen Lynch – CVS Health President and CEO**   “We’re seeing progress "
            "with port congestion and staffing levels.”\n\n**Rodney McMullen – Kroger CEO**\n“At Kroger, we feel great "
            "about our ability to serve our customers.”\n\n**Thank you**   “for all you do for our families here.”"
            "\n\nHe promised every American that there will be vaccines.  He promised to make sure that it works.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text.str[:20], quotes.cue, quotes.speaker, strict=True)) == [
        ("We’re seeing progres", "", "Karen Lynch"),  # the name before the dash, not the title
        ("At Kroger, we feel g", "", "Rodney McMullen"),
        ("there will be vaccin", "promised", "Rodney McMullen"),  # "every American": the one promised; "he": the
        # last man named
    ]  # "**Thank you**" is no name; "promised to make sure that": an infinitive


def test_a_report_inside_a_reporters_question():
    text = ("Q    Are travel restrictions too late, given that Dr. Fauci says this new variant could already be here?  "
            "Has the President said that he will go?  Do you think the President said that he will go?")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("this new variant could already be here", "Anthony Fauci"),  # the question's premise
    ]  # the report is itself what is asked: no quotation


def test_a_relative_who_before_the_cue_names_the_speaker():
    text = ("I spoke with Jake Sullivan, who told me that the talks had failed.  We campaigned for Democrats who said "
            "they wanted to do away with it.  Those who say that the economy is weak are wrong.  Who said that the war "
            "is over?")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("the talks had failed", "Jake Sullivan"),
        ("they wanted to do away with it", "Democrats"),
    ]  # "Those who say" is nobody in particular; "Who said ...?" asks


def test_progressive_and_point_cues_and_an_office_named_by_a_possessive():
    text = ("Q    Ukraine’s government is telling its people that an invasion is not imminent.  Their defense minister "
            "said, “Don’t worry, sleep well.”\n\nMR. SULLIVAN:  When I appeared on the Sunday shows, I made the point "
            "that we were in the window.  President Biden was very clear that the United States will act.  Large "
            "companies are announcing they will use those expanded hours.  It was clear that he was tired.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("an invasion is not imminent", "is telling", "Ukraine’s government"),
        ("Don’t worry, sleep well.", "said", "defense minister"),  # unnamed: the office as written
        ("we were in the window", "made the point", "Jake Sullivan"),
        ("the United States will act", "was very clear", "Joe Biden"),
        ("they will use those expanded hours", "are announcing", "Large companies"),  # a group by role keeps its
        # words (guide 3)
    ]  # "It was clear that": nobody speaks


def test_i_quote_after_the_cue_a_cleft_subject_and_a_company_named_with_a_possessive():
    text = ("THE PRESIDENT:  It was Jus- — it was Justice Scalia who wrote, and I quote, “Like most rights, the right "
            "is not unlimited.”  Here’s what Moody’s said: “The bills do not add to inflation pressures.”  And "
            "Putin’s action refutes Russia’s claimed commitment to diplomacy.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text.str[:22], quotes.cue, quotes.speaker, strict=True)) == [
        ("Like most rights, the ", "wrote", "Justice Scalia"),
        ("The bills do not add t", "said", "Moody’s"),
    ]  # "Russia’s claimed commitment": a possessive before an adjective, no cue


def test_joint_asides_sayings_and_to_quote_someone():
    text = ("THE PRESIDENT:  And as the three of us have discussed, we have more to do.  But, as you and I have "
            "previously said, we have seen this before.  Frank and Nancy, everyone here, as they say, feels your pain "
            "a little bit.  It has already become, to quote Mr Gref, one of the main global venues for AI.  As we "
            "talked about the weather, it started raining.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("we have more to do", "discussed", ""),  # several people jointly
        ("we have seen this before", "said", ""),
        ("feels your pain a little bit", "saying", ""),  # a saying: nobody's words
        ("one of the main global venues for AI", "quote", "Gref"),
    ]  # "talked about the weather": an object, not an aside


def test_a_name_introduced_after_a_colon_is_the_antecedent_of_he():
    text = ("THE PRESIDENT:  And one of the best ambassadors we’ve ever had to Mexico: Ken Salazar.  (Applause.)\n\n"
            "We were campaigning when I was seeking the vice presidency with President Obama.\n\nAnd he kept "
            "telling me — he said, “Now, look, Joe, there’s a couple of thousand people across the track.”")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-05-05")])
    assert quotes.speaker.tolist() == ["Ken Salazar"]  # Obama is only named after "with"


def test_the_report_is_the_body_that_released_it():
    text = ("The Department of Defense (DoD) released a new report today on competition. The report finds that "
            "consolidation poses risks. The Brookings report says that prices rose. A report says that costs fell.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("consolidation poses risks", "Department of Defense"),
        ("prices rose", "Brookings"),
        ("costs fell", ""),  # no holder named
    ]


def test_a_reporters_he_refers_back_into_the_answer_before():
    text = ("MS. PSAKI:  I don’t think President Zelenskyy has said anything publicly on it.\n\nQ    He did not issue "
            "a statement.  But he said that there is a high possibility.\n\nMS. PSAKI:  Sure.\n\nTHE PRESIDENT:  "
            "Thank you.\n\nAUDIENCE MEMBER:  Thank you!\n\nTHE PRESIDENT:  And he said that we should go.")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-02-14")])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("there is a high possibility", "Volodymyr Zelensky"),  # named at the end of the answer before
        ("we should go", ""),  # outside a question and its answer, a turn starts with no antecedent
    ]


def test_both_x_and_y_said_is_joint_and_his_view_is_his():
    text = ("MS. PSAKI:  I want to echo what both President Biden and Secretary Blinken have already said: We "
            "encourage all American citizens to leave.  I talked to the President.  His view is there is no "
            "alternative but to get this through Congress.  His view is important to us.  What do you think their "
            "position is on whether we should act?")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-02-14")])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("We encourage all American citizens to leave", "said", ""),  # two people jointly
        ("there is no alternative but to get this through Congress", "view", "Joe Biden"),
    ]  # "His view is important": no clause; a question asks for the view


def test_a_statement_its_releaser_released_and_reassured_and_as_noted():
    text = ("Q    I have a question about Senator Menendez, who just released a statement saying that the deal is bad.  "
            "And he says he’s dismayed by it.\n\nSENIOR ADMINISTRATION OFFICIAL:  In addition, the manufacturers reassured "
            "us that they were going to do all that was necessary.  The Initiative, as noted at its launch in May, is "
            "intended to serve the framework.")
    quotes = _quotes(text, source=["whitehouse"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == [
        ("the deal is bad", "saying", "Menendez"),  # the statement he released: his words
        ("he’s dismayed by it", "says", "Menendez"),
        ("they were going to do all that was necessary", "reassured", "manufacturers"),  # a group by role
        ("is intended to serve the framework", "noted", ""),  # an agentless aside; (the guide wants "The
    ]  # Initiative" as a record too: a subject alone before the aside is not taken)


def test_a_call_or_a_statement_saying_something():
    text = ("THE PRESIDENT:  I remember when Putin invaded.  I got a phone call from the leader of Finland saying could "
            "he come and see me.  And he came the next day and said, “Will you support my country joining NATO?”  "
            "I just got a call saying that the draft is real.  We are comforted and reassured that we are never "
            "alone.")
    quotes = _quotes(text, source=["whitehouse"], date=[pd.Timestamp("2022-05-19")])
    assert list(zip(quotes.text, quotes.speaker, strict=True)) == [
        ("could he come and see me", "leader of Finland"),  # the caller, as written (not the last man named)
        ("Will you support my country joining NATO?", "leader of Finland"),
        ("the draft is real", ""),  # a call from nobody named
    ]  # "reassured that" without an object: a feeling, not a cue


def test_white_house_press_secretary_by_date():
    text = "The White House press secretary said the president will travel to Europe next week."
    for date, name in (("2022-03-01", "Jen Psaki"), ("2022-06-01", "Karine Jean-Pierre")):
        quotes = _quotes(text, date=[pd.Timestamp(date)])
        assert quotes.speaker.tolist() == [name]
        assert quotes.speaks_for.tolist() == ["United States"]


def test_find_quotes_bad_input():
    with pytest.raises(ValueError, match=r"lack column\(s\) \['text'\]"):
        find_quotes(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
    empty = find_quotes(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", None]}))
    assert empty.empty
    assert list(empty.columns) == ["doc_id", "start", "end", "text", "kind", "cue", "speaker", "speaks_for"]


# Floors just below the figures measured on the 107-document gold set (87 dev, 20 test; the dev documents include
# two UN General Debate speeches read from ../shared/data, left out where it is absent): dev F1 overlap 0.973,
# speaker 0.989; test F1 0.724, speaker 1.000 over 21 matched (benchmarks/eval_speakers.py; the round before: test
# F1 0.702, speaker 0.950; the first version: test F1 0.53). A regression fails.
# With the ninth batch (quotations inside speeches and transcripts, 49 dev / 64 test) the splits measure dev
# 0.926 / 0.974 and test 0.815 / 0.880; the speeches alone score far lower (test 0.547 / 0.692, blind).
# The tenth batch (110 quotations in speeches, scored blind: 0.652 / 0.639) then moved to dev for development, with
# the eleventh (82 dev); the twelfth (99 quotations in 25 White House speeches, scored blind: 0.601 / 0.696) is the
# speeches' test part. Without the twelfth: dev 0.894 / 0.886 (538 quotations, a third of them in speeches), test
# 0.820 / 0.884; with it, test 0.780 / 0.857 (485 quotations); after the fourth round of rules, dev 0.903 / 0.886
# and test 0.789 / 0.863. The thirteenth batch (84 in 23 speeches, blind 0.800 / 0.683) moved to dev: dev 0.909 /
# 0.881 (622) after a fifth round; the fourteenth (80 in 26 speeches, blind 0.786 / 0.491) joined test: test 0.798 /
# 0.805 (565 quotations). With the fifteenth to nineteenth batches (briefings, UN speeches, the openings of long
# speeches and briefings) and a sixth round of rules: dev 0.896 / 0.905 (733), test 0.783 / 0.812 (680). The
# twentieth batch (63 in 16 long speeches and briefings, blind 0.725 / 0.757 with 79f3f23, whose rules had test at
# 0.784 / 0.823) added 21 test quotations and took test to 0.780 / 0.819 (701); the test F1 floor went from 0.78 to
# 0.77 with it (the data changed, not the code). After rules made on its dev part: dev 0.898 / 0.907 (775). The
# twenty-first (51, blind 0.684 / 0.926) and twenty-second (57, blind 0.702 / 0.818, scored with 93a9f65) batches of
# long speeches and briefings: test 0.773 / 0.823 (720) after the first, 0.768 / 0.824 (741) after the second with
# the same code; the test F1 floor went to 0.76. Dev 0.892 / 0.907 (843).
FLOORS = {"dev": {"f1_overlap": 0.89, "speaker_acc": 0.86}, "test": {"f1_overlap": 0.76, "speaker_acc": 0.79}}


@pytest.mark.skipif(not (GOLD_DIR / "quotes_gold.jsonl").exists(), reason="no quotes gold set yet")
def test_quotes_gold_scores_meet_floors():
    results = evaluate(("dev", "test"))
    for split, floors in FLOORS.items():
        overall = results[split]["quotes"].set_index("kind").loc["overall"]
        if not overall["n_gold"]:
            continue
        for metric, floor in floors.items():
            value = overall[metric]
            assert not math.isnan(value) and value >= floor, (split, metric, value)
        # the document-bootstrap interval holds the figure and is no wider than a fair draw of ~300 documents gives
        ci = results[split]["intervals"]
        for metric, key in (("f1_overlap", "f1"), ("speaker_acc", "speaker")):
            low, high = ci[key]
            assert low < overall[metric] < high and high - low < 0.15, (split, metric, low, overall[metric], high)
        assert ci["docs"] == results[split]["n_docs_quotes"]


def test_document_counts_sum_to_the_overall_score():
    # doc_counts (the bootstrap's unit) must give back score_quotes' overall row on a real split
    gold = [q for q in read_jsonl(GOLD_DIR / "quotes_gold.jsonl") if q["split"] == "dev"]
    docs = [d for d in read_jsonl(GOLD_DIR / "quotes_docs.jsonl") if d["split"] == "dev"][:60]
    articles, missing = gold_articles(d["doc_id"] for d in docs)
    docs = [d for d in docs if d["doc_id"] not in missing]
    if not docs:
        pytest.skip("no gold documents on this machine")
    gold = [q for q in gold if q["doc_id"] in {d["doc_id"] for d in docs}]
    texts = dict(zip(articles.doc_id, articles.text, strict=True))
    predicted = find_quotes(articles)
    overall = score_quotes(gold, docs, predicted, texts).set_index("kind").loc["overall"]
    counts = doc_counts(gold, docs, predicted, texts)
    assert len(counts) == len(docs)
    assert counts.n_gold.sum() == overall.n_gold and counts.n_pred.sum() == overall.n_pred
    assert counts.n_matched.sum() == overall.n_matched
    assert counts.n_speaker.sum() / counts.n_matched.sum() == pytest.approx(overall.speaker_acc)
    assert 2 * counts.n_matched.sum() / (counts.n_gold.sum() + counts.n_pred.sum()) == pytest.approx(overall.f1_overlap)


@pytest.mark.skipif(not (AGREEMENT_DIR / "quotes_second.jsonl").exists(), reason="no second annotation")
def test_second_annotation_is_valid_and_agrees_with_gold():
    second = read_jsonl(AGREEMENT_DIR / "quotes_second.jsonl")
    docs = read_jsonl(AGREEMENT_DIR / "quotes_second_docs.jsonl")
    articles, missing = gold_articles({d["doc_id"] for d in docs})
    assert not missing  # the sample is drawn from seeds/ only
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    upto = {d["doc_id"]: d["upto"] for d in docs}
    for q in second:  # offsets reproduce the text, inside each document's annotated region
        assert texts[q["doc_id"]][q["start"] : q["end"]] == q["text"]
        assert q["end"] <= upto[q["doc_id"]]
    gold = [q for q in read_jsonl(GOLD_DIR / "quotes_gold.jsonl") if q["doc_id"] in upto]
    res = agreement()
    humans = res["humans"].set_index("kind").loc["overall"]
    assert res["n_docs"] == len(docs)
    assert (humans["n_gold"], humans["n_pred"]) == (len(gold), len(second))
    # two annotators following the guide agree on (nearly) every quotation and speaker; a guide or data
    # problem shows here first
    assert humans["f1_overlap"] >= 0.9 and humans["speaker_acc"] >= 0.9


UA_DIR = GOLD_DIR / "president-ua"


@pytest.mark.skipif(not (config.SHARED_DATA_DIR / "president-ua").is_dir(),
                    reason="../shared/data/president-ua absent: the texts of this gold set are not in the repository")
def test_president_ua_held_out_scores():
    # a source the rules were never developed on, scored once blind (F1 0.921, speaker accuracy 0.859); floors
    # guard against regressions
    docs = [d for d in read_jsonl(UA_DIR / "quotes_docs.jsonl") if d["split"] == "test"]
    res = evaluate(("test",), UA_DIR)["test"]
    overall = res["quotes"].set_index("kind").loc["overall"]
    assert res["n_docs_quotes"] == len(docs) and not res["missing_docs"]
    assert overall["n_gold"] == sum(q["split"] == "test" for q in read_jsonl(UA_DIR / "quotes_gold.jsonl"))
    assert overall["f1_overlap"] >= 0.88 and overall["speaker_acc"] >= 0.82, overall.to_dict()



class _Flags:
    """A detector stub: flags the sentences holding any of the given words."""

    def __init__(self, *words):
        self.words = words

    def flag(self, texts):
        from analysis.sentences import sentence_spans

        return {d: [(a, b) for a, b in sentence_spans(t) if any(w in t[a:b] for w in self.words)]
                for d, t in texts.items()}


@pytest.mark.parametrize(
    ("text", "word", "content", "cue", "speaker"),
    [
        # the rules do not read these (no clause cue they know); a flagged sentence gives a record
        ("The plant closed. A host of economists confirm will fight inflation.", "economists",
         "will fight inflation.", "confirm", "economists"),
        ("The Prime Minister of Barbados, Mr. Freundel Stuart, reminded the world that none of us is safe.",
         "Stuart", "the world that none of us is safe.", "reminded", "Freundel Stuart"),
        # no speech word: the sentence itself, nobody's
        ("Fine. Charter of the United Nations, “We the peoples of the United Nations”.", "Charter",
         "Charter of the United Nations, “We the peoples of the United Nations”.", "", ""),
    ],
)  # fmt: skip
def test_flagged_sentences_the_rules_miss_become_records(text, word, content, cue, speaker):
    plain = _quotes(text)
    assert not any(word in t for t in plain.text)  # the rules alone miss it
    found = find_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text]}), detector=_Flags(word))
    extra = found[~found.start.isin(plain.start)]
    assert len(extra) == 1
    row = extra.iloc[0]
    assert (row.text.strip(), row.cue, row.speaker) == (content, cue, speaker)
    assert row.kind == ("mixed" if "“" in content else "indirect")


def test_flagged_sentence_a_rule_already_reads_is_not_doubled():
    text = "Sergey Lavrov told reporters that Russia expects answers. The weather was fine."
    plain = _quotes(text)
    flagged = find_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text]}), detector=_Flags("Lavrov"))
    assert flagged.equals(plain) and len(plain) == 1
    # a flagged sentence of two words or fewer gives nothing
    assert len(find_quotes(pd.DataFrame({"doc_id": ["d"], "text": ["Thanks, everyone."]}), detector=_Flags("Thanks"))) == 0


def test_a_spokespersons_we_is_nobody_in_person():
    # guide 3: in a briefing, "we" with colleagues reporting earlier words is nobody's in person; "I" stays the
    # turn's speaker, and outside a briefing a statement's "we" stays its author's
    text = ("MS. PSAKI:  Good afternoon.  As we’ve said before, we are ready either way.  As I said yesterday, "
            "the talks will go on.\n\nQ  Thank you.")
    briefing = _quotes(text, source=["whitehouse"], date=["2022-02-11"],
                       title=["Press Briefing by Press Secretary Jen Psaki, February 11, 2022"])
    assert list(zip(briefing.text, briefing.speaker, strict=True)) == [
        ("we are ready either way", ""), ("the talks will go on", "Jen Psaki")]
    statement = _quotes(text, source=["whitehouse"], date=["2022-02-11"],
                        title=["Statement by Press Secretary Jen Psaki on the talks"])
    assert statement.speaker.tolist() == ["Jen Psaki", "Jen Psaki"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role no antecedent holds is someone new, named as written, not the document's author
        ("The farmer said that the bill had passed.", [("the bill had passed", "said", "farmer")]),
        ("Sergey Lavrov spoke first. The minister said that talks would go on.",
         [("talks would go on", "said", "Sergei Lavrov")]),  # a title an antecedent holds still refers back
        # "someone" is nobody in particular, with or without an object after the cue
        ("Someone pointed out to me that the bill had passed the Senate.",
         [("the bill had passed the Senate", "pointed out", "")]),
        # "notified X that", "made the case that"
        ("In January, Jake Sullivan notified the Hill that funding would be needed.",
         [("funding would be needed", "notified", "Jake Sullivan")]),
        # reports read after "which is that", "heard from X that", "Another question folks are asking is:"
        ("Joe Biden spoke. He was attempting to make the opposite point, which is that a record number voted.",
         [("a record number voted", "make the opposite point", "Joe Biden")]),
        ("We heard from Lavrov that talks would start soon.", [("talks would start soon", "heard", "Sergei Lavrov")]),
        ("Another question folks are asking is: Are we going back to March 2020?",
         [("Are we going back to March 2020", "asking", "")]),
        ("The problem, which is that prices rise, is real. I heard from friends about it.", []),
        # an acronym the text spells out is the body's full name; a progressive "was explaining that"
        ("The Food and Drug Administration reviewed it. On Friday, the FDA announced that imports would resume.",
         [("imports would resume", "announced", "Food and Drug Administration")]),
        ("Jen Psaki spoke. She was also explaining that the results would stand.",
         [("the results would stand", "was also explaining", "Jen Psaki")]),
        # "I have a saying, which is that:", a report that "tells you why:", a call "saying that", "as X referenced,"
        # and "As we heard through the summit," (not "As we heard the news,": an object)
        ("I have a saying, which is that: I think when you know what you stand for, you know what to fight for.",
         [("I think when you know what you stand for, you know what to fight for", "have a saying", "Joe Biden")]),
        ("Well, today’s report tells you why: Americans are moving up to better jobs.",
         [("Americans are moving up to better jobs", "tells", "")]),
        ("Then I got a phone call on Tuesday saying that we don’t have any money left.",
         [("we don’t have any money left", "saying", "")]),
        ("And as the President also referenced, the stocks on shelves are at about 90 percent.",
         [("the stocks on shelves are at about 90 percent", "referenced", "Joe Biden")]),
        ("As we heard the news, we ran outside.", []),
        # experts named by role keep their words; two offices jointly are nobody in person
        ("Our scientific and medical experts have been clear that cases could rise this winter.",
         [("cases could rise this winter", "have been clear", "scientific and medical experts")]),
        ("The President and First Lady believe it is important to show their support.",
         [("it is important to show their support", "believe", "")]),
        # a contracted "we’ve" or "he’s" after an opening adverbial is the subject too
        ("In fact, for months, we’ve made clear to Congress, on a bipartisan basis, that the funding was drying up.",
         [("the funding was drying up", "made clear", "Joe Biden")]),
        ("Senator Shaheen always made the case that the workforce matters to small businesses.",
         [("the workforce matters to small businesses", "made the case", "Shaheen")]),
    ],
)
def test_more_report_forms_and_speakers(text, expected):
    quotes = _quotes(text, source=["whitehouse"], date=["2022-03-01"])
    assert list(zip(quotes.text, quotes.cue, quotes.speaker, strict=True)) == expected
