"""analysis: load, split, tag, score and report on articles about European security.

The public verbs, one module per step of the flow (DESIGN.md):

- load:      :func:`load_articles` -> ``LoadResult(articles, rejects)``; :func:`summarise_corpus`,
             :func:`volume_over_time`
- sentences: :func:`split_sentences`
- speakers:  :func:`split_turns`, :func:`find_quotes`, :func:`load_speakers` (who said it)
- targets:   :func:`load_lexicon`, :func:`find_mentions`, :func:`kwic`, :func:`cooccurrence`,
             :func:`keyness`, :func:`term_counts`, :func:`mentions_over_time`
- periods:   :func:`assign_periods` (every "over time" function honours ``date_precision``)
- pipeline:  :func:`prepare_corpus` (load -> sentences -> mentions -> scores, cached on disk)
- topics:    :func:`vectorise`, :func:`fit_topics`, :func:`select_n_topics`, :func:`topics_over_time`
- sentiment: :func:`score_targets`, :func:`sentiment_over_time`, :func:`compare_sources`, :func:`top_sentences`
- commitments and briefs: :func:`commitments_invoked`, :func:`commitment_actor_sentiment`, :func:`slice_period`,
             :func:`sentiment_shift`, :func:`topic_shift`
- annotation: :func:`export_sample`, :func:`import_coded`, :func:`agreement` (``python -m analysis annotate``)
- who said it: :func:`attribute`, :func:`attribute_mentions`, :func:`sentiment_by_holder`,
             :func:`holder_commitments`
- reports:   :func:`render_report`, :func:`render_batch`; in notebooks :func:`record`, :func:`warn_if_thin`
- figures:   ``plot_*`` (each takes ``ax=None`` and returns the Axes)
"""

from analysis import config
from analysis.aggregate import compare_sources, sentence_extremes, sentiment_over_time, top_sentences
from analysis.annotate import agreement, export_sample, import_coded, sample_mentions
from analysis.association import cooccurrence, keyness, term_counts
from analysis.attribution import attribute, attribute_mentions, holder_commitments, sentiment_by_holder
from analysis.brief import (
    commitments_alongside,
    plot_sentiment_shift,
    sentiment_shift,
    slice_period,
    split_before_after,
    target_topics,
    topic_shift,
)
from analysis.commitments import commitment_actor_sentiment, commitments_invoked
from analysis.evaluate import evaluate_file, read_newsmtsc, sentiment_metrics
from analysis.kwic import kwic
from analysis.lexicon import Lexicon, LexiconError, load_lexicon
from analysis.load import LoadError, LoadResult, load_articles
from analysis.mentions import find_mentions
from analysis.notebook import read_records, record, show_text, warn_if_thin
from analysis.periods import assign_periods
from analysis.pipeline import PreparedCorpus, prepare_corpus
from analysis.plot_attribution import plot_holder_heatmap
from analysis.plot_mentions import plot_cooccurrence, plot_dispersion, plot_keyness, plot_mentions_over_time
from analysis.plot_sentiment import (
    plot_compare_sources,
    plot_sentence_table,
    plot_sentiment_over_time,
    plot_target_source,
)
from analysis.plot_topics import plot_n_topics, plot_source_topics, plot_topic_terms, plot_topics_over_time
from analysis.provenance import provenance
from analysis.quotes import find_quotes
from analysis.report import ParameterError, render_batch, render_report
from analysis.sentences import split_sentences
from analysis.sentiment import score_targets
from analysis.speakers import Speakers, SpeakersError, load_speakers, split_turns
from analysis.summary import format_summary, plot_volume, summarise_corpus, volume_over_time
from analysis.timeline import mentions_over_time
from analysis.topics import TopicModel, choose_n_topics, fit_topics, select_n_topics, topic_quality, topics_over_time
from analysis.vectorise import vectorise

__version__ = "0.1.0"

__all__ = [
    "Lexicon",
    "LexiconError",
    "LoadError",
    "LoadResult",
    "ParameterError",
    "PreparedCorpus",
    "Speakers",
    "SpeakersError",
    "TopicModel",
    "__version__",
    "agreement",
    "assign_periods",
    "attribute",
    "attribute_mentions",
    "choose_n_topics",
    "commitment_actor_sentiment",
    "commitments_alongside",
    "commitments_invoked",
    "compare_sources",
    "config",
    "cooccurrence",
    "evaluate_file",
    "export_sample",
    "find_mentions",
    "find_quotes",
    "fit_topics",
    "format_summary",
    "holder_commitments",
    "import_coded",
    "keyness",
    "kwic",
    "load_articles",
    "load_lexicon",
    "load_speakers",
    "mentions_over_time",
    "plot_compare_sources",
    "plot_cooccurrence",
    "plot_dispersion",
    "plot_holder_heatmap",
    "plot_keyness",
    "plot_mentions_over_time",
    "plot_n_topics",
    "plot_sentence_table",
    "plot_sentiment_over_time",
    "plot_sentiment_shift",
    "plot_source_topics",
    "plot_target_source",
    "plot_topic_terms",
    "plot_topics_over_time",
    "plot_volume",
    "prepare_corpus",
    "provenance",
    "read_newsmtsc",
    "read_records",
    "record",
    "render_batch",
    "render_report",
    "sample_mentions",
    "score_targets",
    "select_n_topics",
    "sentence_extremes",
    "sentiment_by_holder",
    "sentiment_metrics",
    "sentiment_over_time",
    "sentiment_shift",
    "show_text",
    "slice_period",
    "split_before_after",
    "split_sentences",
    "split_turns",
    "summarise_corpus",
    "target_topics",
    "term_counts",
    "top_sentences",
    "topic_quality",
    "topic_shift",
    "topics_over_time",
    "vectorise",
    "volume_over_time",
    "warn_if_thin",
]
