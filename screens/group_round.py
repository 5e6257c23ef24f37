"""The live round of an intervision meeting: who speaks, the phase and its rule, the advice.

Thin, like the one-to-one live screen: keys become `LiveGroup` calls and the screen redraws from
`snapshot()`. `1`-`8` member N speaks (keys above the group size say so), `s` silence, `z` undo,
`a` advice and `q` question from the member speaking now (`@Name ` first gives another author),
`n` note (`!` first: private), `]`/`[` phase, `p` pause, `e` ends the round (confirm `y`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from screens.dialogs import ConfirmDialog
from screens.help import HelpScreen, binding_rows
from screens.services import Services
from screens.widgets.field import FieldInput
from screens.widgets.fmt import bar
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.line import Line
from sessionkit.group.live import LiveGroup
from sessionkit.group.model import GroupRound
from sessionkit.group.snapshot import GroupSnapshot
from sessionkit.live.recorder import LiveRecorder
from sessionkit.plain import one_line
from sessionkit.timefmt import duration

ENTRY = {"advice": "Advice from {}", "question": "Question from {}", "note": "Note (! private)"}


def role(rnd: GroupRound, name: str, absent: list[str]) -> str:
    if name in absent:
        return "absent"
    for label, holder in (("case giver", rnd.case_giver), ("facilitator", rnd.facilitator),
                          ("time-keeper", rnd.timekeeper), ("scribe", rnd.scribe)):
        if holder == name:
            return label
    return "consultant"


class GroupRoundScreen(Screen[bool]):
    """Dismisses True once the round is ended (the round close comes next)."""

    CSS_PATH = "group.tcss"
    AUTO_FOCUS = ""
    """Keys act on the round from the start: no field takes them until `a`, `q` or `n`."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "speak(1)", "Speak", key_display="1-8", id="group-speak-1",
                tooltip="member N speaks (order of --members)"),
        *(Binding(str(n), f"speak({n})", "", show=False, id=f"group-speak-{n}")
          for n in range(2, 10)),
        Binding("s", "silence", "Silence", id="group-silence"),
        Binding("z", "undo", "Undo", id="group-undo"),
        Binding("a", "entry('advice')", "Advice", id="group-advice"),
        Binding("q", "entry('question')", "Question", id="group-question"),
        Binding("n", "entry('note')", "Note", show=False, id="group-note"),
        Binding("right_square_bracket", "phase(1)", "Phase", key_display="]/[",
                id="group-next-phase"),
        Binding("left_square_bracket", "phase(-1)", "", show=False, id="group-prev-phase"),
        Binding("p", "pause", "Pause", show=False, id="group-pause"),
        Binding("e", "end_round", "End", id="group-end-round", tooltip="end the round (confirm y)"),
        Binding("question_mark", "help", "Help", id="group-help"),
        Binding("escape", "back", "", show=False, id="group-round-back"),
    ]

    def __init__(self, live: LiveGroup, services: Services, recorder: LiveRecorder) -> None:
        super().__init__()
        self.live, self.services, self.recorder = live, services, recorder
        self._entry = ""

    def compose(self) -> ComposeResult:
        yield AppHeader("Round")
        yield Line("", id="round-phase")
        yield Line("", id="round-case")
        yield Line("", id="round-cues")
        yield Static("", id="round-talk")
        with Horizontal(id="round-lists"):
            yield Static("", id="round-questions")
            yield Static("", id="round-advice")
        with Horizontal(id="round-entry"):
            yield Label("", id="round-entry-label")
            yield FieldInput(id="round-input", compact=True)
        yield app_footer()

    def on_mount(self) -> None:
        self.header = self.query_one(AppHeader)
        self.query_one("#round-questions").border_title = "Questions"
        self.query_one("#round-advice").border_title = "Advice"
        self.live.observe(self._redraw)
        self.set_interval(1, self._tick)
        self._redraw()

    def on_unmount(self) -> None:
        self.live.unobserve(self._redraw)

    def _tick(self) -> None:
        self.recorder.tick()
        if self.is_current:
            self._redraw()

    # -- drawing ----------------------------------------------------------------------------
    def _redraw(self) -> None:
        snap = self.live.snapshot()
        if snap is None:
            return
        rnd = snap.rnd
        state = " · PAUSED (p)" if snap.paused else ""
        self.header.who = f"Round {snap.round_no} · {snap.method}"
        self.query_one("#round-phase", Line).set(Content(one_line(
            f"Phase {snap.phase + 1}/{snap.phase_count} {snap.phase_name} · "
            f"{duration(snap.phase_left)} left · {snap.rule_text}{state}")))
        self.query_one("#round-case", Line).set(Content(one_line(
            f"{rnd.case_giver}: {rnd.case_title}"
            + (f" · key question: {rnd.key_question}" if rnd.key_question else ""))))
        cues = self.query_one("#round-cues", Line)
        cues.set(Content(one_line(" · ".join(f"{c.label}: {c.why}" for c in snap.cues))))
        cues.set_class(bool(snap.cues), "-on")
        self.query_one("#round-talk", Static).update(self._bars(snap))
        width = max(20, (self.size.width - 6) // 2)
        self.query_one("#round-questions", Static).update(self._items(rnd.questions, width))
        self.query_one("#round-advice", Static).update(self._items(rnd.advice, width))

    def _bars(self, snap: GroupSnapshot) -> Text:
        most = max(snap.talk) or 1.0
        width = max(8, self.size.width - 38)  # name, role and time take 35, padding 2
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, (name, seconds) in enumerate(zip(snap.members, snap.talk, strict=True), 1):
            filled, empty = bar(seconds / most, width)
            speaking = name == snap.speaker
            line = Text(f"{'▶' if speaking else ' '}{n} {name[:12]:<12} "
                        f"{role(snap.rnd, name, self.live.session.absent):<11} ",
                        style="bold" if speaking else "")
            line.append(filled, style="reverse" if speaking else "")
            line.append(empty, style="dim")
            line.append(f" {duration(seconds):>6}")
            out.append_text(line)
            out.append("\n" if n < len(snap.members) else "")
        return out

    def _items(self, items: list[Any], width: int) -> Text:
        shown = items[-8:]
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, item in enumerate(shown):
            text = one_line(f"{item.author}: {item.text}")
            out.append(text if len(text) <= width else text[: width - 1] + "…")
            out.append("\n" if i < len(shown) - 1 else "")
        return out

    # -- keys -------------------------------------------------------------------------------
    def _try(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except ValueError as err:
            self.header.say(str(err), error=True)
            return None

    def action_speak(self, number: int) -> None:
        try:
            who = self.live.member(number)
        except ValueError as err:
            self.header.say(str(err), error=True)
            return
        if self._try(self.live.speak, who) is None:
            self.header.say(f"{who} speaks")

    def action_silence(self) -> None:
        self._try(self.live.speak, "silence")

    def action_undo(self) -> None:
        who = self._try(self.live.undo)
        self.header.say(f"undone: {who} speaks" if who else "nothing to undo")

    def action_phase(self, step: int) -> None:
        self._try(self.live.move_phase, step)

    def action_pause(self) -> None:
        paused = self._try(self.live.toggle_pause)
        self.header.say("paused: p resumes" if paused else "running")

    def action_entry(self, kind: str) -> None:
        author = ""
        if kind != "note":
            author = self._try(self.live.author_now)
            if author is None:
                return
        self._entry = kind
        self.query_one("#round-entry-label", Label).update(
            Content(one_line(ENTRY[kind].format(author) + ":")))
        field = self.query_one("#round-input", FieldInput)
        self.query_one("#round-entry").display = True
        self.set_focus(field)

    @on(FieldInput.Submitted, "#round-input")
    def _entered(self, event: FieldInput.Submitted) -> None:
        text, kind = event.value.strip(), self._entry
        if kind == "note":
            private = text.startswith("!")
            saved = self._try(self.live.add_note, text.lstrip("!"), private)
        else:
            author = None
            if text.startswith("@"):
                name, _, rest = text[1:].partition(" ")
                author = next((m for m in self.live.session.members
                               if m.casefold() == name.casefold()), None)
                if author is None:
                    self.header.say(f"@{name}: not a member of this group", error=True)
                    return
                text = rest
            saved = self._try(self.live.add, kind, text, author)
        if saved is not None:
            event.input.value = ""
            self.header.say(f"{kind} saved")
            self.action_back()

    def action_back(self) -> None:
        self.query_one("#round-entry").display = False
        self.set_focus(None)

    def action_help(self) -> None:
        rows = binding_rows([b for b in self.BINDINGS if isinstance(b, Binding)],
                            dict(self.services.settings.keys))
        rows[0] = ("1-8", "member N speaks (order of --members); keys above the group say so")
        rows += [("@Name", "at the start of advice or a question: from that member instead"),
                 ("ctrl+q", "quit; the meeting stays unfinished and group start offers it")]
        self.app.push_screen(HelpScreen("Keys in a group round", rows))

    def action_end_round(self) -> None:
        def answered(ok: bool | None) -> None:
            if ok and self._try(self.live.end_round) is not None:
                self.dismiss(True)

        self.app.push_screen(ConfirmDialog(f"End round {len(self.live.session.rounds)}?",
                                           "Next: the case giver ticks the advice taken."),
                             answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While typing, the keys type (only esc and the app's keys act)."""
        if isinstance(self.focused, FieldInput):
            return action in ("back",)
        return True
