"""Home with its dashboard vs bare Textual apps, in one run (tmux, 120×40): time to the first
screen (the start form) and to the dashboard filled (built in a thread after the first frame),
on the 24-session demo database and on a large one.

    python bench/home_bench.py [runs] [large_sessions]
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxrun import Tmux, median  # noqa: E402

COMMAND = str(Path(sys.executable).parent / "sessionkit")
PANES = [sys.executable, str(Path(__file__).parent / "bare_app.py"), "panes"]
BARE = [sys.executable, str(Path(__file__).parent / "bare_app.py")]


def timed(argv: list[str], env: dict[str, str], *markers: str) -> list[float]:
    # the shell keeps a failed start's message on screen (the TimeoutError shows it)
    term = Tmux(["sh", "-c", f"{shlex.join(argv)}; sleep 60"], env=env)
    t0 = term.start()
    try:
        return [term.wait_for(m, timeout=60) - t0 for m in markers]
    except TimeoutError as err:
        raise SystemExit(f"{' '.join(argv)}: {err}") from None
    finally:
        if "--db" in argv:  # quit as a person does, so the next run finds the database free
            term.keys("C-q")
            unlocked(Path(argv[argv.index("--db") + 1]))
        term.kill()


def unlocked(db: Path, timeout: float = 60.0) -> None:
    """Wait until the app has let go of the database's lock (it folds the database first)."""
    lock = db.with_suffix(".lock")
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            os.kill(int(json.loads(lock.read_text())["pid"]), 0)
        except (OSError, ValueError, KeyError, TypeError):
            return
        time.sleep(0.05)


def fill(db: str, count: int) -> None:
    from sessionkit.demo import generate
    from sessionkit.store import SessionStore

    store = SessionStore.open(Path(db))
    store.save_many(generate(count))
    store.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    large = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SESSIONKIT_CONFIG_DIR": tmp, "TZ": "Europe/Amsterdam"}
        dbs = {24: os.path.join(tmp, "small.json"), large: os.path.join(tmp, "large.json")}
        for count, db in dbs.items():
            fill(db, count)
        rows: dict[str, list[list[float]]] = {"bare app": [], "bare 4-pane app": []}
        for count in dbs:
            rows[f"sessionkit home, {count:,} sessions"] = []
        for i in range(runs + 1):  # the first run warms the caches and is dropped
            results = {
                "bare app": timed(BARE, env, "BARE READY"),
                "bare 4-pane app": timed(PANES, env, "Panes"),
            }
            for count, db in dbs.items():
                results[f"sessionkit home, {count:,} sessions"] = timed(
                    [COMMAND, "--db", db], env, "Start a session", "sessions saved")
            if i:
                for name, value in results.items():
                    rows[name].append(value)
    base = median([r[0] for r in rows["bare 4-pane app"]])
    print("| app | first screen | dashboard filled |")
    print("|---|---|---|")
    for name, results in rows.items():
        first = median([r[0] for r in results])
        full = f"{median([r[1] for r in results]) * 1000:.0f} ms" if len(results[0]) > 1 else ""
        print(f"| {name} | {first * 1000:.0f} ms ({first / base:.2f}x) | {full} |")


if __name__ == "__main__":
    main()
