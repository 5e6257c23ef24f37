"""`forget --person NAME` on group meetings: the rounds where NAME gave the case go; elsewhere
NAME becomes "former member", in the database, the live journal and the backups; the rest of the
group keeps its meeting."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.clock import FakeClock
from sessionkit.group.live import LiveGroup
from sessionkit.group.methods import MethodCatalog
from sessionkit.store import SessionStore
from sessionkit.store.forget_groups import scrub
from sessionkit.store.groups import all_groups, commit_group
from tests.golden.group_fixture import meeting


def test_scrub_drops_their_cases_and_keeps_the_rest() -> None:
    doc = meeting().to_dict()
    kept = scrub(doc, "ben")  # Ben gave round 2's case, advised and facilitated in round 1
    assert kept is not None
    assert kept["members"] == ["Ana", "former member", "Cem", "Dee"]
    (rnd,) = kept["rounds"]
    assert rnd["case_giver"] == "Ana" and rnd["facilitator"] == "former member"
    assert rnd["advice"][0] == {"from": "former member", "text": "Call her instead of writing",
                                "taken": True}
    assert "former member" in rnd["talk"]["per_member_seconds"]
    assert "Ben" not in json.dumps(kept) and "SECRET-BEN" not in json.dumps(kept)


def test_forget_in_the_database_journal_and_backups(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    fake = FakeClock()
    with SessionStore.open(db, clock=fake) as store:
        commit_group(store, meeting())
        fake.advance(3600)
        store.backup()
        live = LiveGroup.start(["Ana", "Ben", "Cem"], MethodCatalog.load([]).get("free"), fake)
        live.start_round(live.default_roles("Cem"), "a case")
        live.speak("Ben")
        fake.advance(5)
        live.add("advice", "Try the other door")
        store.journal(live.session.id).append(live.record())  # a live meeting, then a crash
    result = CliRunner().invoke(main, ["--db", str(db), "forget", "--person", "ben", "--yes"])
    assert result.exit_code == 0, result.output
    assert "from 2 group meeting(s)" in result.output
    assert "still appears" not in result.output
    for path in [db, *tmp_path.rglob("*.json*")]:
        if path.is_file():
            assert b"Ben" not in path.read_bytes(), path
    with SessionStore.open(db) as store:
        by_id = {m.id: m for m in all_groups(store)}
    assert [r.case_giver for r in by_id["group0001"].rounds] == ["Ana"]
    journalled = by_id[live.session.id]
    assert journalled.rounds[0].advice[0].author == "former member"
