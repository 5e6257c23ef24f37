"""A coach's history for the portfolio golden file and the coach's-view tests (hand-made).

Maya coaches Zoë Martin (peer, five sessions; Zoë also coaches Maya back: Maya's hours as a
client), Ben (paid, three sessions; the first is an older record without nudges) and Chloe
(pro-bono, one session). Texts name other people ("Zoë", "Ben", "Chloe"); notes (one private,
holding SECRET) must never reach the portfolio; an unfinished session must not count; Pat and
Quinn, who never met Maya, must not appear either.
"""

from __future__ import annotations

from typing import Any

from sessionkit.models import Note, NudgeFired, Round, Segment, Session, TalkStats


def _talk(coach: float, client: float, longest: float) -> TalkStats:
    segments = [Segment("coach", 0, longest), Segment("client", longest, client),
                Segment("coach", longest + client, coach - longest)]
    return TalkStats(coach, client, 0.0, 3, longest, client, segments)


def _round(coach: str, client: str, day: str, outcome: str, share: float, longest: float,
           scales: tuple[int | None, int | None], feedback: dict[str, Any],
           nudges: list[str] | None = (), minutes: int = 45, planned: int = 45) -> Round:
    seconds = minutes * 60
    rnd = Round(
        coach=coach, client=client, started_at=f"{day}T09:00:00+00:00",
        ended_at=f"{day}T10:00:00+00:00", outcome=outcome, scale_start=scales[0],
        planned_minutes=planned, elapsed_seconds=seconds,
        talk=_talk(seconds * share, seconds * (1 - share), longest),
        notes=[Note(at=f"{day}T09:10:00+00:00", text=f"Talked about {client}'s week"),
               Note(at=f"{day}T09:20:00+00:00", text="SECRET about the manager", private=True)],
        feedback=dict(feedback, **({"scale_end": scales[1]} if scales[1] is not None else {})),
        nudges=[NudgeFired(label, 60.0 * (i + 1)) for i, label in enumerate(nudges or ())],
    )
    return rnd


def _session(sid: str, kind: str, rounds: list[Round], status: str = "completed") -> Session:
    return Session(id=sid, started_at=rounds[0].started_at, ended_at=rounds[-1].ended_at,
                   status=status, model="grow", session_type=kind, rounds=rounds,
                   swap=len(rounds) > 1)


def sessions() -> list[Session]:
    zoe, ben, chloe = "Zoë Martin", "Ben", "Chloe"
    out = [
        _session("zoe1", "peer", [
            _round("Maya", zoe, "2026-01-10", "Decide on the team lead role", 0.45, 150, (3, 5),
                   {"most_helpful": "Maya let me find my own words", "less_helpful":
                    "Too many questions at once", "coach_worked": "Silence after big questions",
                    "coach_improve": "Shorter questions, and talk less"},
                   ["Monologue", "Coach share high", "Half-time check"]),
            _round(zoe, "Maya", "2026-01-10", "Protect my mornings", 0.25, 60, (4, 6),
                   {"most_helpful": "Naming the pattern"}),
        ]),
        _session("ben1", "paid", [
            _round("Maya", ben, "2026-01-20", "Prepare the board talk, Chloe will attend", 0.40,
                   120, (4, 6), {"most_helpful": "Rehearsing out loud", "coach_improve":
                                 "Shorter questions; Ben needed more space"}, None, 60, 60),
        ]),
        _session("zoe2", "peer", [
            _round("Maya", zoe, "2026-02-07", "Talk to my manager about the role", 0.35, 95,
                   (4, 7), {"most_helpful": "The scaling question", "coach_worked":
                            "Silence after big questions",
                            "coach_improve": "Shorter questions; give Zoë more silence"},
                   ["Monologue", "Half-time check", "Next steps"]),
        ]),
        _session("ben2", "paid", [
            _round("Maya", ben, "2026-02-17", "Handle the questions from the board", 0.30, 80,
                   (5, 7), {"less_helpful": "Ending felt rushed", "coach_worked":
                            "Reflecting back what Ben said"}, ["Evaluate"], 58, 60),
        ]),
        _session("chloe1", "pro-bono", [
            _round("Maya", chloe, "2026-03-02", "Find a volunteer role that fits", 0.22, 50,
                   (2, 6), {"most_helpful": "Chloe felt heard: the summaries",
                            "coach_worked": "Summaries"}, ["Half-time check"], 40),
        ]),
        _session("zoe3", "peer", [
            _round("Maya", zoe, "2026-03-07", "Say yes to the role, on my terms", 0.20, 45,
                   (6, 9), {"most_helpful": "Being asked what I want", "coach_worked":
                            "Silence after big questions and summaries"}, ["Half-time check"]),
            _round(zoe, "Maya", "2026-03-07", "Stop checking mail at night", 0.30, 70, (3, 5),
                   {"most_helpful": "A small first step"}),
        ]),
        _session("ben3", "", [
            _round("Maya", ben, "2026-03-20", "Ask for the budget", 0.18, 40, (5, None), {},
                   [], 50, 60),
        ]),
        _session("open1", "peer", [
            _round("Maya", zoe, "2026-03-28", "UNFINISHED outcome", 0.5, 30, (5, None), {}),
        ], status="unfinished"),
        _session("other1", "peer", [
            _round("Pat", "Quinn", "2026-02-01", "Quinn's outcome", 0.3, 30, (5, 6),
                   {"most_helpful": "Pat was kind"}),
        ]),
    ]
    return out


def docs() -> list[dict[str, Any]]:
    """The stored shape; ben1 written before rounds recorded their nudges (no `nudges` key)."""
    out = [s.to_dict() for s in sessions()]
    for doc in out:
        if doc["id"] == "ben1":
            for rnd in doc["rounds"]:
                del rnd["nudges"]
    return out
