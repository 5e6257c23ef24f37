"""The suggestion engine: what to offer in the questions pane now, and why.

Pure and deterministic: `triggers()` reads the Moment (phase, time, talk pattern, outcome, latest
notes) and names the reasons that apply, each with a score and where its items come from;
`rank()` turns them into at most `limit` suggestions. One item per reason (the current phase's
reason may fill the rest), used ids never, recently shown ids only when nothing fresher fits.

Scores (higher first): latest note's limiting word 100 (older notes a little less), over time 95,
evaluate 92, next steps 90, no outcome yet 88, half-time 85, monologue 84, mechanical 82,
coach share high 80, outcome's limiting word 75, phase over budget 72, coach share low 70,
the phase's own questions 60, bank questions for the phase's purposes 50.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sessionkit.config.nudge_labels import EVALUATE, HALF_TIME, NEXT_STEPS
from sessionkit.config.settings import Settings
from sessionkit.guidance.bank import Bank, fit_time
from sessionkit.guidance.moment import Moment, Suggestion
from sessionkit.guidance.nudges import in_window, is_mechanical, is_monologue, time_points
from sessionkit.timefmt import minutes_left

PHASE = "phase"
AGREEING = frozenset({"outcome", "topic", "contracting"})
"""Purposes of a phase where the outcome is still being agreed: no closing questions there."""


@dataclass(frozen=True)
class Trigger:
    """One reason to suggest something: its group (one item per group), reason text, score,
    and the bank purposes or limiting word (with the text it was found in) its items come from."""

    group: str
    reason: str
    score: float
    purposes: tuple[str, ...] = ()
    word: str = ""
    source: str = ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _time_trigger(m: Moment, s: Settings) -> Trigger | None:
    """Over time, evaluate or next steps, by the proportional points of the round.

    Closing questions wait until an outcome is agreed and the phase is past agreeing it."""
    if m.left < 0:
        return Trigger("time", "over time: close with evaluation", 95, ("evaluation",))
    purposes = set(m.current.purposes)
    if not m.outcome.strip() or AGREEING & purposes:
        return None
    points = dict(time_points(m, s))
    left = minutes_left(max(m.left, 0))
    if m.elapsed >= points.get(EVALUATE, math.inf) and "evaluation" not in purposes:
        return Trigger("time", f"{left}: evaluate", 92, ("evaluation",))
    if m.elapsed >= points.get(NEXT_STEPS, math.inf) and not {"commitment", "evaluation"} & (
        m.at_or_past
    ):
        return Trigger("time", f"{left}: move to next steps", 90, ("commitment",))
    return None


def triggers(m: Moment, s: Settings, bank: Bank, share: str | None = None) -> list[Trigger]:
    """Every reason that applies now, in no particular order. `share` is the coach-share nudge
    showing now ("high", "low" or None: the guide's ShareGate decides)."""
    phase = m.current
    out: list[Trigger] = []
    for age, note in enumerate(reversed(m.last_notes)):
        for pos, word in enumerate(bank.limiting_words(note)):
            out.append(Trigger(f"word:{word}", f"note says '{word}'", 100 - 3 * age - pos / 10,
                               word=word, source=note))
    for pos, word in enumerate(bank.limiting_words(m.outcome)):
        out.append(Trigger(f"word:{word}", f"outcome says '{word}'", 75 - pos / 10, word=word,
                           source=m.outcome))
    timed = _time_trigger(m, s)
    if timed is not None:
        out.append(timed)
    if not m.outcome.strip() and m.elapsed >= 60 and not {"outcome", "topic", "contracting"} & set(
        phase.purposes
    ):
        out.append(Trigger("outcome", "no outcome yet: ask what they want", 88, ("outcome",)))
    if in_window(m, s, HALF_TIME):
        out.append(Trigger("check", "half-time: check the outcome", 85, ("check",)))
    if is_monologue(m.talk, s):
        out.append(Trigger("brief", "long coach turn: hand it back", 84, ("brief",)))
    if is_mechanical(m.talk, s):
        out.append(Trigger("deepening", "short answers: open up", 82, ("deepening",)))
    percent = round((m.talk.recent_coach_share or 0) * 100)
    if share == "high":
        out.append(Trigger("brief", f"coach {percent} % of talk: invite, then listen", 80,
                           ("brief",)))
    elif share == "low":
        out.append(Trigger("reflecting", f"coach {percent} % of talk: reflect back", 70,
                           ("reflecting",)))
    nxt = m.next_phase
    if m.phase_over > 0 and nxt is not None:
        reason = f"{phase.name} has run past its time; {nxt.name} comes next"
        out.append(Trigger("next-phase", reason, 72, nxt.purposes))
    out.append(Trigger(PHASE, f"phase: {phase.name}", 60))
    out.append(Trigger(PHASE, f"phase: {phase.name}", 50, phase.purposes))
    return out


def _items(m: Moment, t: Trigger, bank: Bank) -> Iterator[tuple[str, str, str]]:
    """(id, text, kind) for a trigger, in the bank's order."""
    if t.word:
        for r in bank.by_word.get(t.word, ()):
            yield r.id, fit_time(r.text, m.planned), "reframe"
    elif not t.purposes:  # the phase's own questions, from the model file
        phase = m.current
        for i, text in enumerate(phase.questions, 1):
            yield f"{m.model.key}:{_slug(phase.name)}:{i}", text, "question"
    else:
        for purpose in t.purposes:
            for q in bank.by_purpose.get(purpose, ()):
                yield q.id, fit_time(q.text, m.planned), "question"


def rank(
    m: Moment,
    s: Settings,
    bank: Bank,
    history: dict[str, float],
    limit: int = 3,
    found: list[Trigger] | None = None,
    answered: frozenset[tuple[str, str]] = frozenset(),
) -> list[tuple[Suggestion, Trigger]]:
    """The best `limit` suggestions. `history` maps ids to the round second they were last shown.
    Order: never shown (by score), then shown before `recent_minutes` ago (by score, oldest first),
    then shown recently or listed in `m.shown` (only when nothing else fits).
    `answered` holds (text, word) pairs already answered by a reframe: each limiting word in a
    note gets one reframe, lightly; the same word in a new note gets a new one."""
    recent_after = m.elapsed - s.recent_minutes * 60
    rows = []
    order = 0
    for t in found if found is not None else triggers(m, s, bank):
        if t.word and (t.source, t.word) in answered:
            continue
        for ident, text, kind in _items(m, t, bank):
            if ident in m.used:
                continue
            last = history.get(ident)
            recent = ident in m.shown or (last is not None and last >= recent_after)
            seen = -1.0 if last is None else last
            rows.append((recent, last is not None, -t.score, seen, order, ident, text, kind, t))
            order += 1
    rows.sort(key=lambda r: r[:5])
    out: list[tuple[Suggestion, Trigger]] = []
    groups: set[str] = set()
    taken: set[str] = set()
    for *_, ident, text, kind, t in rows:
        key = " ".join(text.lower().split())
        if ident in taken or key in taken or (t.group != PHASE and t.group in groups):
            continue
        out.append((Suggestion(ident, text, kind, t.reason), t))
        groups.add(t.group)
        taken.update((ident, key))
        if len(out) >= limit:
            break
    return out
