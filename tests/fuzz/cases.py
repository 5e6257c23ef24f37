"""Hostile import files and damaged databases, and what each command does with them.

Shared by the CI fuzz tests (tests/fuzz/test_*.py, a few dozen examples) and the long run
(bench/fuzz_long.py, hundreds). An outcome is one of: "refused" (exit 1, one line, database
byte-identical), "imported"/"opened" (exit 0 and every later command works), "crashed" (a
traceback, an exit that is not 0/1, more than one line, or a later command failing on what was
let in), "changed" (refused, but the database bytes changed).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import strategies as st

from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.models import Note
from tests.fuzz.hostile import (
    extreme_number,
    hostile_date,
    hostile_id,
    hostile_text,
    nested,
    nested_json,
    wrong_type,
)

EXPORTS = (["export", "--format", "json"], ["export", "--format", "md", "--include-private"],
           ["export", "--format", "csv"], ["export", "--format", "ics"])

R0, N0 = ("rounds", 0), ("rounds", 0, "notes", 0)
FIELDS: list[tuple[Any, ...]] = [
    ("id",), ("started_at",), ("ended_at",), ("status",), ("model",), ("planned_minutes",),
    ("next_session",), ("next_session_tz",), ("cadence_days",), ("programme_total",),
    ("session_type",), ("draft",), ("rounds",), ("swap",),
    (*R0,), (*R0, "coach"), (*R0, "client"), (*R0, "outcome"), (*R0, "outcome_measure"),
    (*R0, "phase"), (*R0, "planned_minutes"), (*R0, "scale_start"), (*R0, "started_at"),
    (*R0, "ended_at"), (*R0, "elapsed_seconds"), (*R0, "phase_started"), (*R0, "checklist"),
    (*R0, "used_suggestions"), (*R0, "notes"), (*R0, "feedback"), (*R0, "nudges"),
    (*R0, "nudges", 0), (*R0, "nudges", 0, "at"), (*R0, "nudges", 0, "label"),
    (*R0, "feedback", "scale_end"), (*R0, "feedback", "most_helpful"),
    (*R0, "feedback", "coach_improve"), (*R0, "feedback", "unknown"),
    (*R0, "talk"), (*R0, "talk", "coach_seconds"), (*R0, "talk", "client_seconds"),
    (*R0, "talk", "turns"), (*R0, "talk", "segments"), (*R0, "talk", "longest_coach_turn"),
    (*N0,), (*N0, "id"), (*N0, "at"), (*N0, "text"), (*N0, "kind"), (*N0, "phase"),
    (*N0, "done_at"), (*N0, "private"),
]


TEXT_FIELDS: list[tuple[Any, ...]] = [
    ("model",), (*R0, "coach"), (*R0, "client"), (*R0, "outcome"), (*R0, "outcome_measure"),
    (*R0, "feedback", "most_helpful"), (*R0, "feedback", "coach_improve"), (*N0, "text"),
    (*N0, "phase"),
]


def base_docs(count: int = 2) -> list[dict[str, Any]]:
    """Good session records, each with at least one note (so note fields can be spoiled)."""
    docs = []
    for session in generate(count, seed=11):
        rnd = session.rounds[0]
        if not rnd.notes:
            rnd.notes.append(Note(at=rnd.started_at, text="a note", kind="action"))
        docs.append(session.to_dict())
    return docs


def hostile_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        hostile_text(), hostile_id(), extreme_number(), hostile_date(), wrong_type(),
        st.integers(50, 400).map(nested), st.just("x" * 60_000), st.just("coach@0+-5"),
        st.just("coach@0+1e400 client@nan+1"),
    )


def spoil(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    """Set the field at `path` (creating nothing: a missing step is skipped) to `value`."""
    target: Any = doc
    for step in path[:-1]:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if isinstance(target, dict) or (
        isinstance(target, list) and isinstance(last, int) and last < len(target)
    ):
        target[last] = value


@st.composite
def mutated_docs(draw: st.DrawFn) -> list[dict[str, Any]]:
    docs = copy.deepcopy(draw(st.sampled_from([_BASE[:1], _BASE])))
    for _ in range(draw(st.integers(1, 3))):
        doc = draw(st.sampled_from(docs))
        spoil(doc, draw(st.sampled_from(FIELDS)), draw(hostile_value()))
    for _ in range(draw(st.integers(0, 3))):  # hostile text where text belongs: let in
        spoil(draw(st.sampled_from(docs)), draw(st.sampled_from(TEXT_FIELDS)),
              draw(hostile_text()))
    if len(docs) > 1 and draw(st.booleans()):
        docs[1]["id"] = docs[0]["id"]  # a duplicate id
    return docs


_BASE = base_docs()

_RAW_FILES = [
    b"", b"null", b"[]", b"{}", b"\xff\xfe garbage", b'{"schema": 1}', b'{"sessions": []}',
    nested_json(1500).encode(), nested_json(5000, "object").encode(),
    b'{"schema": 1, "sessions": ' + nested_json(3000).encode() + b"}",
    b'{"schema": 1' + b"0" * 5000 + b', "sessions": []}',
    b'{"schema": 1e400, "sessions": []}', b'{"schema": NaN, "sessions": []}',
    b'{"schema": 1, "sessions": [' + b"1" + b"0" * 400 + b"]}",
]


@st.composite
def hostile_import(draw: st.DrawFn) -> bytes:
    """The bytes of a hostile import file."""
    kind = draw(st.sampled_from(["docs", "docs", "docs", "texts", "texts", "schema", "raw"]))
    if kind == "raw":
        return draw(st.sampled_from(_RAW_FILES))
    docs = draw(mutated_docs()) if kind == "docs" else copy.deepcopy(_BASE)
    if kind == "texts":
        for _ in range(draw(st.integers(1, 6))):
            spoil(draw(st.sampled_from(docs)), draw(st.sampled_from(TEXT_FIELDS)),
                  draw(hostile_text()))
    schema: Any = 1
    if kind == "schema":
        schema = draw(st.sampled_from([0, -1, 2, 99, "1", True, None, 1.0, [1], 10**400]))
    return _dump({"schema": schema, "sessions": docs})


def _dump(data: Any) -> bytes:
    try:
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return json.dumps(data, ensure_ascii=False, allow_nan=True).encode("utf-8", "replace")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def crashed(result: Result) -> str | None:
    """Why a CLI result is not a clean success or a clean one-line refusal, or None."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"{type(result.exception).__name__}: {result.exception}"[:300]
    if "Traceback" in result.output:
        return "a traceback in the output"
    if result.exit_code not in (0, 1):
        return f"exit {result.exit_code}"
    if result.exit_code == 1 and (
        result.stderr.count("\n") != 1 or not result.stderr.startswith("sessionkit: ")
    ):
        return f"not one line: {result.stderr[:300]!r}"
    return None


def make_db(folder: Path) -> Path:
    """A good database of three sessions in `folder`."""
    from sessionkit.store import SessionStore

    db = folder / "sessionkit.json"
    with SessionStore.open(db) as store:
        store.save_many(generate(3))
    return db


def try_import(folder: Path, content: bytes) -> tuple[str, str]:
    """Import `content` into a fresh good database; (outcome, detail)."""
    db = make_db(folder)
    before = db.read_bytes()
    file = folder / "import.json"
    file.write_bytes(content)
    result = run("--db", str(db), "import", str(file))
    why = crashed(result)
    if why:
        return "crashed", why
    if result.exit_code == 1:
        if str(file) not in result.stderr:
            return "crashed", f"the refusal does not name the file: {result.stderr!r}"
        return ("changed", "database changed") if db.read_bytes() != before else (
            "refused", result.stderr.strip())
    # let in: every later command must work on it
    for command in (*EXPORTS, ["import", str(file)]):
        later = run("--db", str(db), *command)
        if crashed(later) or later.exit_code != 0:
            return "crashed", f"after import, {' '.join(command)}: {later.stderr[:300]!r}"
    problem = core_views(db)
    return ("crashed", problem) if problem else ("imported", "")


def core_views(db: Path) -> str | None:
    """What `review`, `start` and the home screen compute from the store, run on `db`: the
    history index, the pair's carried actions, the resumable sessions. A problem, or None."""
    from screens.launch import resumed_live
    from sessionkit.config.catalog import ModelCatalog
    from sessionkit.config.settings import Settings
    from sessionkit.review import carry
    from sessionkit.review.history import HistoryIndex
    from sessionkit.store import SessionStore

    try:
        with SessionStore.open(db, readonly=True) as store:
            index = HistoryIndex.from_store(store)
            index.filter(text="a")
            for s in index.rows[:5]:
                carry.first_of_pair(store, s.coach, s.client)
                carry.open_actions(store, s.client)
            catalog = ModelCatalog.load([])
            for session in [*store.sessions(), *store.pending()][:10]:
                live, _ = resumed_live(catalog, _Clock(), Settings(), session)
                live.snapshot()
    except Exception as err:  # noqa: BLE001 - any escape is the finding
        return f"{type(err).__name__}: {err}"[:300]
    return None


class _Clock:
    def monotonic(self) -> float:
        return 1000.0

    def now(self) -> Any:
        from datetime import UTC, datetime

        return datetime(2026, 11, 25, 9, tzinfo=UTC)


# -- damaged databases -------------------------------------------------------------------------
def _file(content: bytes) -> Callable[[Path], None]:
    return lambda db: db.write_bytes(content)


def _record(path: tuple[Any, ...], value: Any, n: str = "2") -> Callable[[Path], None]:
    def edit(db: Path) -> None:
        data = json.loads(db.read_text())
        spoil(data["sessions"][n], path, value)
        db.write_bytes(_dump(data))
    return edit


def _table(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def edit(db: Path) -> None:
        data = json.loads(db.read_text())
        change(data)
        db.write_bytes(_dump(data))
    return edit


def _fifo(db: Path) -> None:
    db.unlink()
    os.mkfifo(db)


def _loop(db: Path) -> None:
    db.unlink()
    db.symlink_to(db)


def _journal(record: dict[str, Any]) -> Callable[[Path], None]:
    """A live journal (of a crashed session) holding `record`."""
    def edit(db: Path) -> None:
        from sessionkit.store.journal import encode_line

        (db.parent / "journal").mkdir(mode=0o700, exist_ok=True)
        (db.parent / "journal" / f"{db.stem}-live-abc.jsonl").write_bytes(encode_line(record))
    return edit


DAMAGES: dict[str, Callable[[Path], None]] = {
    "nested 1500": _file(nested_json(1500).encode()),
    "nested record": lambda db: db.write_bytes(db.read_bytes()[:-2] + b',"9":'
                                               + nested_json(3000, "object").encode() + b"}}"),
    "5000 digits": _file(b'{"_meta": {"1": {"schema": 1' + b"0" * 5000 + b"}}}"),
    "400 digits": _record(("rounds", 0, "talk", "coach_seconds"), 10**400),
    "negative talk": _record(("rounds", 0, "talk", "coach_seconds"), -30),
    "year 1": _record(("started_at",), "0001-01-01T00:00:00+14:00"),
    "year 9999": _record(("rounds", 0, "notes", 0, "at"), "9999-12-31T23:59:59-14:00"),
    "no offset": _record(("started_at",), "2026-11-25T09:00:00"),
    "minutes 10^30": _record(("planned_minutes",), 10**30),
    "phase 999": _record(("rounds", 0, "phase"), 999),
    "empty id": _record(("id",), ""),
    "path id": _record(("id",), "x/../../../../../../../outside/PWNED"),
    "nul id": _record(("id",), "a\x00b"),
    "10 MB outcome": _record(("rounds", 0, "outcome"), "o" * 10_000_000),
    "round not object": _record(("rounds", 0), "a round"),
    "rounds not list": _record(("rounds",), {"0": 1}),
    "coach a list": _record(("rounds", 0, "coach"), ["Ana"]),
    "talk a number": _record(("rounds", 0, "talk"), 7),
    "segments junk": _record(("rounds", 0, "talk", "segments"), "coach@0+-5 x@y"),
    "scale 11": _record(("rounds", 0, "feedback", "scale_end"), 11),
    "tz path": _record(("next_session_tz",), "../../../etc/passwd"),
    "markup name": _record(("rounds", 0, "client"), "[/]Oli"),
    "osc52 note": _record(("rounds", 0, "notes", 0, "text"), "\x1b]52;c;cm0gLXJm\a"),
    "duplicate id": _table(lambda d: d["sessions"]["3"].update(id=d["sessions"]["1"]["id"])),
    "record a list": _table(lambda d: d["sessions"].update({"2": [1]})),
    "record no id": _table(lambda d: d["sessions"]["2"].pop("id")),
    "sessions a list": _table(lambda d: d.update(sessions=[])),
    "meta schema text": _table(lambda d: d["_meta"]["1"].update(schema="one")),
    "truncated": lambda db: db.write_bytes(db.read_bytes()[:-40]),
    "not utf-8": lambda db: db.write_bytes(b"\xff" + db.read_bytes()),
    "journal id a list": _journal({**_BASE[0], "id": [1]}),
    "journal path id": _journal({**_BASE[0], "id": "../../../PWNED", "status": "unfinished"}),
    "journal phase 20": _journal(  # a phase the reader allows, past the model's own phases
        {**_BASE[0], "rounds": [{**_BASE[0]["rounds"][0], "phase": 20}]}),
    "fifo": _fifo,
    "symlink loop": _loop,
    "folder": lambda db: (db.unlink(), db.mkdir()),  # type: ignore[func-returns-value]
}
DB_COMMANDS: list[list[str]] = [*EXPORTS, ["import", "GOOD"], ["review"], ["start"]]


def try_damaged(folder: Path, damage: str, command: list[str]) -> tuple[str, str]:
    """Run `command` on a database damaged by DAMAGES[damage]; (outcome, detail).

    `review` and `start` run what those screens compute (core_views) on the opened store,
    after the CLI's own opening of the database (the same code path the app takes)."""
    db = make_db(folder)
    DAMAGES[damage](db)
    special = not db.is_file() or db.is_symlink()
    before = None if special else db.read_bytes()
    good = folder / "good.json"
    good.write_text('{"schema": 1, "sessions": []}')
    argv = [str(good) if a == "GOOD" else a for a in command]
    if command[0] in ("review", "start"):
        argv = ["export", "--format", "csv"]  # opens the store exactly as the app does
    result = run("--db", str(db), *argv)
    why = crashed(result)
    if why:
        return "crashed", why
    if not special and db.read_bytes() != before and result.exit_code != 0:
        return "changed", "database changed by a refused command"
    if result.exit_code == 1:
        return "refused", result.stderr.strip()
    if command[0] in ("review", "start"):
        problem = core_views(db)
        if problem:
            return "crashed", problem
    if "damaged session record" in result.stderr:
        return "opened", "with a notice naming the damaged records"
    return "opened", ""
