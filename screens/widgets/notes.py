"""Notes pane: the round's timestamped notes and actions (phase-tagged) and one box to write in.

`n` opens the box for a note, `a` for an action; a note that starts with `!` is private."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label

from screens.widgets.fmt import local_hm
from screens.widgets.line import Line
from screens.widgets.safe import Field, escape
from sessionkit.models import Note

PLACEHOLDER = {
    "note": "note · enter saves · esc keeps it · start with ! for private",
    "action": "the client's next step · enter saves · esc keeps it",
}


def note_line(note: Note) -> str:
    text = escape(note.text)
    kind = "[$success b]ACTION[/] " if note.kind == "action" else ""
    private = " [$error]private[/]" if note.private else ""
    return f"[dim]{local_hm(note.at)} {escape(note.phase)}[/] {kind}{text}{private}"


def parse_draft(raw: str) -> tuple[str, bool]:
    """(text, private): a leading `!` marks the note private."""
    text = raw.strip()
    if text.startswith("!"):
        return text[1:].strip(), True
    return text, False


class NotesPane(Vertical):
    kind = "note"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="note-scroll", can_focus=False):
            yield Line("[dim]n = note · a = action[/]", id="note-list")
        with Horizontal(id="note-row"):
            yield Label("Note", id="note-kind")
            yield Field(placeholder=PLACEHOLDER["note"], id="note-input", compact=True,
                        select_on_focus=False)

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.query_one("#note-kind", Label).update("Action" if kind == "action" else "Note")
        self.query_one("#note-kind", Label).set_class(kind == "action", "-action")
        self.query_one("#note-input", Input).placeholder = PLACEHOLDER[kind]

    def show(self, notes: Sequence[Note]) -> None:
        text = "\n".join(note_line(n) for n in notes) or "[dim]n = note · a = action[/]"
        line = self.query_one("#note-list", Line)
        if text != line.text:
            line.set(text)
            self.query_one("#note-scroll", VerticalScroll).scroll_end(animate=False)
