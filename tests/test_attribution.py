"""Tests for analysis.attribution: holders of sentences and mentions, sentiment by holder, commitments by holder."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import config, find_mentions, load_articles, split_sentences
from analysis.attribution import (
    HOLDER_COLUMNS,
    attribute,
    attribute_mentions,
    holder_commitments,
    sentiment_by_holder,
)

NEWS = ('Talks on NATO resumed.\n\n“NATO is a threat. The US ignores us.” Sergey Lavrov said so on Monday.\n\n'
        '“NATO must leave,” Lavrov said, while Ivanko said “the EU must have a say.”')
BRIEFING = "MS. PSAKI:  Hi everyone. Russia must stop.\n\nQ    Why is NATO silent?\n\nMS. PSAKI:  NATO is united."
KREMLIN = "Vladimir Putin held talks. NATO expansion was discussed."
SPEECH_RU = "We defend the Istanbul Charter. NATO ignores it."
SPEECH_FR = "We defend the Istanbul Charter. NATO respects it."
ARTICLES = pd.DataFrame({
    "doc_id": ["news", "wh", "kr", "un-ru", "un-fr"],
    "source": ["news", "whitehouse", "kremlin", "ungdc", "ungdc"],
    "speaker": [None, None, None, "Vassily Nebenzia", "Jean Dupont"],
    "country": [None, None, None, "RUS", "FRA"],
    "date": pd.to_datetime(["2022-01-17", "2022-01-20", "2022-02-10", "2022-09-21", "2022-09-22"]),
    "date_precision": "day",
    "text": [NEWS, BRIEFING, KREMLIN, SPEECH_RU, SPEECH_FR],
})


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def quotes_frame() -> pd.DataFrame:
    rows = []
    for part, speaker in [("NATO is a threat. The US ignores us.", "Sergey Lavrov"),  # two sentences
                          ("NATO must leave,", "Sergey Lavrov"), ("the EU must have a say.", "Ivo Ivanko")]:
        rows.append(("news", *span(NEWS, part), part, "direct", "said", speaker, ""))
    rows.append(("wh", *span(BRIEFING, "Hi everyone"), "Hi everyone", "direct", "", "", ""))  # unknown speaker
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "kind", "cue", "speaker", "speaks_for"])


def turns_frame() -> pd.DataFrame:
    label1, label2 = BRIEFING.index("MS. PSAKI:"), BRIEFING.rindex("MS. PSAKI:")
    q = BRIEFING.index("Q ")
    rows = [
        ("wh", 0, "Jen Psaki", "official", label1, BRIEFING.index("stop.") + 5, label1 + 10),
        ("wh", 1, "journalist", "journalist", q, BRIEFING.index("silent?") + 7, q + 1),
        ("wh", 2, "Jen Psaki", "official", label2, len(BRIEFING), label2 + 10),
        ("un-ru", 0, "Vassily Nebenzia", "official", 0, len(SPEECH_RU), 0),
        ("un-fr", 0, "Jean Dupont", "official", 0, len(SPEECH_FR), 0),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "turn_id", "speaker", "role", "start", "end", "label_end"])


@pytest.fixture(scope="module")
def frames():
    sentences = split_sentences(ARTICLES)
    attributed = attribute(sentences, ARTICLES, turns=turns_frame(), quotes=quotes_frame())
    mentions = attribute_mentions(find_mentions(sentences), attributed, quotes=quotes_frame())
    return sentences, attributed, mentions


def holders_of(attributed: pd.DataFrame, doc_id: str) -> list[tuple]:
    part = attributed[attributed["doc_id"] == doc_id]
    return [(t, h, f, r, k) for t, h, f, r, k in part[["text", *HOLDER_COLUMNS]].itertuples(index=False)]


def test_sentences_of_a_news_article(frames):
    _, attributed, _ = frames
    assert holders_of(attributed, "news") == [
        ("Talks on NATO resumed.", "news", "", "other", "source"),
        # the quotation spans two sentences: both are Lavrov's, speaking for Russia (target lexicon)
        ("“NATO is a threat.", "Sergey Lavrov", "Russia", "official", "quote"),
        ("The US ignores us.”", "Sergey Lavrov", "Russia", "official", "quote"),
        ("Sergey Lavrov said so on Monday.", "news", "", "other", "source"),
        # two quotations in one sentence: the longer one (Ivanko's 23 characters against 16) holds it
        ("“NATO must leave,” Lavrov said, while Ivanko said “the EU must have a say.”", "Ivo Ivanko", "", "other",
         "quote"),
    ]


def test_sentences_of_a_briefing_and_single_speaker_documents(frames):
    _, attributed, _ = frames
    psaki = ("Jen Psaki", "United States", "official", "turn")  # Psaki is not in the target lexicon: the source's
    assert holders_of(attributed, "wh") == [                   # default for an official
        ("MS. PSAKI:", *psaki), ("Hi everyone.", *psaki),  # a quotation without a speaker does not count
        ("Russia must stop.", *psaki),
        ("Q", "journalist", "", "journalist", "turn"), ("Why is NATO silent?", "journalist", "", "journalist", "turn"),
        ("MS. PSAKI:", *psaki), ("NATO is united.", *psaki),
    ]
    # no turns given for the Kremlin item: the source's own voice
    assert {h[1:] for h in holders_of(attributed, "kr")} == {("kremlin", "Russia", "official", "source")}
    # UN General Debate: the speaker field's turn speaks for the country when it is a lexicon target
    assert {h[1:] for h in holders_of(attributed, "un-ru")} == {("Vassily Nebenzia", "Russia", "official", "turn")}
    assert {h[1:] for h in holders_of(attributed, "un-fr")} == {("Jean Dupont", "", "official", "turn")}


def test_attribute_keeps_rows_order_and_columns(frames):
    sentences, attributed, _ = frames
    assert attributed[list(sentences.columns)].equals(sentences)
    assert attributed["holder_kind"].isin(["quote", "turn", "source"]).all()


def test_mentions_inside_a_quotation_take_its_speaker(frames):
    _, _, mentions = frames
    news = mentions[mentions["doc_id"] == "news"]
    got = [(t, h, k) for t, h, k in news[["target", "holder", "holder_kind"]].itertuples(index=False)]
    assert got == [
        ("NATO", "news", "source"),
        ("NATO", "Sergey Lavrov", "quote"),
        ("United States", "Sergey Lavrov", "quote"),
        ("Lavrov", "news", "source"),
        ("NATO", "Sergey Lavrov", "quote"),  # inside Lavrov's quote, though the sentence is Ivanko's
        ("Lavrov", "Ivo Ivanko", "quote"),  # outside both quotes: the sentence's holder
        ("European Union", "Ivo Ivanko", "quote"),
    ]
    lavrov_nato = news[(news["target"] == "NATO") & (news["holder"] == "Sergey Lavrov")]
    assert lavrov_nato["holder_for"].tolist() == ["Russia", "Russia"]


def test_mention_in_a_quote_cut_by_another_sentence_split(frames):
    sentences, attributed, _ = frames
    # a splitter that kept the whole paragraph "“NATO is a threat. The US ignores us.” Sergey Lavrov said ..." as one
    # sentence, attributed to the narrator: the mentions inside the quotation still go to Lavrov
    whole = sentences[sentences["doc_id"] == "news"].iloc[[1]].assign(end=95, text=NEWS[24:95])
    whole = whole.assign(holder="news", holder_for="", holder_role="other", holder_kind="source")
    mentions = find_mentions(whole)
    out = attribute_mentions(mentions, whole, quotes=quotes_frame())
    assert out[["target", "holder"]].values.tolist() == [
        ["NATO", "Sergey Lavrov"], ["United States", "Sergey Lavrov"], ["Lavrov", "news"]]
    # without quotations each mention takes its sentence's holder
    assert set(attribute_mentions(mentions, whole)["holder"]) == {"news"}


def scored(mentions: pd.DataFrame) -> pd.DataFrame:
    """Hand-set scores: NATO -0.8 in Lavrov's words, +0.6 in Psaki's; others from a fixed table."""
    values = {("NATO", "Sergey Lavrov"): -0.8, ("NATO", "Jen Psaki"): 0.6, ("NATO", "journalist"): -0.2,
              ("NATO", "Vassily Nebenzia"): -0.4, ("NATO", "Jean Dupont"): 0.2}
    score = [values.get((t, h), 0.1) for t, h in mentions[["target", "holder"]].itertuples(index=False)]
    return mentions.assign(score=score, label=np.where(np.array(score) < 0, "negative", "positive"))


def test_sentiment_by_holder_matches_a_direct_computation(frames):
    _, _, mentions = frames
    sc = scored(mentions)
    table = sentiment_by_holder(sc, ARTICLES, n_boot=300)
    assert table.attrs["n_journalist_excluded"] == 1  # "Why is NATO silent?"
    kept = sc[sc["holder_role"] != "journalist"].assign(
        holder_for=lambda f: f["holder_for"].replace("", "(none)"))
    direct = kept.groupby(["holder_for", "target"]).agg(n=("score", "size"), n_docs=("doc_id", "nunique"),
                                                        mean=("score", "mean")).reset_index()
    merged = table.merge(direct, on=["holder_for", "target"], suffixes=("", "_direct"), validate="one_to_one")
    assert len(merged) == len(table) == len(direct)
    assert (merged["n"] == merged["n_direct"]).all() and (merged["n_docs"] == merged["n_docs_direct"]).all()
    assert np.allclose(merged["mean"], merged["mean_direct"])
    russia_nato = table.set_index(["holder_for", "target"]).loc[("Russia", "NATO")]
    # Lavrov's two NATO mentions (news), Nebenzia's one (un-ru) and the Kremlin's own voice (kr, +0.1):
    assert (russia_nato["n"], russia_nato["n_docs"]) == (4, 3)
    assert russia_nato["mean"] == pytest.approx((-0.8 - 0.8 - 0.4 + 0.1) / 4)
    # an article bootstrap of a ratio of sums stays between the articles' own means (-0.8 and +0.1)
    assert -0.8 - 1e-9 <= russia_nato["lo"] <= russia_nato["mean"] <= russia_nato["hi"] <= 0.1 + 1e-9
    single = table[table["n_docs"] == 1]
    assert single["lo"].isna().all() and single["hi"].isna().all()


def test_journalists_included_on_request_and_by_holder_and_over_time(frames):
    _, _, mentions = frames
    sc = scored(mentions)
    with_q = sentiment_by_holder(sc, ARTICLES, include_journalists=True, n_boot=50).set_index(["holder_for", "target"])
    # the journalist's question, the news narrator and the French speech (France is no lexicon target)
    assert with_q.loc[("(none)", "NATO"), "n"] == 3
    assert with_q.attrs["n_journalist_excluded"] == 0
    by_holder = sentiment_by_holder(sc, by="holder", n_boot=50).set_index(["holder", "target"])
    assert by_holder.loc[("Jen Psaki", "NATO"), ["n", "mean"]].tolist() == [1, 0.6]
    monthly = sentiment_by_holder(sc, ARTICLES, freq="M", n_boot=50, targets=["NATO"])
    russia = monthly[monthly["holder_for"] == "Russia"]
    assert russia["period"].dt.strftime("%Y-%m").tolist() == ["2022-01", "2022-02", "2022-09"]
    assert russia["n"].tolist() == [2, 1, 1]
    thin = sentiment_by_holder(sc, min_n=2, n_boot=50)
    assert (thin["n"] >= 2).all() and thin.attrs["n_groups_below_min_n"] > 0


def test_holder_commitments(frames):
    _, _, mentions = frames
    table = holder_commitments(mentions)
    rows = table[["holder", "holder_for", "commitment", "type", "n", "n_docs"]].values.tolist()
    assert rows == [["Jean Dupont", "", "Istanbul Charter", "commitment", 1, 1],
                    ["Vassily Nebenzia", "Russia", "Istanbul Charter", "commitment", 1, 1]]
    by_for = holder_commitments(mentions, by="holder_for")
    assert by_for[["holder_for", "n"]].values.tolist() == [["", 1], ["Russia", 1]]


@pytest.mark.parametrize(
    ("call", "missing"),
    [
        (lambda s, a, m: attribute(s.drop(columns=["end"]), a, turns=turns_frame(), quotes=quotes_frame()), "'end'"),
        (lambda s, a, m: attribute(s, a.drop(columns=["source"]), turns=turns_frame(), quotes=quotes_frame()),
         "'source'"),
        (lambda s, a, m: attribute(s, a, turns=turns_frame().drop(columns=["role"]), quotes=quotes_frame()),
         "'role'"),
        (lambda s, a, m: attribute(s, a, turns=turns_frame(), quotes=quotes_frame().drop(columns=["speaker"])),
         "'speaker'"),
        (lambda s, a, m: attribute_mentions(m.drop(columns=["sent_id"]), s), "'sent_id'"),
        (lambda s, a, m: sentiment_by_holder(m.drop(columns=["holder_role"]).assign(score=0.0)), "'holder_role'"),
        (lambda s, a, m: sentiment_by_holder(m), "'score'"),
        (lambda s, a, m: holder_commitments(m.drop(columns=["type"])), "'type'"),
    ],
)
def test_missing_columns_are_named(frames, call, missing):
    sentences, attributed, mentions = frames
    with pytest.raises(ValueError, match=f"lack column\\(s\\) \\[{missing}\\]"):
        call(attributed, ARTICLES, mentions)


def test_other_bad_input(frames):
    sentences, attributed, mentions = frames
    with pytest.raises(ValueError, match="not in `articles`"):
        attribute(sentences, ARTICLES[ARTICLES["doc_id"] != "kr"], turns=turns_frame(), quotes=quotes_frame())
    with pytest.raises(ValueError, match="no attributed sentence"):
        attribute_mentions(mentions, attributed[attributed["doc_id"] != "wh"])
    with pytest.raises(ValueError, match="freq needs the articles"):
        sentiment_by_holder(mentions.assign(score=0.0), freq="M")
    with pytest.raises(ValueError, match="by must be"):
        sentiment_by_holder(mentions.assign(score=0.0), by="source")


def test_many_documents_joined_by_offsets():
    # 2,000 documents x 30 sentences of 10 characters; a turn every 3 sentences; a quote inside every 5th sentence
    n_docs, per_doc = 2000, 30
    doc = np.repeat(np.arange(n_docs), per_doc).astype(str)
    sent = np.tile(np.arange(per_doc), n_docs)
    sentences = pd.DataFrame({"doc_id": doc, "sent_id": sent, "start": sent * 11, "end": sent * 11 + 10})
    articles = pd.DataFrame({"doc_id": np.arange(n_docs).astype(str), "source": "news"})
    t = np.arange(per_doc // 3)
    turns = pd.DataFrame({"doc_id": np.repeat(articles["doc_id"], len(t)).to_numpy(), "turn_id": np.tile(t, n_docs),
                          "start": np.tile(t * 33, n_docs), "end": np.tile(t * 33 + 32, n_docs),
                          "role": "guest"})
    turns["speaker"] = "speaker " + turns["turn_id"].astype(str)
    q = np.arange(0, per_doc, 5)
    quotes = pd.DataFrame({"doc_id": np.repeat(articles["doc_id"], len(q)).to_numpy(),
                           "start": np.tile(q * 11 + 2, n_docs), "end": np.tile(q * 11 + 8, n_docs),
                           "speaker": "quoted", "speaks_for": "NATO"})
    out = attribute(sentences, articles, turns=turns, quotes=quotes)
    expected = np.where(sent % 5 == 0, "quoted", "speaker " + pd.Series(sent // 3).astype(str).to_numpy())
    assert (out["holder"].to_numpy() == expected).all()
    assert (out.loc[sent % 5 == 0, "holder_for"] == "NATO").all()
    assert (out.loc[sent % 5 != 0, "holder_role"] == "guest").all()


def test_seed_istanbul_astana_passage_is_lavrovs():
    articles, _ = load_articles(config.SEED_ARTICLE)
    sentences = split_sentences(articles)
    attributed = attribute(sentences, articles)
    passage = attributed[attributed["text"].str.contains("Istanbul in 1999 and Astana in 2010")]
    assert len(passage) == 1
    assert passage[["holder", "holder_for", "holder_role", "holder_kind"]].values.tolist() == [
        ["Sergei Lavrov", "Russia", "official", "quote"]]
    from analysis.quotes import find_quotes

    mentions = attribute_mentions(find_mentions(sentences), attributed, quotes=find_quotes(articles))
    summits = mentions[mentions["target"].isin(["Istanbul Charter", "Astana Declaration"])]
    assert summits["holder_for"].tolist() == ["Russia", "Russia"]
    # Radman's paraphrased view of the EU is his (Croatia is no lexicon target), not Lavrov's nor the reporter's
    eu = mentions[(mentions["target"] == "European Union")]
    assert eu[["holder", "holder_for", "holder_role"]].values.tolist() == [["Gordan Grlić Radman", "", "guest"]]


def test_heatmap_flags_thin_cells():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.patches import Rectangle

    from analysis.plot_attribution import plot_holder_heatmap

    table = pd.DataFrame({"holder_for": ["Russia", "Russia", "United States", "United States"],
                          "target": ["NATO", "Ukraine", "Russia", "NATO"], "n": [302, 12, 3027, 29],
                          "mean": [-0.16, -0.2, -0.12, 0.21]})
    ax = plot_holder_heatmap(table)
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert sorted((round(p.get_x() + 0.5), round(p.get_y() + 0.5)) for p in hatched) == [(0, 0), (2, 1)]
    # rows by mentions (US 3,056 before Russia 314), columns A-Z (NATO, Russia, Ukraine): (x, y) = (NATO, US)
    # with 29 < 30 mentions and (Ukraine, Russia) with 12
    assert [t.get_text() for t in ax.get_yticklabels()] == ["United States", "Russia"]
    assert sorted(t.get_text() for t in ax.texts if t.get_text().endswith("*")) == ["+0.21\nn=29 *", "-0.20\nn=12 *"]
    assert "2 cells under 30" in ax.get_title()
    with pytest.raises(ValueError, match="one period"):
        plot_holder_heatmap(pd.concat([table, table]))
    with pytest.raises(ValueError, match=r"\['mean'\]"):
        plot_holder_heatmap(table.drop(columns=["mean"]))
