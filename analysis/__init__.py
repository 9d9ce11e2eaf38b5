"""analysis: load, split, tag, score and report on articles about European security.

The public verbs, one module per step of the flow (see DESIGN.md):

- loading: :func:`load_articles` -> ``LoadResult(articles, rejects)``; :func:`summarise_corpus`.
"""

from analysis.load import LoadError, LoadResult, load_articles
from analysis.summary import format_summary, summarise_corpus

__version__ = "0.1.0"

__all__ = [
    "LoadError",
    "LoadResult",
    "__version__",
    "format_summary",
    "load_articles",
    "summarise_corpus",
]
