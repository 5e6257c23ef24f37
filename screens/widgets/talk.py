"""Talk & clock pane: who speaks now (big, coloured by CSS class), shares, clock, phase, nudges.

Its numbers add up: shares of talk are whole percents summing to 100; silence is a share of the
elapsed time, labelled so; elapsed and left are cut to whole seconds once, so they add up to the
planned time. Nudges wrap, so each is readable in full at 80 columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from screens.widgets.fmt import bar, percents
from screens.widgets.line import Line
from screens.widgets.listening import listening_text
from sessionkit.live.session import LiveSnapshot
from sessionkit.plain import one_line
from sessionkit.timefmt import duration, time_left, whole_seconds

if TYPE_CHECKING:
    from sessionkit.listen.listener import ListenStatus

BAR_WIDTH = 8
SPEAKER_CLASSES = ("-coach", "-client", "-silence", "-paused")
ROLES = ("coach", "client", "warning", "muted")
NO_PAINT: Mapping[str, Any] = dict.fromkeys(ROLES, "")
"""Colours by role; the pane fills them from its component classes (session.tcss)."""


def speaker_text(snap: LiveSnapshot) -> Content:
    if snap.paused:
        return Content("PAUSED  ·  p resumes the clock")
    talk = snap.talk
    if talk.speaker == "silence":
        if talk.waiting is not None:  # the coach's turn ended: how long the coach lets it be
            return Content(f"SILENCE  ·  waiting {talk.waiting:.1f} s")
        return Content(f"SILENCE  ·  {duration(talk.current_turn)}")
    name = one_line(snap.coach if talk.speaker == "coach" else snap.client)
    return Content(f"{talk.speaker.upper()} {name} speaking  ·  {duration(talk.current_turn)}")


def bars_text(
    snap: LiveSnapshot, coach_high: float, paint: Mapping[str, Any] = NO_PAINT
) -> Content:
    talk = snap.talk
    shares = percents(talk.coach_seconds, talk.client_seconds)
    high = talk.coach_share is not None and talk.coach_share > coach_high
    parts: list[Any] = []
    for i, who in enumerate(("coach", "client")):
        share = None if shares is None else shares[i]
        full, empty = bar(None if share is None else share / 100, BAR_WIDTH)
        seconds = talk.coach_seconds if who == "coach" else talk.client_seconds
        label = "   –" if share is None else f"{share:3d}%"
        style = paint["warning"] if who == "coach" and high else paint[who]
        parts += [f"{who:<8}", (full, style), (empty, paint["muted"]),
                  f" {label} of talk {duration(seconds):>5}\n"]
    elapsed = whole_seconds(snap.elapsed)
    silence = whole_seconds(talk.silence_seconds)
    of_elapsed = f"{round(silence / elapsed * 100)}%" if elapsed else "–"
    parts += ["silence ", f"{duration(silence)} · {of_elapsed} of elapsed"]
    return Content.assemble(*parts)


def turns_text(snap: LiveSnapshot, paint: Mapping[str, Any] = NO_PAINT) -> Content:
    """Turn-taking: the longest turn each way, turns; listening adds who cut in how often.
    Each line fits the pane at 80 columns (36 cells)."""
    talk = snap.talk
    parts: list[Any] = [("longest coach ", paint["muted"]), duration(talk.longest_coach_turn),
                        (" · client ", paint["muted"]), duration(talk.longest_client_turn),
                        ("\nturns ", paint["muted"]), f"{talk.turns}"]
    if talk.coach_interruptions is not None:  # heard by listening
        parts += [(" · cut in: ", paint["muted"]), f"coach {talk.coach_interruptions}",
                  f" client {talk.client_interruptions}"]
    return Content.assemble(*parts)


def clock_text(snap: LiveSnapshot, paint: Mapping[str, Any] = NO_PAINT) -> Content:
    """Whole seconds, cut once (`timefmt.time_left`, the nudges' own source): `elapsed + left ==
    planned` on screen, always. The phase never shows time left once the round is over time."""
    elapsed, planned = whole_seconds(snap.elapsed), whole_seconds(snap.planned)
    left = time_left(snap.elapsed, snap.planned)
    parts: list[Any] = [(duration(elapsed), "bold"), f" of {duration(planned)} · "]
    parts.append(f"{duration(left)} left" if left >= 0 else (f"{duration(-left)} over time",
                                                             paint["warning"]))
    spent, budget = whole_seconds(snap.phase_elapsed), whole_seconds(snap.phase_budget)
    parts += [f"\nPhase {snap.phase + 1}/{snap.phase_count}: ", (one_line(snap.phase_name), "bold"),
              f"\n  {duration(spent)} of its {duration(budget)} · "]
    if left < 0:
        parts.append(("round over time", paint["warning"]))
    elif spent <= budget:
        parts.append(f"{duration(min(budget - spent, left))} left")
    else:
        parts.append((f"{duration(spent - budget)} over", paint["warning"]))
    return Content.assemble(*parts)


def nudge_labels(snap: LiveSnapshot, paint: Mapping[str, Any] = NO_PAINT) -> Content:
    """The nudges by their labels alone, for a pane too short for every why (80x24 with long
    names): each label whole, rather than a why cut off mid-sentence."""
    parts: list[Any] = []
    for i, nudge in enumerate(snap.nudges):
        parts += [" " if i else "", (f"▲ {one_line(nudge.label)}", paint["warning"])]
    return Content.assemble(*parts)


def rows(text: str, width: int) -> int:
    """Rows `text` takes wrapped at `width` cells (an estimate that never undercounts much)."""
    return sum(max(1, -(-len(line) // max(width, 1))) for line in text.split("\n"))


def nudges_text(snap: LiveSnapshot, paint: Mapping[str, Any] = NO_PAINT) -> Content:
    parts: list[Any] = []
    for i, nudge in enumerate(snap.nudges):
        parts += ["\n" if i else "", (f"▲ {one_line(nudge.label)}", paint["warning"]),
                  (f"  {one_line(nudge.why)}", paint["muted"])]
    return Content.assemble(*parts)


class TalkPane(Vertical, can_focus=True):
    """The session itself: when this pane has focus, every live key applies."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"talk--{role}" for role in ROLES}

    def compose(self) -> ComposeResult:
        yield Line(id="speaker")
        yield Line(id="bars")
        yield Line(id="turns")
        yield Line(id="clock")
        yield Line(id="nudges")
        yield Line(id="listening")  # docked at the bottom: a long nudge never pushes it off

    def on_mount(self) -> None:
        self._by_id = {line.id: line for line in self.query(Line)}  # once: the tick is hot

    def show(self, snap: LiveSnapshot, coach_high: float) -> None:
        lines = self._by_id
        who = "-paused" if snap.paused else f"-{snap.talk.speaker}"
        speaker = lines["speaker"]
        for cls in SPEAKER_CLASSES:
            speaker.set_class(cls == who, cls)
        speaker.set(speaker_text(snap))
        paint = {role: self.get_visual_style(f"talk--{role}", partial=True) for role in ROLES}
        lines["bars"].set(bars_text(snap, coach_high, paint))
        lines["turns"].set(turns_text(snap, paint))
        lines["clock"].set(clock_text(snap, paint))
        nudges = lines["nudges"]
        self._nudges = (nudges_text(snap, paint), nudge_labels(snap, paint))
        nudges.set(self._nudges[0])
        nudges.display = bool(nudges.text)
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """On a short pane (80x24) a nudge goes before the turn-taking lines: those hide while
        nudges need their rows. The listening line is docked at the bottom (session.tcss), so
        nothing pushes `● listening` and its meters off. Measured after layout (margins differ
        by screen size); the turns lines are written to fit one row each."""
        lines = getattr(self, "_by_id", None)
        if not lines:
            return
        height = self.content_region.height
        turns = lines["turns"]
        if height <= 0 or not turns.text:
            return
        nudges = lines["nudges"]
        full, short = getattr(self, "_nudges", (None, None))
        if full is not None and short is not None and nudges.display:
            fixed = sum(line.outer_size.height for line in lines.values()
                        if line not in (turns, nudges) and line.display)
            room = height - fixed - nudges.styles.margin.top
            want = full if rows(full.plain, self.content_region.width) <= room else short
            if nudges.value != want:
                nudges.set(want)
        others = sum(line.outer_size.height for line in lines.values()
                     if line is not turns and line.display)
        margin = turns.styles.margin.top + turns.styles.margin.bottom
        turns.display = others + margin + turns.text.count("\n") + 1 <= height

    def show_listening(self, status: ListenStatus | None) -> None:
        """The listening line: hidden until listening is first switched on."""
        line = self._by_id["listening"]
        paint = {role: self.get_visual_style(f"talk--{role}", partial=True) for role in ROLES}
        line.set(listening_text(status, paint))
        line.display = bool(line.text)
        self.call_after_refresh(self._fit)
