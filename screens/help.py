"""The `?` help screen: every key of the live screen (remaps included) and how notes work."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

EXTRA = (
    ("tab / shift+tab", "move between fields"),
    ("enter", "in a field: save it and go back to the session"),
    ("esc", "in a field: back to the session; what you typed stays in the field"),
    ("! at the start of a note", "keep the note private (coach only; left out of shared exports)"),
    ("ctrl+q", "quit; the session stays unfinished and the next start offers to resume it"),
)

KEY_NAMES = {
    "space": "space",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "question_mark": "?",
    "exclamation_mark": "!",
    "escape": "esc",
    "ctrl+t": "ctrl+t",
}


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists `(key, what it does)` rows; any of esc, ?, q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-title { text-style: bold; margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help-close"),
    ]

    def __init__(self, title: str, rows: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = list(rows) + list(EXTRA)

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in self.rows) + 2
        lines = [f"{key.ljust(width)}{what}" for key, what in self.rows]
        with VerticalScroll():
            yield Static(self.title_text, classes="help-title", markup=False)
            yield Static("\n".join(lines), id="help-keys", markup=False)
            yield Static("esc / ? closes this help", classes="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def binding_rows(bindings: Iterable[Binding], keymap: dict[str, str]) -> list[tuple[str, str]]:
    """(shown key, description) for each binding, with the user's remaps applied."""
    rows = []
    for b in bindings:
        if not b.description or b.id == "back":
            continue
        keys = keymap.get(b.id or "", b.key)
        rows.append((key_label(keys), b.tooltip or b.description))
    return rows
