"""Reading, checking and writing annotation files (CSV and NewsMTSC-format JSONL) for :mod:`analysis.annotate`.

A coded row is checked for: a ``row_id`` (unique in its file), a sentence unchanged since the export
(its ``checksum``), offsets that still give the mention (``sentence[from:to] == mention``) and a known
label. Each failure is a reject naming the file, the row (``row N`` counts spreadsheet rows, the
header being row 1; ``line N`` counts JSONL lines) and the row_id; the other rows are imported.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pandas as pd

from analysis._annotate_sample import ROW_COLUMNS, checksum, sentence_gid

POLARITY = {"negative": 2.0, "neutral": 4.0, "positive": 6.0}
_ALIASES = {
    **{k: k for k in POLARITY},
    "neg": "negative", "neu": "neutral", "pos": "positive",
    "2": "negative", "2.0": "negative", "4": "neutral", "4.0": "neutral", "6": "positive", "6.0": "positive",
}  # fmt: skip
_SKIP = {"skip", "skipped"}
REQUIRED = ["row_id", "sentence", "from", "to", "mention", "label"]
REJECT_COLUMNS = ["file", "where", "row_id", "reason", "kind"]
CODED_COLUMNS = [*ROW_COLUMNS, "primary_gid", "further_mentions"]


def label_of(value) -> str | None:
    """The canonical label for a coder's entry; ``""`` for none, ``"skip"``, or None when unknown.

    Examples
    --------
    >>> [label_of(v) for v in ["Positive", " neg ", 4.0, "", "skip", "postive"]]
    ['positive', 'negative', 'neutral', '', 'skip', None]
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip().lower()
    if not text:
        return ""
    if text in _SKIP:
        return "skip"
    return _ALIASES.get(text)


def _gid(row: dict) -> str:
    match = re.fullmatch(r"(.+)_\d+_\d+", str(row.get("row_id") or ""))
    if match:
        return match.group(1)
    return sentence_gid(row.get("source") or "", row.get("doc_id") or "", row.get("sentence") or "")


def _jsonl_rows(path: Path) -> tuple[list[dict], list[dict]]:
    """Flatten NewsMTSC JSONL into one dict per target; unreadable lines become rejects."""
    rows, bad = [], []
    with open(path, encoding="utf-8-sig") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                targets = rec["targets"]
                sentence = rec["sentence_normalized"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                bad.append(
                    {
                        "file": str(path),
                        "where": f"line {line_no}",
                        "row_id": "",
                        "reason": f"not a NewsMTSC record ({type(exc).__name__}: {exc})",
                        "kind": "error",
                    }
                )
                continue
            for k, t in enumerate(targets, 1):
                label = t.get("label") or ("" if t.get("polarity") is None else t.get("polarity"))
                rows.append({
                    "where": f"line {line_no}" + (f", target {k}" if len(targets) > 1 else ""),
                    "row_id": t.get("Input.gid", ""), "source": rec.get("source", ""),
                    "doc_id": rec.get("doc_id", ""), "date": rec.get("date", ""), "sent_id": rec.get("sent_id", ""),
                    "target": t.get("target", t.get("mention", "")), "type": t.get("type", ""),
                    "mention": t.get("mention", ""), "from": t.get("from", ""), "to": t.get("to", ""),
                    "sentence": sentence, "context_before": rec.get("context_before", ""),
                    "context_after": rec.get("context_after", ""), "label": label,
                    "note": t.get("note") or t.get("reason") or "", "checksum": rec.get("checksum", ""),
                    "primary_gid": rec.get("primary_gid", ""), "further_mentions": t.get("further_mentions", []),
                    "coders": t.get("coders"),
                })  # fmt: skip
    return rows, bad


def _csv_rows(path: Path) -> list[dict]:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a readable CSV file ({exc})") from exc
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{path}: missing column(s) {', '.join(missing)} (export a sample with "
            "`python -m analysis annotate export` to get the expected columns)"
        )
    records = frame.to_dict("records")
    for i, rec in enumerate(records):
        rec["where"] = f"row {i + 2}"
    return records


def read_coded(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check one coded file (``.csv`` as exported, or NewsMTSC-format ``.jsonl``).

    Returns ``(rows, rejects)``: the valid, labelled rows (``CODED_COLUMNS``, labels canonical, offsets
    as int) and one reject per other row (``file``, ``where``, ``row_id``, ``reason``, ``kind``: ``error``,
    ``unlabelled`` or ``skipped``). Every row of the file is in exactly one of the two.

    Raises
    ------
    ValueError
        The file cannot be read as a table at all, or lacks a required column.

    Examples
    --------
    >>> import tempfile
    >>> rows = pd.DataFrame({"row_id": ["r1", "r2", "r3"], "sentence": ["NATO met."] * 3, "from": ["0", "0", "1"],
    ...     "to": ["4", "4", "5"], "mention": ["NATO"] * 3, "label": ["neutral", "good", "neutral"]})
    >>> path = Path(tempfile.mkdtemp()) / "coder.csv"
    >>> rows.to_csv(path, index=False)
    >>> ok, bad = read_coded(path)
    >>> ok["row_id"].tolist(), bad[["where", "reason"]].values.tolist()
    (['r1'], [['row 3', "unknown label 'good' (use negative, neutral or positive; skip leaves a row out)"], ['row 4', "offsets 1-5 give 'ATO ', not the mention 'NATO'"]])
    """
    path = Path(path)
    if path.suffix == ".jsonl" or path.name.endswith(".jsonl.gz"):
        records, rejects = _jsonl_rows(path)
    else:
        records, rejects = _csv_rows(path), []
    good, seen = [], {}
    for rec in records:
        row_id = str(rec.get("row_id") or "").strip()
        reasons = []
        if not row_id:
            reasons.append("no row_id")
        elif row_id in seen:
            reasons.append(f"row_id repeated (first at {seen[row_id]})")
        else:
            seen[row_id] = rec["where"]
        sentence, mention = str(rec.get("sentence") or ""), str(rec.get("mention") or "")
        if rec.get("checksum") and checksum(sentence) != rec["checksum"]:
            reasons.append("sentence changed since the export (checksum does not match)")
        try:
            lo, hi = int(rec["from"]), int(rec["to"])
        except (TypeError, ValueError):
            reasons.append(
                f"offsets are not whole numbers (from={rec.get('from')!r}, to={rec.get('to')!r})"
            )
        else:
            if sentence[lo:hi] != mention or not mention or lo < 0:
                reasons.append(
                    f"offsets {lo}-{hi} give {sentence[lo:hi]!r}, not the mention {mention!r}"
                )
        label = label_of(rec.get("label"))
        if label is None:
            reasons.append(
                f"unknown label {rec.get('label')!r} (use negative, neutral or positive; skip leaves a row out)"
            )
        kind = "error" if reasons else {"": "unlabelled", "skip": "skipped"}.get(label)
        if kind:
            reason = (
                "; ".join(reasons)
                or {"unlabelled": "no label", "skipped": "skipped by the coder"}[kind]
            )
            rejects.append(
                {
                    "file": str(path),
                    "where": rec["where"],
                    "row_id": row_id,
                    "reason": reason,
                    "kind": kind,
                }
            )
            continue
        row = {c: rec.get(c, "") for c in CODED_COLUMNS}
        row.update(row_id=row_id, label=label, **{"from": lo, "to": hi})
        row["primary_gid"] = row["primary_gid"] or _gid(row)
        row["further_mentions"] = (
            row["further_mentions"] if isinstance(row["further_mentions"], list) else []
        )
        good.append(row)
    return pd.DataFrame(good, columns=CODED_COLUMNS), pd.DataFrame(rejects, columns=REJECT_COLUMNS)


def read_labelled(path: str | os.PathLike) -> pd.DataFrame:
    """Every target of a NewsMTSC-format JSONL file as a row (``CODED_COLUMNS`` + ``coders``), unchecked.

    Labels come from ``label`` or ``polarity`` (empty when neither is set).
    """
    rows, bad = _jsonl_rows(Path(path))
    if bad:
        raise ValueError(f"{path} {bad[0]['where']}: {bad[0]['reason']}")
    frame = pd.DataFrame(rows, columns=[*CODED_COLUMNS, "coders"])
    frame["label"] = frame["label"].map(lambda v: label_of(v) or "")
    frame["primary_gid"] = [
        g or _gid(r) for g, r in zip(frame["primary_gid"], frame.to_dict("records"), strict=True)
    ]
    return frame


def _plain(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str | list | dict):
        return value.item()
    return value


def to_newsmtsc(rows: pd.DataFrame) -> list[dict]:
    """Group annotation rows into NewsMTSC records, one per sentence, in first-appearance order.

    Each target carries ``Input.gid`` (the row_id), ``from``, ``to``, ``mention``, ``polarity`` (2.0 / 4.0
    / 6.0, or null when unlabelled), ``label``, ``target``, ``type``, ``note`` and, where present,
    ``coders`` and ``further_mentions``.

    Examples
    --------
    >>> rows = pd.DataFrame({"row_id": ["g_0_4"], "primary_gid": ["g"], "sentence": ["NATO met."], "source": ["un"],
    ...     "doc_id": ["un:1"], "date": ["1999"], "target": ["NATO"], "type": ["organisation"], "mention": ["NATO"],
    ...     "from": [0], "to": [4], "label": ["neutral"], "note": [""]})
    >>> rec = to_newsmtsc(rows)[0]
    >>> rec["sentence_normalized"], rec["targets"][0]["Input.gid"], rec["targets"][0]["polarity"]
    ('NATO met.', 'g_0_4', 4.0)
    """
    records: dict[str, dict] = {}
    for row in rows.to_dict("records"):
        row = {k: _plain(v) for k, v in row.items()}
        gid = row.get("primary_gid") or _gid(row)
        rec = records.setdefault(gid, {
            "primary_gid": gid, "sentence_normalized": row["sentence"], "source": row.get("source"),
            "doc_id": row.get("doc_id"), "date": row.get("date"), "sent_id": row.get("sent_id"),
            "context_before": row.get("context_before") or "", "context_after": row.get("context_after") or "",
            "checksum": checksum(row["sentence"]), "targets": [],
        })  # fmt: skip
        label = row.get("label") or ""
        target = {
            "Input.gid": row["row_id"], "from": int(row["from"]), "to": int(row["to"]), "mention": row["mention"],
            "polarity": POLARITY.get(label), "label": label, "target": row.get("target"), "type": row.get("type"),
            "note": row.get("note") or "",
        }  # fmt: skip
        if isinstance(row.get("coders"), list):
            target["coders"] = row["coders"]
        if isinstance(row.get("further_mentions"), list) and row["further_mentions"]:
            target["further_mentions"] = [
                {"from": int(f[0]), "to": int(f[1]), "mention": f[2]}
                if isinstance(f, list | tuple)
                else f
                for f in row["further_mentions"]
            ]
        rec["targets"].append(target)
    return list(records.values())


def write_jsonl(records: list[dict], path: str | os.PathLike) -> Path:
    """Write records one JSON object a line (UTF-8, atomically: a temporary file renamed over ``path``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path
