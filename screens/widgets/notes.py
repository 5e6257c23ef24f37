"""Notes pane: the round's timestamped notes and actions (phase-tagged) and one box to write in.

`open(kind)` focuses the box for a note or an action; `enter` posts `Submitted`, every change to
the text posts `DraftChanged` (a half-typed note is journalled). A note that starts with `!` is
private. The newest note is always in view: the list scrolls to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from screens.widgets.field import FieldInput
from screens.widgets.fmt import due_label, local_hm
from screens.widgets.line import Line
from sessionkit.models import Mark, Note
from sessionkit.plain import one_line, plain
from sessionkit.timefmt import duration

PLACEHOLDER = {"note": "enter saves · esc keeps it", "action": "next step … by fri (optional)"}
HINT = "start with ! for a private note"
EMPTY = Content("n = note · a = action · m = mark a moment")
MARK = "★"
"""Drawn before a moment marked with `m` (here, in the review and on the feedback screen)."""


def parse_draft(raw: str) -> tuple[str, bool]:
    """(text, private): a leading `!` marks the note private."""
    text = raw.strip()
    if text.startswith("!"):
        return text[1:].strip(), True
    return text, False


class NotesPane(Vertical):
    """The notes list and the note box."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"notes--meta", "notes--action", "notes--private"}

    class Submitted(Message):
        """`enter` in the note box with something typed."""

        def __init__(self, text: str, kind: str, private: bool) -> None:
            super().__init__()
            self.text, self.kind, self.private = text, kind, private

    class DraftChanged(Message):
        """The text in the note box changed (not saved as a note yet)."""

        def __init__(self, text: str, kind: str) -> None:
            super().__init__()
            self.text, self.kind = text, kind

    kind = "note"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="note-scroll", can_focus=False):
            yield Line(EMPTY, id="note-list")
        with Horizontal(id="note-row"):
            yield Label("Note", id="note-kind")
            yield FieldInput(placeholder=PLACEHOLDER["note"], id="note-input", compact=True,
                        select_on_focus=False)

    def on_mount(self) -> None:
        self.border_title = "Notes & actions"
        self.border_subtitle = HINT
        self.input = self.query_one("#note-input", Input)
        self._list = self.query_one("#note-list", Line)
        self._scroll = self.query_one("#note-scroll", VerticalScroll)
        self._kind_label = self.query_one("#note-kind", Label)

    def open(self, kind: str) -> Input:
        """Show the box for a note or an action; returns the field for the screen to focus."""
        self.set_kind(kind)
        return self.input

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self._kind_label.update("Action" if kind == "action" else "Note")
        self._kind_label.set_class(kind == "action", "-action")
        self.input.placeholder = PLACEHOLDER[kind]

    def load_draft(self, text: str, kind: str) -> None:
        self.set_kind(kind)
        with self.input.prevent(Input.Changed):
            self.input.value = text

    def show(self, notes: Sequence[Note], marks: Sequence[Mark] = ()) -> None:
        """Notes, actions (with their due day) and moments marked with `m`, in time order."""
        paint = {c: self.get_visual_style(f"notes--{c}", partial=True)
                 for c in ("meta", "action", "private")}
        parts: list[Any] = []
        rows: list[Note | Mark] = sorted([*notes, *marks], key=lambda row: row.at)
        for i, row in enumerate(rows):
            parts += ["\n" if i else "", (f"{local_hm(row.at)} {one_line(row.phase)} ",
                                          paint["meta"])]
            if isinstance(row, Mark):
                parts.append((f"{MARK} moment marked at {duration(row.elapsed)}", paint["action"]))
                continue
            note = row
            if note.kind == "action":
                parts.append(("ACTION ", paint["action"]))
            parts.append(plain(note.text))
            if note.due:
                parts.append((f" · due {due_label(note.due)}", paint["meta"]))
            if note.private:
                parts.append((" private", paint["private"]))
        content = Content.assemble(*parts) if parts else EMPTY
        if content != self._list.value:
            self._list.set(content)
            # after the new line is laid out, or the end is the old end
            self.call_after_refresh(self._scroll.scroll_end, animate=False)

    def on_resize(self) -> None:
        """A terminal resize rewraps the list: the newest notes stay in view (after the new
        layout, twice: the rewrapped list settles a frame after the pane)."""
        self.call_after_refresh(self._to_end)

    def _to_end(self) -> None:
        self._scroll.scroll_end(animate=False, immediate=True)
        self.call_after_refresh(self._scroll.scroll_end, animate=False)

    @on(Input.Changed, "#note-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.DraftChanged(event.value, self.kind))

    def submit(self) -> None:
        """Take what is typed (the box empties at once) and post `Submitted`."""
        text, private = parse_draft(self.input.value)
        if text:
            self.input.value = ""
        self.post_message(self.Submitted(text, self.kind, private))

    @on(Input.Submitted, "#note-input")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
