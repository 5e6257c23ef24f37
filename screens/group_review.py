"""Group meetings in the review. In the main history they are rows of their own (`group_cells`)
and `enter` opens `MeetingScreen`; `g` on the review lists the meetings only, filtered by member
as you type, `enter` showing one meeting's rounds and outputs below. Filtered on a member, both
show first the cases they gave and the advice they took."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from screens.widgets.header import AppHeader, app_footer
from screens.widgets.row_table import Cell, Column, RowTable
from screens.widgets.safe import Field, shown
from sessionkit.group.model import GroupMeeting
from sessionkit.review.group_rows import MeetingRow, outline, rows
from sessionkit.review.summary import Summary
from sessionkit.timefmt import local

if TYPE_CHECKING:
    from sessionkit.store.source import GroupSource

COLUMNS = [Column("When", 16), Column("Method", 9), Column("Rounds", 6, right=True),
           Column("Status", 10), Column("Members", 10, flex=True)]


def cells(row: MeetingRow) -> list[Cell]:
    return [local(row.started_at), row.method, str(row.rounds), row.status, row.members]


def group_cells(s: Summary) -> list[Cell]:
    """A meeting's row in the review's history: `group` where the coach stands, the number of
    members where the client stands, the cases where the outcome stands."""
    cases = s.outcome or "(no round yet)"
    status = "" if s.status == "completed" else f"({s.status}) "
    return [local(s.started_at), ("group", "muted"), f"{len(s.members)} members", s.model,
            f"{round(s.minutes)}", "", "", f"{status}{cases} · {', '.join(s.members)}"]


class MeetingScreen(Screen[None]):
    """One meeting opened from the review's history: its rounds and outputs (`esc` back)."""

    CSS_PATH = "group.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="meeting.back"),
    ]

    def __init__(self, store: GroupSource, meeting_id: str, person: str | None = None) -> None:
        super().__init__()
        self.store, self.meeting_id, self.person = store, meeting_id, person or ""

    def compose(self) -> ComposeResult:
        yield AppHeader("Group meeting", who=f"as {self.person}" if self.person else "")
        with VerticalScroll(id="meeting-body"):
            yield Static("", id="meeting-outline")
        yield app_footer()

    def on_mount(self) -> None:
        from sessionkit.store.groups import get_group

        meeting = get_group(self.store, self.meeting_id)
        text = ("This meeting is no longer in the database." if meeting is None
                else "\n".join(outline(meeting, self.person)))
        self.query_one("#meeting-outline", Static).update(shown(text, multiline=True))
        self.set_focus(self.query_one("#meeting-body"))

    def action_back(self) -> None:
        self.dismiss()


class GroupsScreen(Screen[None]):
    CSS_PATH = "group.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Member", id="groups.search"),
        Binding("escape", "back", "Back", id="groups.back"),
    ]

    def __init__(self, store: GroupSource, person: str | None = None) -> None:
        super().__init__()
        self.store, self.person = store, person or ""
        self.meetings: dict[str, GroupMeeting] = {}

    def compose(self) -> ComposeResult:
        yield AppHeader("Groups")
        yield Field(self.person, placeholder="Filter by member  ( / )", id="groups-member")
        yield RowTable(COLUMNS, cells, empty="No group meetings match.", id="groups-table")
        yield app_footer()

    def on_mount(self) -> None:
        from sessionkit.store.groups import all_groups

        self.meetings = {m.id: m for m in all_groups(self.store)}
        self._filter()
        self.set_focus(self.query_one(RowTable))

    def _filter(self) -> None:
        shown_rows = rows(self.meetings.values(), self.person)
        self.query_one(RowTable).set_items(shown_rows)
        self.query_one(AppHeader).who = (f"with {self.person} · " if self.person else "") + \
            f"{len(shown_rows)} meeting(s)"

    def on_input_changed(self, event: Input.Changed) -> None:
        self.person = event.value
        self._filter()

    def on_input_submitted(self) -> None:
        self.set_focus(self.query_one(RowTable))

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        """The meeting's rounds and outputs on a screen of their own (it scrolls)."""
        self.app.push_screen(MeetingScreen(self.store, event.item.id, self.person))

    def action_search(self) -> None:
        self.set_focus(self.query_one("#groups-member"))

    def action_back(self) -> None:
        if not isinstance(self.focused, RowTable):
            self.set_focus(self.query_one(RowTable))
        else:
            self.dismiss()
