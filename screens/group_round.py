"""The live round of an intervision meeting: who speaks, the phase and its rule, the advice.

Thin, like the one-to-one live screen: keys become `LiveGroup` calls and the screen redraws from
`snapshot()`. `1`-`8` member N speaks (keys above the group size say so), `s` silence, `z` undo,
`a` advice and `q` question from the member speaking now (`@Name ` first gives another author),
`n` note (`!` first: private), `]`/`[` phase, `p` pause, `e` ends the round (confirm `y`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
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
from sessionkit.names import name_key
from sessionkit.plain import one_line
from sessionkit.timefmt import duration

ENTRY = {"advice": "Advice from {}", "question": "Question from {}", "note": "Note (! private)"}


def short(name: str, width: int) -> str:
    """`name` in `width` columns, an ellipsis where it is cut (eight long names at 80x24)."""
    name = one_line(name)
    return name if len(name) <= width else name[: max(0, width - 1)] + "…"


def called(name: str, members: Sequence[str]) -> str:
    """How a list names a member in a narrow pane: the first name when no other member shares
    it, else the name (cut with an ellipsis)."""
    first = one_line(name).split(" ")[0]
    same = [m for m in members if one_line(m).split(" ")[0] == first]
    return first if len(same) <= 1 and first else short(name, 14)


def name_width(names: Sequence[str], screen_width: int) -> int:
    """Columns for members' names: 12 at 80 columns, more on a wider screen, never more than
    the longest name needs."""
    return max(4, min(max(map(len, names), default=4), 12 + max(0, screen_width - 80) // 3))


def role(rnd: GroupRound, name: str, absent: list[str]) -> str:
    if name in absent:
        return "absent"
    for label, holder in (("case giver", rnd.case_giver), ("facilitator", rnd.facilitator),
                          ("time-keeper", rnd.timekeeper), ("scribe", rnd.scribe)):
        if holder == name:
            return label
    return "consultant"


def _key(key: str, action: str, description: str, **extra: Any) -> Binding:
    return Binding(key, action, description, priority=True, **extra)


class GroupRoundScreen(Screen[bool]):
    """Dismisses True once the round is ended (the round close comes next)."""

    CSS_PATH = "group.tcss"
    AUTO_FOCUS = ""
    """Keys act on the round from the start: no field takes them until `a`, `q` or `n`."""
    BINDINGS: ClassVar[list[BindingType]] = [
        _key("1", "speak(1)", "Speak", key_display="1-8", id="group-speak-1",
             tooltip="member N speaks (order of --members)"),
        *(_key(str(n), f"speak({n})", "", show=False, id=f"group-speak-{n}")
          for n in range(2, 10)),
        _key("s", "silence", "Silence", id="group-silence"),
        _key("z", "undo", "Undo", id="group-undo"),
        _key("a", "entry('advice')", "Advice", id="group-advice"),
        _key("q", "entry('question')", "Question", id="group-question"),
        _key("n", "entry('note')", "Note", show=False, id="group-note"),
        _key("right_square_bracket", "phase(1)", "Phase", key_display="]/[",
             id="group-next-phase"),
        _key("left_square_bracket", "phase(-1)", "", show=False, id="group-prev-phase"),
        _key("p", "pause", "Pause", show=False, id="group-pause"),
        _key("e", "end_round", "End", id="group-end-round", tooltip="end the round (confirm y)"),
        _key("question_mark", "help", "Help", id="group-help"),
        _key("escape", "back", "", show=False, id="group-round-back"),
        _key("enter", "submit", "", show=False, id="group-round-submit"),
    ]
    """Priority keys, decided the moment a key arrives (as on the live screen): a burst such
    as `a` and the advice, `enter`, `3` puts every letter in the field and `3` on the round."""

    def __init__(self, live: LiveGroup, services: Services, recorder: LiveRecorder) -> None:
        super().__init__()
        self.live, self.services, self.recorder = live, services, recorder
        self._entry = ""

    def compose(self) -> ComposeResult:
        yield AppHeader("Group round")
        yield Line("", id="round-phase")
        yield Line("", id="round-case")
        yield Line("", id="round-question")
        yield Line("", id="round-cues")
        yield Static("", id="round-talk")
        with Horizontal(id="round-lists"):
            yield Static("", id="round-questions")
            yield Static("", id="round-advice")
        with Horizontal(id="round-entry"):
            yield Label("", id="round-entry-label")
            yield FieldInput(id="round-input", compact=True, select_on_focus=False)
        yield app_footer()

    def on_mount(self) -> None:
        self.header = self.query_one(AppHeader)
        self.query_one("#round-questions").border_title = "Questions"
        self.query_one("#round-advice").border_title = "Advice"
        self.live.observe(self._redraw)
        self.set_interval(1, self._tick)
        self._redraw()
        # the lists fill what the layout gives them: draw again once it is known (and on a
        # resize), not only on the next 1 s tick (which made the first frame depend on timing)
        self.call_after_refresh(self._redraw)

    def on_resize(self) -> None:
        self.call_after_refresh(self._redraw)

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
        self.header.who = f"{snap.round_no} · {snap.method}"
        self.query_one("#round-phase", Line).set(Content(one_line(
            f"Phase {snap.phase + 1}/{snap.phase_count} {snap.phase_name} · "
            f"{duration(snap.phase_left)} left · {snap.rule_text}{state}")))
        self.query_one("#round-case", Line).set(Content(one_line(
            f"{rnd.case_giver}'s case: {rnd.case_title}")))
        question = self.query_one("#round-question", Line)
        question.set(Content(one_line(f"Key question: {rnd.key_question}")))
        question.display = bool(rnd.key_question)
        cues = self.query_one("#round-cues", Line)
        cues.set(Content(one_line(" · ".join(f"{c.label}: {c.why}" for c in snap.cues))))
        cues.set_class(bool(snap.cues), "-on")
        self.query_one("#round-talk", Static).update(self._bars(snap))
        width = max(20, (self.size.width - 6) // 2)
        rows = max(1, self.query_one("#round-lists").size.height - 2)
        for kind, items in (("Questions", rnd.questions), ("Advice", rnd.advice)):
            pane = self.query_one(f"#round-{kind.lower()}")
            pane.border_title = f"{kind} ({len(items)})" if items else kind
        self.query_one("#round-questions", Static).update(self._items(rnd.questions, width, rows))
        self.query_one("#round-advice", Static).update(self._items(rnd.advice, width, rows))

    def _bars(self, snap: GroupSnapshot) -> Text:
        most = max(snap.talk) or 1.0
        names = name_width(snap.members, self.size.width)
        width = max(8, self.size.width - names - 26)  # role and time take 23, padding 2
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, (name, seconds) in enumerate(zip(snap.members, snap.talk, strict=True), 1):
            filled, empty = bar(seconds / most, width)
            speaking = name == snap.speaker
            line = Text(f"{'▶' if speaking else ' '}{n} {short(name, names):<{names}} "
                        f"{role(snap.rnd, name, self.live.session.absent):<11} ",
                        style="bold" if speaking else "")
            line.append(filled, style="reverse" if speaking else "")
            line.append(empty, style="dim")
            line.append(f" {duration(seconds):>6}")
            out.append_text(line)
            out.append("\n" if n < len(snap.members) else "")
        return out

    def _items(self, items: list[Any], width: int, rows: int) -> Text:
        """The newest items that fit `rows`: each on up to two lines (cut with an ellipsis)."""
        lines: list[str] = []
        for item in reversed(items):
            text = one_line(f"{called(item.author, self.live.session.members)}: {item.text}")
            wrapped = textwrap.wrap(text, width, max_lines=2, placeholder=" …") or [""]
            if len(lines) + len(wrapped) > rows:
                break
            lines[:0] = wrapped
        return Text("\n".join(lines), no_wrap=True, overflow="ellipsis")

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

    def action_submit(self) -> None:
        field = self.query_one("#round-input", FieldInput)
        text, kind = field.value.strip(), self._entry
        if kind == "note":
            private = text.startswith("!")
            saved = self._try(self.live.add_note, text.lstrip("!"), private)
        else:
            author = None
            if text.startswith("@"):
                name, _, rest = text[1:].partition(" ")
                author = next((m for m in self.live.session.members
                               if name_key(m) == name_key(name)), None)
                if author is None:
                    self.header.say(f"@{name}: not a member of this group", error=True)
                    return
                text = rest
            saved = self._try(self.live.add, kind, text, author)
        if saved is not None:
            field.value = ""
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
        self.app.push_screen(HelpScreen("Keys in a group round", rows, beside=True))

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
            return action in ("back", "submit")
        return action != "submit"
