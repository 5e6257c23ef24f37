"""Talk & clock pane: who speaks now (big, coloured by CSS class), shares, clock, phase, nudges."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from screens.widgets.fmt import bar, clock, percent
from screens.widgets.line import Line
from screens.widgets.safe import escape
from sessionkit.live.session import LiveSnapshot

BAR_WIDTH = 14
SPEAKER_CLASSES = ("-coach", "-client", "-silence", "-paused")


def speaker_text(snap: LiveSnapshot) -> str:
    if snap.paused:
        return "PAUSED  ·  p resumes the clock"
    talk = snap.talk
    if talk.speaker == "silence":
        return f"SILENCE  ·  {clock(talk.current_turn)}"
    name = snap.coach if talk.speaker == "coach" else snap.client
    return f"{talk.speaker.upper()} {escape(name)} speaking  ·  {clock(talk.current_turn)}"


def bars_text(snap: LiveSnapshot, coach_high: float) -> str:
    talk = snap.talk
    total = talk.coach_seconds + talk.client_seconds + talk.silence_seconds
    coach_share = talk.coach_share
    coach_colour = "$error" if coach_share is not None and coach_share > coach_high else "$warning"
    rows = (
        ("coach", coach_share, talk.coach_seconds, coach_colour),
        ("client", talk.client_share, talk.client_seconds, "$success"),
        ("silence", talk.silence_seconds / total if total else None, talk.silence_seconds,
         "$text-muted"),
    )
    lines = []
    for label, share, seconds, colour in rows:
        full, empty = bar(share, BAR_WIDTH)
        lines.append(
            f"{label:<8}[{colour}]{full}[/][dim]{empty}[/] {percent(share)} {clock(seconds):>6}"
        )
    lines.append(
        f"[dim]turns[/] {talk.turns}  [dim]longest coach turn[/] {clock(talk.longest_coach_turn)}"
    )
    return "\n".join(lines)


def clock_text(snap: LiveSnapshot) -> str:
    left = snap.remaining
    left_text = f"{clock(left)} left" if left >= 0 else f"[$error b]{clock(-left)} OVER[/]"
    phase_left = snap.phase_left
    if phase_left >= 0:
        phase_left_text = f"{clock(phase_left)} left"
    else:
        phase_left_text = f"[$warning]{clock(-phase_left)} over[/]"
    return (
        f"[b]{clock(snap.elapsed)}[/] of {clock(snap.planned)}  ·  {left_text}\n"
        f"Phase {snap.phase + 1}/{snap.phase_count}: [b]{escape(snap.phase_name)}[/]\n"
        f"  {phase_left_text} of {clock(snap.phase_budget)}"
    )


def nudges_text(snap: LiveSnapshot) -> str:
    if not snap.nudges:
        return ""
    return "\n".join(
        f"[$warning b]▲ {escape(n.label)}[/]  [dim]{escape(n.why)}[/]" for n in snap.nudges
    )


class TalkPane(Vertical, can_focus=True):
    """The session itself: when this pane has focus, the live keys apply."""

    def compose(self) -> ComposeResult:
        yield Line(id="speaker")
        yield Line(id="bars")
        yield Line(id="clock")
        yield Line(id="nudges")

    def show(self, snap: LiveSnapshot, coach_high: float) -> None:
        who = "-paused" if snap.paused else f"-{snap.talk.speaker}"
        speaker = self.query_one("#speaker", Line)
        for cls in SPEAKER_CLASSES:
            speaker.set_class(cls == who, cls)
        speaker.set(speaker_text(snap))
        self.query_one("#bars", Line).set(bars_text(snap, coach_high))
        self.query_one("#clock", Line).set(clock_text(snap))
        nudges = self.query_one("#nudges", Line)
        nudges.set(nudges_text(snap))
        nudges.display = bool(nudges.text)
