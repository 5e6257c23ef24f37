"""Group meetings in the sessions' database: their own table, one-to-one records untouched,
journalled by the live recorder like a session, refused whole when damaged."""

from __future__ import annotations

import json
from pathlib import Path

from sessionkit.clock import FakeClock
from sessionkit.demo import generate
from sessionkit.group.live import LiveGroup
from sessionkit.group.methods import MethodCatalog
from sessionkit.live.recorder import LiveRecorder
from sessionkit.store import SessionStore
from sessionkit.store.groups import (
    all_groups,
    commit_group,
    keep_unfinished,
    pending_groups,
    raw_groups,
)


def _meeting(fake: FakeClock) -> LiveGroup:
    live = LiveGroup.start(["Ana", "Ben", "Cem"], MethodCatalog.load([]).get("troika"), fake)
    live.start_round(live.default_roles("Ana"), "A case")
    live.speak("Ben")
    fake.advance(20)
    live.add("advice", "Try it")
    return live


def test_meetings_sit_beside_sessions_which_read_as_before(tmp_path: Path,
                                                           fake: FakeClock) -> None:
    db = tmp_path / "db.json"
    sessions = generate(3)
    live = _meeting(fake)
    live.end_round()
    live.finish("Shorter rounds", None)
    with SessionStore.open(db) as store:
        store.save_many(sessions)
        before = [s.to_dict() for s in store.sessions()]
        commit_group(store, live.session)
        assert [s.to_dict() for s in store.sessions()] == before
        assert [d["id"] for d in raw_groups(store)] == [live.session.id]
    with SessionStore.open(db) as store:
        assert [s.to_dict() for s in store.sessions()] == before
        assert store.damaged == {} and store.pending() == []
        (meeting,) = all_groups(store)
        assert meeting.to_dict() == live.session.to_dict()
    data = json.loads(db.read_text())
    assert set(data) >= {"sessions", "groups"} and len(data["sessions"]) == 3


def test_a_killed_meeting_comes_back_from_its_journal(tmp_path: Path, fake: FakeClock) -> None:
    db = tmp_path / "db.json"
    live = _meeting(fake)
    with SessionStore.open(db) as store:
        recorder = LiveRecorder(live, store.journal(live.session.id), fake)
        fake.advance(5)
        recorder.tick()
        assert recorder.flush()
        recorder.close()  # then the terminal closes
    with SessionStore.open(db) as store:
        assert store.pending() == []  # a session's resume never offers a group meeting
        (pending,) = pending_groups(store)
        assert pending.rounds[0].advice[0].text == "Try it"
        assert pending.rounds[0].per_member_seconds() == {"Ben": 25.0}
        keep_unfinished(store, pending)
        assert pending_groups(store) == []
        assert [m.status for m in all_groups(store)] == ["unfinished"]


def test_a_damaged_meeting_is_left_out_not_fatal(tmp_path: Path, fake: FakeClock) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as store:
        commit_group(store, _meeting(fake).session)
    data = json.loads(db.read_text())
    doc = next(iter(data["groups"].values()))
    doc["rounds"][0]["case_giver"] = "Zoe"
    db.write_text(json.dumps(data))
    db.chmod(0o600)
    with SessionStore.open(db) as store:
        assert all_groups(store) == [] and list(store.sessions()) == []


def test_a_damaged_meeting_is_named_by_export(tmp_path: Path, fake: FakeClock) -> None:
    from click.testing import CliRunner

    from sessionkit.cli import main

    db = tmp_path / "db.json"
    with SessionStore.open(db) as store:
        commit_group(store, _meeting(fake).session)
    data = json.loads(db.read_text())
    next(iter(data["groups"].values()))["members"] = ["Ana", "Ana", "Ben"]
    db.write_text(json.dumps(data))
    db.chmod(0o600)
    result = CliRunner().invoke(main, ["--db", str(db), "export"])
    assert result.exit_code == 0
    assert "holds 1 damaged group meeting record" in result.output
    assert "'Ana' is named twice" in result.output


def test_salvaging_a_damaged_database_keeps_the_meetings(tmp_path: Path, fake: FakeClock) -> None:
    from sessionkit.store.recovery import salvage

    db = tmp_path / "db.json"
    good = _meeting(fake).session
    with SessionStore.open(db) as store:
        store.save_many(generate(2))
        commit_group(store, good)
    bad = _meeting(fake).session
    data = json.loads(db.read_text())
    data["groups"][bad.id] = {**bad.to_dict(), "members": ["Ana"]}
    next(iter(data["sessions"].values()))["started_at"] = "yesterday"
    db.write_text(json.dumps(data))
    result = salvage(db, fake.now())
    assert result.kept == 1
    assert any("a group has 3 to 8 members, not 1" in line for line in result.lost)
    with SessionStore.open(db) as store:
        assert [m.to_dict() for m in all_groups(store)] == [good.to_dict()]
