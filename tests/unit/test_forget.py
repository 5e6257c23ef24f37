"""`sessionkit forget --person NAME`: afterwards no file of the database holds the name.

Driven through the real command (CliRunner, and a subprocess on a pseudo-terminal for the
confirmation), on a database with everything a person can leave behind: saved sessions in both
roles, a change log not yet folded, a live journal, several backups, a pre-migration copy and a
damaged backup.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.clock import FakeClock
from sessionkit.models import Note, Round, Session
from sessionkit.store import SessionStore, backups
from sessionkit.store.journal import ChangeLog
from tests.golden.fixture import sessions

NAME = "Zoë"  # the fixture's peer session: client of round 1, coach of round 2


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _session(sid: str, coach: str, client: str, note: str = "") -> Session:
    at = "2026-05-01T10:00:00+00:00"
    notes = [Note(at=at, text=note)] if note else []
    return Session(id=sid, started_at=at, status="completed",
                   rounds=[Round(coach=coach, client=client, started_at=at, notes=notes)])


def _files_with(folder: Path, name: str) -> list[str]:
    """Every file under `folder` whose bytes hold `name`, in any case (what `grep -ril` finds)."""
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*")
        if p.is_file() and name.casefold() in p.read_bytes().decode("utf-8", "replace").casefold()
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database where Zoë is everywhere sessionkit keeps data."""
    path = tmp_path / "data" / "sessionkit.json"
    clock = FakeClock()
    with SessionStore.open(path, clock=clock) as store:
        store.save_many(sessions())  # backup 1 (at the next open)
    for i, (coach, client) in enumerate([("ZOË", "Ben"), ("Ben", "Ana")]):
        clock.advance(3600)
        with SessionStore.open(path, clock=clock) as store:  # a backup at each open
            store.save(_session(f"later{i}", coach, client))  # folded at close
    clock.advance(3600)
    with SessionStore.open(path, clock=clock) as store:
        live = _session("live0001", "Ana", " zoë ")
        live.status = "unfinished"
        store.journal(live.id).append(live.to_dict())  # a live session that crashed
        other = _session("live0002", "Ana", "Ben")
        store.journal(other.id).append(other.to_dict())
    # a change log a crash left behind, not folded yet
    ChangeLog(path.parent / "journal" / "sessionkit-changes.jsonl").append(
        _session("logged01", "Ana", "zoë").to_dict())
    folder = backups.backups_dir(path)
    newest = sorted(folder.glob("sessionkit-2*.json"))[-1]
    (folder / "sessionkit-pre-v1.json").write_bytes(newest.read_bytes())
    (folder / "sessionkit-20200101T000000Z.json").write_bytes(
        b'{"_meta": {"1": {"schema": 1}}, "sessions": {"1": {"rounds": [{"coach": "Zo\xc3\xab"')
    assert len(_files_with(path.parent, NAME)) >= 7
    return path


def _ids(db: Path) -> list[str]:
    result = run("--db", str(db), "export", "--format", "json")
    assert result.exit_code == 0, result.output
    return sorted(s["id"] for s in json.loads(result.stdout)["sessions"])


def test_forget_leaves_no_file_holding_the_name(db: Path) -> None:
    before = _ids(db)
    assert {"peer0001", "later0", "live0001", "logged01"} <= set(before)
    result = run("--db", str(db), "forget", "--person", "ZOË", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "forgot ZOË: erased 4 session(s) with ZOË from the database, the journals and ")
    assert _files_with(db.parent, NAME) == []
    assert _ids(db) == sorted(set(before) - {"peer0001", "later0", "live0001", "logged01"})
    # what stays is whole: the other live session still resumes, every backup still reads back
    with SessionStore.open(db) as store:
        assert [s.id for s in store.pending()] == ["live0002"]
    folder = backups.backups_dir(db)
    assert not (folder / "sessionkit-20200101T000000Z.json").exists()  # unreadable: dropped
    for path in folder.glob("*.json"):
        data = json.loads(path.read_bytes())
        assert {d["id"] for d in data["sessions"].values()} <= {"paid0002", "open0003", "later1"}
    assert backups.newest_good(db) is not None


def test_forget_asks_on_a_terminal_naming_how_many_sessions_go(db: Path) -> None:
    main_fd, tty = os.openpty()
    try:
        os.write(main_fd, b"y\n")
        done = subprocess.run(
            [sys.executable, "-m", "sessionkit", "--db", str(db), "forget", "--person", "zoë"],
            stdin=tty, capture_output=True, timeout=60, env={**os.environ, "NO_COLOR": "1"},
        )
    finally:
        os.close(tty)
        os.close(main_fd)
    assert done.returncode == 0, done.stderr
    assert b"Erase 4 session(s) with zo\xc3\xab from the database, the journals and " in done.stderr
    assert b"This cannot be undone [y/N]" in done.stderr
    assert _files_with(db.parent, NAME) == []


def test_saying_no_changes_nothing(db: Path) -> None:
    main_fd, tty = os.openpty()
    try:
        os.write(main_fd, b"n\n")
        done = subprocess.run(
            [sys.executable, "-m", "sessionkit", "--db", str(db), "forget", "--person", NAME],
            stdin=tty, capture_output=True, timeout=60,
        )
    finally:
        os.close(tty)
        os.close(main_fd)
    assert done.returncode == 1
    assert done.stderr.endswith(b"[y/N]: sessionkit: nothing was changed\n")  # tty echoes the n
    assert "peer0001" in _ids(db) and "live0001" in _ids(db)


def test_without_a_terminal_forget_needs_yes(db: Path) -> None:
    before = run("--db", str(db), "export", "--format", "json").stdout
    backups_before = {p.name: p.read_bytes() for p in backups.backups_dir(db).iterdir()}
    result = run("--db", str(db), "forget", "--person", NAME)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("sessionkit: forget would erase 4 session(s) with Zoë")
    assert "--yes" in result.stderr
    assert run("--db", str(db), "export", "--format", "json").stdout == before
    for name, data in backups_before.items():
        assert (backups.backups_dir(db) / name).read_bytes() == data


def test_an_unknown_person_is_one_line_and_exit_1(db: Path) -> None:
    result = run("--db", str(db), "forget", "--person", "Zoe", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        "sessionkit: no sessions with 'Zoe' (did you mean 'Zoë'?); nothing was changed\n")
    assert "peer0001" in _ids(db)


def test_forget_is_refused_while_a_sessionkit_holds_the_database(db: Path) -> None:
    with SessionStore.open(db):
        result = run("--db", str(db), "forget", "--person", NAME, "--yes")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "already open" in result.stderr
    assert "peer0001" in _ids(db)


def test_mentions_in_other_peoples_sessions_are_kept_and_reported(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    with SessionStore.open(db) as store:
        store.save_many([_session("mine0001", "Ana", "Zoë"),
                         _session("ben00001", "Ana", "Ben", note="Ben's sister zoë called")])
    result = run("--db", str(db), "forget", "--person", "Zoë", "--yes")
    assert result.exit_code == 0
    assert "kept 1 session(s) of other people that mention Zoë in their text: ben00001" in (
        result.stderr)
    assert "Zoë still appears in: " in result.stderr and f"{db}\n" in result.stderr
    assert _ids(db) == ["ben00001"]


def test_forget_again_finishes_what_a_crash_left_in_the_backups(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    clock = FakeClock()
    with SessionStore.open(db, clock=clock) as store:
        store.save_many([_session("mine0001", "Ana", "Zoë"), _session("ben00001", "Ana", "Ben")])
    clock.advance(60)
    with SessionStore.open(db, clock=clock) as store:  # backs up the database holding Zoë
        clock.advance(60)
        store.remove_where(lambda doc: doc["id"] == "mine0001")  # as if forget stopped here
    held = _files_with(db.parent, "zoë")
    assert len(held) == 1 and held[0].startswith("backups/")  # only an older backup has her
    result = run("--db", str(db), "forget", "--person", "zoë", "--yes")
    assert result.exit_code == 0, result.output
    assert "erased 1 session(s) with zoë" in result.stdout
    assert _files_with(db.parent, "zoë") == []


def test_forget_without_a_database_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "new" / "sessionkit.json"
    result = run("--db", str(db), "forget", "--person", NAME, "--yes")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "no sessions with 'Zoë'" in result.stderr
    assert not db.parent.exists()


def test_a_name_json_has_to_escape_is_found_in_backups_too(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    odd = 'Zoë "Z" \\ Tab\tbed'
    clock = FakeClock()
    with SessionStore.open(db, clock=clock) as store:
        store.save_many([_session("mine0001", "Ana", odd), _session("ben00001", "Ana", "Ben")])
    clock.advance(60)
    SessionStore.open(db, clock=clock).close()  # a backup holding her
    result = run("--db", str(db), "forget", "--person", odd.upper(), "--yes")
    assert result.exit_code == 0, result.output
    assert _files_with(db.parent, "zoë") == [] and _ids(db) == ["ben00001"]
