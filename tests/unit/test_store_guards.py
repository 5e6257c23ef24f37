"""The store's quiet replacements, made loud (issue 18): a 0444 database is opened read-only
(never replaced by a 0600 one), a live session on a read-only database is refused before the
call starts, a lock file that is a link is never followed (its target never truncated), and the
summary index is stale after an edit that kept size and mtime."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.errors import StoreWriteError
from sessionkit.review import index_file
from sessionkit.store import SessionStore, migrate


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "sessionkit.json"
    with SessionStore.open(path) as store:
        store.save_many(generate(4))
    return path


def test_a_0444_database_opens_read_only_and_keeps_its_mode(db: Path) -> None:
    db.chmod(0o444)
    before = db.read_bytes()
    with SessionStore.open(db) as store:
        assert store.readonly
        assert any("is read-only (mode 0444)" in n and "chmod u+w" in n for n in store.notices)
    result = CliRunner().invoke(main, ["--db", str(db), "forget", "--person", "Ana", "--yes"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert db.read_bytes() == before and db.stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("why", ["mode", "newer"])
def test_a_live_session_on_a_read_only_database_is_refused_before_it_starts(
    db: Path, terminal: None, monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    from screens.app import SessionkitApp

    ran: list[bool] = []
    monkeypatch.setattr(SessionkitApp, "run", lambda app: ran.append(True))
    if why == "mode":
        db.chmod(0o444)
    else:
        data = json.loads(db.read_text())
        next(iter(data["_meta"].values()))["schema"] = migrate.current() + 1
        db.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["--db", str(db), "start", "--coach", "Ana",
                                       "--client", "Ben"])
    assert result.exit_code == 1 and not ran
    last = result.stderr.strip().splitlines()[-1]
    assert "opened read-only" in last and "nothing was started" in last


def test_a_lock_file_that_is_a_link_is_never_followed(db: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    precious.chmod(0o644)
    lock = db.with_suffix(".lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(precious)
    with pytest.raises(StoreWriteError, match="is a link"):
        SessionStore.open(db)
    assert precious.read_text() == "keep me\n" and precious.stat().st_mode & 0o777 == 0o644
    result = CliRunner().invoke(main, ["--db", str(db), "forget", "--person", "Ana", "--yes"])
    assert result.exit_code == 1 and "is a link" in result.stderr
    assert precious.read_text() == "keep me\n"


def test_the_index_is_stale_after_an_edit_that_kept_size_and_mtime(db: Path) -> None:
    built = index_file.key(db, "1")
    st = db.stat()
    raw = db.read_bytes()
    edited = raw.replace(b'"Ana"', b'"Ina"', 1)
    assert len(edited) == len(raw) and edited != raw
    db.write_bytes(edited)
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    now = index_file.key(db, "1")
    assert now["db"][:2] == built["db"][:2]  # what the old key looked at: unchanged
    assert now != built


async def test_home_on_a_read_only_database_says_so_at_once(db: Path, catalog: object) -> None:
    from screens.app import make_app

    db.chmod(0o444)
    store = SessionStore.open(db)
    try:
        app = make_app(store=store, catalog=catalog)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            assert any("opened read-only" in m and "could not be saved" in m for m in said)
    finally:
        store.close()
