"""Review: the history of sessions, newest first, filtered by person and words as you type.

Opens on an index of light summaries (`sessionkit.review.history`), not on loaded sessions, and
shows them in a virtual table, so 10,000 sessions open and filter in a fraction of a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from screens.widgets.header import AppHeader, app_footer
from screens.widgets.row_table import SHORTER, Cell, Column, RowTable
from screens.widgets.safe import Field, shown
from sessionkit.clock import Clock
from sessionkit.errors import SessionkitError
from sessionkit.names import name_key
from sessionkit.review.history import HistoryIndex, Summary
from sessionkit.store.source import SessionWriter
from sessionkit.timefmt import local

if TYPE_CHECKING:  # the review's rows: built by the CLI, only read here
    from sessionkit.review.source import IndexedHistory

DEBOUNCE = 0.15
"""Seconds of quiet typing before the search runs (enter runs it at once)."""

TALK_WIDTH = 18
"""At least room for both shares of a swapped session: "Ben 68% · Anna 37%" (with longer
names, where the column is this narrow: "Max 77% · Ben 81%")."""

COLUMNS = [
    Column("When", 16),
    Column("Coach", 9),
    Column("Client", 9),
    Column("Model", 5, drop=2),
    Column("Min", 4, right=True, drop=1),
    Column("Client talk", TALK_WIDTH, flex=True, want=3),
    Column("Scale", 7),
    Column("Outcome", 8, flex=True, want=24),
]


def share_style(share: float | None) -> str:
    """The client's share as a tone: `share-good` from two thirds of the talk, `share-fair`
    from half, else `share-low` (coloured by RowTable's CSS: $share-good, $warning,
    $share-low)."""
    if share is None:
        return ""
    return "share-good" if share >= 2 / 3 else "share-fair" if share >= 0.5 else "share-low"


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _scale(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return ""
    return f"{'?' if start is None else start}→{'?' if end is None else end}"


def talk_cell(s: Summary) -> Cell:
    """The client's share of talk, each round's own: "68%" for one round, "Ben 68% · Anna 37%"
    for a swapped session (never one number averaged over two people); toned by the lowest."""
    figures = s.figures
    if len(figures) <= 1:
        return ("" if s.client_share is None else _pct(s.client_share),
                share_style(s.client_share))
    text = " · ".join(f"{f.client} {_pct(f.client_share)}" for f in figures)
    short = " · ".join(f"{(f.client.split() or ['?'])[0][:3]} {_pct(f.client_share)}"
                       for f in figures)
    if short != text:  # the numbers are the point: where the column is narrow, the names give
        text = f"{text}{SHORTER}{short}"  # way (the first three letters), never the shares
    known = [f.client_share for f in figures if f.client_share is not None]
    return (text, share_style(min(known)) if known else "")


def scale_cell(s: Summary) -> str:
    """Start → end of the 0-10 scale, per round ("3→6·4→7"), each client's own."""
    if len(s.figures) <= 1:
        return _scale(s.scale_start, s.scale_end)
    shown = [_scale(f.scale_start, f.scale_end) or "–" for f in s.figures]
    return "" if all(x == "–" for x in shown) else "·".join(shown)


def summary_cells(s: Summary) -> list[Cell]:
    if s.is_group:
        from screens.group_review import group_cells

        return group_cells(s)
    outcome = s.outcome or "—"
    if s.rounds > 1:
        outcome = f"⇄ {outcome}"
    if s.status != "completed":
        outcome = f"({s.status}) {outcome}"
    return [
        local(s.started_at), s.coach, s.client, s.model, f"{round(s.minutes)}",
        talk_cell(s), scale_cell(s), outcome,
    ]


class ReviewScreen(Screen[None]):
    """History of sessions: filter by person and text, `enter` opens one."""

    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="review.search"),
        Binding("a", "actions", "Actions", id="review.actions"),
        Binding("p", "partnerships", "Partnerships", id="review.partnerships"),
        Binding("c", "coach", "As coach", id="review.coach"),
        Binding("g", "groups", "Groups", show=False, id="review.groups"),
        Binding("escape", "back", "Back", id="review.back"),
    ]

    def __init__(
        self, store: SessionWriter, clock: Clock, person: str | None = None,
        client_view: bool = False, history: IndexedHistory | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.history = history
        """Where the rows come from (sessionkit.review.source.IndexedHistory), or None: built
        from the store at once."""
        self.total: int | None = None
        """How many sessions there are while only the head of the index is loaded."""
        self.person = person.strip() if person and person.strip() else None
        self.client_view = client_view
        """`review --person`: a client's view, so the search leaves private notes out."""
        self.text = ""
        self.index = HistoryIndex([])
        self.shown: list[Summary] = []
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader("Review")
        with Horizontal(id="review-bar"):
            yield Select[str]([], prompt="Everyone", id="review-person")
            yield Field(placeholder="Search outcomes, notes, feedback  ( / )", id="review-search")
        yield Static(id="review-count")
        yield RowTable(COLUMNS, summary_cells, empty="No sessions match.", id="review-table")
        yield app_footer()

    def on_mount(self) -> None:
        history = self.history
        head = history.head() if history is not None else None
        if history is None or head is None:
            self._show(HistoryIndex.from_store(self.store) if history is None
                       else history.full())
            if history is not None:  # written for the next start, after this one's paint
                self.call_after_refresh(self._keep_index, history)
        else:  # the first rows now, every row just after the first paint
            self.total = head.count
            self._show(HistoryIndex(head.rows), head.people)
            self.call_after_refresh(self._load_full, history)
        self.query_one(RowTable).focus()

    class Loaded(Message):
        """Every row, read off the event loop (posted from the worker's thread)."""

        def __init__(self, index: HistoryIndex | None, problem: str = "") -> None:
            super().__init__()
            self.index, self.problem = index, problem

    @work(thread=True, exclusive=True, group="review-index")
    def _load_full(self, history: IndexedHistory) -> None:
        try:
            self.post_message(self.Loaded(history.full()))
        except SessionkitError as err:  # the database went bad since the index was written
            self.post_message(self.Loaded(None, str(err)))

    @work(thread=True, group="review-index")
    def _keep_index(self, history: IndexedHistory) -> None:
        history.keep()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.index is None:
            self.notify(message.problem, severity="error", markup=False)
            return
        self.total = None
        self.index = message.index
        self.apply_filter(keep=True)

    def _show(self, index: HistoryIndex, people: list[str] | None = None) -> None:
        self.index = index
        people = list(people if people is not None else index.people())
        if self.person:
            known = {name_key(p): p for p in people}
            self.person = known.get(name_key(self.person), self.person)
            if self.person not in people:
                people.append(self.person)
        select = self.query_one("#review-person", Select)
        with select.prevent(Select.Changed):
            select.set_options((shown(name), name) for name in people)
            if self.person:
                select.value = self.person
        self.apply_filter()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.apply_filter(keep=True)

    # -- filtering -------------------------------------------------------------------------
    def apply_filter(self, keep: bool = False) -> None:
        table = self.query_one(RowTable)
        current = table.current if keep else None
        self.shown = self.index.filter(self.person, self.text, private=not self.client_view,
                                       groups=True)
        table.set_items(self.shown, keep=current)
        total = len(self.index) if self.total is None else self.total
        count = total if self.total is not None and not self.person and not self.text.strip() \
            else len(self.shown)
        parts = [f"{count} of {total} sessions"]
        if self.person:
            parts.append(f"with {self.person}")
        if self.text.strip():
            parts.append(f"matching “{self.text.strip()}”")
            if self.client_view:
                parts.append("(private notes not searched)")
        self.query_one(AppHeader).who = f"with {self.person}" if self.person else "everyone"
        self.query_one("#review-count", Static).update(shown(" ".join(parts)))

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

        if event.item.is_group:
            from screens.group_review import MeetingScreen

            self.app.push_screen(MeetingScreen(self.store, event.item.id, self.person))
            return
        self.app.push_screen(SessionDetailScreen(self.store, self.clock, event.item.id))

    def action_focus_search(self) -> None:
        self.query_one("#review-search", Input).focus()

    def action_actions(self) -> None:
        from screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(self.store, self.clock, self.index, self.person))

    def action_partnerships(self) -> None:
        from screens.partnerships import PartnershipsScreen

        self.app.push_screen(PartnershipsScreen(self.index, self.clock, self.person,
                                                store=self.store))

    def action_coach(self) -> None:
        """The coach's own view: of the person filtered on, else the highlighted session's coach."""
        from screens.coach import CoachScreen

        current = self.query_one(RowTable).current
        name = self.person or (current.coach if current is not None else None)
        if name:
            self.app.push_screen(CoachScreen(self.store, name))
        else:
            self.notify("No sessions yet: nobody to show as coach.", markup=False)

    def action_groups(self) -> None:
        """Intervision group meetings, filtered on the person filtered on here."""
        from screens.group_review import GroupsScreen

        self.app.push_screen(GroupsScreen(self.store, self.person))

    def _below(self) -> bool:
        """A screen to go back to (home); not when `sessionkit review` opened this one."""
        return len(self.app.screen_stack) > 2

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`esc` shows only when it does something: back to the table, or back home."""
        if action == "back":
            return not isinstance(self.focused, RowTable) or self._below()
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        if not isinstance(self.focused, RowTable):
            self.query_one(RowTable).focus()
        elif self._below():
            self.dismiss()
