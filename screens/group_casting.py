"""Casting: the home of an intervision meeting, between its rounds.

Each member on one line with their one-line case; the highlighted member is the next round's
case giver (up/down chooses), and the roles the rotation proposes for them are shown below.
`c` writes the highlighted member's case, `k` the key question, `x` marks them absent, `enter`
starts the round, `e` (confirm `y`) ends the meeting. The screen owns the meeting's recorder:
every change is journalled from the first second, like a live session.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from screens.dialogs import ConfirmDialog
from screens.group_close import MeetingCloseScreen, RoundCloseScreen, needs_close
from screens.group_round import GroupRoundScreen
from screens.services import Services
from screens.widgets.field import FieldInput
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.line import Line
from sessionkit.group.live import LiveGroup
from sessionkit.group.rotation import Roles, edit_roles
from sessionkit.plain import one_line
from sessionkit.store.groups import commit_group


def roles_line(roles: Roles) -> str:
    return (f"case giver {roles.case_giver} · facilitator {roles.facilitator} · time-keeper "
            f"{roles.timekeeper} · scribe {roles.scribe} · consultants "
            f"{', '.join(roles.consultants)}")


class CastingScreen(Screen[str | None]):
    """Dismisses with a one-line summary once the meeting is saved (None: left unfinished)."""

    CSS_PATH = "group.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start round", id="group-start-round"),
        Binding("c", "edit('case')", "Case", id="group-case"),
        Binding("k", "edit('question')", "Key question", id="group-key-question"),
        Binding("r", "edit('roles')", "Roles", id="group-roles"),
        Binding("x", "absent", "Absent", id="group-absent"),
        Binding("e", "end_meeting", "End meeting", id="group-end-meeting"),
        Binding("escape", "back", "Back", show=False, id="group-back"),
    ]

    def __init__(self, live: LiveGroup, services: Services, case_giver: str | None = None,
                 straight: bool = False) -> None:
        super().__init__()
        self.live, self.services, self.store = live, services, services.store
        self.recorder = services.recorders.open(live)
        self.chosen = case_giver
        self.straight = straight
        self.key_question = ""
        self.roles: Roles | None = None
        """Roles as edited with `r` (for the case giver they were edited for)."""
        self._editing = ""

    def compose(self) -> ComposeResult:
        yield AppHeader("Casting", who=self._who())
        yield Line("", id="cast-intro")
        yield OptionList(id="cast-members")
        yield Line("", id="cast-roles")
        with Horizontal(id="cast-entry"):
            yield Label("", id="cast-entry-label")
            yield FieldInput(id="cast-input", compact=True)
        yield app_footer()

    def on_mount(self) -> None:
        self.members = self.query_one("#cast-members", OptionList)
        self.header = self.query_one(AppHeader)
        self._fill(self.chosen)
        self.set_focus(self.members)
        if self.live.in_round or self.straight:
            self.call_after_refresh(self._start_round)
        elif needs_close(self.live):
            self.call_after_refresh(self._close_round)

    def on_unmount(self) -> None:
        self.recorder.close()

    def _who(self) -> str:
        done = len(self.live.session.rounds)
        return f"{self.live.method.name} · {done} round{'s' if done != 1 else ''} done"

    def _fill(self, highlight: str | None = None) -> None:
        session = self.live.session
        given = {m: sum(r.case_giver == m for r in session.rounds) for m in session.members}
        options = []
        for n, name in enumerate(session.members, 1):
            state = "absent" if name in session.absent else f"gave {given[name]}"
            case = session.cases.get(name, "(no case yet: c)")
            options.append(Option(Content(one_line(f"{n} {name[:14]:<14} {state:<7} {case}")),
                                  id=name))
        self.members.set_options(options)
        names = session.present
        pick = highlight if highlight in names else self._default()
        if pick is not None:
            self.members.highlighted = session.members.index(pick)
        self.header.who = self._who()
        self.query_one("#cast-intro", Line).set(Content(one_line(
            f"Round {len(session.rounds) + 1} · up/down: the case giver · enter starts · "
            f"key question: {self.key_question or '(k)'}")))
        self._show_roles()

    def _default(self) -> str | None:
        try:
            return self.live.default_roles().case_giver
        except ValueError:
            return None

    def _giver(self) -> str | None:
        index = self.members.highlighted
        return self.live.session.members[index] if index is not None else None

    @on(OptionList.OptionHighlighted, "#cast-members")
    def _show_roles(self) -> None:
        line = self.query_one("#cast-roles", Line)
        try:
            line.set(Content(one_line(roles_line(self._roles()))))
        except ValueError as err:
            line.set(Content(one_line(str(err))))

    def _roles(self) -> Roles:
        """The roles for the highlighted case giver: as edited, else the rotation's."""
        giver = self._giver()
        if self.roles is not None and self.roles.case_giver == giver:
            return self.roles
        return self.live.default_roles(giver)

    # -- keys -------------------------------------------------------------------------------
    def action_start(self) -> None:
        self._start_round()

    @on(OptionList.OptionSelected, "#cast-members")
    def _start_round(self) -> None:
        giver = self._giver()
        if giver is None:
            return
        try:
            roles = self._roles()
        except ValueError as err:
            self.header.say(str(err), error=True)
            return
        if not self.live.in_round:
            title = self.live.session.cases.get(giver, "")
            if not title:
                self.header.say(f"c: write {giver}'s case first (a few words)", error=True)
                return
            self.live.start_round(roles, title, self.key_question)
            self.key_question, self.roles = "", None
        self.straight = False
        self.app.push_screen(GroupRoundScreen(self.live, self.services, self.recorder),
                             self._round_ended)

    def _round_ended(self, ended: bool | None) -> None:
        if ended:
            self._close_round()

    def _close_round(self) -> None:
        self.app.push_screen(RoundCloseScreen(self.live), self._round_closed)

    def _round_closed(self, _: None) -> None:
        try:
            commit_group(self.store, self.live.session)  # in the database, the journal stays
        except Exception as err:  # noqa: BLE001 - the journal holds it; say so, lose nothing
            self.header.say(f"kept in the journal, not in the database: {err}", error=True)
        self._fill()
        self.header.say(f"Round {len(self.live.session.rounds)} saved")

    def action_edit(self, what: str) -> None:
        giver = self._giver()
        if giver is None:
            return
        self._editing = f"{what}:{giver}"
        labels = {"case": f"{giver}'s case:", "question": "key question:",
                  "roles": "facilitator, time-keeper, scribe:"}
        label = labels[what]
        if what == "roles":
            try:
                roles = self._roles()
            except ValueError as err:
                self.header.say(str(err), error=True)
                return
            value = f"{roles.facilitator}, {roles.timekeeper}, {roles.scribe}"
        else:
            value = (self.live.session.cases.get(giver, "") if what == "case"
                     else self.key_question)
        self.query_one("#cast-entry-label", Label).update(Content(one_line(label)))
        field = self.query_one("#cast-input", FieldInput)
        field.value = value
        self.query_one("#cast-entry").display = True
        self.set_focus(field)

    @on(FieldInput.Submitted, "#cast-input")
    def _entered(self, event: FieldInput.Submitted) -> None:
        what, _, name = self._editing.partition(":")
        if what == "case":
            self.live.set_case(name, event.value)
        elif what == "roles":
            try:
                self.roles = edit_roles(self._roles(), event.value, self.live.session.present)
            except ValueError as err:
                self.header.say(str(err), error=True)
                return
        else:
            self.key_question = " ".join(event.value.split())
        self.action_back()
        self._fill(name)

    def action_back(self) -> None:
        self._editing = ""
        self.query_one("#cast-entry").display = False
        self.set_focus(self.members)

    def action_absent(self) -> None:
        name = self._giver()
        if name is None:
            return
        try:
            self.live.set_absent(name, name not in self.live.session.absent)
        except ValueError as err:
            self.header.say(str(err), error=True)
        self._fill(name)

    def action_end_meeting(self) -> None:
        def answered(ok: bool | None) -> None:
            if ok:
                self.app.push_screen(MeetingCloseScreen(self.live, self.services.clock),
                                     self._meeting_closed)

        rounds = len(self.live.session.rounds)
        self.app.push_screen(ConfirmDialog(
            "End the meeting?", f"{rounds} round(s) held. Next: the group's lessons and the "
            "next meeting."), answered)

    def _meeting_closed(self, saved: bool | None) -> None:
        if not saved:
            return
        failed = self.recorder.finish(lambda meeting: commit_group(self.store, meeting))
        if failed is not None:
            self.header.say(f"NOT SAVED: {failed.reason}; ctrl+s on the lessons to retry",
                            error=True)
            return
        session = self.live.session
        self.dismiss(f"Meeting saved: {len(session.rounds)} round(s) · id {session.id}")
