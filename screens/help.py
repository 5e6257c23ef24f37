"""The `?` help screen: every key of the live screen (remaps included) and how notes work."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from screens.widgets.header import AppHeader

EXTRA = (
    ("tab / shift+tab", "move between fields"),
    ("enter", "in a field: save it and go back to the session"),
    ("esc", "in a field: back to the session; what you typed stays in the field"),
    ("!", "at the start of a note: keep it private (coach only; left out of shared exports)"),
    ("ctrl+p", "commands: every key of this screen, by name"),
    ("ctrl+q", "quit; the session stays unfinished and the next start offers to resume it"),
)

CLOSE_HINT = "esc / ? / q closes"
"""Said in the help's border (always in view) and again at its end."""

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
    """Lists `(key, what it does)` rows; any of esc, ?, q closes it (said in its border, always
    in view). `beside=True` keeps to the right half: the live screen's clock and talk stay seen."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        margin-top: 1;
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-title { text-style: bold; margin-bottom: 1; }
    HelpScreen.-beside { align: right top; }
    HelpScreen.-beside > VerticalScroll { width: 50%; min-width: 40; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help-close"),
    ]

    def __init__(self, title: str, rows: Iterable[tuple[str, str]], beside: bool = False) -> None:
        super().__init__(classes="-beside" if beside else None)
        self.title_text = title
        self.rows = list(rows)
        shown = {key for key, _ in self.rows}
        self.rows += [row for row in EXTRA if row[0] not in shown]  # a screen's own row wins

    def compose(self) -> ComposeResult:
        yield AppHeader("Help")
        with VerticalScroll() as box:
            box.border_title = CLOSE_HINT
            yield Static(self.title_text, classes="help-title", markup=False)
            yield Static(key_table(self.rows), id="help-keys")
            yield Static(f"{CLOSE_HINT} this help", classes="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def key_table(rows: Iterable[tuple[str, str]]) -> Table:
    """Two columns: the key, and what it does wrapping under itself (never under the key)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for key, what in rows:
        table.add_row(Text(key), Text(what))
    return table


def binding_rows(bindings: Iterable[Binding], keymap: dict[str, str]) -> list[tuple[str, str]]:
    """(shown key, description) for each binding, with the user's remaps applied."""
    rows = []
    for b in bindings:
        if not b.description or b.id == "back":
            continue
        keys = keymap.get(b.id or "", b.key)
        rows.append((key_label(keys), b.tooltip or b.description))
    return rows
