"""Helpers for notebooks and report templates: record values for tests, warn about thin evidence, show safely.

``record("n_articles", 3212)`` stores a value in the executed notebook as an invisible output
(MIME type ``application/vnd.euroseclab.record+json``) that :func:`read_records` reads back, so the
tests check what a notebook computed, not just that it ran.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

RECORD_MIME = "application/vnd.euroseclab.record+json"
#: A figure resting on fewer mentions than this carries a warning in the reports.
MIN_MENTIONS = 30


def record(name: str, value: Any) -> None:
    """Store ``value`` (JSON-serialisable) under ``name`` in the notebook's outputs, invisibly."""
    from IPython.display import display

    display({RECORD_MIME: {"name": name, "value": _plain(value)}}, raw=True)


def _plain(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return json.loads(value.to_json(orient="records", date_format="iso"))
    if isinstance(value, pd.Series):
        return json.loads(value.to_json(date_format="iso"))
    if hasattr(value, "item"):
        return value.item()
    return json.loads(json.dumps(value, default=str))


def read_records(ipynb: str | Path) -> dict[str, Any]:
    """Every value a notebook recorded with :func:`record`, by name (the last one wins)."""
    notebook = json.loads(Path(ipynb).read_text(encoding="utf-8"))
    values = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(RECORD_MIME)
            if data is not None:
                values[data["name"]] = data["value"]
    return values


def warn_if_thin(n: int, what: str, *, minimum: int = MIN_MENTIONS) -> bool:
    """Show a visible warning when a figure rests on fewer than ``minimum`` mentions; return whether it did."""
    if n >= minimum:
        return False
    from IPython.display import HTML, display

    display(HTML(f'<p class="warning">Warning: {html.escape(what)} rests on {int(n)} mention(s), fewer than '
                 f"{minimum}: read it as anecdote, not as a measurement.</p>"))
    return True


def show_text(text: str, tag: str = "p") -> None:
    """Display untrusted text (a title, a sentence) as HTML-escaped text."""
    from IPython.display import HTML, display

    display(HTML(f"<{tag}>{html.escape(str(text))}</{tag}>"))
