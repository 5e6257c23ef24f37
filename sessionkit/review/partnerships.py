"""Partnerships: the rhythm of each pair over time (sessions held, n of N, cadence, next date).

Rules from the seeds: a planned programme has a fixed number of sessions (12 per round in seed
003); pairs agree a cadence (every 2 weeks in seed 002); "if you don't hear from your client in
1 week", reach out (seed 003). So a pair is flagged when its scheduled session has passed without
a session on record, when the agreed cadence has lapsed with nothing scheduled, or when there has
been no contact for more than a week with nothing scheduled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sessionkit.names import name_key
from sessionkit.review.history import Summary
from sessionkit.schedule import MISSED, UPCOMING, Slot, pair_slots
from sessionkit.timefmt import epoch, local

NO_CONTACT_DAYS = 7
OVERDUE_GRACE_HOURS = 2  # a scheduled session that started this long ago without a record
TREND_POINTS = 24
DAY = 86400.0

OVERDUE, NO_CONTACT, SCHEDULED, COMPLETE, OK = (
    "overdue", "no contact", "scheduled", "complete", "ok",
)
FLAGGED = (OVERDUE, NO_CONTACT)


@dataclass
class AsClient:
    """One person's own figures in the rounds where they were the client of this pair, oldest
    first: their share of talk (%), their scale at start and at end. Never mixed with the
    partner's: in a swapped session each person is the client of one round."""

    name: str
    rounds: int = 0
    share: list[float] = field(default_factory=list)
    scale_start: list[float] = field(default_factory=list)
    scale_end: list[float] = field(default_factory=list)
    last_scale: tuple[int | None, int | None] = (None, None)
    """Start and end of the scale in their latest round as client."""


@dataclass
class Partnership:
    names: tuple[str, str]
    sessions_held: int
    last_session: str
    days_since: float
    status: str
    reason: str
    programme_total: int | None = None
    cadence_days: int | None = None
    next_session: str | None = None
    next_session_tz: str | None = None
    minutes: list[float] = field(default_factory=list)
    as_client: list[AsClient] = field(default_factory=list)
    """Each person's own figures as the client (names in the order of `names`)."""
    slots: list[Slot] = field(default_factory=list)
    """Every time the pair agreed, with its state now (held, upcoming, missed, cancelled)."""

    @property
    def upcoming(self) -> list[Slot]:
        """The agreed sessions still ahead, soonest first (the union of what every session
        of the pair agreed, less those held or cancelled)."""
        return [s for s in self.slots if s.state == UPCOMING]

    @property
    def missed(self) -> list[Slot]:
        """Agreed times that passed with no session on record (and none held since)."""
        return [s for s in self.slots if s.state == MISSED]

    @property
    def flagged(self) -> bool:
        return self.status in FLAGGED

    @property
    def progress(self) -> str:
        """"session 6 of 12" for a planned programme, else "6 sessions"."""
        n, total = self.sessions_held, self.programme_total
        if total and n <= total:
            return f"session {n} of {total}"
        held = f"{n} session{'s' if n != 1 else ''}"
        return f"{held} (programme of {total} done)" if total else held


def _days(days: float) -> str:
    whole = int(days)
    return "today" if whole == 0 else "1 day" if whole == 1 else f"{whole} days"


def _status(p: Partnership, now: float) -> tuple[str, str]:
    days = p.days_since
    if p.next_session:
        due = epoch(p.next_session)
        if now > due + OVERDUE_GRACE_HOURS * 3600:
            late = (now - due) / DAY
            ago = f"{int(late * 24)} h ago" if late < 1 else f"{_days(late)} ago"
            day = local(p.next_session, "%a %d %b", p.next_session_tz)
            return OVERDUE, f"the session planned for {day} is not on record ({ago})"
        left = _days(max(0.0, (due - now) / DAY))
        return SCHEDULED, "next session today" if left == "today" else f"next session in {left}"
    if p.programme_total and p.sessions_held >= p.programme_total:
        return COMPLETE, "programme complete"
    if p.cadence_days and days > p.cadence_days:
        return OVERDUE, f"{_days(days)} since the last session (agreed: every {p.cadence_days})"
    if days > NO_CONTACT_DAYS:
        return NO_CONTACT, f"no contact for {_days(days)}, nothing scheduled"
    return OK, "nothing scheduled yet"


def _as_client(names: tuple[str, str], items: list[Summary]) -> list[AsClient]:
    """Per person, the rounds of these sessions where they were the client (the last
    TREND_POINTS of them)."""
    out = {name_key(n): AsClient(n) for n in names}
    for s in items:
        for f in s.figures:
            who = out.get(name_key(f.client))
            if who is None:
                continue
            who.rounds += 1
            if f.client_share is not None:
                who.share.append(round(100 * f.client_share))
            if f.scale_start is not None:
                who.scale_start.append(f.scale_start)
            if f.scale_end is not None:
                who.scale_end.append(f.scale_end)
            who.last_scale = (f.scale_start, f.scale_end)
    for who in out.values():
        who.share, who.scale_start, who.scale_end = (
            who.share[-TREND_POINTS:], who.scale_start[-TREND_POINTS:],
            who.scale_end[-TREND_POINTS:])
    return [who for who in out.values() if who.rounds]


def partnerships(summaries: Iterable[Summary], now: datetime) -> list[Partnership]:
    """One Partnership per unordered pair; flagged ones first, then the most recently active."""
    groups: dict[frozenset[str], list[Summary]] = {}
    for s in summaries:
        if s.coach and s.client:
            groups.setdefault(s.pair, []).append(s)
    now_ts = now.timestamp()
    out = []
    for items in groups.values():
        items.sort(key=lambda s: (s.ts, s.id))
        last = items[-1]
        recent = items[-TREND_POINTS:]
        names: tuple[str, str] = tuple(  # type: ignore[assignment]
            sorted((last.coach, last.client), key=str.casefold))
        slots = pair_slots(((s.id, s.ts, s.agreed) for s in items), now_ts,
                           OVERDUE_GRACE_HOURS)
        due = next((x for x in slots if x.state == MISSED), None) or next(
            (x for x in slots if x.state == UPCOMING), None)
        p = Partnership(
            names=names,
            sessions_held=len(items),
            last_session=last.started_at,
            days_since=max(0.0, (now_ts - last.ts) / DAY),
            status=OK, reason="",
            programme_total=next((s.programme_total for s in reversed(items) if s.programme_total),
                                 None),
            cadence_days=next((s.cadence_days for s in reversed(items) if s.cadence_days), None),
            next_session=due.at if due else None, next_session_tz=due.tz if due else None,
            minutes=[round(s.minutes) for s in recent],
            as_client=_as_client(names, items), slots=slots,
        )
        p.status, p.reason = _status(p, now_ts)
        out.append(p)
    out.sort(key=lambda p: (not p.flagged, -epoch(p.last_session), p.names))
    return out
