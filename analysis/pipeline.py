"""The per-article steps run once per corpus and cached on disk: load -> sentences -> mentions -> scores.

Speaker turns and quotations are found too, and every sentence, mention and scored mention carries who voices
it (``holder``, ``holder_for``, ``holder_role``, ``holder_kind``: :mod:`analysis.attribution`).

Reports and notebooks call :func:`prepare_corpus`; a batch of reports over one corpus does this work
once. The cache key is the content of every input file (and manifest), the lexicon, and the code
version (a hash of the package's source and data files), so a changed seed file, lexicon or model
invalidates it. Frames are stored as pickles (they keep pandas' NA-aware dtypes exactly) under
``config.CACHE_DIR/corpus/<key>/``, written atomically so parallel readers never see half a file.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.load import PathsLike, input_files, load_articles

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedCorpus:
    """Everything the reports need about one corpus; every frame keeps doc_id (and sent_id)."""

    articles: pd.DataFrame
    rejects: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    scores: pd.DataFrame
    files: tuple[tuple[str, str], ...]  # (path, sha256 prefix) of every input file and manifest
    key: str
    turns: pd.DataFrame | None = None  # speaker turns (analysis.speakers.split_turns)
    quotes: pd.DataFrame | None = None  # quotations (analysis.quotes.find_quotes)

    @property
    def method(self) -> str:
        """The sentiment method actually used (after any fallback)."""
        used = self.scores["method"].dropna().unique() if len(self.scores) else []
        return str(used[0]) if len(used) else "none"


@functools.cache
def code_version() -> str:
    """A short hash of the package's Python sources and data files (lexicons, models)."""
    digest = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc",):
            digest.update(path.relative_to(config.PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (hex, first 16 digits)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def corpus_key(corpus: PathsLike, lexicon_path: str | os.PathLike | None = None) -> tuple[str, list[tuple[str, str]]]:
    """The cache key of a corpus and its files with their digests."""
    files = [(str(p), file_digest(p)) for p in input_files(corpus)]
    digest = hashlib.sha256(code_version().encode())
    for name, value in files:
        digest.update(f"{Path(name).name}\0{value}\n".encode())
    if lexicon_path is not None:
        digest.update(file_digest(Path(lexicon_path)).encode())
    return digest.hexdigest()[:20], files


def _cached(folder: Path | None, name: str, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    if folder is None:
        return compute()
    path = folder / f"{name}.pkl"
    if path.exists():
        try:
            frame = pd.read_pickle(path)
            if name == "articles":
                os.utime(folder)  # "recently used", for _prune
            return frame
        except Exception as exc:  # a truncated or foreign file: recompute
            logger.warning("cache file %s unreadable (%s); recomputing", path, exc)
    frame = compute()
    folder.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(handle)
    frame.to_pickle(tmp)
    os.replace(tmp, path)
    return frame


#: corpus cache folders kept (most recently used first); older ones are removed when a new one is made
KEEP_CACHED_CORPORA = 6


def _prune(root: Path, keep: int = KEEP_CACHED_CORPORA) -> None:
    """Remove all but the ``keep - 1`` most recently used corpus folders under ``root`` (room for a new one).

    Every code or data change makes a new key, and a folder of the bundled seeds takes about 250 MB."""
    import shutil

    if not root.is_dir():
        return
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[max(keep - 1, 0):]:
        logger.info("removing the old corpus cache %s", old)
        shutil.rmtree(old, ignore_errors=True)


def prepare_corpus(
    corpus: PathsLike,
    *,
    method: str = "model",
    lexicon_path: str | os.PathLike | None = None,
    cache: bool = True,
) -> PreparedCorpus:
    """Load a corpus and compute its sentences, mentions and target sentiment, cached on disk.

    Sentences, mentions and scores carry the holder columns of :func:`analysis.attribution.attribute`.

    Parameters
    ----------
    corpus : path or list of paths
        What :func:`analysis.load_articles` takes.
    method : str
        Sentiment method for :func:`analysis.sentiment.score_targets`.
    lexicon_path : path, optional
        A user lexicon merged over the packaged one.
    cache : bool
        Read and write the on-disk cache (``config.CACHE_DIR``).
    """
    from analysis.attribution import attribute, attribute_mentions, default_quotes, default_turns
    from analysis.lexicon import load_lexicon
    from analysis.mentions import find_mentions
    from analysis.sentences import split_sentences
    from analysis.sentiment import score_targets

    key, files = corpus_key(corpus, lexicon_path)
    folder = config.CACHE_DIR / "corpus" / key if cache else None
    loaded: dict[str, pd.DataFrame] = {}

    def load(part: str) -> pd.DataFrame:
        if not loaded:
            loaded["articles"], loaded["rejects"] = load_articles(corpus, progress=False)
        return loaded[part]

    if folder is not None and not folder.exists():
        _prune(folder.parent)
    articles = _cached(folder, "articles", lambda: load("articles"))
    rejects = _cached(folder, "rejects", lambda: load("rejects"))
    # the plain sentences and mentions are only read when a frame built from them is missing (a warm run
    # skips them: they are the largest files)
    plain = functools.cache(lambda: _cached(folder, "sentences", lambda: split_sentences(articles)))
    turns = _cached(folder, "turns", lambda: default_turns(articles))
    quotes = _cached(folder, "quotes", lambda: default_quotes(articles))
    sentences = _cached(folder, "sentences-holders", lambda: attribute(plain(), articles, turns=turns, quotes=quotes))
    lexicon = load_lexicon(lexicon_path) if lexicon_path else None
    found = functools.cache(lambda: _cached(folder, "mentions", lambda: find_mentions(plain(), lexicon)))
    mentions = _cached(folder, "mentions-holders", lambda: attribute_mentions(found(), sentences, quotes=quotes))
    # Keyed by the method that will actually run: "model" without the embeddings extra falls back to model-fast,
    # and that fallback must not be served once the extra is installed.
    from analysis._embeddings import embeddings_available

    used = "model-fast" if method == "model" and not embeddings_available() else method
    scores = _cached(folder, f"scores-{used}", lambda: score_targets(mentions, sentences, method=method))
    return PreparedCorpus(articles, rejects, sentences, mentions, scores, tuple(files), key, turns, quotes)

