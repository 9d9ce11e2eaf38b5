"""What a report rests on: corpus files and their hashes, lexicon, code and model versions, validated scores."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from pathlib import Path

import pandas as pd

from analysis import config


def lexicon_version(path: str | Path | None = None) -> str:
    """A short hash of the packaged lexicon files (and a user lexicon merged over them)."""
    digest = hashlib.sha256()
    files = sorted((config.DATA_DIR / "lexicon").glob("*.yml"))
    files += [Path(path)] if path else []
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:12]


def model_card(method: str) -> dict:
    """The training record shipped beside a sentiment model (``analysis/data/models/<method>.json``), or {}."""
    path = config.DATA_DIR / "models" / f"{method}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def validated_f1(card: dict) -> float | None:
    """Cross-validated macro F1 from a model card, wherever the record keeps it."""
    for key in ("cv_f1m", "f1m", "F1m"):
        if isinstance(card.get(key), int | float):
            return float(card[key])
    for section in ("cv", "cross_validation", "scores", "metrics"):
        value = card.get(section)
        if isinstance(value, dict):
            found = validated_f1(value)
            if found is not None:
                return found
    return None


def domain_f1(card: dict) -> str:
    """The held-out domain-test F1m of a model card, with its size and per-type figures, or ``n/a``.

    >>> domain_f1({"domain_test": {"f1m": 0.7123, "n": 794, "by_type": {"state": {"n": 407, "f1m": 0.7}}}})
    '0.712 (n=794; state 0.700)'
    >>> domain_f1({})
    'n/a'
    """
    test = card.get("domain_test")
    if not isinstance(test, dict) or "f1m" not in test:
        return "n/a"
    types = "; ".join(f"{t} {v['f1m']:.3f}" for t, v in (test.get("by_type") or {}).items())
    return f"{test['f1m']:.3f} (n={test['n']}" + (f"; {types})" if types else ")")


def provenance(prepared, *, lexicon_path: str | Path | None = None) -> pd.DataFrame:
    """One row per fact a reader needs to trust or reproduce a report: item, value.

    ``prepared`` is a :class:`analysis.pipeline.PreparedCorpus`.
    """
    from analysis import __version__
    from analysis.pipeline import code_version

    method = prepared.method
    card = model_card(method)
    f1 = validated_f1(card)
    rows = [("rendered", dt.datetime.now().isoformat(timespec="seconds"))]
    for name, digest in prepared.files:
        rows.append(("corpus file", f"{Path(name).name} (sha256 {digest})"))
    rows += [
        ("articles loaded / rejected", f"{len(prepared.articles)} / {len(prepared.rejects)}"),
        ("lexicon version", lexicon_version(lexicon_path) + (f" + {lexicon_path}" if lexicon_path else "")),
        ("analysis version", f"{__version__} (code {code_version()})"),
        ("sentiment method", method),
        ("sentiment model version", str(card.get("version") or card.get("trained") or card.get("created") or "n/a")),
        ("validated F1m (5-fold CV, NewsMTSC)", f"{f1:.3f}" if f1 is not None else "n/a"),
        ("validated F1m (held-out security-domain test)", domain_f1(card)),
        ("python", platform.python_version()),
    ]
    return pd.DataFrame(rows, columns=["item", "value"])
