"""Sample sessions for `sessionkit demo`, the tests and the benchmarks (deterministic by seed)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sessionkit.clock import iso
from sessionkit.config.nudge_labels import EVALUATE, HALF_TIME, MONOLOGUE, NEXT_STEPS
from sessionkit.models import Note, NudgeFired, Round, Segment, Session, TalkStats

if TYPE_CHECKING:
    from sessionkit.store.store import SessionStore

OUTCOMES = [
    "Decide whether to apply for the team lead role",
    "Plan the difficult conversation with my manager",
    "Find one way to protect my mornings for deep work",
    "Get clear on what I want from the next six months",
    "Prepare the board presentation without over-preparing",
    "Work out why I keep saying yes to everything",
]
NOTES = [
    "Energy rose when talking about mentoring others",
    "Says they always have to be the one who fixes things",
    "Noticed a pattern: waits for permission",
    "Scale moved from 4 to 6 while exploring options",
]
ACTIONS = [
    "Book 30 minutes with manager before Friday",
    "Block 8-10am on Tuesdays and Thursdays",
    "Write three options on one page and sleep on it",
    "Ask two colleagues for honest feedback",
]


def _talk(rng: random.Random, minutes: int) -> TalkStats:
    t, segs = 0.0, []
    who = "coach"
    while t < minutes * 60:
        length = rng.uniform(5, 40) if who == "coach" else rng.uniform(15, 150)
        if rng.random() < 0.1:
            who, length = "silence", rng.uniform(3, 15)
        segs.append(Segment(who, t, length))
        t += length
        who = "client" if who != "client" else "coach"
    coach = [s.seconds for s in segs if s.who == "coach"]
    client = [s.seconds for s in segs if s.who == "client"]
    return TalkStats(
        sum(coach), sum(client), sum(s.seconds for s in segs if s.who == "silence"),
        len(coach) + len(client), max(coach, default=0), max(client, default=0), segs,
    )


def _nudges(rnd: Round) -> list[NudgeFired]:
    """What the guide would have shown: the time cues the round reached, each long coach turn."""
    planned = rnd.planned_minutes * 60
    fired = [NudgeFired(MONOLOGUE, s.start + 90) for s in rnd.talk.segments
             if s.who == "coach" and s.seconds > 90]
    for label, at in ((HALF_TIME, 0.5), (NEXT_STEPS, 0.7778), (EVALUATE, 0.9333)):
        if rnd.elapsed_seconds >= round(at * planned):
            fired.append(NudgeFired(label, round(at * planned)))
    return sorted(fired, key=lambda n: n.at)


def make_session(rng: random.Random, start: datetime, coach: str, client: str,
                 rounds: int = 1, status: str = "completed") -> Session:
    session = Session(started_at=iso(start), model=rng.choice(["grow", "free"]),
                      status=status, swap=rounds > 1, cadence_days=14)
    at = start
    for i in range(rounds):
        c, cl = (coach, client) if i % 2 == 0 else (client, coach)
        minutes = rng.choice([30, 45, 45, 60])
        rnd = Round(coach=c, client=cl, started_at=iso(at), planned_minutes=minutes,
                    outcome=rng.choice(OUTCOMES), scale_start=rng.randint(2, 6))
        rnd.talk = _talk(rng, minutes)
        rnd.elapsed_seconds = sum(s.seconds for s in rnd.talk.segments)
        rnd.nudges = _nudges(rnd)
        for j, text in enumerate(rng.sample(NOTES, 2)):
            rnd.notes.append(Note(at=iso(at + timedelta(minutes=5 + 10 * j)), text=text,
                                  phase="Reality", private=j == 1 and rng.random() < 0.3))
        action = Note(at=iso(at + timedelta(minutes=minutes - 8)), text=rng.choice(ACTIONS),
                      kind="action", phase="Way forward")
        rnd.notes.append(action)
        if status == "completed":
            rnd.feedback = {"most_helpful": "Slowing down to name the real question",
                            "less_helpful": "Too many options at once",
                            "scale_end": min(10, (rnd.scale_start or 4) + rng.randint(0, 4)),
                            "coach_worked": "Silence after big questions",
                            "coach_improve": "Ask one question at a time"}
        rnd.ended_at = iso(at + timedelta(seconds=rnd.elapsed_seconds))
        at += timedelta(seconds=rnd.elapsed_seconds + 300)
        session.rounds.append(rnd)
    session.ended_at = session.rounds[-1].ended_at
    session.planned_minutes = session.rounds[0].planned_minutes
    return session


# (coach, client, session_type, cadence_days, programme_total): peer pairs swap roles
PAIRS = [
    ("Ana", "Ben", "peer", 7, 12),  # seed 003: 12 weekly sessions
    ("Chloe", "Dev", "peer", 14, None),  # seed 002: every two weeks
    ("Emeka", "Farah", "paid", 14, 6),
    ("Gus", "Hana", "pro-bono", 21, None),
]
NEXT_TZ = ["Europe/Amsterdam", "Europe/London", "America/New_York", "Europe/Amsterdam"]


def generate(count: int, seed: int = 7, end: datetime | None = None) -> list[Session]:
    """`count` sessions between four pairs, each pair every ~2 weeks, the last ones before `end`.

    Each session schedules the next one (cadence days later, in the pair's time zone); older
    actions are mostly done; a few notes are private.
    """
    rng = random.Random(seed)
    end = end or datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
    out = []
    for i in range(count):
        k = i % len(PAIRS)
        coach, client, kind, cadence, total = PAIRS[k]
        start = end - timedelta(days=14 * (count - i) // len(PAIRS), hours=rng.randint(0, 5))
        rounds = 2 if kind == "peer" and i % 3 == 0 else 1
        session = make_session(rng, start, coach, client, rounds=rounds)
        session.session_type, session.cadence_days = kind, cadence
        session.programme_total = total
        session.next_session = iso(start + timedelta(days=cadence))
        session.next_session_tz = NEXT_TZ[k]
        session.id = f"{rng.getrandbits(48):012x}"  # ids from the seed too: reproducible
        for note in (n for r in session.rounds for n in r.notes):
            note.id = f"{rng.getrandbits(48):012x}"
        if i < count - 2 * len(PAIRS):  # older actions: mostly followed through
            for note in session.rounds[0].notes:
                if note.kind == "action" and rng.random() < 0.7:
                    note.done, note.done_at = True, iso(start + timedelta(days=rng.randint(1, 9)))
        out.append(session)
    _met_when_agreed(out)
    return out


def _met_when_agreed(sessions: list[Session]) -> None:
    """Each session agreed the pair's next one for the time it then took place (an hour off at
    most): the demo's pairs keep their dates, only the latest agreement is still ahead."""
    last: dict[frozenset[str], Session] = {}
    for session in sessions:
        first = session.rounds[0]
        pair = frozenset((first.coach, first.client))
        before = last.get(pair)
        if before is not None:
            before.next_session = session.started_at
        last[pair] = session


def fill_demo(store: SessionStore, count: int = 24) -> None:
    store.save_many(generate(count))
