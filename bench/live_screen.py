"""Live screen vs bare Textual apps, in one run (tmux, 120×40): time to first screen,
key -> screen latency (space flips the speaker), idle CPU while the clock runs.

    .venv/bin/python bench/live_screen.py [runs] [idle_seconds] [--before SRC]

A row between the bare 4-pane app and `start` is the floor: the same 4-pane app after the core's
start-up work (`bench/bare_app.py panes core DB`: click, the core's imports, settings, models, the
database, a live session and its question bank), with no screen of ours.

`--before SRC`: the same `start` run from another checkout's source folder (PYTHONPATH=SRC,
`python -P -m sessionkit`), interleaved with this one's, so a change is measured in one run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tmuxrun import Tmux, compiled, cpu_seconds, median, rss_mib  # noqa: E402

COMMAND = str(Path(sys.executable).parent / "sessionkit")
PANES = [sys.executable, str(Path(__file__).parent / "bare_app.py"), "panes"]
BARE = [sys.executable, str(Path(__file__).parent / "bare_app.py")]


def measure(argv: list[str], ready: str, flip: str | None, env: dict[str, str],
            idle: float, first_seen: str | None = None, prepare: str | None = None) -> dict:
    term = Tmux(argv, env=env)
    t0 = term.start()
    try:
        first = term.wait_for(first_seen or ready) - t0
        if prepare:  # the live screen opens in the outcome field: esc goes to the session
            term.keys(prepare)
            term.wait_for("space Talk s Quiet")
        keys = []
        for _ in range(5 if flip else 0):
            t1 = term.keys("Space")
            keys.append(term.wait_for(flip) - t1)
            term.keys("Space")
            term.wait_for(ready)
        cpu = rss = 0.0
        if idle:
            pid = term.pid()
            c0 = cpu_seconds(pid)
            time.sleep(idle)
            cpu = (cpu_seconds(pid) - c0) / idle * 100
            rss = rss_mib(pid)
        return {"first": first, "key": median(keys) if keys else 0.0, "cpu": cpu, "rss": rss}
    finally:
        term.kill()


def main() -> None:
    argv = sys.argv[1:]
    before = None
    if "--before" in argv:
        at = argv.index("--before")
        before = argv[at + 1]
        del argv[at:at + 2]
    runs = int(argv[0]) if argv else 5
    idle = float(argv[1]) if len(argv) > 1 else 30.0
    compiled(Path(__file__).resolve().parents[1], *([before] if before else []))
    rows: dict[str, list[dict]] = {"bare app": [], "bare 4-pane app": [],
                                   "bare 4-pane app + sessionkit's core start-up": [],
                                   "sessionkit start": []}
    if before:
        rows["sessionkit start, --before"] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs + 1):  # the first run warms the caches and is dropped
            env = {"SESSIONKIT_CONFIG_DIR": tmp, "TZ": "Europe/Amsterdam"}
            db = os.path.join(tmp, f"run{i}", "db.json")
            last = i == runs
            bare = measure(BARE, "BARE READY", "BARE FLIPPED", env, idle if last else 0)
            panes = measure(PANES, "Panes", None, env, idle if last else 0)
            # the floor: the same app after the core's start-up work (no screen of ours)
            floor = measure([*PANES, "core", os.path.join(tmp, f"run{i}", "floor.json")],
                            "Panes", None, env, 0)
            # with --before both trees start the same way (python -P -m, PYTHONPATH)
            this = ([sys.executable, "-P", "-m", "sessionkit"] if before else [COMMAND])
            live = measure(
                [*this, "--db", db, "start", "--coach", "Ana", "--client", "Ben"],
                "COACH Ana speaking", "CLIENT Ben speaking",
                {**env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])} if before
                else env, idle if last else 0,
                first_seen="Ana coaching Ben", prepare="Escape",
            )
            if before:
                old = measure(
                    [sys.executable, "-P", "-m", "sessionkit", "--db", db + ".before", "start",
                     "--coach", "Ana", "--client", "Ben"],
                    "COACH Ana speaking", "CLIENT Ben speaking",
                    {**env, "PYTHONPATH": before}, idle if last else 0,
                    first_seen="Ana coaching Ben", prepare="Escape",
                )
                if i:
                    rows["sessionkit start, --before"].append(old)
            if i:
                rows["bare app"].append(bare)
                rows["bare 4-pane app"].append(panes)
                rows["bare 4-pane app + sessionkit's core start-up"].append(floor)
                rows["sessionkit start"].append(live)
    base = {"first": median([r["first"] for r in rows["bare 4-pane app"]]),
            "key": median([r["key"] for r in rows["bare app"]])}
    print(f"| app | first screen | key -> screen | idle CPU ({idle:.0f} s) | RSS |")
    print("|---|---|---|---|---|")
    for name, results in rows.items():
        first = median([r["first"] for r in results])
        key = median([r["key"] for r in results])
        cpu = results[-1]["cpu"]
        key_text = f"{key * 1000:.0f} ms ({key / base['key']:.2f}x)" if key else ""
        cpu_text = f"{cpu:.1f} %" if cpu else ""
        rss = results[-1]["rss"]
        rss_text = f"{rss:.0f} MiB" if rss else ""
        print(f"| {name} | {first * 1000:.0f} ms ({first / base['first']:.2f}x) "
              f"| {key_text} | {cpu_text} | {rss_text} |")


if __name__ == "__main__":
    main()
