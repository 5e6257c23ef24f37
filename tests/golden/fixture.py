"""A small, hand-made set of sessions for the export golden files (independent of the demo).

Covers: a peer session with two rounds, a private note and a private action, a done action; a
paid session scheduled in another time zone; an unfinished session without feedback; text that
needs quoting (commas, quotes, a second line) and a non-ASCII name.
"""

from __future__ import annotations

from sessionkit.models import Note, Round, Segment, Session, TalkStats


def _talk(*turns: tuple[str, float]) -> TalkStats:
    segments, t = [], 0.0
    for who, seconds in turns:
        segments.append(Segment(who, t, seconds))
        t += seconds
    coach = sum(s for w, s in turns if w == "coach")
    client = sum(s for w, s in turns if w == "client")
    silence = sum(s for w, s in turns if w == "silence")
    return TalkStats(coach, client, silence, sum(w != "silence" for w, _ in turns),
                     max((s for w, s in turns if w == "coach"), default=0),
                     max((s for w, s in turns if w == "client"), default=0), segments)


def sessions() -> list[Session]:
    peer = Session(
        id="peer0001", started_at="2026-03-28T08:00:00+00:00", ended_at="2026-03-28T09:40:00+00:00",
        status="completed", model="grow", swap=True, session_type="peer",
        next_session="2026-04-11T08:00:00+00:00", next_session_tz="Europe/Amsterdam",
        cadence_days=14, programme_total=12,
        rounds=[
            Round(
                coach="Ana", client="Zoë", started_at="2026-03-28T08:00:00+00:00",
                ended_at="2026-03-28T08:45:00+00:00", outcome="Decide on the team lead role",
                outcome_measure="I can say yes or no by Friday", scale_start=3,
                elapsed_seconds=2700, talk=_talk(("coach", 300), ("client", 1500),
                                                  ("silence", 100), ("client", 500),
                                                  ("coach", 300)),
                notes=[
                    Note(id="n1", at="2026-03-28T08:10:00+00:00", text="Energy rose, \"lit up\"",
                         phase="Reality"),
                    Note(id="n2", at="2026-03-28T08:20:00+00:00",
                         text="SECRET-NOTE about the manager", phase="Reality", private=True),
                    Note(id="a1", at="2026-03-28T08:40:00+00:00", kind="action",
                         text="Talk to HR, then decide", phase="Way forward",
                         done=True, done_at="2026-04-02T12:00:00+00:00"),
                    Note(id="a2", at="2026-03-28T08:41:00+00:00", kind="action",
                         text="SECRET-ACTION: draft the letter", private=True),
                ],
                feedback={"most_helpful": "The scaling question", "less_helpful": "",
                          "scale_end": 7, "coach_worked": "Silence",
                          "coach_improve": "Shorter questions,\nfewer of them"},
            ),
            Round(
                coach="Zoë", client="Ana", started_at="2026-03-28T08:55:00+00:00",
                ended_at="2026-03-28T09:40:00+00:00", outcome="Protect my mornings",
                scale_start=5, elapsed_seconds=2640,
                talk=_talk(("coach", 900), ("client", 1740)),
                notes=[Note(id="a3", at="2026-03-28T09:35:00+00:00", kind="action",
                            text="Block 8-10 on Tuesdays")],
                feedback={"most_helpful": "Naming the pattern", "scale_end": 6},
            ),
        ],
    )
    paid = Session(
        id="paid0002", started_at="2026-04-02T14:30:00+00:00", ended_at="2026-04-02T15:30:00+00:00",
        status="completed", model="free", session_type="paid", planned_minutes=60,
        next_session="2026-04-16T14:00:00+00:00", next_session_tz="America/New_York",
        cadence_days=14,
        rounds=[Round(coach="Ana", client="Ben", started_at="2026-04-02T14:30:00+00:00",
                      ended_at="2026-04-02T15:30:00+00:00", planned_minutes=60,
                      outcome="Prepare the board talk", elapsed_seconds=3600,
                      talk=_talk(("coach", 1200), ("client", 2400)),
                      feedback={"most_helpful": "Rehearsing out loud", "scale_end": 8})],
    )
    unfinished = Session(
        id="open0003", started_at="2026-04-05T18:00:00+00:00", status="unfinished",
        model="grow", session_type="pro-bono",
        rounds=[Round(coach="Ana", client="Chloe", started_at="2026-04-05T18:00:00+00:00",
                      outcome="", elapsed_seconds=0, planned_minutes=45)],
    )
    return [peer, paid, unfinished]


def hostile() -> Session:
    """A session whose text tries to be markup and terminal control (for the HTML report)."""
    return Session(
        id="odd00004", started_at="2026-04-20T07:00:00+00:00", ended_at="2026-04-20T07:50:00+00:00",
        status="completed", model="grow", session_type="paid",
        rounds=[Round(
            coach='<b>Bob</b> & "Co"', client="Ana", started_at="2026-04-20T07:00:00+00:00",
            ended_at="2026-04-20T07:50:00+00:00", elapsed_seconds=3000, scale_start=4,
            outcome='<script>alert("x")</script> stop the \x1b[2J noise',
            outcome_measure="I'll know \u202ewhen\u202c it's quiet",
            notes=[
                Note(id="n9", at="2026-04-20T07:10:00+00:00",
                     text="line one\nline two <img src=x onerror=alert(1)>"),
                Note(id="n10", at="2026-04-20T07:20:00+00:00", text="SECRET-NOTE <i>x</i>",
                     private=True),
                Note(id="a9", at="2026-04-20T07:45:00+00:00", kind="action",
                     text="Ask \x1b]52;c;aGk=\x07 for help"),
            ],
            feedback={"most_helpful": "The </dd> question", "less_helpful": "Nothing & all",
                      "scale_end": 2},
        )],
    )
