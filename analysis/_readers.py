"""Readers for the input formats: seed text, JSONL, CSV, Parquet (each plain or gzip-compressed).

Every reader takes a path and yields ``(line, record, reason)``: ``record`` is a dict of the file's own
fields (not yet mapped or validated) or ``None`` with ``reason`` saying why that line or row could not
be read. A problem with the whole file (corrupt gzip, binary data, a missing header) raises
:class:`FileRejected`, which the loader turns into one reject for the file.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

Row = tuple[int | None, dict[str, Any] | None, str | None]

#: File endings each reader takes (a trailing ``.gz`` is allowed on every one of them).
EXTENSIONS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\S+)(?:[ \t]+(.*?))?[ \t]*$")


class FileRejected(Exception):
    """The whole file cannot be read; the message is the reason shown to the user."""


def file_format(path: Path) -> str | None:
    """Return the reader name for ``path`` by its ending (``.csv.gz`` -> ``csv``), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return EXTENSIONS.get(suffixes[-1]) if suffixes else None


def read_bytes(path: Path) -> bytes:
    """Return the file's bytes, decompressed when it ends in ``.gz``."""
    data = path.read_bytes()
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise FileRejected(f"not a readable gzip file ({exc})") from None
    return data


def decode(data: bytes, path: Path) -> str:
    """Decode text: UTF-8 (with or without BOM), else cp1252 with a warning.

    Raises
    ------
    FileRejected
        The data hold NUL bytes (a binary file) or decode in neither encoding.
    """
    if not data.strip():
        raise FileRejected("empty file")
    if b"\x00" in data[:65536]:
        raise FileRejected("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRejected(
            f"undecodable bytes: neither UTF-8 ({first.reason} at byte {first.start}) nor cp1252"
        ) from None
    logger.warning("%s is not valid UTF-8 (byte %d); decoded as cp1252", path, first.start)
    return text


def read_txt(path: Path) -> Iterator[Row]:
    """Read the seed text format: a `` date YYYY-MM-DD <title>`` line, then the text.

    Paragraphs are separated by blank lines and kept exactly as written; blank lines before the
    text and white space at its end are dropped.
    """
    text = decode(read_bytes(path), path)
    first, _, rest = text.partition("\n")
    match = _HEADER.match(first.rstrip("\r"))
    if match is None:
        shown = first.strip()[:60]
        raise FileRejected(
            f"missing or malformed date header: first line is {shown!r}, "
            "expected ' date YYYY-MM-DD <title>'"
        )
    body = rest.lstrip("\r\n").rstrip()
    yield 1, {"date": match.group(1), "title": match.group(2) or None, "text": body}, None


def read_jsonl(path: Path) -> Iterator[Row]:
    """Read one JSON object per line; a broken line is rejected and the others still load."""
    text = decode(read_bytes(path), path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"broken JSON line ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(record, dict):
            yield number, None, f"JSON line is a {type(record).__name__}, not an object"
            continue
        yield number, record, None


def read_csv(path: Path) -> Iterator[Row]:
    """Read a CSV file with a header row; ``line`` is the physical line where a record starts."""
    text = decode(read_bytes(path), path)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except csv.Error as exc:
            raise FileRejected(f"unreadable CSV header ({exc})") from None
        header = [h.strip() for h in header]
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield start, None, f"malformed CSV record ({exc})"
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not row:
                continue
            if len(row) != len(header):
                yield line, None, f"CSV record has {len(row)} fields, the header has {len(header)}"
                continue
            yield line, {k: (None if v in ("", "NA") else v) for k, v in zip(header, row)}, None
    finally:
        csv.field_size_limit(limit)


def read_parquet(path: Path) -> Iterator[Row]:
    """Read a Parquet file; ``line`` is the 1-based row number."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = read_bytes(path)
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise FileRejected(f"not a readable Parquet file ({exc})") from None
    for number, record in enumerate(table.to_pylist(), start=1):
        yield number, record, None


READERS = {"txt": read_txt, "jsonl": read_jsonl, "csv": read_csv, "parquet": read_parquet}
