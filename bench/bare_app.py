"""Baselines for the benchmarks: a bare Textual app, and one with the live screen's kind of widgets.

    python bench/bare_app.py          # Header, Static, Footer
    python bench/bare_app.py panes    # 4 panes, Buttons, DataTable, Input, 1 s clock
`space` flips a label between READY and FLIPPED (the key-to-screen measurement).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Static


class Bare(App[None]):
    BINDINGS = [("space", "flip", "Flip"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("BARE READY", id="label")
        yield Footer()

    def action_flip(self) -> None:
        label = self.query_one("#label", Static)
        text = str(label.render())
        label.update("BARE FLIPPED" if "READY" in text else "BARE READY")


class Panes(Bare):
    CSS = "Grid { grid-size: 2 2; } Vertical { border: round $accent; }"

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid():
            with Vertical():
                yield Static("BARE READY", id="label")
                yield Input(placeholder="outcome")
            with Vertical():
                yield Static("", id="clock")
            with Vertical():
                table: DataTable[str] = DataTable()
                table.add_columns("question", "why")
                for i in range(8):
                    table.add_row(f"Question {i}", "phase")
                yield table
            with Vertical():
                yield Button("Switch roles")
                yield Input(placeholder="note")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1, self._tick)

    def _tick(self) -> None:
        self.query_one("#clock", Static).update(time.strftime("%H:%M:%S"))


def core_startup(db: str) -> None:
    """What `sessionkit start` does before its screen, without its screen: import the command
    line and the core (click, models, live session, guidance, store), read the settings and
    the session models, open the database, start a live session (it reads the question bank)."""
    from sessionkit.cli import main  # noqa: F401  (click and every command)
    from sessionkit.clock import SystemClock
    from sessionkit.config.catalog import ModelCatalog
    from sessionkit.config.settings import load_settings_lenient
    from sessionkit.live.session import LiveSession
    from sessionkit.store import SessionStore

    Path(db).parent.mkdir(parents=True, exist_ok=True)
    load_settings_lenient()
    catalog = ModelCatalog.load()
    store = SessionStore.open(Path(db))
    LiveSession.start("Ana", "Ben", catalog.get("grow"), SystemClock())
    store.close()


if __name__ == "__main__":
    if sys.argv[2:3] == ["core"]:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        core_startup(sys.argv[3])
    (Panes() if sys.argv[1:2] == ["panes"] else Bare()).run()
