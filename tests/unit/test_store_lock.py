"""One writer per database: a second one is refused clearly; readers still work; kill -9
of the holder frees the lock."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sessionkit.demo import generate
from sessionkit.errors import StoreLocked
from sessionkit.store import SessionStore

HOLDER = """
import sys, time
from pathlib import Path
from sessionkit.demo import generate
from sessionkit.store import SessionStore
store = SessionStore.open(Path(sys.argv[1]))
live = generate(1, seed=5)[0]
store.journal(live.id).append(live.to_dict())
print(live.id, flush=True)
time.sleep(60)
"""


def test_second_writer_is_refused_with_who_holds_it(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    with SessionStore.open(db):
        with pytest.raises(StoreLocked) as caught:
            SessionStore.open(db)
    pattern = (
        rf"sessionkit is already open on {re.escape(str(db))} \(pid {os.getpid()} since "
        rf"\d\d:\d\d on {re.escape(socket.gethostname())}\)\. Close it first[.;]"
    )
    assert re.match(pattern, str(caught.value))
    SessionStore.open(db).close()  # released on close


def test_readers_work_while_the_writer_runs(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    live = generate(1)[0]
    with SessionStore.open(db) as writer:
        writer.save_many(generate(2, seed=3))
        writer.journal(live.id).append(live.to_dict())
        with SessionStore.open(db, readonly=True) as reader:
            assert len(reader.all_sessions()) == 3
            assert live.id in {s.id for s in reader.pending()}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_of_the_holder_frees_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE,
                              text=True, env=env)
    try:
        live_id = holder.stdout.readline().strip()  # type: ignore[union-attr]
        assert live_id
        with pytest.raises(StoreLocked, match=rf"\(pid {holder.pid} since") as caught:
            SessionStore.open(db)
        # a hung holder (closed terminal) must not leave the user stuck: how to end it
        assert str(caught.value).endswith(
            f"if it does not respond (its terminal was closed), end it with `kill {holder.pid}`."
        )
        export = subprocess.run(
            [sys.executable, "-m", "sessionkit", "--db", str(db), "export"],
            capture_output=True, text=True, env=env,
        )
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert export.returncode == 0, export.stderr
    exported = json.loads(export.stdout)["sessions"]
    assert [(s["id"], s["status"]) for s in exported] == [(live_id, "unfinished")]
    with SessionStore.open(db) as store:  # the kernel dropped the dead holder's lock
        assert [s.id for s in store.pending()] == [live_id]


def test_cli_import_while_locked_says_so(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sessionkit.cli import main

    db = tmp_path / "sessionkit.json"
    export = tmp_path / "export.json"
    export.write_text('{"schema": 1, "sessions": []}')
    with SessionStore.open(db):
        result = CliRunner().invoke(main, ["--db", str(db), "import", str(export)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"sessionkit: sessionkit is already open on {db} (pid ")
    assert "Close it first" in result.stderr


def test_a_lock_note_naming_a_process_that_is_gone_says_so(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(gone.stdout)
    with SessionStore.open(db):
        note = {"pid": dead_pid, "host": socket.gethostname(), "since": "2026-11-26T05:00:00+00:00"}
        (tmp_path / "sessionkit.lock").write_text(json.dumps(note))
        with pytest.raises(StoreLocked) as caught:
            SessionStore.open(db)
    message = str(caught.value)
    assert f"pid {dead_pid} is no longer running" in message
    assert "fuser" in message and "kill" not in message
