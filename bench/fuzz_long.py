"""The long fuzz run (issue 9): hostile import files and damaged databases through every command.

    python bench/fuzz_long.py [import_files] [seed]       (default: 300 files, seed 1)

Prints the table "tried / refused cleanly / imported / crashed / data changed" for the import
files (each through `sessionkit import`, then every export, a re-import and what review/start
compute), and for every damaged database in tests/fuzz/cases.py × every command (the exports,
import, and review/start/home: the CLI's opening plus what the screens compute, then the app
itself under Pilot). Any crash is listed below the table. The CI suite (tests/fuzz/) runs a
few dozen of the same cases.
"""

from __future__ import annotations

import asyncio
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.fuzz.cases import (  # noqa: E402
    DAMAGES,
    DB_COMMANDS,
    hostile_import,
    make_db,
    try_damaged,
    try_import,
)

COLUMNS = ("tried", "refused", "imported", "crashed", "changed")


def run_imports(count: int, at: int) -> tuple[collections.Counter[str], list[str]]:
    tally: collections.Counter[str] = collections.Counter()
    found: list[str] = []

    @seed(at)
    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(hostile_import())
    def one(content: bytes) -> None:
        with tempfile.TemporaryDirectory(prefix="sessionkit-fuzz-") as tmp:
            outcome, detail = try_import(Path(tmp), content)
        tally["tried"] += 1
        tally[outcome] += 1
        if outcome in ("crashed", "changed"):
            found.append(f"import {content[:80]!r}: {detail}")

    one()
    return tally, found


async def _app_opens(db: Path, options: dict[str, object]) -> str | None:
    from screens.app import make_app
    from sessionkit.store import SessionStore

    try:
        store = SessionStore.open(db)
    except Exception as err:  # noqa: BLE001 - the CLI turns SessionkitError into one line
        from sessionkit.errors import SessionkitError

        return None if isinstance(err, SessionkitError) else f"{type(err).__name__}: {err}"
    try:
        app = make_app(store=store, **options)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            if not app.is_running:
                return "the app stopped"
    except Exception as err:  # noqa: BLE001 - any escape is the finding
        return f"{type(err).__name__}: {err}"[:300]
    finally:
        store.close()
    return None


APP_RUNS = {
    "app home": {},
    "app review": {"review": True},
    "app start": {"start": {"coach": "Ana", "client": "Ben", "minutes": 30, "model": "grow",
                            "swap": False}},
}


def run_damaged() -> tuple[collections.Counter[str], list[str]]:
    tally: collections.Counter[str] = collections.Counter()
    found: list[str] = []
    for damage in DAMAGES:
        for command in DB_COMMANDS:
            with tempfile.TemporaryDirectory(prefix="sessionkit-fuzz-") as tmp:
                outcome, detail = try_damaged(Path(tmp), damage, command)
            tally["tried"] += 1
            tally["imported" if outcome == "opened" else outcome] += 1
            if outcome in ("crashed", "changed"):
                found.append(f"{damage} / {' '.join(command)}: {detail}")
        for name, options in APP_RUNS.items():
            with tempfile.TemporaryDirectory(prefix="sessionkit-fuzz-") as tmp:
                db = make_db(Path(tmp))
                DAMAGES[damage](db)
                problem = asyncio.run(_app_opens(db, options))
            tally["tried"] += 1
            tally["crashed" if problem else "imported"] += 1
            if problem:
                found.append(f"{damage} / {name}: {problem}")
    return tally, found


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    at = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    started = time.perf_counter()
    imports, found = run_imports(count, at)
    damaged, found_db = run_damaged()
    print(f"{'':34}" + "".join(f"{c:>10}" for c in COLUMNS))
    print(f"{f'{count} hostile import files':34}"
          + "".join(f"{imports[c]:>10}" for c in COLUMNS))
    label = f"{len(DAMAGES)} damaged dbs x {len(DB_COMMANDS) + len(APP_RUNS)} runs"
    print(f"{label:34}" + "".join(f"{damaged[c]:>10}" for c in COLUMNS))
    print("(refused = exit 1, one line, database byte-identical; imported = let in / opened, "
          "and every later command worked; for databases, opened with a notice naming the "
          f"damaged records where there were some) in {time.perf_counter() - started:.0f} s")
    for line in found + found_db:
        print("CRASH", line)
    sys.exit(1 if found or found_db else 0)


if __name__ == "__main__":
    main()
