"""Casting: the home of an intervision meeting, between its rounds.

Each member on one line with their one-line case; the highlighted member is the next round's
case giver (up/down chooses), and the roles the rotation proposes for them are shown below.
`c` writes the highlighted member's case, `k` the key question, `x` marks them absent, `enter`
starts the round, `e` (confirm `y`) ends the meeting. The screen owns the meeting's recorder:
every change is journalled from the first second, like a live session.
"""

from __future__ import annotations

from typing import Any, ClassVar

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
from screens.group_round import GroupRoundScreen, name_width, short
from screens.services import Services
from screens.widgets.field import FieldInput
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.line import Line
from sessionkit.group.live import LiveGroup
from sessionkit.group.rotation import Roles, edit_roles
from sessionkit.plain import one_line
from sessionkit.store.groups import commit_group
from sessionkit.store.lazy import opened_store


def roles_line(roles: Roles, present: list[str]) -> str:
    others = [m for m in present if m != roles.case_giver]
    consultants = ("all the others" if sorted(roles.consultants) == sorted(others)
                   else ", ".join(roles.consultants))
    return (f"case giver {roles.case_giver} · facilitator {roles.facilitator} · time-keeper "
            f"{roles.timekeeper} · scribe {roles.scribe} · consultants: {consultants}")


def _key(key: str, action: str, description: str, **extra: Any) -> Binding:
    return Binding(key, action, description, priority=True, **extra)


class CastingScreen(Screen[str | None]):
    """Dismisses with a one-line summary once the meeting is saved (None: left unfinished)."""

    CSS_PATH = "group.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        _key("enter", "start", "Start round", id="group-start-round"),
        _key("enter", "submit", "", show=False, id="group-cast-submit"),
        _key("c", "edit('case')", "Case", id="group-case"),
        _key("k", "edit('question')", "Key question", id="group-key-question"),
        _key("r", "edit('roles')", "Roles", id="group-roles"),
        _key("x", "absent", "Absent", id="group-absent"),
        _key("e", "end_meeting", "End meeting", id="group-end-meeting"),
        _key("escape", "back", "Back", show=False, id="group-back"),
        _key("up", "move(-1)", "", show=False, id="group-cast-up"),
        _key("down", "move(1)", "", show=False, id="group-cast-down"),
    ]
    """Priority keys, decided the moment a key arrives (as on the live screen): `down`, `c` and
    the case typed in one burst give the next member the case, every letter of it; in the field
    only `enter` (save) and `esc` act."""

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
            yield FieldInput(id="cast-input", compact=True, select_on_focus=False)
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

    def on_resize(self) -> None:
        self._fill(self._giver())  # a case cut to the new width

    def on_unmount(self) -> None:
        self.recorder.close()

    def _who(self) -> str:
        done = len(self.live.session.rounds)
        return f"{self.live.method.name} · {done} round{'s' if done != 1 else ''} done"

    def _fill(self, highlight: str | None = None) -> None:
        session = self.live.session
        given = {m: sum(r.case_giver == m for r in session.rounds) for m in session.members}
        options = []
        width = (self.members.size.width or self.size.width or 80) - 4
        cols = name_width(session.members, width + 4)
        for n, name in enumerate(session.members, 1):
            state = "absent" if name in session.absent else f"gave {given[name]}"
            case = session.cases.get(name, "(no case yet: c)")
            row = f"{n} {short(name, cols):<{cols}} {state:<7} {one_line(case)}"
            options.append(Option(Content(short(row, width)), id=name))
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
            line.set(Content(one_line(roles_line(self._roles(), self.live.session.present))))
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
            # in the database, the journal stays
            commit_group(opened_store(self.store), self.live.session)
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

    def action_submit(self) -> None:
        value = self.query_one("#cast-input", FieldInput).value
        what, _, name = self._editing.partition(":")
        if what == "case":
            self.live.set_case(name, value)
        elif what == "roles":
            try:
                self.roles = edit_roles(self._roles(), value, self.live.session.present)
            except ValueError as err:
                self.header.say(str(err), error=True)
                return
        else:
            self.key_question = " ".join(value.split())
        self.action_back()
        self._fill(name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While typing, the keys type (only enter and esc act)."""
        if isinstance(self.focused, FieldInput):
            return action in ("back", "submit")
        return action != "submit"

    def action_move(self, step: int) -> None:
        """The next / previous member, at once (the list's own keys would come after `c`)."""
        count = len(self.live.session.members)
        now = self.members.highlighted
        self.members.highlighted = min(count - 1, max(0, (now or 0) + step if now is not None
                                                          else 0))

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
        failed = self.recorder.finish()
        if failed is not None:
            self.header.say(f"NOT SAVED: {failed.reason}; ctrl+s on the lessons to retry",
                            error=True)
            return
        session = self.live.session
        self.dismiss(f"Meeting saved: {len(session.rounds)} round(s) · id {session.id}")
