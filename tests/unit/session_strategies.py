"""Hypothesis strategies for session records (unicode, emoji, long notes, odd offsets)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from sessionkit.models import Note, Round, Segment, Session, TalkStats

EMOJI = "😀🎯✍️🧭💬🌱👩🏽‍💻🇳🇱"
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list(EMOJI)),
    max_size=40,
)
long_text = text | st.builds(lambda t, n: (t or "ç😀\n") * n, text, st.integers(50, 300))
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-9))]
)
times = st.datetimes(  # the reader's years: 1970-2200
    min_value=datetime(1971, 1, 1), max_value=datetime(2199, 12, 31), timezones=zones
).map(lambda d: d.isoformat())
ids = st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True)
tenths = st.integers(0, 6_000_000).map(lambda n: n / 10)  # to_dict's tenths, up to a week
score = st.none() | st.integers(0, 10)

notes = st.builds(
    Note, at=times, text=long_text, kind=st.sampled_from(["note", "action"]), phase=text,
    private=st.booleans(), done=st.booleans(), done_at=st.none() | times, id=ids,
)
segments = st.builds(
    Segment, who=st.sampled_from(["coach", "client", "silence"]), start=tenths, seconds=tenths
)
talks = st.builds(
    TalkStats, coach_seconds=tenths, client_seconds=tenths, silence_seconds=tenths,
    turns=st.integers(0, 10_000), longest_coach_turn=tenths, longest_client_turn=tenths,
    segments=st.lists(segments, max_size=5),
)
feedback = st.fixed_dictionaries(
    {},
    optional={
        "most_helpful": long_text, "less_helpful": text, "coach_worked": text,
        "coach_improve": text, "scale_end": st.integers(0, 10),
    },
)
rounds = st.builds(
    Round, coach=text, client=text, started_at=times, outcome=long_text, outcome_measure=text,
    scale_start=score, ended_at=st.none() | times, planned_minutes=st.integers(1, 600),
    phase=st.integers(0, 9), phase_started=st.lists(tenths, max_size=6), elapsed_seconds=tenths,
    talk=talks, notes=st.lists(notes, max_size=4), feedback=feedback,
    used_suggestions=st.lists(text, max_size=3),
    checklist=st.dictionaries(text, st.booleans(), max_size=3),
)


def _unique_note_ids(session: Session) -> Session:
    """Note ids are unique within a session (the reader refuses a repeat)."""
    for i, note in enumerate(n for r in session.rounds for n in r.notes):
        note.id = f"{note.id[:56]}-{i}"
    return session


sessions = st.builds(
    Session, started_at=times, model=text, rounds=st.lists(rounds, max_size=3),
    status=st.sampled_from(["completed", "unfinished"]), ended_at=st.none() | times,
    planned_minutes=st.integers(1, 600), swap=st.booleans(),
    session_type=st.sampled_from(["peer", "paid", "pro-bono"]),
    next_session=st.none() | times, next_session_tz=st.none() | st.just("Europe/Amsterdam"),
    cadence_days=st.none() | st.integers(1, 90), programme_total=st.none() | st.integers(1, 50),
    id=ids,
).map(_unique_note_ids)
