"""The session record: to_dict/from_dict round trips and validation that names the bad field."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from session_strategies import sessions

from sessionkit.models import SCHEMA, Note, Round, Session, TalkStats
from sessionkit.store import migrate


@settings(max_examples=60, deadline=None)
@given(sessions)
def test_round_trip_through_dict_and_json(session: Session) -> None:
    data = session.to_dict()
    again = Session.from_dict(json.loads(json.dumps(data, allow_nan=False, ensure_ascii=False)))
    assert again == session
    assert again.to_dict() == data


def _session(**round_fields: Any) -> dict[str, Any]:
    rnd = Round(coach="Ana", client="Ben", started_at="2026-11-25T09:00:00+00:00")
    session = Session(started_at="2026-11-25T09:00:00+00:00", rounds=[rnd])
    data = session.to_dict()
    data["rounds"][0].update(round_fields)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"coach": 3}, r"session.rounds\[0\].coach: expected text, got a number"),
        ({"coach": None}, r"session.rounds\[0\].coach: missing"),
        ({"scale_start": 11}, r"scale_start: expected a whole number 0-10"),
        ({"scale_start": True}, r"scale_start: expected a whole number, got true/false"),
        ({"planned_minutes": 4.5}, r"planned_minutes: expected a whole number, got a number"),
        ({"elapsed_seconds": "12"}, r"elapsed_seconds: expected a number, got text"),
        ({"elapsed_seconds": math.inf}, r"elapsed_seconds: expected a finite number"),
        ({"elapsed_seconds": math.nan}, r"elapsed_seconds: expected a finite number"),
        ({"phase_started": [0, "x"]}, r"phase_started\[1\]: expected a finite number"),
        ({"used_suggestions": ["q1", 7]}, r"used_suggestions\[1\]: expected text"),
        ({"notes": [{"at": "2026-11-25T09:00:00", "text": "x"}]},
         r"notes\[0\].at: timestamp without a time zone offset"),
        ({"notes": [{"at": "2026-11-25T09:00:00+00:00", "text": "x", "kind": "todo"}]},
         r"notes\[0\].kind: 'todo' is not one of note, action"),
        ({"notes": "hello"}, r"rounds\[0\].notes: expected a list, got text"),
        ({"talk": {"coach_seconds": [1]}}, r"talk.coach_seconds: expected a number, got a list"),
        ({"feedback": {"scale_end": 12}}, r"feedback.scale_end: expected a whole number 0-10"),
        ({"feedback": {"most_helpful": 5}}, r"feedback.most_helpful: expected text"),
        ({"checklist": {"confidentiality": "yes"}}, r"checklist: expected true/false values"),
    ],
)
def test_from_dict_names_the_bad_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Session.from_dict(_session(**change))


def test_session_level_errors() -> None:
    data = _session()
    with pytest.raises(ValueError, match=r"session.status: 'done' is not one of"):
        Session.from_dict({**data, "status": "done"})
    with pytest.raises(ValueError, match=r"session.id: missing"):
        Session.from_dict({k: v for k, v in data.items() if k != "id"})
    with pytest.raises(ValueError, match=r"session: expected an object, got list"):
        Session.from_dict([data])


def test_to_dict_has_the_export_contract_fields() -> None:
    rnd = Round(coach="Ana", client="Ben", started_at="2026-11-25T09:00:00+00:00",
                notes=[Note(at="2026-11-25T09:05:00+00:00", text="n", kind="action")])
    data = Session(started_at="2026-11-25T09:00:00+00:00", rounds=[rnd]).to_dict()
    assert {"schema", "id", "started_at", "status", "model", "rounds"} <= set(data)
    assert data["schema"] == SCHEMA
    r = data["rounds"][0]
    assert {"coach", "client", "outcome", "talk", "notes", "feedback"} <= set(r)
    assert {"coach_seconds", "client_seconds", "silence_seconds", "turns"} <= set(r["talk"])
    assert {"at", "kind", "text", "phase", "private"} <= set(r["notes"][0])


def test_nan_never_reaches_json() -> None:
    session = Session.from_dict(_session())
    session.rounds[0].talk = TalkStats(coach_seconds=math.nan)
    with pytest.raises(ValueError):
        json.dumps(session.to_dict(), allow_nan=False)


def test_client_share_ignores_silence() -> None:
    talk = TalkStats(coach_seconds=30, client_seconds=90, silence_seconds=600)
    assert talk.client_share == 0.75
    assert TalkStats().client_share is None


def test_migration_list_matches_the_schema() -> None:
    assert migrate.current() == SCHEMA


def test_talk_timeline_is_one_compact_string_that_round_trips() -> None:
    from sessionkit.models import Segment, TalkStats, decode_timeline, encode_timeline

    segs = [
        Segment("coach", 0.0, 30.5), Segment("client", 30.5, 62.0), Segment("silence", 92.5, 4.0)
    ]
    text = encode_timeline(segs)
    assert text == "coach@0+30.5 client@30.5+62 silence@92.5+4"
    assert decode_timeline(text, "t") == segs
    stats = TalkStats(segments=segs)
    assert TalkStats.from_dict(stats.to_dict()).segments == segs


def test_talk_timeline_accepts_the_object_form_too() -> None:
    from sessionkit.models import Segment, decode_timeline

    objs = [{"who": "client", "start": 0, "seconds": 12.5}]
    assert decode_timeline(objs, "t") == [Segment("client", 0.0, 12.5)]


@pytest.mark.parametrize("bad", ["coach@0", "boss@0+1", "coach@x+1", "coach@0+-4", "coach@0+nan"])
def test_damaged_timeline_names_the_item(bad: str) -> None:
    from sessionkit.models import decode_timeline

    with pytest.raises(ValueError, match=r"talk.segments: item 2 .* is not who@start\+seconds"):
        decode_timeline("client@0+1 " + bad, "talk.segments")


def test_a_draft_note_is_saved_only_while_there_is_one(fake, catalog) -> None:
    from sessionkit.live.session import LiveSession
    from sessionkit.models import Session

    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    assert "draft" not in live.record()
    live.set_draft("I can never", "note")
    record = live.record()
    assert record["draft"] == {"kind": "note", "text": "I can never"}
    assert Session.from_dict(record).draft == "I can never"
    live.add_note("I can never say no")
    assert "draft" not in live.record() and live.session.draft == ""
    with pytest.raises(ValueError, match=r"session.draft.kind"):
        Session.from_dict(record | {"draft": {"kind": "memo", "text": "x"}})
