"""The annotation workflow: annotation rows, sampling, export, import checks, agreement, the labelling form."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis._annotate_io import read_labelled
from analysis._annotate_sample import (
    ROW_COLUMNS,
    annotation_candidates,
    balanced_sample,
    checksum,
    excluded_sentences,
    polar_signs,
    strata_of,
)
from analysis.annotate import agreement, import_coded, read_coded, sample_mentions, write_sample
from analysis.cli import main
from analysis.label_widget import LabelSession, label_widget, mention_html

FIXTURE = config.PROJECT_DIR / "tests" / "data" / "fixture_corpus"

# A toy corpus: article text, its sentences and mentions written out by hand (offsets into the text).
TEXT_A = "\ufeffTalks began.  NATO and the United\nStates met NATO again. Russia  objected."
TEXT_B = "Brussels spoke. The OSCE sent observers to Donbas. Russia  objected strongly."


def _toy():
    articles = pd.DataFrame({
        "doc_id": ["un:A_1", "wh:b", "wh:c"], "source": ["ungdc", "whitehouse", "whitehouse"],
        "date": pd.to_datetime(["1995-01-01", "2022-02-03", "2022-02-03"]),
        "date_precision": ["year", "day", "day"], "text": [TEXT_A, TEXT_B, TEXT_B],
        "duplicate_of": [None, None, "wh:b"],
    })  # fmt: skip
    sentences = pd.DataFrame({
        "doc_id": ["un:A_1"] * 3 + ["wh:b"] * 3 + ["wh:c"] * 3,
        "sent_id": [0, 1, 2] * 3,
        "start": [0, 15, 58, 0, 16, 51, 0, 16, 51],
        "end": [13, 57, 75, 15, 50, 77, 15, 50, 77],
    })  # fmt: skip
    texts = {"un:A_1": TEXT_A, "wh:b": TEXT_B, "wh:c": TEXT_B}
    sentences["text"] = [
        texts[d][s:e]
        for d, s, e in zip(sentences.doc_id, sentences.start, sentences.end, strict=True)
    ]
    spans = [("un:A_1", 1, "NATO", "organisation", 15, 19), ("un:A_1", 1, "United States", "state", 28, 41),
             ("un:A_1", 1, "NATO", "organisation", 46, 50), ("un:A_1", 2, "Russia", "state", 58, 64),
             ("wh:b", 1, "OSCE", "organisation", 20, 24), ("wh:b", 2, "Russia", "state", 51, 57),
             ("wh:c", 1, "OSCE", "organisation", 20, 24)]  # fmt: skip
    mentions = pd.DataFrame(spans, columns=["doc_id", "sent_id", "target", "type", "start", "end"])
    mentions["alias"] = [
        texts[d][s:e] for d, s, e in zip(mentions.doc_id, mentions.start, mentions.end, strict=True)
    ]
    return articles, sentences, mentions


def test_toy_corpus_is_consistent():
    _, sentences, mentions = _toy()
    assert sentences["text"].tolist()[:3] == [
        "\ufeffTalks began.",
        "NATO and the United\nStates met NATO again.",
        "Russia  objected.",
    ]
    assert mentions["alias"].tolist() == [
        "NATO",
        "United\nStates",
        "NATO",
        "Russia",
        "OSCE",
        "Russia",
        "OSCE",
    ]


def test_annotation_candidates():
    articles, sentences, mentions = _toy()
    rows = annotation_candidates(mentions, sentences, articles).set_index(["doc_id", "target"])
    # wh:c duplicates wh:b: no rows; NATO twice in one sentence: one row with a further mention
    assert len(rows) == 5
    nato = rows.loc[("un:A_1", "NATO")]
    assert nato["sentence"] == "NATO and the United States met NATO again."
    assert (nato["from"], nato["to"], nato["mention"]) == (0, 4, "NATO")
    assert nato["further_mentions"] == [[31, 35, "NATO"]]
    assert (
        nato["context_before"] == "Talks began." and nato["context_after"] == "Russia objected."
    )  # BOM and spaces gone
    us = rows.loc[("un:A_1", "United States")]
    assert (us["from"], us["to"], us["mention"]) == (13, 26, "United States")
    assert nato["date"] == "1995" and rows.loc[("wh:b", "OSCE"), "date"] == "2022-02-03"
    russia = rows.loc[("un:A_1", "Russia")]
    assert (
        russia["context_after"] == ""
        and russia["sentence"][russia["from"] : russia["to"]] == "Russia"
    )
    for row in rows.reset_index().to_dict("records"):
        assert row["sentence"][row["from"] : row["to"]] == row["mention"]
        assert row["row_id"] == f"{row['primary_gid']}_{row['from']}_{row['to']}"
        assert row["checksum"] == checksum(row["sentence"]) and row["label"] == row["note"] == ""
    # the row id is stable: the same inputs give the same ids
    assert (
        annotation_candidates(mentions, sentences, articles)["row_id"].tolist()
        == rows["row_id"].tolist()
    )


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (["NATO"], ["NATO", None, None, None]),
        (["type:state"], [None, "type:state", "type:state", None]),
        (
            ["Russia", "type:state"],
            [None, "type:state", "Russia", None],
        ),  # first matching item wins
        (["type:commitment", "NATO"], ["NATO", None, None, "type:commitment"]),
    ],
)
def test_strata_of(targets, expected):
    rows = pd.DataFrame(
        {
            "target": ["NATO", "Ukraine", "Russia", "Minsk agreements"],
            "type": ["organisation", "state", "state", "commitment"],
        }
    )
    got = strata_of(rows, targets)
    assert [None if pd.isna(x) else x for x in got] == expected


def _grid(
    n_per_cell: dict[tuple[str, str], int], *, docs_per_cell: int | None = None
) -> pd.DataFrame:
    """One row per sentence: cells (stratum, source) with the given numbers of sentences."""
    rows = []
    for (stratum, source), k in n_per_cell.items():
        for i in range(k):
            doc = f"{source}:{stratum}:{i if docs_per_cell is None else i % docs_per_cell}"
            rows.append(
                {
                    "stratum": stratum,
                    "target": stratum,
                    "source": source,
                    "doc_id": doc,
                    "primary_gid": f"{stratum}-{source}-{i}",
                }
            )
    return pd.DataFrame(rows)


def test_balanced_sample_balances_strata_then_sources():
    # NATO has 10 kremlin + 2 ungdc sentences, OSCE 1 kremlin + 20 ungdc. n=10: 5 per stratum;
    # within NATO the emptiest cell goes next: kremlin/ungdc alternate until ungdc runs dry (2), then kremlin.
    rows = _grid(
        {
            ("NATO", "kremlin"): 10,
            ("NATO", "ungdc"): 2,
            ("OSCE", "kremlin"): 1,
            ("OSCE", "ungdc"): 20,
        }
    )
    got = balanced_sample(rows, 10, seed=1, max_per_doc=None)
    table = got.groupby(["stratum", "source"]).size().to_dict()
    assert table == {
        ("NATO", "kremlin"): 3,
        ("NATO", "ungdc"): 2,
        ("OSCE", "kremlin"): 1,
        ("OSCE", "ungdc"): 4,
    }
    assert got["primary_gid"].is_unique


def test_balanced_sample_is_seeded():
    rows = _grid({("NATO", "kremlin"): 30, ("OSCE", "ungdc"): 30})
    one, two = balanced_sample(rows, 10, seed=3), balanced_sample(rows, 10, seed=3)
    assert one["primary_gid"].tolist() == two["primary_gid"].tolist()
    assert balanced_sample(rows, 10, seed=4)["primary_gid"].tolist() != one["primary_gid"].tolist()


def test_balanced_sample_caps_documents_and_reports_shortfall(caplog):
    rows = _grid({("NATO", "kremlin"): 12}, docs_per_cell=3)  # 12 sentences in 3 articles
    got = balanced_sample(rows, 10, seed=0, max_per_doc=2)
    assert len(got) == 6 and got["doc_id"].value_counts().max() == 2  # 3 articles x 2
    assert "only 6 rows could be sampled" in caplog.text


def test_balanced_sample_takes_whole_sentences():
    # one sentence naming NATO and OSCE: taking it gives both rows, each counted in its stratum
    rows = pd.DataFrame(
        {
            "stratum": ["NATO", "OSCE", "OSCE", "OSCE"],
            "target": ["NATO", "OSCE", "OSCE", "OSCE"],
            "source": "x",
            "doc_id": ["d1", "d1", "d2", "d3"],
            "primary_gid": ["s1", "s1", "s2", "s3"],
        }
    )
    got = balanced_sample(rows, 3, seed=0, max_per_doc=None)
    assert sorted(got["primary_gid"]) == ["s1", "s1", "s2"] or sorted(got["primary_gid"]) == [
        "s1",
        "s1",
        "s3",
    ]


@pytest.mark.parametrize(("share", "first_sign"), [((1.0, 0.0), -1), ((0.0, 1.0), 1)])
def test_polar_share_orders_cells(share, first_sign):
    rows = _grid({("NATO", "kremlin"): 30})
    polar = pd.Series(np.tile([-1, 0, 1], 10), index=rows.index)
    got = balanced_sample(rows, 10, seed=0, max_per_doc=None, polar=polar, polar_share=share)
    assert (
        polar[got.index] == first_sign
    ).all()  # 10 of each sign exist: all ten from the preferred pool
    with pytest.raises(ValueError, match="polar_share"):
        balanced_sample(rows, 10, polar=polar, polar_share=(0.8, 0.5))


def test_polar_signs():
    got = polar_signs(
        pd.Series(
            [
                "Russia's invasion of Ukraine.",
                "NATO met in Madrid on Tuesday.",
                "We are grateful for the wonderful support of the EU.",
            ]
        )
    )
    assert got.tolist() == [-1, 0, 1]  # "invasion" is a cue VADER lacks


def test_excluded_sentences():
    rows = pd.DataFrame(
        {
            "sentence": [
                "NATO met in Madrid on Tuesday to discuss the war.",
                "Short one.",
                "The OSCE sent observers.",
                "Another sentence about the Ukraine war entirely.",
            ]
        }
    )
    exclude = [
        "NATO met in Madrid\non Tuesday to discuss the war.",  # same after normalisation
        "Yesterday, the OSCE sent observers.",  # contains a short row: kept (under 30 chars)
        "Another sentence about the Ukraine war entirely. And more.",
    ]  # contains the row
    assert excluded_sentences(rows, exclude).tolist() == [True, False, False, True]


def _stub_scorer(scores, proba=None):
    calls = []

    def scorer(mentions, sentences, method="model-fast"):
        calls.append(method)
        out = mentions.assign(
            score=[scores[t] for t in mentions["target"]], label="neutral", method=method
        )
        if proba:
            for k, name in enumerate(("negative", "neutral", "positive")):
                out[f"proba_{name}"] = [proba[t][k] for t in mentions["target"]]
        return out.iloc[::-1]  # a scorer may reorder: rows are matched by key

    return scorer, calls


@pytest.mark.parametrize(
    ("scores", "proba", "expected"),
    [
        # 1 - |score|: Russia's sentence (0.1 -> 0.9) is less certain than the US one (0.9 -> 0.1)
        ({"NATO": -0.5, "United States": 0.9, "Russia": 0.1}, None, "Russia"),
        # with probabilities, entropy decides: US (.1, .1, .8) 0.639 nats > Russia (.9, .05, .05) 0.394
        (
            {"NATO": -0.5, "United States": 0.9, "Russia": 0.1},
            {
                "NATO": (0.3, 0.4, 0.3),
                "United States": (0.1, 0.1, 0.8),
                "Russia": (0.9, 0.05, 0.05),
            },
            "United States",
        ),
    ],
)
def test_uncertain_strategy(scores, proba, expected):
    articles, sentences, mentions = _toy()
    scorer, calls = _stub_scorer(scores, proba)
    # one stratum, two candidate sentences of un:A_1: "NATO and the United States met ..." and "Russia objected."
    rows = sample_mentions(
        mentions[mentions.doc_id == "un:A_1"],
        sentences,
        articles,
        targets=["type:state"],
        n=1,
        strategy="uncertain",
        scorer=scorer,
        min_words=1,
        max_per_doc=None,
    )
    assert calls == ["model-fast"]
    assert rows["target"].tolist() == [expected]


def test_uncertain_without_a_model():
    articles, sentences, mentions = _toy()

    def broken(mentions, sentences, method):
        return mentions.assign(score=0.0).iloc[:0]  # scores nothing

    with pytest.raises(ValueError, match="no score for"):
        sample_mentions(
            mentions,
            sentences,
            articles,
            targets=["NATO"],
            strategy="uncertain",
            scorer=broken,
            min_words=1,
        )


def test_uncertain_orders_within_a_cell():
    sentences = pd.DataFrame(
        {
            "doc_id": [f"x:{i}" for i in range(4)],
            "sent_id": 0,
            "start": 0,
            "end": 30,
            "text": [f"NATO said something number {i} today." for i in range(4)],
        }
    )
    mentions = pd.DataFrame(
        {
            "doc_id": sentences.doc_id,
            "sent_id": 0,
            "target": "NATO",
            "type": "organisation",
            "alias": "NATO",
            "start": 0,
            "end": 4,
        }
    )
    scores = {"x:0": 0.9, "x:1": -0.05, "x:2": 0.5, "x:3": -0.99}

    def scorer(m, s, method):
        return m.assign(score=m["doc_id"].map(scores), label="neutral", method=method)

    rows = sample_mentions(
        mentions, sentences, targets=["NATO"], n=4, strategy="uncertain", scorer=scorer
    )
    assert rows["doc_id"].tolist() == ["x:1", "x:2", "x:0", "x:3"]


def test_sample_mentions_filters():
    articles, sentences, mentions = _toy()
    # min_words 4 drops "Russia objected." (2 words); the excluded sentence drops the OSCE row
    rows = sample_mentions(
        mentions,
        sentences,
        articles,
        targets=["NATO", "Russia", "OSCE", "United States"],
        n=10,
        min_words=4,
        exclude=["The OSCE sent  observers to Donbas."],
    )
    assert sorted(rows["target"]) == ["NATO", "United States"]
    with pytest.raises(ValueError, match="unknown strategy"):
        sample_mentions(mentions, sentences, targets=["NATO"], strategy="random")


def test_duplicate_sentences_sampled_once():
    sentences = pd.DataFrame(
        {
            "doc_id": ["x:1", "x:2"],
            "sent_id": 0,
            "start": 0,
            "end": 40,
            "text": ["The United States stands with Ukraine today."] * 2,
        }
    )
    mentions = pd.DataFrame(
        {
            "doc_id": ["x:1", "x:2"],
            "sent_id": 0,
            "target": "Ukraine",
            "type": "state",
            "alias": "Ukraine",
            "start": 32,
            "end": 39,
        }
    )
    rows = sample_mentions(mentions, sentences, targets=["Ukraine"], n=5)
    assert rows["doc_id"].tolist() == ["x:1"]


@pytest.fixture
def exported(tmp_path):
    articles, sentences, mentions = _toy()
    rows = sample_mentions(
        mentions,
        sentences,
        articles,
        targets=["NATO", "Russia", "OSCE", "United States"],
        n=10,
        min_words=1,
    )
    csv_path, jsonl_path = write_sample(rows, tmp_path / "sample")
    return rows, csv_path, jsonl_path


def test_write_sample_formats(exported):
    rows, csv_path, jsonl_path = exported
    assert len(rows) == 5  # NATO, US (one sentence), Russia twice (un, wh), OSCE
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table.columns.tolist() == ROW_COLUMNS
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    records = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4 == rows["primary_gid"].nunique()  # one record per sentence
    two = next(r for r in records if len(r["targets"]) == 2)
    assert [t["mention"] for t in two["targets"]] == ["NATO", "United States"]
    assert two["targets"][0]["further_mentions"] == [{"from": 31, "to": 35, "mention": "NATO"}]
    for rec in records:
        for t in rec["targets"]:
            assert rec["sentence_normalized"][t["from"] : t["to"]] == t["mention"]
            assert t["polarity"] is None and t["label"] == ""
    assert {r["date"] for r in records} == {"1995", "2022-02-03"}


def _code(csv_path, out, labels):
    """A coder's file: the exported CSV with ``labels`` filled in."""
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table["label"] = labels
    table.to_csv(out, index=False, encoding="utf-8-sig")
    return table


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("label", "postive", "unknown label 'postive'"),
        ("sentence", "NATO and the US met NATO again.", "sentence changed since the export"),
        ("from", "1", "offsets 1-"),
        ("to", "x", "offsets are not whole numbers"),
        ("mention", "Nato", "not the mention 'Nato'"),
        ("row_id", "", "no row_id"),
    ],
)
def test_read_coded_errors(exported, tmp_path, column, value, reason):
    _, csv_path, _ = exported
    table = _code(
        csv_path, tmp_path / "coder.csv", ["negative", "neutral", "positive", "neutral", "negative"]
    )
    target_row = int(np.flatnonzero(table["target"].eq("NATO"))[0])
    table.at[target_row, column] = value
    table.to_csv(tmp_path / "coder.csv", index=False, encoding="utf-8-sig")
    good, bad = read_coded(tmp_path / "coder.csv")
    assert len(good) + len(bad) == 5 and len(bad) == 1
    reject = bad.iloc[0]
    assert reason in reject["reason"] and reject["kind"] == "error"
    assert reject["where"] == f"row {target_row + 2}"  # spreadsheet row: the header is row 1
    assert reject["file"].endswith("coder.csv")


def test_read_coded_repeats_unlabelled_and_skips(exported, tmp_path):
    _, csv_path, _ = exported
    table = _code(csv_path, tmp_path / "c.csv", ["NEG", "", "skip", "6.0", "neutral"])
    table = pd.concat([table, table.iloc[[0]]], ignore_index=True)
    table.to_csv(tmp_path / "c.csv", index=False, encoding="utf-8-sig")
    good, bad = read_coded(tmp_path / "c.csv")
    assert good["label"].tolist() == ["negative", "positive", "neutral"]
    assert bad[["where", "kind"]].values.tolist() == [
        ["row 3", "unlabelled"],
        ["row 4", "skipped"],
        ["row 7", "error"],
    ]
    assert bad.iloc[2]["reason"] == "row_id repeated (first at row 2)"


def test_read_coded_bad_file(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match=r"x\.csv: missing column\(s\) row_id"):
        read_coded(tmp_path / "x.csv")


def test_read_coded_jsonl(exported, tmp_path):
    _, _, jsonl_path = exported
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines]
    for rec in recs:
        for t in rec["targets"]:
            t["polarity"] = 2.0
    recs[0]["targets"][0]["to"] += 1
    text = "\n".join(json.dumps(r) for r in recs) + "\n{broken\n"
    (tmp_path / "coded.jsonl").write_text(text, encoding="utf-8")
    good, bad = read_coded(tmp_path / "coded.jsonl")
    assert len(good) == 4 and set(good["label"]) == {"negative"}
    assert bad["where"].tolist()[0] == "line 5" and "not a NewsMTSC record" in bad["reason"].iloc[0]
    assert bad["where"].tolist()[1].startswith("line 1")


# Two coders on the five exported rows (order: NATO, US, Russia (un), OSCE, Russia (wh) is not guaranteed,
# so labels are given by target and source). Disagreements: the US row and the OSCE row.
CODER_A = {
    "NATO": "negative",
    "United States": "positive",
    "OSCE": "neutral",
    ("Russia", "ungdc"): "negative",
    ("Russia", "whitehouse"): "neutral",
}
CODER_B = {
    "NATO": "negative",
    "United States": "neutral",
    "OSCE": "positive",
    ("Russia", "ungdc"): "negative",
    ("Russia", "whitehouse"): "neutral",
}


def _labels(table, coder):
    return [
        coder.get(t, coder.get((t, s)))
        for t, s in zip(table["target"], table["source"], strict=True)
    ]


def test_import_two_coders(exported, tmp_path):
    _, csv_path, _ = exported
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _code(csv_path, tmp_path / "anna.csv", _labels(table, CODER_A))
    _code(csv_path, tmp_path / "ben.csv", _labels(table, CODER_B))
    out = tmp_path / "labelled.jsonl"
    result = import_coded([tmp_path / "anna.csv", tmp_path / "ben.csv"], out=out)
    assert result.counts[["rows", "imported", "rejected"]].values.tolist() == [[5, 5, 0], [5, 5, 0]]
    a = result.agreement
    # table (rows anna, columns ben): neg-neg 2, neu-neu 1, pos-neu 1, neu-pos 1 -> p_o = 3/5;
    # anna .4/.4/.2, ben .4/.4/.2 -> p_e = .16+.16+.04 = .36; kappa = (.6-.36)/.64 = .375.
    # alpha: o_nn=4, o_uu=2, o_pp=0, o_up=o_pu=2 -> n_neg=4, n_neu=4, n_pos=2, n=10;
    # sum_{c!=k} o = 4; sum_{c!=k} n_c n_k = 100 - 36 = 64; alpha = 1 - 9*4/64 = .4375
    assert a["units"] == 5 and a["coders"] == ["anna", "ben"]
    assert a["kappa"]["anna|ben"]["kappa"] == pytest.approx(0.375)
    assert a["alpha"] == pytest.approx(0.4375)
    assert (
        a["confusion"]["positive"]["neutral"] == 1 and a["confusion"]["negative"]["negative"] == 2
    )
    assert sorted(result.disagreements["target"]) == ["OSCE", "United States"]
    assert len(result.merged) == 3 and set(result.merged["target"]) == {"NATO", "Russia"}
    # the labelled set: NewsMTSC JSONL that evaluate-sentiment reads
    from analysis.evaluate import read_newsmtsc

    gold, _ = read_newsmtsc(out)
    assert sorted(gold["label"]) == ["negative", "negative", "neutral"]
    # adjudication: fill the disagreement file's label column and import it into the same set
    disputes = out.with_suffix(".disagreements.csv")
    d = pd.read_csv(disputes, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert {"label_anna", "label_ben", "note_anna"} <= set(d.columns) and d["label"].eq("").all()
    d["label"] = ["neutral" if t == "United States" else "positive" for t in d["target"]]
    d.to_csv(disputes, index=False, encoding="utf-8-sig")
    second = import_coded([disputes], out=out)
    assert second.agreement is None and len(second.labelled) == 5
    labelled = read_labelled(out).set_index("target")
    assert labelled.loc["OSCE", "label"] == "positive"
    assert labelled.loc["NATO", "coders"] == ["anna", "ben"]
    # importing the coders' files again keeps the adjudicated labels and the adjudicator's file
    third = import_coded([tmp_path / "anna.csv", tmp_path / "ben.csv"], out=out)
    assert third.disagreements.empty and third.agreement["units"] == 5
    assert read_labelled(out).set_index("target").loc["OSCE", "label"] == "positive"
    kept = pd.read_csv(disputes, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert kept["label"].ne("").all()


def test_import_cli(exported, tmp_path, capsys):
    _, csv_path, _ = exported
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _code(csv_path, tmp_path / "anna.csv", _labels(table, CODER_A))
    coded = _code(csv_path, tmp_path / "ben.csv", _labels(table, CODER_B))
    coded.at[0, "label"] = "good"
    coded.to_csv(tmp_path / "ben.csv", index=False, encoding="utf-8-sig")
    out = tmp_path / "set.jsonl"
    code = main(
        [
            "annotate",
            "import",
            str(tmp_path / "anna.csv"),
            str(tmp_path / "ben.csv"),
            "--out",
            str(out),
        ]
    )
    text = capsys.readouterr().out
    assert code == 1  # a row was rejected as an error
    assert "ben.csv: 5 rows = 4 imported + 1 rejected" in text
    assert (
        f"error: {tmp_path / 'ben.csv'} row 2 (row_id {coded.at[0, 'row_id']}): unknown label 'good'"
        in text
    )
    assert "Cohen's kappa anna vs ben" in text and "Krippendorff's alpha (nominal)" in text
    assert "disagreements:" in text and out.exists()


def test_export_cli(tmp_path, capsys):
    prefix = tmp_path / "s"
    code = main(
        [
            "annotate",
            "export",
            str(FIXTURE),
            "--targets",
            "NATO,Russia,type:commitment",
            "--n",
            "12",
            "--out",
            str(prefix),
            "--seed",
            "2",
            "--polar-share",
            "0.6,0.2",
        ]
    )
    assert code == 0
    assert "wrote" in capsys.readouterr().out
    table = pd.read_csv(
        prefix.with_suffix(".csv"), dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert 12 <= len(table) <= 15 and set(table["target"]) >= {"NATO", "Russia"}
    assert table["row_id"].is_unique
    for row in table.to_dict("records"):
        assert row["sentence"][int(row["from"]) : int(row["to"])] == row["mention"]
    # seeded: the same command gives the same rows
    main(
        [
            "annotate",
            "export",
            str(FIXTURE),
            "--targets",
            "NATO,Russia,type:commitment",
            "--n",
            "12",
            "--out",
            str(tmp_path / "t"),
            "--seed",
            "2",
            "--polar-share",
            "0.6,0.2",
        ]
    )
    assert (tmp_path / "t.csv").read_bytes() == prefix.with_suffix(".csv").read_bytes()


def test_export_cli_unknown_target(tmp_path, capsys):
    assert (
        main(
            ["annotate", "export", str(FIXTURE), "--targets", "Nato", "--out", str(tmp_path / "s")]
        )
        == 2
    )
    assert "unknown target 'Nato'" in capsys.readouterr().err


def test_agreement_none_without_overlap():
    coded = pd.DataFrame(
        {"row_id": ["a", "b"], "coder": ["x", "y"], "label": ["neutral", "positive"]}
    )
    assert agreement(coded) is None


# ---- the labelling form ----


@pytest.fixture
def session_csv(exported, tmp_path):
    _, csv_path, _ = exported
    return csv_path


def test_mention_html_escapes():
    got = mention_html("<script>x</script> NATO & co", 19, 23, before="a<b", after="c>d")
    assert "<script>" not in got and "&lt;script&gt;" in got
    assert "<mark>NATO</mark>" in got and "a&lt;b" in got and "c&gt;d" in got


def test_label_session_transitions(session_csv):
    s = LabelSession(session_csv)
    assert (s.index, s.progress()) == (0, (0, 5))
    s.label("negative", note="blamed")
    s.label("skip")
    assert s.index == 2 and s.progress() == (2, 5)
    s.back()
    assert s.index == 1 and s.current["label"] == "skip"
    s.label("pos")  # relabel a row: canonical label stored, then on to the next unlabelled one
    assert s.index == 2 and s.counts() == {"negative": 1, "positive": 1}
    with pytest.raises(ValueError, match="unknown label"):
        s.label("great")
    saved = pd.read_csv(session_csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert (
        saved["label"].tolist()[:3] == ["negative", "positive", ""]
        and saved.at[0, "note"] == "blamed"
    )
    # a new session resumes at the first unlabelled row; the other columns are untouched
    again = LabelSession(session_csv)
    assert again.index == 2
    original = pd.read_csv(session_csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert original.drop(columns=["label", "note"]).equals(saved.drop(columns=["label", "note"]))
    for value in ("neutral", "neutral", "neutral"):
        again.label(value)
    assert again.done and again.current == {} and "All 5 rows are labelled" in again.html()
    with pytest.raises(IndexError):
        again.label("neutral")
    # what the form saved imports cleanly
    good, bad = read_coded(session_csv)
    assert len(good) == 5 and bad.empty


def test_label_session_html_marks_the_mention(session_csv):
    s = LabelSession(session_csv)
    row = s.current
    assert f"<mark>{row['mention']}</mark>" in s.html() and f"1/{len(s)}" in s.html()


def test_label_widget_buttons_and_keys(session_csv):
    pytest.importorskip("ipywidgets")
    form = label_widget(session_csv)
    session = form.session
    keys = form.children[2].children[0]
    note = form.children[2].children[1]
    note.value = "quoted speaker"
    keys.value = "1"  # key 1 = negative
    assert keys.value == "" and session.progress() == (1, 5)
    assert (
        session.rows.at[0, "label"] == "negative" and session.rows.at[0, "note"] == "quoted speaker"
    )
    keys.value = "x3"  # only the last key counts: positive
    form.children[1].children[3].click()  # the skip button
    assert session.index == 3 and session.rows["label"].tolist()[:3] == [
        "negative",
        "positive",
        "skip",
    ]
    keys.value = "b"  # back to the skipped row; its (empty) note is shown, not saved over
    assert session.index == 2 and note.value == ""
    note.value = "mention is the city"  # a note edit alone is saved at once
    assert (
        pd.read_csv(session_csv, keep_default_na=False, encoding="utf-8-sig").at[2, "note"]
        == "mention is the city"
    )
    form.act("neutral")
    assert session.rows["label"].tolist()[:3] == ["negative", "positive", "neutral"]
    assert "<mark>" in form.children[0].value
    assert form.children[3].children[0].value == 3  # progress bar


@pytest.mark.slow
def test_notebook_05_annotate(tmp_path):
    import papermill as pm

    from analysis.notebook import read_records
    from analysis.report import KERNEL_NAME, KERNEL_START_TIMEOUT, ensure_kernel

    ensure_kernel()
    prefix = tmp_path / "sample"
    executed = tmp_path / "05.ipynb"
    pm.execute_notebook(
        str(config.NOTEBOOKS_DIR / "05-annotate.ipynb"),
        str(executed),
        kernel_name=KERNEL_NAME,
        start_timeout=KERNEL_START_TIMEOUT,
        parameters={
            "corpus": str(FIXTURE),
            "targets": "NATO,Russia,Ukraine",
            "n": 10,
            "out": str(prefix),
            "coder": "ann",
        },
        cwd=str(config.PROJECT_DIR),
        progress_bar=False,
    )
    records = read_records(executed)
    sample = pd.read_csv(
        prefix.with_suffix(".csv"), dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert records["n_rows"] == len(sample) == records["form_rows"] >= 10
    # nobody coded in this run: every row is "unlabelled", none imported, none lost
    assert records["import_counts"] == {"rows": len(sample), "imported": 0, "rejected": len(sample)}
    assert records["agreement"] is None
    assert (tmp_path / "sample-ann.csv").exists() and (tmp_path / "sample-labelled.jsonl").exists()
    # the committed notebook carries no outputs
    import nbformat

    committed = nbformat.read(config.NOTEBOOKS_DIR / "05-annotate.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in committed.cells if c.cell_type == "code")
    assert committed.metadata["kernelspec"]["name"] == "euroseclab"


def test_disagreements_never_overwrite_adjudication(exported, tmp_path):
    _, csv_path, _ = exported
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _code(csv_path, tmp_path / "anna.csv", _labels(table, CODER_A))
    _code(csv_path, tmp_path / "ben.csv", _labels(table, CODER_B))
    target = tmp_path / "d.csv"
    pd.DataFrame({"row_id": ["x"], "label": ["neutral"]}).to_csv(target, index=False)
    import_coded([tmp_path / "anna.csv", tmp_path / "ben.csv"], disagreements=target)
    assert pd.read_csv(target)["label"].tolist() == ["neutral"]  # untouched
    assert len(pd.read_csv(tmp_path / "d-2.csv")) == 2  # the two disagreements went next to it


def test_guide_examples_are_valid_coded_rows():
    """docs/annotation-guide-examples.jsonl: every worked example imports cleanly and has its reason."""
    path = config.PROJECT_DIR / "docs" / "annotation-guide-examples.jsonl"
    good, bad = read_coded(path)
    assert bad.empty and len(good) == 72
    assert good["note"].str.match(r"\[[a-z]+\] .{10,}").all()
    cases = set(good["note"].str.extract(r"^\[([a-z]+)\]")[0])
    assert {
        "victim",
        "call",
        "integrity",
        "procedural",
        "sanctions",
        "commitment",
        "irony",
        "several",
        "own",
    } <= cases
    assert set(good["label"]) == {"negative", "neutral", "positive"}
    # none of them is in the domain test split
    test = read_labelled(config.PROJECT_DIR / "tests" / "data" / "domain_sentiment_test.jsonl")
    assert not set(good["sentence"]) & set(test["sentence"])


@pytest.mark.parametrize(
    ("scored", "expected"),
    [
        # probabilities win: argmax (negative, neutral, positive) -> -1, 0, +1
        (
            pd.DataFrame(
                {"score": [0.9, 0.9, 0.9], "label": ["positive"] * 3, "proba_negative": [0.6, 0.2, 0.1],
                 "proba_neutral": [0.3, 0.7, 0.1], "proba_positive": [0.1, 0.1, 0.8]}
            ),
            [-1, 0, 1],
        ),
        # no probabilities: the predicted label
        (pd.DataFrame({"score": [0.0, 0.0, 0.0], "label": ["negative", "neutral", "positive"]}), [-1, 0, 1]),
        # neither: the score beyond +-1/3
        (pd.DataFrame({"score": [-0.5, -0.2, 0.34]}), [-1, 0, 1]),
    ],
)
def test_predicted_sign(scored, expected):
    from analysis.annotate import _predicted_sign

    assert _predicted_sign(scored).tolist() == expected


def test_polar_by_model_prefers_what_the_model_reads_as_negative():
    # four one-sentence articles about NATO; the lexicon sees nothing polar, the stub model reads x:2 and x:3
    # as negative toward NATO: with polar_share (1.0, 0.0) those two come first
    sentences = pd.DataFrame(
        {"doc_id": [f"x:{i}" for i in range(4)], "sent_id": 0, "start": 0, "end": 40,
         "text": [f"NATO held meeting number {i} in Brussels today." for i in range(4)]}
    )  # fmt: skip
    mentions = pd.DataFrame(
        {"doc_id": sentences.doc_id, "sent_id": 0, "target": "NATO", "type": "organisation", "alias": "NATO",
         "start": 0, "end": 4}
    )  # fmt: skip
    labels = {"x:0": "neutral", "x:1": "positive", "x:2": "negative", "x:3": "negative"}
    calls = []

    def scorer(m, s, method):
        calls.append((method, len(m)))
        return m.assign(label=m["doc_id"].map(labels), score=0.0, method=method)

    kwargs = dict(targets=["NATO"], n=2, polar_share=(1.0, 0.0), scorer=scorer, max_per_doc=None, seed=3)
    by_model = sample_mentions(mentions, sentences, polar_by="model", method="model", **kwargs)
    assert sorted(by_model["doc_id"]) == ["x:2", "x:3"]
    assert calls == [("model", 4)]
    # max_scored: only a seeded subset of 2 sentences is scored and sampled from
    calls.clear()
    capped = sample_mentions(mentions, sentences, polar_by="model", max_scored=2, **kwargs)
    assert calls == [("model-fast", 2)] and len(capped) == 2
    with pytest.raises(ValueError, match="polar_by"):
        sample_mentions(mentions, sentences, polar_by="vibes", **kwargs)
