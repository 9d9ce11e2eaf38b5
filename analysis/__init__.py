"""analysis: load, split, tag, score and report on articles about European security.

The public verbs, one module per step of the flow (DESIGN.md):

- load:      :func:`load_articles` -> ``LoadResult(articles, rejects)``; :func:`summarise_corpus`,
             :func:`volume_over_time`
- sentences: :func:`split_sentences`
- targets:   :func:`load_lexicon`, :func:`find_mentions`, :func:`kwic`, :func:`cooccurrence`,
             :func:`keyness`, :func:`term_counts`, :func:`mentions_over_time`
- periods:   :func:`assign_periods` (every "over time" function honours ``date_precision``)
- pipeline:  :func:`prepare_corpus` (load -> sentences -> mentions -> scores, cached on disk)
- reports:   :func:`render_report`, :func:`render_batch`; in notebooks :func:`record`, :func:`warn_if_thin`
- figures:   ``plot_*`` (each takes ``ax=None`` and returns the Axes)
"""

from analysis.association import cooccurrence, keyness, term_counts
from analysis.kwic import kwic
from analysis.lexicon import Lexicon, LexiconError, load_lexicon
from analysis.load import LoadError, LoadResult, load_articles
from analysis.mentions import find_mentions
from analysis.notebook import read_records, record, show_text, warn_if_thin
from analysis.periods import assign_periods
from analysis.pipeline import PreparedCorpus, prepare_corpus
from analysis.plot_mentions import plot_cooccurrence, plot_dispersion, plot_keyness, plot_mentions_over_time
from analysis.report import ParameterError, render_batch, render_report
from analysis.sentences import split_sentences
from analysis.summary import format_summary, plot_volume, summarise_corpus, volume_over_time
from analysis.timeline import mentions_over_time

__version__ = "0.1.0"

__all__ = [
    "Lexicon",
    "LexiconError",
    "LoadError",
    "LoadResult",
    "ParameterError",
    "PreparedCorpus",
    "__version__",
    "assign_periods",
    "cooccurrence",
    "find_mentions",
    "format_summary",
    "keyness",
    "kwic",
    "load_articles",
    "load_lexicon",
    "mentions_over_time",
    "plot_cooccurrence",
    "plot_dispersion",
    "plot_keyness",
    "plot_mentions_over_time",
    "plot_volume",
    "prepare_corpus",
    "read_records",
    "record",
    "render_batch",
    "render_report",
    "show_text",
    "split_sentences",
    "summarise_corpus",
    "term_counts",
    "volume_over_time",
]
