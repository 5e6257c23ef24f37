"""The closes of an intervision meeting: a round's (the case giver ticks the advice taken with
`space`, writes a next step; process feedback; `ctrl+s` saves and goes back to casting) and the
meeting's (group lessons, no case details; the next meeting; `ctrl+s` saves)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, SelectionList

from screens.widgets.field import FieldInput
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.line import Line
from screens.widgets.ticks import TickList
from sessionkit.clock import Clock
from sessionkit.group.live import LiveGroup
from sessionkit.plain import one_line


def needs_close(live: LiveGroup) -> bool:
    """The last round was ended but its close never saved (a resume after a crash)."""
    rnd = live.round
    return (rnd is not None and not live.in_round and live.session.status != "completed"
            and not (rnd.next_step or rnd.feedback or any(a.taken for a in rnd.advice)))


class RoundCloseScreen(Screen[None]):
    CSS_PATH = "group.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="group-round-save"),
        # `tab` is the app's priority key (screens/app.py): `space`, `tab` and the next step
        # typed in one burst put every letter of it in the field
        Binding("space", "tick", "Tick", priority=True, id="group-close-tick"),
    ]

    def __init__(self, live: LiveGroup) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        rnd = self.live.round
        assert rnd is not None
        yield AppHeader("Round close", who=f"Round {len(self.live.session.rounds)} · "
                        f"{rnd.case_giver}: {rnd.case_title}")
        yield Label(Content(one_line(f"Advice for {rnd.case_giver}: space ticks what you "
                                     "take · tab moves on")), classes="close-label")
        yield TickList[int](
            *((Content(one_line(f"{a.author}: {a.text}")), i, a.taken)
              for i, a in enumerate(rnd.advice)), id="close-advice")
        yield Line("", id="close-advice-full")
        yield Label(Content(one_line(f"{rnd.case_giver}'s next step")), classes="close-label")
        yield FieldInput(rnd.next_step, placeholder="what the case giver will do next",
                         id="close-next-step", compact=True, select_on_focus=False)
        yield Label("How did the process go? (feedback on the round, not the case)",
                    classes="close-label")
        yield FieldInput(rnd.feedback, placeholder="pace, roles, the method, the rules",
                         id="close-feedback", compact=True, select_on_focus=False)
        yield Line("", id="close-hint")
        yield app_footer()

    def on_mount(self) -> None:
        advice = self.query_one("#close-advice", SelectionList)
        if advice.option_count:
            self.set_focus(advice)
        else:
            self.query_one("#close-hint", Line).set("No advice was written in this round.")
            self.set_focus(self.query_one("#close-next-step"))

    @on(SelectionList.SelectionHighlighted, "#close-advice")
    def _show_whole(self, event: SelectionList.SelectionHighlighted[int]) -> None:
        """The highlighted advice in full (the list cuts a long one to its width)."""
        rnd = self.live.round
        if rnd is not None and event.selection.value < len(rnd.advice):
            advice = rnd.advice[event.selection.value]
            self.query_one("#close-advice-full", Line).set(
                Content(one_line(f"{advice.author}: {advice.text}")))

    def action_tick(self) -> None:
        """Tick (untick) the highlighted advice at once, before a `tab` right after it."""
        advice = self.query_one("#close-advice", SelectionList)
        if advice.highlighted is not None:
            advice.toggle(advice.get_option_at_index(advice.highlighted).value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`space` ticks on the advice list and types a space in the fields."""
        return action != "tick" or self.focused is self.query_one("#close-advice")

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_save(self) -> None:
        rnd = self.live.round
        assert rnd is not None
        chosen = set(self.query_one("#close-advice", SelectionList).selected)
        self.live.close_round([i in chosen for i in range(len(rnd.advice))],
                              self.query_one("#close-next-step", FieldInput).value,
                              self.query_one("#close-feedback", FieldInput).value)
        self.dismiss(None)


class MeetingCloseScreen(Screen[bool]):
    """Dismisses True once the lessons are in the record (the caster saves it), False on esc."""

    CSS_PATH = "group.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="group-meeting-save"),
        Binding("escape", "cancel", "Back to casting", id="group-meeting-back"),
    ]

    def __init__(self, live: LiveGroup, clock: Clock) -> None:
        super().__init__()
        self.live, self.clock = live, clock

    def compose(self) -> ComposeResult:
        yield AppHeader("Meeting close", who=f"{self.live.method.name} · "
                        f"{len(self.live.session.rounds)} round(s)")
        yield Label("What did the group learn? (about the process; no case details)",
                    classes="close-label")
        yield FieldInput(self.live.session.lessons, placeholder="for the next meeting",
                         id="close-lessons", compact=True, select_on_focus=False)
        yield Label("Next meeting (e.g. 'tue 18:00', '2027-01-12 17:30', empty: none)",
                    classes="close-label")
        yield FieldInput(placeholder="when the group meets again", id="close-next-meeting",
                         compact=True, select_on_focus=False)
        yield Line("", id="close-hint")
        yield app_footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#close-lessons"))

    def action_save(self) -> None:
        from sessionkit.when import parse_when

        raw = self.query_one("#close-next-meeting", FieldInput).value.strip()
        at = None
        if raw:
            try:
                at = parse_when(raw, self.clock.now()).at
            except ValueError as err:
                self.query_one("#close-hint", Line).set(Content(one_line(f"next meeting: {err}")))
                self.set_focus(self.query_one("#close-next-meeting"))
                return
        self.live.finish(self.query_one("#close-lessons", FieldInput).value, at)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
