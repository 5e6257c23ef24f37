"""The store's side of the trust boundary (issue 9, part A): a database edited by hand, linked,
replaced by a FIFO, or holding records the app cannot handle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sessionkit.demo import generate
from sessionkit.errors import StoreCorrupted, StoreWriteError
from sessionkit.store import SessionStore, backups, checked

PWNED = "x/../../../../../../../outside/PWNED"


def _db_with(path: Path, edit: Any) -> dict[str, Any]:
    """A good 3-session database, then `edit(data)` applied to the file as a person would."""
    with SessionStore.open(path) as store:
        store.save_many(generate(3))
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    return data


def _round(data: dict[str, Any], n: str = "2") -> dict[str, Any]:
    rnd: dict[str, Any] = data["sessions"][n]["rounds"][0]
    return rnd


def test_a_damaged_record_is_left_out_named_and_kept(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    _db_with(db, lambda d: _round(d).update(phase=999))
    with SessionStore.open(db) as store:
        assert store.count() == 2 and len(store.raw_sessions()) == 2
        assert store.damaged == {"2": "record 2.rounds[0].phase: 999 is not a whole number "
                                      "from 0 to 49"}
        assert any("holds 1 damaged session record" in n and "phase: 999" in n
                   for n in store.notices)
        store.save(generate(5)[4])  # a write keeps the damaged record as it was
    data = json.loads(db.read_text())
    assert _round(data)["phase"] == 999 and len(data["sessions"]) == 4


def test_two_records_sharing_an_id_are_reported(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    _db_with(db, lambda d: d["sessions"]["3"].update(id=d["sessions"]["1"]["id"]))
    with SessionStore.open(db, readonly=True) as store:
        assert store.count() == 2
        (problem,) = store.damaged.values()
        assert problem.startswith("record 3 has the same id") and problem.endswith("as record 1")
        assert any("record 3 has the same id" in n for n in store.notices)


def test_a_path_for_an_id_never_names_a_journal(tmp_path: Path) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    _db_with(db, lambda d: d["sessions"]["1"].update(id=PWNED, status="unfinished"))
    with SessionStore.open(db) as store:
        assert PWNED not in {s.id for s in store.sessions()} | {s.id for s in store.pending()}
        with pytest.raises(StoreWriteError, match="is not an id"):
            store.journal(PWNED).append({"id": PWNED})
        with pytest.raises(StoreWriteError, match="is not an id"):
            store.journal("..").append({})
    assert not (tmp_path / "outside").exists()
    assert sorted(p.name for p in (tmp_path / "data" / "journal").iterdir()) == [
        "sessionkit-checked.json"]


def test_a_symlinked_database_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "sessionkit.json"
    with SessionStore.open(real) as store:
        store.save_many(generate(1))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with SessionStore.open(link) as store:
        store.save_many(generate(2)[1:])
    assert link.is_symlink()
    assert len(json.loads(real.read_text())["sessions"]) == 2
    assert (tmp_path / "real" / "backups").is_dir() and not (tmp_path / "backups").exists()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
@pytest.mark.parametrize("readonly", [False, True], ids=["open", "readonly"])
def test_a_db_path_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, kind: str, readonly: bool
) -> None:
    db = tmp_path / "sessionkit.json"
    if kind == "fifo":
        os.mkfifo(db)
    else:
        db.mkdir()
    # in a child process, so a regression hangs that process (killed at 20 s), not the suite
    code = ("import sys; from sessionkit.store import SessionStore\n"
            f"try: SessionStore.open(sys.argv[1], readonly={readonly})\n"
            "except Exception as err: print(type(err).__name__, err)")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True,
                         timeout=20).stdout
    what = "a FIFO (named pipe)" if kind == "fifo" else "a folder"
    assert out.startswith("StoreCorrupted") and f"it is {what}, not a regular file" in out


def test_folders_are_owner_only_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "sessionkit.json"
    old = os.umask(0)
    try:
        with SessionStore.open(db) as store:
            store.journal(generate(1)[0].id).append(generate(1)[0].to_dict())
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", db.parent / "journal",
                   db.parent / "backups"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_file_with_damaged_records_never_becomes_the_newest_good_backup(
    tmp_path: Path,
) -> None:
    db = tmp_path / "sessionkit.json"
    with SessionStore.open(db) as store:
        store.save_many(generate(3))
    (good,) = backups.backups_dir(db).iterdir()
    data = json.loads(db.read_text())
    _round(data)["talk"]["coach_seconds"] = -40
    db.write_text(json.dumps(data))
    with SessionStore.open(db) as store:
        assert store.backup_error and "no backup taken" in store.backup_error
    assert list(backups.backups_dir(db).iterdir()) == [good]
    # a damaged copy put there by hand is passed over, too
    (backups.backups_dir(db) / "sessionkit-29990101T000000Z.json").write_text(json.dumps(data))
    newest = backups.newest_good(db)
    assert newest is not None and newest.path == good


@pytest.mark.parametrize("content", [
    "[" * 1500 + "]" * 1500,
    '{"_meta": {"1": {"schema": 1}}, "sessions": {"1": ' + '{"a":' * 5000 + "1" + "}" * 5001 + "}",
    '{"_meta": {"1": {"schema": 1' + "0" * 5000 + "}}}",
], ids=["nested list", "nested record", "5000 digits"])
def test_deep_or_huge_json_in_the_database_is_one_line(tmp_path: Path, content: str) -> None:
    db = tmp_path / "sessionkit.json"
    db.write_text(content)
    with pytest.raises(StoreCorrupted) as caught:
        SessionStore.open(db)
    assert "\n" not in str(caught.value) and "is damaged: not" in str(caught.value)
    assert db.read_text() == content


def test_records_are_checked_once_per_file_content(tmp_path: Path) -> None:
    """The full check runs when the bytes are new to the store; its own writes are not."""
    db = tmp_path / "sessionkit.json"
    _db_with(db, lambda d: _round(d).update(planned_minutes=10**30))
    raw = db.read_bytes()
    assert checked.remembered(db, raw) is None
    with SessionStore.open(db) as store:
        assert list(store.damaged) == ["2"]
    assert checked.remembered(db, raw) == store.damaged  # noted for these bytes
    with SessionStore.open(db) as store:
        store.save_many(generate(4)[3:])
    assert checked.remembered(db, db.read_bytes()) == {"2": store.damaged["2"]}
    data = json.loads(raw)
    _round(data)["planned_minutes"] = 45
    db.write_text(json.dumps(data))
    with SessionStore.open(db) as store:  # edited again by hand: checked again, now all good
        assert store.damaged == {} and store.count() == 3


@pytest.mark.parametrize("record_id", [[1], {"a": 1}, PWNED, 10**400])
def test_a_hand_edited_live_journal_is_passed_over(tmp_path: Path, record_id: Any) -> None:
    """A journal line whose id is not an id (a list crashed every open with TypeError)."""
    from sessionkit.store.journal import encode_line

    db = tmp_path / "sessionkit.json"
    with SessionStore.open(db) as store:
        store.save_many(generate(2))
    record = {**generate(3)[2].to_dict(), "id": record_id}
    (tmp_path / "journal" / "sessionkit-live-abc.jsonl").write_bytes(encode_line(record))
    with SessionStore.open(db) as store:
        assert store.pending() == [] and store.count() == 2


def test_resuming_past_the_models_phases_clamps_to_its_last(catalog: Any, fake: Any) -> None:
    """`phase: 20` reads (a model may have that many) but GROW has 4: IndexError before."""
    from screens.launch import resumed_live
    from sessionkit.config.settings import Settings

    session = generate(1)[0]
    session.rounds[-1].phase = 20
    session.rounds[-1].ended_at = None
    live, _ = resumed_live(catalog, fake, Settings(), session)
    last = len(live.model.phases) - 1
    assert live.snapshot().phase == last and session.rounds[-1].phase == last
