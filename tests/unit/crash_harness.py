"""kill -9 harness for the store (used by test_crash.py and bench/stress_crash.py).

A forked child (a real separate process, forked so that it need not import Python and the store
again for every trial) opens the store and writes in a loop: new sessions, updates of earlier
sessions, and a live session whose notes go to the journal, sometimes committed. After each write
returns it prints `<kind> <id> ...` on its stdout, a file in the trial folder (a write to a file
survives SIGKILL, as a pipe would). The parent SIGKILLs it at a random 0-400 ms, reopens the
store, and checks: it opens (and the lock is free), no temp file is left after the start-up
sweep, and every acknowledged session, update and note is there. Lanes run side by side, each
on its own database that grows from trial to trial.
"""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sessionkit.clock import iso
from sessionkit.models import Note, Round, Session
from sessionkit.store import Journal, SessionStore
from sessionkit.store.backups import backups_dir, newest_good
from sessionkit.store.storage import TMP_PREFIX

BASE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
LANE_TRIALS = 20  # trials on one database before a lane starts afresh


def _ack(line: str) -> None:
    os.write(1, (line + "\n").encode())


def _session(n: int, status: str = "completed") -> Session:
    at = iso(BASE + timedelta(hours=n))
    rnd = Round(coach="Ana", client="Ben", started_at=at, outcome="0:0")
    return Session(started_at=at, status=status, rounds=[rnd])


def writer(db: Path, trial: int, known: list[str], seed: int) -> None:
    """The child: write and acknowledge until killed."""
    rng = random.Random(seed)
    Journal.COMPACT_EVERY = 5  # so that kills also land inside journal compaction
    store = SessionStore.open(db)
    _ack("open")
    step = 0
    while True:
        step += 1
        if known and rng.random() < 0.5:  # update an earlier session
            sid = rng.choice(known)
            session = store.get(sid)
            assert session is not None
            session.rounds[0].outcome = f"{trial}:{step}"
            store.save(session)
            _ack(f"update {sid} {trial}:{step}")
        else:
            session = _session(trial * 1000 + step)
            store.save(session)
            known.append(session.id)
            _ack(f"session {session.id}")
        live = _session(trial * 1000 + step, status="unfinished")
        journal = store.journal(live.id)
        for k in range(rng.randint(1, 8)):
            live.rounds[0].notes.append(Note(at=live.started_at, text=f"{live.id}-{k} ✍️"))
            journal.append(live.to_dict())
            _ack(f"note {live.id} {k}")
        if rng.random() < 0.9:
            live.status = "completed"
            store.commit(live)
            _ack(f"commit {live.id}")
        else:
            journal.close()  # left behind unfinished, as a crash would leave it


@dataclass
class Lane:
    folder: Path
    known: list[str] = field(default_factory=list)
    pid: int = 0
    trial: int = 0
    deadline: float = 0.0

    @property
    def db(self) -> Path:
        return self.folder / "sessionkit.json"

    @property
    def acks(self) -> Path:
        return self.folder / f"acks-{self.trial}.txt"


@dataclass
class Result:
    trials: int = 0
    before_open: int = 0  # trials killed before the child had opened the store
    acknowledged: int = 0
    failures: list[str] = field(default_factory=list)


def _start(lane: Lane, trial: int, rng: random.Random) -> None:
    lane.trial = trial
    out = os.open(lane.acks, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    seed = rng.randrange(1 << 30)
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.dup2(out, 1)
            writer(lane.db, trial, lane.known, seed)
        except BaseException as err:  # noqa: BLE001 - report, never fall back into pytest
            _ack(f"error {type(err).__name__}: {err}")
            code = 3
        finally:
            os._exit(code)
    os.close(out)
    lane.pid = pid
    lane.deadline = time.monotonic() + rng.uniform(0, 0.4)


def _acked(path: Path) -> list[list[str]]:
    lines = path.read_bytes().split(b"\n")[:-1]  # a line without its newline was not acked
    return [line.decode().split(" ") for line in lines]


def check(lane: Lane, result: Result) -> None:
    """Reopen after the kill and check every acknowledged write."""
    acks = _acked(lane.acks)
    where = f"{lane.folder.name} trial {lane.trial}"
    errors = [" ".join(a) for a in acks if a[0] == "error"]
    if errors:
        result.failures.append(f"{where}: writer failed: {errors[0]}")
    try:
        store = SessionStore.open(lane.db)
    except Exception as err:  # noqa: BLE001 - this is what the test is looking for
        result.failures.append(f"{where}: reopen failed: {err}")
        return
    try:
        folders = [lane.folder, lane.folder / "journal", backups_dir(lane.db)]
        left = [p.name for f in folders if f.is_dir() for p in f.glob(TMP_PREFIX + "*")]
        if left:
            result.failures.append(f"{where}: temp files left after the sweep: {left}")
        pending = {s.id: s.to_dict() for s in store.pending()}
        saved = {doc["id"]: doc for doc in store.raw_sessions()}
        notes: dict[str, int] = {}
        for ack in acks:
            result.acknowledged += ack[0] != "open"
            if ack[0] == "session":
                lane.known.append(ack[1])
                if ack[1] not in saved:
                    result.failures.append(f"{where}: acknowledged session {ack[1]} missing")
            elif ack[0] == "update":
                doc = saved.get(ack[1])
                got = tuple(map(int, doc["rounds"][0]["outcome"].split(":"))) if doc else None
                if got is None or got < tuple(map(int, ack[2].split(":"))):
                    result.failures.append(f"{where}: update {ack[2]} of {ack[1]} lost ({got})")
            elif ack[0] == "note":
                notes[ack[1]] = int(ack[2])
            elif ack[0] == "commit":
                if saved.get(ack[1], {}).get("status") != "completed":
                    result.failures.append(f"{where}: committed session {ack[1]} missing")
        for sid, last in notes.items():
            doc = pending.get(sid) or saved.get(sid)
            texts = {n["text"] for r in doc["rounds"] for n in r["notes"]} if doc else set()
            lost = [k for k in range(last + 1) if f"{sid}-{k} ✍️" not in texts]
            if lost:
                result.failures.append(f"{where}: acknowledged notes {lost} of {sid} lost")
        for session in store.pending():  # the user answers `n` to "resume?"
            store.keep_unfinished(session)
        if store.pending():
            result.failures.append(f"{where}: keep_unfinished left a journal behind")
        if newest_good(lane.db) is None:
            result.failures.append(f"{where}: no good backup")
        result.before_open += not acks
    finally:
        store.close()
    lane.acks.unlink()


def run_trials(root: Path, trials: int, lanes: int = 4, seed: int = 1) -> Result:
    """Run `trials` kill -9 trials over `lanes` databases side by side."""
    rng = random.Random(seed)
    result = Result()
    active = []
    for i in range(min(lanes, trials)):
        lane = Lane(root / f"lane-{i}")
        lane.folder.mkdir(parents=True)
        _start(lane, result.trials, rng)
        result.trials += 1
        active.append(lane)
    while active:
        lane = min(active, key=lambda x: x.deadline)
        time.sleep(max(0.0, lane.deadline - time.monotonic()))
        os.kill(lane.pid, signal.SIGKILL)
        os.waitpid(lane.pid, 0)
        check(lane, result)
        if result.trials < trials:
            if result.trials % (lanes * LANE_TRIALS) < lanes:  # keep each database small
                lane.folder = root / f"lane-{result.trials}"
                lane.folder.mkdir()
                lane.known = []
            _start(lane, result.trials, rng)
            result.trials += 1
        else:
            active.remove(lane)
    return result
