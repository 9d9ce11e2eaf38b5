"""Reproduce the random choice of documents for the attribution gold set.

Run ``.venv/bin/python tests/data/speakers/select_docs.py``: it prints, for each pool, the eligible documents in
their random order (numpy ``default_rng(SEED)``, permutation of the doc_ids sorted alphabetically). The annotator
took documents from the top of each list, in order, and recorded every skip in ``docs/attribution-guide.md``.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402

SEED = 20220117
#: reported speech: a quotation mark or one of the cue words
REPORTED = re.compile(r"[“”\"]|\b(?:said|says|stressed|noted|according to|told|stated|added|emphasised|emphasized)\b")
#: a White House release quoting someone: a quoted segment of 20 or more characters (not a scare quote)
QUOTED = re.compile(r"“[^”]{20,}”")
#: a cue word of reported speech (White House pool: must occur, or a QUOTED segment, in the first WH_HEAD characters)
CUE = re.compile(r"\b(?:said|says|stressed|noted|according to|told|stated|added)\b")
WH_HEAD = 3000
#: a White House transcript: a speaker label at a line start ("MS. PSAKI:", "SENIOR ADMINISTRATION OFFICIAL:", "Q ")
WH_LABEL = re.compile(r"(?m)^(?:[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+)*:|Q\s)")
#: a Kremlin transcript: a section break or an inline speaker label such as "Vladimir Putin: " or "Question: "
KREMLIN_LABEL = re.compile(r"\* \* \*|\bQuestion: |\b[A-Z][a-z]+ [A-Z][a-z]+: [A-Z“\"]")


def pools(articles):
    """Return the candidate pools as a dict of name -> sorted list of doc_ids."""
    k = articles[articles["source"] == "kremlin"]
    w = articles[articles["source"] == "whitehouse"]
    not_dup = articles["duplicate_of"].isna()
    k_trans = k["text"].str.contains(KREMLIN_LABEL)
    k_rep = k["text"].str.contains(REPORTED)
    w_stat = w["category"] == "statements-releases"
    head = w["text"].str.slice(0, WH_HEAD)
    w_rep = (head.str.contains(QUOTED) | head.str.contains(CUE)) & ~w["text"].str.contains(WH_LABEL)
    return {
        "quotes/kremlin": sorted(k[~k_trans & k_rep & not_dup[k.index]]["doc_id"]),
        "quotes/whitehouse": sorted(w[w_stat & w_rep & not_dup[w.index]]["doc_id"]),
        "turns/whitehouse-briefings": sorted(w[(w["category"] == "press-briefings") & not_dup[w.index]]["doc_id"]),
        "turns/kremlin-transcripts": sorted(k[k_trans & not_dup[k.index]]["doc_id"]),
        "turns/single-speaker": sorted(articles[(articles["source"] != "news") & ~articles["doc_id"].isin(
            k[k_trans]["doc_id"]) & (articles["category"].fillna("") != "press-briefings")
            & (articles["category"].fillna("") != "speeches-remarks") & not_dup]["doc_id"]),
    }


#: ninth batch: quotations inside speeches and transcripts (a quoted segment of 20+ characters, either mark)
SPEECH_QUOTED = re.compile(r"[“\"][^”\"\n]{20,}[”\"]")
#: the speech batches (ninth to eleventh) draw from pools with their own seeds (20220122 is the UN General Debate
#: order of the guide)
SPEECH_SEEDS = {"quotes/whitehouse-speeches": 20220123, "quotes/kremlin-transcripts": 20220124,
                "quotes/whitehouse-briefings": 20220125}
#: region of a speech: from the start to the first paragraph (White House) or sentence (Kremlin) end at or after
#: max(SPEECH_MIN, end of the first quoted segment); documents whose region would pass SPEECH_MAX are skipped
SPEECH_MIN, SPEECH_MAX = 2500, 8000
_PARA_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_SENT_END = re.compile(r"[.!?][”\"]?\s+(?=[A-Z“\"])")


def speech_pools(articles):
    """Return the speech pools (batches 9-14: speeches and transcripts quoting someone; 15: press briefings) as name
    -> sorted doc_ids."""
    not_dup = articles["duplicate_of"].isna()
    quoted = articles["text"].str.contains(SPEECH_QUOTED)
    w = articles[(articles["source"] == "whitehouse") & (articles["category"] == "speeches-remarks") & not_dup & quoted]
    k = articles[(articles["source"] == "kremlin") & articles["text"].str.contains(KREMLIN_LABEL) & not_dup & quoted]
    # fifteenth batch: press briefings and gaggles quoting someone (reporters' questions, officials' answers)
    b = articles[(articles["source"] == "whitehouse") & (articles["category"] == "press-briefings") & not_dup & quoted]
    return {"quotes/whitehouse-speeches": sorted(w["doc_id"]), "quotes/kremlin-transcripts": sorted(k["doc_id"]),
            "quotes/whitehouse-briefings": sorted(b["doc_id"])}


def speech_upto(text: str, source: str) -> int | None:
    """The region end of a speech-batch document, or None when it would pass SPEECH_MAX (skipped)."""
    first = SPEECH_QUOTED.search(text)
    at = max(SPEECH_MIN, first.end() if first else 0)
    if at >= len(text):
        return len(text)
    end = (_PARA_BREAK if source == "whitehouse" else _SENT_END).search(text, at)
    upto = end.start() + (1 if source == "kremlin" else 0) if end else len(text)
    return upto if upto <= SPEECH_MAX else None


def main(n: int = 40) -> None:
    """Print the first ``n`` documents of each pool in random order."""
    logging.disable(logging.WARNING)
    articles, _ = analysis.load_articles(ROOT / "seeds")
    length = dict(zip(articles["doc_id"], articles["text"].str.len()))
    text = dict(zip(articles["doc_id"], articles["text"]))
    source = dict(zip(articles["doc_id"], articles["source"]))
    for i, (name, ids) in enumerate(pools(articles).items()):
        rng = np.random.default_rng(SEED + i)
        order = [ids[j] for j in rng.permutation(len(ids))]
        print(f"## {name}: {len(ids)} eligible (rng seed {SEED + i})")
        for rank, doc_id in enumerate(order[:n]):
            print(f"{rank:3d} {length[doc_id]:7d} {doc_id}")
    for name, ids in speech_pools(articles).items():
        order = [ids[j] for j in np.random.default_rng(SPEECH_SEEDS[name]).permutation(len(ids))]
        print(f"## {name}: {len(ids)} eligible (rng seed {SPEECH_SEEDS[name]}; third column: region end or 'skip')")
        for rank, doc_id in enumerate(order[:n]):
            upto = speech_upto(text[doc_id], source[doc_id])
            print(f"{rank:3d} {length[doc_id]:7d} {'skip' if upto is None else upto:>5} {doc_id}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
