"""Code an exported annotation CSV inside JupyterLab: one sentence at a time, saved as you go.

:class:`LabelSession` holds the logic (which row is shown, labelling, notes, progress, saving) and
needs no browser; :func:`label_widget` wraps it in an ipywidgets form (``pip install -e ".[lab]"``):
the sentence with the mention highlighted, the sentences around it, buttons for negative / neutral
/ positive / skip / back, a note field and a progress bar. Keys: click into the small "keys" box,
then type ``1`` negative, ``2`` neutral, ``3`` positive, ``s`` skip, ``b`` back (ipywidgets has no
global key events; the box catches them without extra packages). Every label rewrites the CSV
(atomically), so closing the notebook loses nothing.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd

from analysis._annotate_io import label_of

KEYS = {"1": "negative", "2": "neutral", "3": "positive", "s": "skip"}
_COLOURS = {"negative": "#c0392b", "neutral": "#7f8c8d", "positive": "#27ae60", "skip": "#8e44ad"}


def mention_html(sentence: str, start: int, end: int, *, before: str = "", after: str = "") -> str:
    """The sentence as HTML with ``sentence[start:end]`` in ``<mark>``; every piece is escaped.

    Examples
    --------
    >>> mention_html("<b>NATO</b> & Russia", 3, 7)
    '<p class="ann-sentence">&lt;b&gt;<mark>NATO</mark>&lt;/b&gt; &amp; Russia</p>'
    """
    body = (
        html.escape(sentence[:start])
        + "<mark>"
        + html.escape(sentence[start:end])
        + "</mark>"
        + html.escape(sentence[end:])
    )
    out = f'<p class="ann-sentence">{body}</p>'
    if before:
        out = f'<p class="ann-context" style="color:#777">{html.escape(before)}</p>' + out
    if after:
        out += f'<p class="ann-context" style="color:#777">{html.escape(after)}</p>'
    return out


class LabelSession:
    """Walk through an annotation CSV, label rows and save after every change.

    Parameters
    ----------
    path : path
        A CSV written by ``python -m analysis annotate export`` (columns ``row_id``, ``sentence``,
        ``from``, ``to``, ``label``, ``note``, ...). Other columns are kept as they are.
    start : int, optional
        Row to show first (0-based); default the first row without a label.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "s.csv"
    >>> pd.DataFrame({"row_id": ["a", "b"], "sentence": ["NATO met.", "Russia left."], "from": [0, 0],
    ...     "to": [4, 6], "mention": ["NATO", "Russia"], "label": ["", ""], "note": ["", ""]}).to_csv(path, index=False)
    >>> s = LabelSession(path)
    >>> s.label("neutral"); s.index, s.progress()
    (1, (1, 2))
    >>> pd.read_csv(path, keep_default_na=False)["label"].tolist()
    ['neutral', '']
    """

    def __init__(self, path: str | os.PathLike, *, start: int | None = None):
        self.path = Path(path)
        self.rows = pd.read_csv(self.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for column in ("label", "note"):
            if column not in self.rows:
                self.rows[column] = ""
        if start is None:
            start = self.next_unlabelled(0)
        self.index = min(max(int(start), 0), len(self.rows))

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> bool:
        """True when the position is past the last row."""
        return self.index >= len(self.rows)

    @property
    def current(self) -> dict:
        """The row shown now, as a dict (empty when done)."""
        return {} if self.done else self.rows.iloc[self.index].to_dict()

    def next_unlabelled(self, after: int) -> int:
        """The first row at or after ``after`` with no label (``len(self)`` when there is none)."""
        empty = self.rows["label"].str.strip().eq("").to_numpy().nonzero()[0]
        later = empty[empty >= after]
        return int(later[0]) if len(later) else len(self.rows)

    def progress(self) -> tuple[int, int]:
        """``(rows with a label or skip, all rows)``."""
        return int(self.rows["label"].str.strip().ne("").sum()), len(self.rows)

    def counts(self) -> dict[str, int]:
        """How many rows carry each label so far."""
        return {k: int(v) for k, v in self.rows["label"].str.strip().value_counts().items() if k}

    def label(self, value: str, note: str | None = None) -> None:
        """Give the current row a label (``negative``, ``neutral``, ``positive`` or ``skip``), save, move on.

        Moves to the next row without a label after this one (or the end).
        """
        if self.done:
            raise IndexError("every row has been shown; use back() or go_to() to change a label")
        canonical = label_of(value)
        if not canonical:
            raise ValueError(f"unknown label {value!r} (use negative, neutral, positive or skip)")
        self.rows.iat[self.index, self.rows.columns.get_loc("label")] = canonical
        if note is not None:
            self.rows.iat[self.index, self.rows.columns.get_loc("note")] = note
        self.save()
        self.index = self.next_unlabelled(self.index + 1)

    def set_note(self, note: str) -> None:
        """Store a note on the current row and save."""
        if not self.done:
            self.rows.iat[self.index, self.rows.columns.get_loc("note")] = note
            self.save()

    def back(self) -> None:
        """Show the previous row (to check or change its label)."""
        self.index = max(self.index - 1, 0)

    def go_to(self, index: int) -> None:
        """Show row ``index`` (0-based; clipped to the table)."""
        self.index = min(max(int(index), 0), len(self.rows))

    def save(self) -> Path:
        """Write the table back to its CSV (a temporary file renamed over it)."""
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        self.rows.to_csv(tmp, index=False, encoding="utf-8-sig")
        os.replace(tmp, self.path)
        return self.path

    def html(self) -> str:
        """The current row as HTML: target, source and date, context and the highlighted sentence."""
        if self.done:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts().items()))
            return f"<p><b>All {len(self)} rows are labelled</b> ({html.escape(counts)}).</p>"
        row = self.current
        head = " · ".join(
            html.escape(str(row.get(k) or "")) for k in ("target", "source", "date") if row.get(k)
        )
        label = row.get("label", "")
        badge = (
            f' <span style="color:{_COLOURS.get(label, "#000")}">[{html.escape(label)}]</span>'
            if label
            else ""
        )
        return (
            f'<p style="font-size:90%">{self.index + 1}/{len(self)} · {head}{badge}</p>'
            + mention_html(
                row["sentence"],
                int(row["from"]),
                int(row["to"]),
                before=row.get("context_before", ""),
                after=row.get("context_after", ""),
            )
        )


def label_widget(path: str | os.PathLike, *, start: int | None = None):
    """Return an ipywidgets form for coding ``path`` (display it as a notebook cell's last line).

    The form's ``session`` attribute is the :class:`LabelSession` behind it.
    """
    import ipywidgets as w

    session = LabelSession(path, start=start)
    view = w.HTML()
    note = w.Text(
        placeholder="note (why this label; saved with it)",
        layout=w.Layout(width="60%"),
        continuous_update=False,
    )
    keys = w.Text(
        placeholder="keys: 1 2 3 s b", layout=w.Layout(width="9em"), continuous_update=True
    )
    bar = w.IntProgress(min=0, max=max(len(session), 1))
    status = w.Label()

    showing = {"row": False}  # True while refresh() fills the note field: that is not an edit

    def refresh() -> None:
        view.value = session.html()
        showing["row"] = True
        note.value = session.current.get("note", "")
        showing["row"] = False
        done, total = session.progress()
        bar.value = done
        status.value = f"{done}/{total} coded · " + ", ".join(
            f"{k} {v}" for k, v in sorted(session.counts().items())
        )

    def act(value: str) -> None:
        if value == "back":
            session.back()
        elif not session.done:
            session.label(value, note=note.value)
        refresh()

    buttons = []
    for value, style in (
        ("negative", "danger"),
        ("neutral", ""),
        ("positive", "success"),
        ("skip", "warning"),
        ("back", "info"),
    ):
        button = w.Button(description=value, button_style=style, layout=w.Layout(width="7em"))
        button.on_click(lambda _, v=value: act(v))
        buttons.append(button)

    def on_key(change) -> None:
        typed = (change["new"] or "")[-1:].lower()
        if not typed:
            return
        keys.value = ""
        if typed in KEYS:
            act(KEYS[typed])
        elif typed == "b":
            act("back")

    keys.observe(on_key, names="value")
    note.observe(lambda change: showing["row"] or session.set_note(change["new"]), names="value")
    refresh()
    form = w.VBox([view, w.HBox(buttons), w.HBox([keys, note]), w.HBox([bar, status])])
    form.session = session
    form.act = act  # for tests and scripting
    return form
