"""Nudge rules for the tracker pane: pure functions of a Moment and the Settings.

Two kinds, with these semantics:

* **Condition nudges** show while their condition holds and go away when it stops:
  `Monologue` (the coach's current turn is longer than `monologue_seconds`),
  `Coach share high` / `Coach share low` (coach share of talk over the recent window is outside
  the band, once the window holds `share_min_talk_minutes` of talk),
  `Mechanical pattern` (the last `mechanical_turns` client turns were each shorter than
  `mechanical_turn_seconds`; a client turn still running counts only once it is long),
  and `Over time` (the round has run past its planned time: it stays, the client's time is
  at stake).
* **Time nudges** fire once per round when round time crosses their point and show for
  `nudge_show_seconds`, then go quiet: `Half-time check` (half the planned time),
  `Next steps` (`next_steps_minutes` left), `Evaluate` (`evaluate_minutes` left). A point that
  lies at or before the start of the round (a 5-minute round has no "10 min left") never fires.
  They depend on round time only, so a resumed or paused round shows them exactly as before.

The order of the list is the order of urgency: time first, then talk.
"""

from __future__ import annotations

import math

from sessionkit.config.settings import Settings
from sessionkit.guidance.moment import Moment, Nudge, clock_text
from sessionkit.live.talk import TalkSnapshot


def is_monologue(talk: TalkSnapshot, s: Settings) -> bool:
    return talk.speaker == "coach" and talk.current_turn > s.monologue_seconds


def share_state(talk: TalkSnapshot, s: Settings) -> str | None:
    """"high", "low" or None (inside the band, or not enough talk yet to say)."""
    share = talk.recent_coach_share
    if share is None or talk.recent_talk_seconds < s.share_min_talk_minutes * 60:
        return None
    if share > s.coach_share_high:
        return "high"
    if share < s.coach_share_low:
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
    """(label, round second it fires at) for the time nudges of this round, in time order."""
    points = [
        ("Half-time check", m.planned / 2),
        ("Next steps", m.planned - s.next_steps_minutes * 60),
        ("Evaluate", m.planned - s.evaluate_minutes * 60),
    ]
    return sorted(((label, at) for label, at in points if at > 0), key=lambda p: p[1])


def in_window(m: Moment, s: Settings, label: str) -> bool:
    """True while the time nudge `label` is showing."""
    for name, at in time_points(m, s):
        if name == label:
            return at <= m.elapsed < at + s.nudge_show_seconds
    return False


def _percent(share: float) -> int:
    return round(share * 100)


def _time_nudges(m: Moment, s: Settings) -> list[Nudge]:
    out: list[Nudge] = []
    if m.remaining < 0:
        out.append(Nudge("Over time", f"{clock_text(m.remaining)} past the planned "
                                      f"{m.planned / 60:.0f} min: close or agree more time"))
    left = math.ceil(max(m.remaining, 0) / 60)
    why = {
        "Half-time check": "half the time is gone: are we on track for what you need?",
        "Next steps": f"{left} min left: move to actions and next steps",
        "Evaluate": f"{left} min left: did you get your outcome? time for feedback",
    }
    for label, at in reversed(time_points(m, s)):
        if at <= m.elapsed < at + s.nudge_show_seconds:
            out.append(Nudge(label, why[label]))
    return out


def _talk_nudges(m: Moment, s: Settings) -> list[Nudge]:
    talk = m.talk
    out: list[Nudge] = []
    if is_monologue(talk, s):
        out.append(Nudge("Monologue", f"the coach has spoken {clock_text(talk.current_turn)} "
                                      "without a break: hand it back"))
    state = share_state(talk, s)
    if state:
        share = _percent(talk.recent_coach_share or 0.0)
        band = f"{_percent(s.coach_share_low)}-{_percent(s.coach_share_high)} %"
        window = f"{s.share_window_minutes:g} min"
        advice = "listen more" if state == "high" else "reflect back what you hear"
        out.append(Nudge(f"Coach share {state}",
                         f"coach {share} % of talk in the last {window} (aim {band}): {advice}"))
    if is_mechanical(talk, s):
        out.append(Nudge("Mechanical pattern", f"{s.mechanical_turns} short answers in a row: "
                                               "ask something that opens up, then wait"))
    return out


def nudges(m: Moment, s: Settings) -> list[Nudge]:
    """Every nudge showing at this moment, most urgent first (muted labels left out)."""
    found = _time_nudges(m, s) + _talk_nudges(m, s)
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
