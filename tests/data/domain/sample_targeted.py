"""The fourth sample (issue 7): mentions where an adversarial speaker names its adversary, to raise the negative share.

    python tests/data/domain/sample_targeted.py

Random samples of this language are about half neutral and under a fifth negative even when drawn from
negative-sounding sentences (samples 2 and 3, see README.md). Here the candidates are restricted to the
(source, target) pairs where blame is most often voiced:

- adversarial (800 rows): the Kremlin on NATO, the United States, Ukraine and the EU; the White House on
  Russia; UN General Debate speeches of 2014-2023 on Russia (by any state but Russia) and Russia's speeches
  on NATO and the United States;
- allied (200 rows): the White House on Ukraine, NATO and the EU; UN General Debate speeches of 2014-2023
  on Ukraine (by any state but Russia);

and within them the sentences the current ``model`` reads as negative (adversarial) or positive (allied)
toward the target are offered first (``polar_by="model"``). The model's reading only orders the candidates:
coders never see it, and in sample 4 under a third of the rows it read as negative were coded negative.
Earlier samples, both test files and the guide's examples are excluded.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from analysis import config
from analysis._annotate_io import read_labelled
from analysis.annotate import sample_mentions, write_sample
from analysis.lexicon import load_lexicon
from analysis.load import load_articles
from analysis.mentions import find_mentions
from analysis.sentences import split_sentences

HERE = Path(__file__).resolve().parent
ROOT = config.PROJECT_DIR
CORPUS = [ROOT / "seeds" / "kremlin_en_2021-10_2022-06.csv.gz", ROOT / "seeds" / "whitehouse_2021-10_2022-07.jsonl.gz",
          config.SHARED_DATA_DIR / "ungdc" / "ungdc_1991_2023.jsonl.gz"]
EXCLUDE = [HERE / "to_label.jsonl", HERE / "to_label_neg.jsonl", HERE / "to_label_neg2.jsonl",
           HERE / "to_label_model.jsonl", ROOT / "tests" / "data" / "domain_sentiment_test.jsonl",
           ROOT / "docs" / "annotation-guide-examples.jsonl"]
ADVERSARIAL = {"kremlin": ["NATO", "United States", "Ukraine", "European Union"], "whitehouse": ["Russia"]}
ALLIED = {"whitehouse": ["Ukraine", "NATO", "European Union"]}


def pairs(mentions: pd.DataFrame, articles: pd.DataFrame, wanted: dict[str, list[str]], un: dict[str, list[str]],
          russia_on: list[str]) -> pd.DataFrame:
    meta = articles.set_index("doc_id")[["source", "country", "date"]]
    m = mentions.join(meta, on="doc_id")
    keep = pd.Series(False, index=m.index)
    for source, targets in wanted.items():
        keep |= (m["source"] == source) & m["target"].isin(targets)
    recent = (m["source"] == "ungdc") & (m["date"].dt.year >= 2014)
    for _, targets in un.items():
        keep |= recent & (m["country"] != "RUS") & m["target"].isin(targets)
    keep |= recent & (m["country"] == "RUS") & m["target"].isin(russia_on)
    return mentions[keep.to_numpy()]


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    articles, _ = load_articles([str(p) for p in CORPUS])
    sentences = split_sentences(articles)
    mentions = find_mentions(sentences, load_lexicon())
    exclude = [s for path in EXCLUDE if path.is_file() for s in read_labelled(path)["sentence"]]
    common = dict(exclude=exclude, method="model", polar_by="model", max_per_doc=2, max_scored=12_000)
    adv = pairs(mentions, articles, ADVERSARIAL, {"un": ["Russia"]}, ["NATO", "United States"])
    rows_adv = sample_mentions(adv, sentences, articles, targets=["NATO", "United States", "Ukraine",
                               "European Union", "Russia"], n=800, seed=12, polar_share=(1.0, 0.0), **common)
    used = set(rows_adv["sentence"])
    ally = pairs(mentions, articles, ALLIED, {"un": ["Ukraine"]}, [])
    rows_ally = sample_mentions(ally, sentences, articles, targets=["Ukraine", "NATO", "European Union"], n=200,
                                seed=13, polar_share=(0.0, 1.0), exclude=[*exclude, *used],
                                **{k: v for k, v in common.items() if k != "exclude"})
    rows = pd.concat([rows_adv, rows_ally], ignore_index=True).drop_duplicates("row_id")
    csv_path, jsonl_path = write_sample(rows, HERE / "to_label_targeted")
    print(f"wrote {len(rows)} rows ({len(rows_adv)} adversarial, {len(rows_ally)} allied) to {csv_path}")
    print(rows.groupby(["target", "source"]).size().unstack(fill_value=0).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
