"""Small modal dialogs. `ConfirmDialog` answers a yes/no question with `y` / `n` (esc = no).
The box has a fixed width (95% of a narrow terminal): its sentences wrap, never cut."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from screens.widgets.safe import shown


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; `y` dismisses with True, `n` or `esc` with False."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; background: $background 60%; }
    ConfirmDialog > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmDialog #question { width: 100%; text-style: bold; }
    ConfirmDialog #detail { width: 100%; color: $text-muted; }
    ConfirmDialog #keys { width: 100%; margin-top: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]
    """Only `y` says yes: a stray key never confirms."""

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(shown(self.question), id="question")
            if self.detail:
                yield Static(shown(self.detail), id="detail")
            yield Static("y = yes · n = no", id="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
