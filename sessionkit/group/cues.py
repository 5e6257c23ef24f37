"""Time-keeper cues and speaking-rule nudges for the live round (pure: a snapshot in, cues out).

- `1 minute left`: a minute or less before the phase's time is up;
- `Phase over`: the phase has used its time (`]` moves on);
- `Round over time`: the round has used its planned minutes;
- `Case giver listens`: the case giver speaks in a phase where the consultants talk;
- `One voice`: in a consultation phase, one consultant has had more than half of the phase's
  time so far (from a minute into the phase).
"""

from __future__ import annotations

from collections.abc import Iterator

from sessionkit.group.snapshot import Cue, GroupSnapshot

WARN_SECONDS = 60.0
"""The time-keeper's warning comes a minute before a phase ends."""
ONE_VOICE_AFTER = 60.0
"""Seconds into a consultation phase before `One voice` can show (a first long idea is fine)."""

__all__ = ["Cue", "cues"]


def cues(s: GroupSnapshot) -> Iterator[Cue]:
    left = s.phase_left
    if left <= 0:
        yield Cue("Phase over", f"{s.phase_name} has used its {round(s.phase_budget / 60)} min")
    elif left <= WARN_SECONDS:
        yield Cue("1 minute left", f"{s.phase_name} ends in {int(left)} s")
    if s.elapsed >= s.planned:
        yield Cue("Round over time", f"the round's {round(s.planned / 60)} min are up")
    giver = s.rnd.case_giver
    if s.rule == "consultants" and s.speaker == giver:
        yield Cue("Case giver listens", f"in {s.phase_name} the consultants talk; {giver} listens")
    if s.rule == "consultants" and s.phase_elapsed >= ONE_VOICE_AFTER:
        for name, seconds in zip(s.members, s.phase_talk, strict=True):
            if name != giver and seconds > s.phase_elapsed / 2:
                yield Cue("One voice", f"{name} has had over half of {s.phase_name}")
