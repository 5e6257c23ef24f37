"""What the home screen shows before the next call, from the review's index (no Textual).

A coach opening sessionkit wants to know: who is next and when (and which sessions were planned
but never happened), what the person they are about to see agreed to do last time, which
partnerships need attention, and what happened recently. Counts separate saved (completed)
sessions from unfinished ones: an unfinished session is not "saved".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sessionkit.names import name_key
from sessionkit.review.history import ActionRef, HistoryIndex, Summary
from sessionkit.review.partnerships import OVERDUE, Partnership, partnerships
from sessionkit.timefmt import epoch

RECENT = 8
"""How many recent sessions home lists."""
COMING = 6
"""How many partnerships (needing attention first, then the next scheduled) home lists."""


@dataclass(frozen=True)
class Dashboard:
    completed: int
    """Sessions saved with their feedback."""
    unfinished: int
    """Sessions left unfinished (ended by a crash, or kept as they were)."""
    coming: tuple[Partnership, ...]
    """Partnerships needing attention (overdue, no contact), then the next scheduled ones, soonest
    first."""
    recent: tuple[Summary, ...]
    """The newest sessions, newest first."""
    next_pair: tuple[str, str] | None
    """The pair whose session is the soonest still ahead (None if nothing is scheduled)."""

    @property
    def empty(self) -> bool:
        return not (self.completed or self.unfinished)


def _ahead(p: Partnership, now: float) -> bool:
    return p.next_session is not None and epoch(p.next_session) >= now


def build(index: HistoryIndex, now: datetime, recent: int = RECENT,
          coming: int = COMING) -> Dashboard:
    """The home dashboard for the sessions in `index` at the moment `now`."""
    rows = index.filter()
    completed = sum(s.status == "completed" for s in rows)
    pairs = partnerships(rows, now)
    ts = now.timestamp()
    flagged = [p for p in pairs if p.flagged]
    ahead = sorted((p for p in pairs if not p.flagged and _ahead(p, ts)),
                   key=lambda p: epoch(p.next_session or ""))
    soonest = ahead[0].names if ahead else None
    return Dashboard(
        completed=completed,
        unfinished=len(rows) - completed,
        coming=tuple((flagged + ahead)[:coming]),
        recent=tuple(rows[:recent]),
        next_pair=soonest,
    )


def is_overdue(p: Partnership) -> bool:
    return p.status == OVERDUE


def open_actions_for(index: HistoryIndex, client: str,
                     coach: str | None = None) -> list[ActionRef]:
    """Open actions agreed by `client` (as the client), newest session first; with `coach`,
    only those agreed in sessions between the two (a peer pair: both people's actions)."""
    who = name_key(client)
    if not who:
        return []
    pair = {who, name_key(coach)} if coach and coach.strip() else None
    out = []
    for action in index.actions(person=client.strip()):
        people = {name_key(action.coach), name_key(action.client)}
        if pair is not None:
            if people == pair:
                out.append(action)
        elif name_key(action.client) == who:
            out.append(action)
    return out
