"""Actions across sessions: every open next step, where it was agreed; tick it done (saved)."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from screens.widgets.header import AppHeader, app_footer
from screens.widgets.row_table import SHORTER, Cell, Column, RowTable
from screens.widgets.safe import escape
from sessionkit.clock import Clock
from sessionkit.errors import SessionkitError
from sessionkit.review.history import ActionRef, HistoryIndex, set_action_done
from sessionkit.store.source import SessionWriter
from sessionkit.timefmt import local
from sessionkit.when import is_overdue, local_date

COLUMNS = [
    Column("", 3),
    Column("Action", 16, flex=True),
    Column("Due", 11),
    Column("Client", 10),
    Column("Coach", 10),
    Column("Agreed", 10),
    Column("Done", 10, drop=1),
]


def due_cell(due: str | None, done: bool, now: datetime) -> Cell:
    """`Fri 11 Dec`, `today`, `tomorrow`; `late 4 Dec` (in words, not only red) once the day
    has passed on an open action; a done action's due day is muted. Another year's day adds
    the year (`late 2025` when the day does not fit)."""
    if not due:
        return ""
    day = date.fromisoformat(due)
    today = local_date(now)
    year = f" {day.year}" if day.year != today.year else ""
    label = f"{day:%a} {day.day} {day:%b}{year}{SHORTER}{day.day} {day:%b}{year}"
    if done:
        return (label, "muted")
    if day < today:
        return (f"late {day.day} {day:%b}{year}{SHORTER}late{year or f' {day.day} {day:%b}'}",
                "overdue")
    if day == today:
        return "today"
    return "tomorrow" if (day - today).days == 1 else label


def action_cells(a: ActionRef, now: datetime) -> list[Cell]:
    return [
        ("[x]", "done") if a.done else "[ ]",
        (a.text, "muted") if a.done else a.text,
        due_cell(a.due, a.done, now),
        a.client,
        a.coach,
        local(a.started_at, "%Y-%m-%d"),
        local(a.done_at, "%Y-%m-%d") if a.done else "",
    ]


class ActionsScreen(Screen[None]):
    """Open actions, newest session first. `space` ticks one done, `d` shows done ones too."""

    CSS_PATH = "actions.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_done", "Done / not done", id="actions.toggle"),
        Binding("d", "show_done", "Show / hide done", id="actions.show-done"),
        Binding("escape", "back", "Back", id="actions.back"),
    ]

    def __init__(
        self, store: SessionWriter, clock: Clock, index: HistoryIndex, person: str | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.index = index
        self.person = person
        self.show_done = False
        self._last_cursor = 0

    def compose(self) -> ComposeResult:
        yield AppHeader("Actions", who=f"with {self.person}" if self.person else "everyone")
        yield Static(id="actions-count")
        now = self.clock.now()
        yield RowTable(COLUMNS, lambda a: action_cells(a, now), empty="No open actions.",
                       id="actions-table")
        yield app_footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one(RowTable).focus()

    def refresh_list(self, keep: tuple[str, str] | None = None) -> None:
        table = self.query_one(RowTable)
        items = self.index.actions(include_done=self.show_done, person=self.person)
        target = None
        if keep is not None:
            target = next((a for a in items if (a.session_id, a.note_id) == keep), None)
        table.set_items(items, keep=target)
        if keep is not None and target is None:
            table.set_cursor(self._last_cursor)
        open_count = sum(not a.done for a in items) if self.show_done else len(items)
        text = f"{open_count} open"
        late = sum(not a.done and is_overdue(a.due, self.clock.now()) for a in items)
        if late:
            text += f" ({late} late)"
        if self.show_done:
            text += f", {len(items) - open_count} done"
        self.query_one("#actions-count", Static).update(text)

    def action_toggle_done(self) -> None:
        table = self.query_one(RowTable)
        action: ActionRef | None = table.current
        if action is None:
            return
        self._last_cursor = table.cursor
        try:
            session = set_action_done(
                self.store, self.clock, action.session_id, action.note_id, not action.done
            )
        except SessionkitError as err:
            self.notify(escape(str(err)), severity="error")
            return
        self.index.update(session.to_dict())
        self.refresh_list(keep=(action.session_id, action.note_id))
        done = "Done: " if not action.done else "Open again: "
        self.notify(done + escape(action.text), timeout=3)

    def action_show_done(self) -> None:
        self.show_done = not self.show_done
        current = self.query_one(RowTable).current
        self._last_cursor = 0
        self.refresh_list(keep=(current.session_id, current.note_id) if current else None)

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        from screens.detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(self.store, self.clock, event.item.session_id))

    def action_back(self) -> None:
        self.dismiss()
