"""Exact and near-duplicate detection for the loader.

Exact duplicates share the same normalised text (case folded, white space collapsed).

Near-duplicates (the same wire story under another headline, a statement re-issued with a new
first line) are found with w-shingling (Broder 1997): the Jaccard similarity of the two texts' sets
of ``shingle_size``-word shingles. The shingle sets are sampled by the "0 mod p" rule (a shingle is
kept when the top two bits of its hash are zero, so about a quarter of them), which keeps the Jaccard
estimate unbiased and is deterministic on every machine. Shingles found in more than
``max(50, 1% of the documents)`` documents (boilerplate such as "mr. president, distinguished
delegates") are ignored, and documents with fewer than ``MIN_SAMPLED`` sampled shingles (about 40
words) are only ever exact duplicates. Two documents are near-duplicates when the estimated Jaccard
similarity is at least ``threshold`` (0.8 by default); near-duplicate pairs are joined transitively
and every member of a group points at its earliest member.

Shingles are hashed with a polynomial rolling hash over the UTF-8 bytes, computed for a whole chunk of
documents at once with NumPy (prefix sums of ``byte * P**i`` modulo 2**64), so no Python code runs
per word.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

DEFAULT_THRESHOLD = 0.8
SHINGLE_SIZE = 5
MIN_SAMPLED = 8
_P = np.uint64(1_000_003)
_P_INV = np.uint64(pow(1_000_003, -1, 2**64))
_CHUNK_BYTES = 16_000_000


def normalise(text: str) -> str:
    """Return ``text`` case folded with runs of white space collapsed to one space."""
    return " ".join(text.casefold().split())


def text_key(text: str) -> str:
    """A short, stable hash of the normalised text (exact-duplicate key)."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=12).hexdigest()


def _mix(h: np.ndarray) -> np.ndarray:
    """Finalise 64-bit hashes so that their high bits are well mixed (splitmix64's finaliser)."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """``base ** i`` modulo 2**64 for i in 0..n."""
    out = np.empty(n + 1, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        np.cumprod(np.full(n, base, dtype=np.uint64), out=out[1:])
    return out


def _chunk_shingles(
    docs: list[str], shingle_size: int, tables: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Return (document index within the chunk, hash) of every shingle of ``docs``.

    ``docs`` are normalised texts (single spaces, none at either end, none empty). ``tables``
    holds the powers of P and of its inverse, grown here when a chunk is longer than they are.
    """
    joined = " ".join(docs).encode("utf-8")
    b = np.frombuffer(joined, dtype=np.uint8)
    n = b.size
    if tables.get("powers", np.empty(0)).size <= n:
        tables["powers"], tables["inverse"] = _powers(_P, n), _powers(_P_INV, n)
    powers, inverse = tables["powers"], tables["inverse"]
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum((b.astype(np.uint64) + np.uint64(1)) * powers[:n], out=prefix[1:])
    spaces = np.flatnonzero(b == 32)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [n]))
    words_per_doc = np.fromiter((d.count(" ") + 1 for d in docs), dtype=np.int64, count=len(docs))
    doc_of_word = np.repeat(np.arange(len(docs)), words_per_doc)
    first_word = np.concatenate(([0], np.cumsum(words_per_doc)[:-1]))

    k = shingle_size
    lo = np.arange(max(starts.size - k + 1, 0))
    hi = lo + k - 1
    same = doc_of_word[lo] == doc_of_word[hi]
    lo, hi = lo[same], hi[same]
    short = np.flatnonzero(words_per_doc < k)  # a document shorter than one shingle is one shingle
    lo = np.concatenate((lo, first_word[short]))
    hi = np.concatenate((hi, first_word[short] + words_per_doc[short] - 1))
    s, e = starts[lo], ends[hi]
    with np.errstate(over="ignore"):
        h = _mix((prefix[e] - prefix[s]) * inverse[s])
    return doc_of_word[lo], h


def find_duplicates(
    texts: Sequence[str],
    rank: Sequence[int] | np.ndarray,
    *,
    near: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    shingle_size: int = SHINGLE_SIZE,
) -> np.ndarray:
    """Return, for each text, the index of the first copy it duplicates, or -1.

    Parameters
    ----------
    texts : sequence of str
        The documents' texts.
    rank : sequence of int
        Order of precedence (lower comes first): within a group of duplicates, every member
        points at the member of lowest rank.
    near : bool
        Also flag near-duplicates (Jaccard of shingle sets >= ``threshold``); otherwise only exact ones.
    threshold : float
        Jaccard similarity at or above which two texts are near-duplicates.
    shingle_size : int
        Words per shingle.

    Examples
    --------
    >>> texts = ["Talks on security guarantees resume.", "talks on  security guarantees RESUME.", "Other."]
    >>> find_duplicates(texts, [0, 1, 2]).tolist()
    [-1, 0, -1]
    """
    n = len(texts)
    rank = np.asarray(rank)
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            if (rank[ri], ri) > (rank[rj], rj):
                ri, rj = rj, ri
            parent[rj] = ri

    normalised = [normalise(t) for t in texts]
    first_with_key: dict[str, int] = {}
    for i, t in enumerate(normalised):
        key = hashlib.blake2b(t.encode("utf-8"), digest_size=12).digest()
        if key in first_with_key:
            union(first_with_key[key], i)
        else:
            first_with_key[key] = i

    if near and n > 1:
        for i, j in _near_pairs(normalised, threshold, shingle_size):
            union(i, j)

    roots = np.array([find(i) for i in range(n)], dtype=np.int64)
    return np.where(roots == np.arange(n), -1, roots)


def _near_pairs(normalised: list[str], threshold: float, shingle_size: int) -> list[tuple[int, int]]:
    """Pairs of document indices whose estimated shingle Jaccard is >= threshold."""
    n = len(normalised)
    doc_parts, hash_parts = [], []
    chunk: list[int] = []
    size = 0
    tables: dict[str, np.ndarray] = {}
    for i, t in enumerate([*normalised, None]):  # a None sentinel flushes the last chunk
        if t is not None and t:
            chunk.append(i)
            size += len(t)
        if chunk and (t is None or size >= _CHUNK_BYTES):
            local, h = _chunk_shingles([normalised[j] for j in chunk], shingle_size, tables)
            keep = (h >> np.uint64(62)) == 0
            doc_parts.append(np.asarray(chunk)[local[keep]])
            hash_parts.append(h[keep])
            chunk, size = [], 0
    if not doc_parts:
        return []
    docs = np.concatenate(doc_parts).astype(np.int64)
    hashes, cols = _sorted_unique(np.concatenate(hash_parts), inverse=True)
    pairs = _sorted_unique(docs * hashes.size + cols)
    docs, cols = pairs // hashes.size, pairs % hashes.size
    df = np.bincount(cols, minlength=hashes.size)
    cap = max(50, n // 100)
    kept = df[cols] <= cap
    sizes = np.bincount(docs[kept], minlength=n)
    shared = kept & (df[cols] >= 2)
    x = sp.csr_matrix(
        (np.ones(shared.sum(), dtype=np.int32), (docs[shared], cols[shared])), shape=(n, hashes.size)
    )
    inter = sp.triu(x @ x.T, k=1).tocoo()
    i, j, both = inter.row, inter.col, inter.data
    union_size = sizes[i] + sizes[j] - both
    ok = (np.minimum(sizes[i], sizes[j]) >= MIN_SAMPLED) & (both >= threshold * union_size)
    return list(zip(i[ok].tolist(), j[ok].tolist()))


def _sorted_unique(values: np.ndarray, *, inverse: bool = False):
    """``np.unique`` by sorting (NumPy 2's hash-based unique is several times slower on 64-bit keys)."""
    order = np.argsort(values, kind="stable") if inverse else None
    ordered = values[order] if inverse else np.sort(values)
    new = np.empty(ordered.size, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    unique = ordered[new]
    if not inverse:
        return unique
    codes = np.empty(values.size, dtype=np.int64)
    codes[order] = np.cumsum(new) - 1
    return unique, codes
