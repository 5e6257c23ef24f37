"""The recovery screen: the database is damaged; say what is wrong and offer three ways out.

`o` opens the newest good backup read-only (the review, to look before choosing), `r` restores
it (the damaged file is kept aside), `s` salvages every record that still reads into a new
database and lists what was lost, `q` quits and changes nothing. The work is done by
`sessionkit.store.recovery`; this screen only asks and shows.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.textual_hooks import TellsCrash
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from sessionkit.clock import Clock
from sessionkit.errors import SessionkitError
from sessionkit.plain import one_line
from sessionkit.store.recovery import Damage, restore, salvage
from sessionkit.store.store import SessionStore


class RecoveryScreen(Screen[str | None]):
    """Dismisses with "restored" or "salvaged" (then `sessionkit` opens), or None to quit."""

    CSS_PATH = "recovery.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "look", "Open backup read-only", id="recovery.look"),
        Binding("r", "restore", "Restore backup", id="recovery.restore"),
        Binding("s", "salvage", "Salvage", id="recovery.salvage"),
        Binding("enter", "go_on", "Continue", id="recovery.continue"),
        Binding("q,escape", "quit_recovery", "Quit", id="recovery.quit"),
    ]

    def __init__(self, damage: Damage, clock: Clock) -> None:
        super().__init__()
        self.damage = damage
        self.clock = clock
        self.done: str | None = None
        """"restored" or "salvaged" once the database is fixed."""

    def compose(self) -> ComposeResult:
        damage, backup = self.damage, self.damage.backup
        yield AppHeader("Recovery")
        with VerticalScroll(id="recovery-body"):
            yield Static("Your database cannot be opened", id="recovery-title")
            yield Static(shown(f"{damage.path}: {damage.problem}"), id="recovery-problem")
            yield Static("The file has not been changed.", id="recovery-safe")
            newest = f"Newest good backup: {backup.describe()}" if backup else (
                "There is no good backup: salvage is the way to keep what still reads."
            )
            yield Static(shown(newest), id="recovery-backup")
            yield Static(self._choices(), id="recovery-choices")
            yield Static("", id="recovery-result")
        yield app_footer()

    def _choices(self) -> Table:
        """One row a choice: the key, then what it does (wrapping under itself)."""
        aside = f"{self.damage.path.stem}.corrupt-<date>{self.damage.path.suffix}"
        rows = []
        if self.damage.backup is not None:
            rows += [
                ("o", "open the backup read-only, to look before you choose"),
                ("r", f"restore the backup (the damaged file is kept as {aside})"),
            ]
        if self.damage.salvageable:
            rows.append(("s", "salvage: copy every session that still reads into a new database "
                              f"and list what was lost (the damaged file is kept as {aside})"))
        rows.append(("q", "quit and change nothing"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(ratio=1)
        for key, what in rows:
            grid.add_row(key, Text(one_line(what)))
        return grid

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("look", "restore"):
            return self.damage.backup is not None and self.done is None
        if action == "salvage":
            return self.done is None and self.damage.salvageable
        if action == "go_on":
            return self.done is not None
        return True

    def _result(self, text: str, error: bool = False) -> None:
        result = self.query_one("#recovery-result", Static)
        result.set_class(error, "-error")
        result.update(shown(text, multiline=True))
        self.refresh_bindings()

    def _failed(self, what: str, err: Exception) -> None:
        """One label, never two ("Not salvaged: NOT SAVED: …" said the same thing twice)."""
        reason = str(err).removeprefix("NOT SAVED: ")
        self._result(f"{what}: {reason}. The damaged file is unchanged.", error=True)

    def action_look(self) -> None:
        from screens.review import ReviewScreen

        backup = self.damage.backup
        if backup is None:
            return
        try:
            store = SessionStore.open(backup.path, readonly=True, clock=self.clock)
        except SessionkitError as err:
            self._result(str(err), error=True)
            return
        self.app.push_screen(ReviewScreen(store, self.clock), lambda _: store.close())

    def action_restore(self) -> None:
        try:
            aside = restore(self.damage, self.clock.now())
        except (SessionkitError, OSError) as err:
            self._failed("Not restored", err)
            return
        self.done = "restored"
        kept = f" The damaged file is kept as {aside}." if aside else ""
        self._result(f"Restored the backup.{kept}\nenter opens sessionkit.")

    def action_salvage(self) -> None:
        try:
            result = salvage(self.damage.path, self.clock.now())
        except (SessionkitError, OSError) as err:
            self._failed("Not salvaged", err)
            return
        self.done = "salvaged"
        lines = [f"Salvaged {result.kept} session(s) into a new database. "
                 f"The damaged file is kept as {result.aside}."]
        if result.lost:
            lines.append(f"Lost ({len(result.lost)}):")
            lines += [f"  · {line}" for line in result.lost]
        else:
            lines.append("Nothing was lost.")
        lines.append("enter opens sessionkit.")
        self._result("\n".join(lines))

    def action_go_on(self) -> None:
        if self.done is not None:
            self.dismiss(self.done)

    def action_quit_recovery(self) -> None:
        self.dismiss(None)


class RecoveryApp(TellsCrash[str | None]):
    """Runs the recovery screen alone (`sessionkit` found its database damaged)."""

    TITLE = "sessionkit"

    def __init__(self, damage: Damage, clock: Clock) -> None:
        super().__init__()
        self.damage = damage
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(RecoveryScreen(self.damage, self.clock), self.exit)
