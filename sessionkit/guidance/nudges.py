"""Nudge rules for the tracker pane: functions of a Moment and the Settings.

Two kinds, with these semantics:

* **Talk nudges**: `Monologue` (the coach's current turn is longer than `monologue_seconds`) and
  `Mechanical pattern` (the last `mechanical_turns` client turns were each shorter than
  `mechanical_turn_seconds`; a client turn still running counts only once it is long) show while
  their condition holds. `Coach share high` / `Coach share low` are calmer: they wait for the
  warm-up, clear with a margin and do not come back at once (`ShareGate` in share_gate.py holds
  that state; this module takes its answer as `share`).
* **Time cues** scale with the planned round: `Half-time check` at `half_time_at` (50 %),
  `Next steps` at `next_steps_at` (~78 %), `Evaluate` at `evaluate_at` (~93 %) of it: the same
  marks as 22:30, 35:00 and 42:00 of a 45-minute round. None fires in the first
  `cues_quiet_first` of a round. At most one shows at a time: each shows for
  `nudge_show_seconds` or until the next cue (or `Over time`) takes its place. `Over time` stays
  while the round runs past its planned time: the client's time is at stake. Cues depend on
  round time only, so a resumed or paused round shows them exactly as before.

The order of the list is the order of urgency: time first, then talk.
"""

from __future__ import annotations

from sessionkit.config.nudge_labels import (
    EVALUATE,
    HALF_TIME,
    MECHANICAL,
    MONOLOGUE,
    NEXT_STEPS,
    OVER_TIME,
    SHARE_HIGH,
    SHARE_LOW,
)
from sessionkit.config.settings import Settings
from sessionkit.guidance.listen_nudges import listening_nudges
from sessionkit.guidance.moment import Moment, Nudge, clock_text
from sessionkit.talk.tracker import TalkSnapshot
from sessionkit.timefmt import minutes_left


def is_monologue(talk: TalkSnapshot, s: Settings) -> bool:
    return talk.speaker == "coach" and talk.current_turn > s.monologue_seconds


def share_warmup(planned: float, s: Settings) -> float:
    """Seconds of talk before any share nudge: `share_warmup_minutes`, or half a short round."""
    return min(s.share_warmup_minutes * 60, planned / 2)


def share_state(talk: TalkSnapshot, planned: float, s: Settings) -> str | None:
    """"high", "low" or None: the raw reading (inside the band, or too little talk to say).

    The share over the window must be outside the band, and so must the share over its latest
    half: a coach-heavy opening that is over (the window still holds it, the latest minutes do
    not) is not a problem to flag."""
    share = talk.recent_coach_share
    if share is None or talk.recent_talk_seconds < s.share_min_talk_minutes * 60:
        return None
    if talk.talk_seconds < share_warmup(planned, s):
        return None
    latest = talk.latest_coach_share
    if share > s.coach_share_high and (latest is None or latest > s.coach_share_high):
        return "high"
    if share < s.coach_share_low and (latest is None or latest < s.coach_share_low):
        return "low"
    return None


def is_mechanical(talk: TalkSnapshot, s: Settings) -> bool:
    turns = talk.client_turns_recent
    if talk.speaker == "client" and talk.current_turn > 0 and turns:
        if talk.current_turn >= s.mechanical_turn_seconds:
            return False  # the client is talking at length right now: the pattern is broken
        turns = turns[:-1]  # a short turn still running may yet become long
    last = turns[-s.mechanical_turns:]
    return len(last) == s.mechanical_turns and all(t < s.mechanical_turn_seconds for t in last)


def time_points(m: Moment, s: Settings) -> list[tuple[str, float]]:
    """(label, round second it fires at) for the time cues of this round, in time order.

    Points are whole seconds of the planned round; none lies in its first `cues_quiet_first`."""
    quiet = s.cues_quiet_first * m.planned
    points = [
        (HALF_TIME, s.half_time_at),
        (NEXT_STEPS, s.next_steps_at),
        (EVALUATE, s.evaluate_at),
    ]
    found = ((label, float(round(at * m.planned))) for label, at in points)
    return sorted(((label, at) for label, at in found if at > 0 and at >= quiet),
                  key=lambda p: p[1])


def current_cue(m: Moment, s: Settings) -> tuple[str, float] | None:
    """The one time cue showing now (label, the second it fired), or None.

    A cue shows for `nudge_show_seconds`, or until the next cue fires or the round runs over."""
    if m.left < 0:
        return None
    points = time_points(m, s)
    for i, (label, at) in enumerate(points):
        until = at + s.nudge_show_seconds
        if i + 1 < len(points):
            until = min(until, points[i + 1][1])
        if at <= m.elapsed < until:
            return label, at
    return None


def in_window(m: Moment, s: Settings, label: str) -> bool:
    """True while the time cue `label` is showing."""
    cue = current_cue(m, s)
    return cue is not None and cue[0] == label


def _percent(share: float) -> int:
    return round(share * 100)


def _time_nudges(m: Moment, s: Settings) -> list[Nudge]:
    out: list[Nudge] = []
    if m.left < 0:
        out.append(Nudge(OVER_TIME, f"{clock_text(m.left)} past the planned "
                                      f"{m.planned / 60:.0f} min: close or agree more time"))
    left = minutes_left(max(m.left, 0))
    steps = ("agree the next steps: what, by when" if "commitment" in m.at_or_past
             else "move to actions and next steps")
    why = {
        HALF_TIME: "half the time is gone: are we on track for what you need?",
        NEXT_STEPS: f"{left}: {steps}",
        EVALUATE: f"{left}: did you get your outcome? time for feedback",
    }
    cue = current_cue(m, s)
    if cue is not None:
        out.append(Nudge(cue[0], why[cue[0]]))
    return out


def _talk_nudges(m: Moment, s: Settings, state: str | None) -> list[Nudge]:
    talk = m.talk
    out: list[Nudge] = []
    if is_monologue(talk, s):
        out.append(Nudge(MONOLOGUE, f"the coach has spoken {clock_text(talk.current_turn)} "
                                      "without a break: hand it back"))
    if state:
        share = _percent(talk.recent_coach_share or 0.0)
        band = f"{_percent(s.coach_share_low)}-{_percent(s.coach_share_high)} %"
        window = f"{s.share_window_minutes:g} min"
        advice = "listen more" if state == "high" else "reflect back what you hear"
        out.append(Nudge(SHARE_HIGH if state == "high" else SHARE_LOW,
                         f"coach {share} % of talk in the last {window} (aim {band}): {advice}"))
    if is_mechanical(talk, s):
        out.append(Nudge(MECHANICAL, f"{s.mechanical_turns} short answers in a row: "
                                               "ask something that opens up, then wait"))
    return out


def nudges(m: Moment, s: Settings, share: str | None) -> list[Nudge]:
    """Every nudge showing at this moment, most urgent first (muted labels left out).

    `share` is the coach-share nudge showing now ("high", "low" or None), from a ShareGate."""
    found = _time_nudges(m, s) + _talk_nudges(m, s, share) + listening_nudges(m, s)
    return [n for n in found if n.label not in s.muted_nudges]


def phase_note(m: Moment) -> str | None:
    """A line for the tracker when the current phase has used up its time budget, else None."""
    if m.phase_over <= 0:
        return None
    budget = clock_text(m.phase_budget)
    budget = f"{budget[:-3]} min" if budget.endswith(":00") else budget
    nxt = m.next_phase
    move = f": ] moves on to {nxt.name}" if nxt else ""
    return f"{m.current.name} is {clock_text(m.phase_over)} over its {budget} budget{move}"
