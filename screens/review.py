"""Review: the history of sessions, newest first, filtered by person and words as you type.

Opens on an index of light summaries (`sessionkit.review.history`), not on loaded sessions, and
shows them in a virtual table, so 10,000 sessions open and filter in a fraction of a second.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Static

from screens.widgets.row_table import Cell, Column, RowTable
from sessionkit.clock import Clock
from sessionkit.review.history import HistoryIndex, Summary
from sessionkit.timefmt import local

DEBOUNCE = 0.15
"""Seconds of quiet typing before the search runs (enter runs it at once)."""

COLUMNS = [
    Column("When", 16),
    Column("Coach", 9),
    Column("Client", 9),
    Column("Model", 5),
    Column("Min", 4, right=True),
    Column("Client%", 7, right=True),
    Column("Scale", 5),
    Column("Outcome", 8, flex=True),
]


def share_style(share: float | None) -> str:
    """Green when the client had at least two thirds of the talk, yellow from half, else red."""
    if share is None:
        return ""
    return "green" if share >= 2 / 3 else "yellow" if share >= 0.5 else "red"


def summary_cells(s: Summary) -> list[Cell]:
    share = "" if s.client_share is None else f"{s.client_share:.0%}"
    if s.scale_start is None and s.scale_end is None:
        scale = ""
    else:
        scale = f"{'?' if s.scale_start is None else s.scale_start}→" + (
            "?" if s.scale_end is None else str(s.scale_end)
        )
    outcome = s.outcome or "—"
    if s.rounds > 1:
        outcome = f"⇄ {outcome}"
    if s.status != "completed":
        outcome = f"({s.status}) {outcome}"
    return [
        local(s.started_at), s.coach, s.client, s.model, f"{round(s.minutes)}",
        (share, share_style(s.client_share)), scale, outcome,
    ]


class ReviewScreen(Screen[None]):
    """History of sessions: filter by person and text, `enter` opens one."""

    CSS_PATH = "review.tcss"
    SUB_TITLE = "Review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="review.search"),
        Binding("a", "actions", "Actions", id="review.actions"),
        Binding("p", "partnerships", "Partnerships", id="review.partnerships"),
        Binding("c", "coach", "As coach", id="review.coach"),
        Binding("escape", "back", "Back", id="review.back"),
    ]

    def __init__(self, store: Any, clock: Clock, person: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.person = person.strip() if person and person.strip() else None
        self.text = ""
        self.index = HistoryIndex([])
        self.shown: list[Summary] = []
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-bar"):
            yield Select[str]([], prompt="Everyone", id="review-person")
            yield Input(placeholder="Search outcomes, notes, feedback  ( / )", id="review-search")
        yield Static(id="review-count")
        yield RowTable(COLUMNS, summary_cells, empty="No sessions match.", id="review-table")
        yield Footer()

    def on_mount(self) -> None:
        self.index = HistoryIndex.from_store(self.store)
        people = self.index.people()
        if self.person:
            known = {p.casefold(): p for p in people}
            self.person = known.get(self.person.casefold(), self.person)
            if self.person not in people:
                people.append(self.person)
        select = self.query_one("#review-person", Select)
        with select.prevent(Select.Changed):
            select.set_options((name, name) for name in people)
            if self.person:
                select.value = self.person
        self.apply_filter()
        self.query_one(RowTable).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.apply_filter(keep=True)

    # -- filtering -------------------------------------------------------------------------
    def apply_filter(self, keep: bool = False) -> None:
        table = self.query_one(RowTable)
        current = table.current if keep else None
        self.shown = self.index.filter(self.person, self.text)
        table.set_items(self.shown, keep=current)
        parts = [f"{len(self.shown)} of {len(self.index)} sessions"]
        if self.person:
            parts.append(f"with {self.person}")
        if self.text.strip():
            parts.append(f"matching “{self.text.strip()}”")
        self.sub_title = f"Review · {self.person}" if self.person else "Review"
        self.query_one("#review-count", Static).update(" ".join(parts))

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value
        self.person = value if isinstance(value, str) else None
        self.apply_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.text = event.value
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, self.apply_filter)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self.text = event.value
        self.apply_filter()
        self.query_one(RowTable).focus()

    # -- navigation ------------------------------------------------------------------------
    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        from screens.detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(self.store, self.clock, event.item.id))

    def action_focus_search(self) -> None:
        self.query_one("#review-search", Input).focus()

    def action_actions(self) -> None:
        from screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(self.store, self.clock, self.index, self.person))

    def action_partnerships(self) -> None:
        from screens.partnerships import PartnershipsScreen

        self.app.push_screen(PartnershipsScreen(self.index, self.clock, self.person))

    def action_coach(self) -> None:
        """The coach's own view: of the person filtered on, else the highlighted session's coach."""
        from screens.coach import CoachScreen

        current = self.query_one(RowTable).current
        name = self.person or (current.coach if current is not None else None)
        if name:
            self.app.push_screen(CoachScreen(self.store, name))
        else:
            self.notify("No sessions yet: nobody to show as coach.", markup=False)

    def action_back(self) -> None:
        if not isinstance(self.focused, RowTable):
            self.query_one(RowTable).focus()
        elif len(self.app.screen_stack) > 2:
            self.dismiss()
