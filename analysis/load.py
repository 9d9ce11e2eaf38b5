"""Load articles from files and folders into one validated frame, listing every reject.

``load_articles`` reads the seed text format, JSONL, CSV and Parquet (each plain or ``.gz``),
maps the file's own column names onto the canonical ones, validates every record and returns
``LoadResult(articles, rejects)``. Nothing is dropped silently: every input that cannot be loaded
is a row of ``rejects`` with its path, line (NA where it does not apply) and reason, so that
``inputs = len(articles) + len(rejects)``, where an input is a record or a file that could not be
read as records at all (a corrupt gzip, a missing date header: one reject for the file).
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import yaml

from analysis import _dedup
from analysis._readers import READERS, FileRejected, file_format
from analysis._validate import RecordRejected, content_id, is_missing, optional_str, parse_date

logger = logging.getLogger(__name__)

ARTICLE_COLUMNS = [
    "doc_id", "date", "date_precision", "source", "title", "text", "url",
    "speaker", "country", "path", "line", "duplicate_of",
]  # fmt: skip
REJECT_COLUMNS = ["path", "line", "reason"]
#: Canonical fields a mapping may name; ``text`` and ``date`` are required.
FIELDS = ["id", "date", "title", "text", "url", "speaker", "country", "source"]
REQUIRED = ("date", "text")
#: Column names tried, in order, when a file has no column of the canonical name and no mapping names one.
FALLBACKS = {
    "id": ["doc_id", "article_id", "guid"],
    "date": ["published", "published_at", "pubdate", "datetime", "year"],
    "title": ["headline"],
    "text": ["body", "content", "article"],
    "url": ["link", "source_url"],
    "speaker": ["author", "byline"],
    "country": ["country_name"],
}
MANIFEST = "sources.yml"

PathsLike = str | PathLike | Iterable[str | PathLike]


class LoadError(Exception):
    """Raised with ``strict=True`` at the first input that cannot be loaded (file, line, reason)."""


class LoadResult(NamedTuple):
    """What ``load_articles`` returns: ``articles, rejects = load_articles(...)``."""

    articles: pd.DataFrame
    rejects: pd.DataFrame


@dataclass(frozen=True)
class _FileSpec:
    """One file to read, with what its folder's manifest says about it."""

    path: Path
    source: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)


def load_articles(
    paths: PathsLike,
    *,
    mapping: Mapping[str, str] | None = None,
    source: str | None = None,
    strict: bool = False,
    near_duplicates: bool = True,
    drop_duplicates: bool = False,
    progress: bool | None = None,
) -> LoadResult:
    """Load articles from files and folders.

    Parameters
    ----------
    paths : path or list of paths
        Files (``.txt``, ``.jsonl``, ``.csv``, ``.parquet``, each optionally ``.gz``) and folders,
        read recursively by extension. A folder's ``sources.yml`` names, per file, its source and
        column mapping.
    mapping : dict, optional
        Canonical field -> the file's column, e.g. ``{"date": "published", "text": "body"}``;
        overrides the manifest. Fields beyond the canonical ones are kept as extra columns.
        Without a mapping, a missing canonical column is looked for under common names
        (``body`` for text, ``headline`` for title, ``link`` for url, ``year`` for date, ...).
    source : str, optional
        Source name for every article. Otherwise: the manifest's, then a ``source`` column,
        then the name of the file's folder.
    strict : bool
        Raise :class:`LoadError` at the first reject instead of listing it.
    near_duplicates : bool
        Flag near-duplicates (shingle Jaccard >= 0.8, see :mod:`analysis._dedup`) as well as exact ones.
    drop_duplicates : bool
        Move flagged duplicates from ``articles`` to ``rejects`` (reason names the first copy).
    progress : bool, optional
        Show a tqdm progress bar over the files (default: when there is more than one file).

    Returns
    -------
    LoadResult
        ``(articles, rejects)``; columns as DESIGN.md fixes them.

    Raises
    ------
    FileNotFoundError
        A path does not exist.
    LoadError
        With ``strict=True``, at the first input that cannot be loaded; or a malformed manifest.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text(" date 2022-01-17 Talks\\n\\nMoscow expects answers.\\n")
    >>> _ = (folder / "b.txt").write_text("no header\\n")
    >>> articles, rejects = load_articles(folder)
    >>> articles[["date", "title", "text"]].to_dict("records")
    [{'date': Timestamp('2022-01-17 00:00:00'), 'title': 'Talks', 'text': 'Moscow expects answers.'}]
    >>> rejects.reason.str.startswith("missing or malformed date header").tolist()
    [True]
    """
    specs = _expand(paths)
    user_mapping = dict(mapping or {})
    records: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []

    def reject(path: Path, line: int | None, reason: str) -> None:
        if strict:
            where = f"{path}:{line}" if line is not None else str(path)
            raise LoadError(f"{where}: {reason}")
        rejects.append({"path": str(path), "line": line, "reason": reason})

    for spec in _progress(specs, progress):
        _read_file(spec, user_mapping, source, records, reject)

    articles = _frame(records)
    articles = _drop_repeated_ids(articles, reject)
    articles = _flag_duplicates(articles, near=near_duplicates)
    if drop_duplicates and articles.duplicate_of.notna().any():
        dup = articles.duplicate_of.notna()
        for row in articles[dup].itertuples():
            reject(Path(row.path), _int_or_none(row.line), f"duplicate of {row.duplicate_of} (dropped on request)")
        articles = articles[~dup].reset_index(drop=True)
    rejected = pd.DataFrame(rejects, columns=REJECT_COLUMNS).astype(
        {"path": "string", "line": "Int64", "reason": "string"}
    )
    logger.info("loaded %d articles, rejected %d inputs", len(articles), len(rejected))
    return LoadResult(articles, rejected)


def input_files(paths: PathsLike) -> list[Path]:
    """The files ``load_articles(paths)`` would read, plus the manifests that apply to them, sorted.

    Examples
    --------
    >>> from analysis import config
    >>> [p.name for p in input_files(config.SEED_ARTICLE)]
    ['000_48e887ccb703808a.txt', 'sources.yml']
    """
    files = {spec.path for spec in _expand(paths)}
    for path in list(files):
        for folder in [path.parent, *path.parent.parents]:
            if (folder / MANIFEST).is_file():
                files.add(folder / MANIFEST)
                break
    return sorted(files)


def _progress(specs: list[_FileSpec], progress: bool | None) -> Iterable[_FileSpec]:
    if progress is False or (progress is None and len(specs) < 2):
        return specs
    from tqdm.auto import tqdm

    return tqdm(specs, desc="loading", unit="file")


def _expand(paths: PathsLike) -> list[_FileSpec]:
    """Resolve files and folders to the files to read, each with its manifest entry."""
    if isinstance(paths, str | PathLike):
        paths = [paths]
    specs: list[_FileSpec] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            manifests: dict[Path, list[dict[str, Any]]] = {}
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if file_format(child) is None or any(part.startswith(".") for part in child.parts[len(path.parts):]):
                    continue
                specs.append(_with_manifest(child, path, manifests))
        elif path.is_file():
            specs.append(_with_manifest(path, path.parent, {}))
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return specs


def _with_manifest(path: Path, top: Path, cache: dict[Path, list[dict[str, Any]]]) -> _FileSpec:
    """Attach the entry of the nearest ``sources.yml`` (in the file's folder or above, up to ``top``)."""
    folder = path.parent
    while True:
        if folder not in cache:
            cache[folder] = _read_manifest(folder / MANIFEST)
        for entry in cache[folder]:
            if fnmatch.fnmatch(path.relative_to(folder).as_posix(), entry["path"]):
                return _FileSpec(path, entry.get("source"), entry.get("mapping") or {})
        if folder == top or folder.parent == folder:
            return _FileSpec(path)
        folder = folder.parent


def _read_manifest(manifest: Path) -> list[dict[str, Any]]:
    if not manifest.is_file():
        return []
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LoadError(f"{manifest}: not valid YAML ({exc})") from None
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LoadError(f"{manifest}: expected a top-level 'files:' list of entries")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise LoadError(f"{manifest}: entry {number} needs a 'path' (file name or glob)")
        unknown = set(entry) - {"path", "source", "mapping", "licence", "description"}
        if unknown:
            raise LoadError(f"{manifest}: entry {entry['path']!r} has unknown keys {sorted(unknown)}")
        if not isinstance(entry.get("mapping") or {}, dict):
            raise LoadError(f"{manifest}: entry {entry['path']!r}: 'mapping' must be a dict")
    return entries


def _read_file(spec: _FileSpec, user_mapping: dict[str, str], source: str | None, out: list, reject) -> None:
    path = spec.path
    fmt = file_format(path)
    if fmt is None:
        reject(path, None, f"unsupported file type {''.join(path.suffixes) or '(none)'!r}: "
               "expected .txt, .jsonl, .csv or .parquet, optionally .gz")
        return
    mapping = {**spec.mapping, **user_mapping}
    resolved: dict[tuple[str, ...], dict[str, str]] = {}
    try:
        for line, record, reason in READERS[fmt](path):
            if record is None:
                reject(path, line, reason)
                continue
            keys = tuple(record)
            if keys not in resolved:
                resolved[keys] = _resolve(mapping, record)
                missing = [f for f in REQUIRED if f not in resolved[keys]]
                if missing and fmt in ("csv", "parquet"):
                    raise FileRejected(_missing_message(missing, mapping, keys))
            columns = resolved[keys]
            missing = [f for f in REQUIRED if f not in columns]
            if missing:
                reject(path, line, _missing_message(missing, mapping, keys))
                continue
            try:
                out.append(_article(record, columns, spec, source, path, line))
            except RecordRejected as exc:
                reject(path, line, str(exc))
    except FileRejected as exc:
        reject(path, None, str(exc))
    except OSError as exc:
        reject(path, None, f"cannot read file ({exc.strerror or exc})")


def _missing_message(missing: list[str], mapping: Mapping[str, str], keys: tuple[str, ...]) -> str:
    wanted = ", ".join(repr(mapping.get(f, f)) for f in missing)
    return f"missing required column {wanted} (columns: {', '.join(keys) or 'none'})"


def _resolve(mapping: Mapping[str, str], record: Mapping[str, Any]) -> dict[str, str]:
    """Canonical field -> the record's column, for the fields this record has."""
    columns = {}
    for name in [*FIELDS, *(k for k in mapping if k not in FIELDS)]:
        if name in mapping:
            if mapping[name] in record:
                columns[name] = mapping[name]
            continue
        for candidate in [name, *FALLBACKS.get(name, [])]:
            if candidate in record:
                columns[name] = candidate
                break
    return columns


def _article(record, columns, spec: _FileSpec, source: str | None, path: Path, line: int | None) -> dict:
    get = lambda name: record.get(columns[name]) if name in columns else None  # noqa: E731
    date, precision = parse_date(get("date"))
    text = get("text")
    if is_missing(text):
        raise RecordRejected("empty text")
    text = str(text)
    title = optional_str(get("title"))
    src = source or spec.source or optional_str(get("source")) or path.parent.name or "unknown"
    own_id = optional_str(get("id"))
    article = {
        "doc_id": f"{src}:{own_id or content_id(date, title, text)}",
        "date": date,
        "date_precision": precision,
        "source": src,
        "title": title,
        "text": text,
        "url": optional_str(get("url")),
        "speaker": optional_str(get("speaker")),
        "country": optional_str(get("country")),
        "path": str(path),
        "line": line,
    }
    for extra in columns.keys() - set(FIELDS):
        value = record.get(columns[extra])
        article[extra] = None if is_missing(value) else value
    return article


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=ARTICLE_COLUMNS)
    frame["duplicate_of"] = None
    extras = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    frame = frame[ARTICLE_COLUMNS + extras]
    types = {c: "string" for c in ARTICLE_COLUMNS if c not in ("date", "line")} | {"line": "Int64"}
    types |= {c: "string" for c in extras if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])}
    frame = frame.astype(types)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    return frame


def _drop_repeated_ids(articles: pd.DataFrame, reject) -> pd.DataFrame:
    repeated = articles.doc_id.duplicated(keep="first")
    if repeated.any():
        first = articles.drop_duplicates("doc_id").set_index("doc_id")
        for row in articles[repeated].itertuples():
            origin = first.loc[row.doc_id]
            reject(Path(row.path), _int_or_none(row.line),
                   f"duplicate doc_id {row.doc_id!r} (first at {origin.path}:{origin.line})")
        articles = articles[~repeated].reset_index(drop=True)
    return articles


def _flag_duplicates(articles: pd.DataFrame, *, near: bool) -> pd.DataFrame:
    """Fill ``duplicate_of``: the doc_id of the earliest copy (by date, then load order)."""
    if len(articles) < 2:
        return articles
    order = np.lexsort((np.arange(len(articles)), articles["date"].to_numpy()))
    rank = np.empty(len(articles), dtype=np.int64)
    rank[order] = np.arange(len(articles))
    first = _dedup.find_duplicates(articles["text"].tolist(), rank, near=near)
    ids = articles["doc_id"].to_numpy()
    articles["duplicate_of"] = pd.array(np.where(first >= 0, ids[np.maximum(first, 0)], None), dtype="string")
    return articles


def _int_or_none(value: Any) -> int | None:
    return None if value is None or value is pd.NA else int(value)
