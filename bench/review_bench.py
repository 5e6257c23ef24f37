"""Review at scale: 10,000 generated sessions, compared with bare Textual apps in the same run.

    python bench/review_bench.py [--sessions 10000] [--runs 5] [--inner] [--datatable]
                                 [--exports] [--before SRC]

The main table is what a person sees: each app started in tmux at 120x40, timed from the launch
until its first rows are on screen (`tmux capture-pane`, polled every 5 ms), RSS read from /proc
1.5 s later (when the review has loaded every row), runs interleaved, medians after a warm-up:
  * bare Textual app (Header, Static, Footer) and the bare 4-pane app (bench/bare_app.py);
  * `sessionkit review` with its summary index current (every start after the first);
  * `sessionkit review` without it (the first start, or after the database changed outside the
    app): the database is parsed and the index written for next time;
  * with `--before SRC`: the same command run from another checkout (PYTHONPATH=SRC), to compare;
  * with `--after-import`: `sessionkit import` of the sessions into a new database, then the
    first `sessionkit review` on it (and the import's own time), for this checkout and SRC.
`--inner`: inside one process (App.run_test, headless), where the time goes: open, first rows,
filters, opening a session. `--exports`: the export commands (see also bench/export_bench.py).
The machine's noise is 10-25 % (much more when others share it): read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)
sys.path.insert(0, str(Path(__file__).parent))
from tmuxrun import Tmux, compiled, cpu_seconds, median  # noqa: E402

BARE = [sys.executable, str(ROOT / "bench" / "bare_app.py")]


def rss_mib(pid: int) -> float:
    """Resident memory of `pid` and its children (the shell tmux starts may exec or fork)."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    best = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    best = max(best, int(line.split()[1]))
        except OSError:
            continue
    return best / 1024


def on_screen(argv: list[str], marker: str, env: dict[str, str],
              written: Path | None = None) -> tuple[float, float, float]:
    """(seconds from launch until `marker` shows, RSS in MiB 1.5 s later, CPU seconds the app
    used until `marker` showed: less disturbed by a busy machine). With `written`, also
    wait (up to 60 s) until the app has written that file before closing it."""
    term = Tmux(argv, size=SIZE, env=env)
    t0 = term.start()
    try:
        shown = term.wait_for(marker, timeout=60) - t0
        cpu = cpu_seconds(term.pid())
        time.sleep(1.5)
        rss = rss_mib(term.pid())
        deadline = time.perf_counter() + 60
        while written is not None and not written.exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        return shown, rss, cpu
    finally:
        term.kill()


# -- children (run in their own process) ---------------------------------------------------
def child_bare() -> dict[str, float]:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("ready")
            yield Footer()

    out: dict[str, float] = {}

    async def go() -> None:
        async with Bare().run_test(size=SIZE) as pilot:
            await pilot.pause()
            out["ready"] = time.time()

    asyncio.run(go())
    return out


def child_review(db: str) -> dict[str, float]:
    import asyncio
    import gc

    from screens.app import make_app
    from screens.detail import SessionDetailScreen
    from screens.review import ReviewScreen
    from screens.widgets.row_table import RowTable
    from sessionkit.clock import FakeClock
    from sessionkit.store import SessionStore

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    store = SessionStore.open(Path(db), readonly=True)
    gc.freeze()  # as sessionkit.cli.base._open_store does
    out["open store"] = time.perf_counter() - t0

    async def go() -> None:
        app = make_app(store=store, clock=FakeClock(), review=True)
        t1 = time.perf_counter()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.query_one(RowTable).items
            out["ready"] = time.time()
            out["app + index + first rows"] = time.perf_counter() - t1
            await pilot.press("slash", *"board")
            t2 = time.perf_counter()
            await pilot.press("enter")  # enter filters at once (typing waits for a pause)
            await pilot.pause()
            out["filter: text 'board'"] = time.perf_counter() - t2
            out["rows shown"] = len(screen.query_one(RowTable).items)
            t2 = time.perf_counter()
            screen.person = "Ana"
            screen.apply_filter()
            await pilot.pause()
            out["filter: person + text"] = time.perf_counter() - t2
            t2 = time.perf_counter()
            screen.person, screen.text = None, ""
            screen.apply_filter()
            await pilot.pause()
            out["filter: clear (all rows)"] = time.perf_counter() - t2
            t2 = time.perf_counter()
            await pilot.press("end", "enter")
            await pilot.pause()
            assert isinstance(app.screen, SessionDetailScreen)
            out["open the oldest session"] = time.perf_counter() - t2

    asyncio.run(go())
    store.close()
    return out


def child_datatable(rows: int) -> dict[str, float]:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Table(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    data = [(f"2026-01-{i % 28 + 1:02d} 10:00", "Ana", "Ben", "grow", "45", "72%", "4→7",
             "Decide whether to apply") for i in range(rows)]
    out: dict[str, float] = {}

    async def go() -> None:
        app = Table()
        async with app.run_test(size=SIZE) as pilot:
            table = app.query_one(DataTable)
            table.add_columns("When", "Coach", "Client", "Model", "Min", "Client%", "Scale",
                              "Outcome")
            t0 = time.perf_counter()
            table.add_rows(data)
            await pilot.pause()
            out["DataTable.add_rows"] = time.perf_counter() - t0

    asyncio.run(go())
    return out


# -- parent --------------------------------------------------------------------------------
def spawn(*args: str) -> tuple[float, dict[str, float]]:
    """Run this file as a child; returns (launch -> ready seconds, the child's own timings)."""
    env = {**os.environ, "TZ": os.environ.get("TZ", "Europe/Amsterdam")}
    launched = time.time()
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result.pop("ready", time.time()) - launched, result


def fresh_import(folder: Path, exported: Path, env: dict[str, str]) -> tuple[Path, float]:
    """`sessionkit import` of `exported` into a new database in `folder`: (its path, seconds)."""
    folder.mkdir(parents=True)
    db = folder / "imported.json"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-P", "-m", "sessionkit", "--db", str(db), "import",
                    str(exported)], check=True, env=env, capture_output=True)
    return db, time.perf_counter() - t0


def run_export(db: Path, fmt: str, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sessionkit", "--db", str(db), "export", "--format",
                    fmt, "--out", str(out)], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - t0


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--datatable", action="store_true", help="also time Textual's DataTable")
    parser.add_argument("--inner", action="store_true", help="where the time goes, headless")
    parser.add_argument("--exports", action="store_true", help="also time the exports")
    parser.add_argument("--before", help="another checkout to compare (its source folder)")
    parser.add_argument("--after-import", action="store_true",
                        help="also the first review after `sessionkit import`")
    parser.add_argument("--verbose", action="store_true", help="print every run")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        kind = args.child[0]
        result = (child_bare() if kind == "bare" else child_review(args.child[1])
                  if kind == "review" else child_datatable(int(args.child[1])))
        print(json.dumps(result))
        return

    sys.path.insert(0, str(ROOT))
    from sessionkit.demo import generate
    from sessionkit.store import SessionStore

    compiled(Path(__file__).resolve().parents[1], *([args.before] if args.before else []))
    tmp = Path(tempfile.mkdtemp(prefix="sessionkit-bench-"))
    db = tmp / "bench.json"
    t0 = time.perf_counter()
    with SessionStore.open(db) as store:
        store.save_many(generate(args.sessions))
    print(f"{args.sessions} sessions, {db.stat().st_size / 1e6:.1f} MB database "
          f"(set up in {time.perf_counter() - t0:.0f} s), load average {os.getloadavg()[0]:.1f}")

    marker = f"{args.sessions} of {args.sessions} sessions"
    env = {"TZ": "Europe/Amsterdam", "SESSIONKIT_CONFIG_DIR": str(tmp / "config")}
    # -P: the working folder does not shadow PYTHONPATH (for --before)
    review = [sys.executable, "-P", "-m", "sessionkit", "--db", str(db), "review"]
    index = db.with_name(db.stem + ".index")
    apps: dict[str, tuple[list[str], str, dict[str, str]]] = {
        "bare Textual app": (BARE, "BARE READY", env),
        "bare 4-pane app": ([*BARE, "panes"], "BARE READY", env),
        "review, index current": (review, marker, env),
        "review, no index (first start)": (review, marker, env),
    }
    if args.before:
        apps["review, --before checkout"] = (review, marker, {**env, "PYTHONPATH": args.before})
    exported = tmp / "export.json"
    imports: dict[str, list[float]] = {}
    if args.after_import:
        # since 1971: import takes dates from 1970 on, and 10,000 generated sessions (four pairs,
        # every two weeks) reach back further
        subprocess.run([sys.executable, "-P", "-m", "sessionkit", "--db", str(db),
                        "export", "--format", "json", "--since", "1971-01-01", "--out",
                        str(exported)], check=True, env=env, capture_output=True,
                       text=True)
        count = len(json.loads(exported.read_text())["sessions"])  # the file's own count
        print(f"import file: {count} sessions")
        imported = f"{count} of {count} sessions"
        apps["review, first after import"] = ([], imported, env)
        if args.before:
            apps["review, first after import, --before"] = (
                [], imported, {**env, "PYTHONPATH": args.before})
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in apps}
    for run in range(args.runs + 1):  # run 0 warms the caches and writes the index
        for name, (argv, mark, run_env) in apps.items():
            if name.startswith("review, first after import"):
                new_db, secs = fresh_import(tmp / f"import-{run}-{len(imports)}", exported,
                                            {**os.environ, **run_env})
                if run:
                    imports.setdefault(name, []).append(secs)
                argv = [*review[:5], str(new_db), "review"]
            if name.startswith("review, no index"):
                index.unlink(missing_ok=True)
            fresh = name.startswith("review, no index")
            measured = on_screen(argv, mark, run_env, index if fresh else None)
            if run:
                results[name].append(measured)
                if args.verbose:
                    print(f"  run {run} {name}: {measured[0] * 1000:.0f} ms, {measured[1]:.0f} MiB,"
                          f" {measured[2] * 1000:.0f} ms CPU", flush=True)
            if fresh and not index.exists():
                raise SystemExit("the review did not write its index")
            if name.startswith("review, first after import"):
                shutil.rmtree(Path(argv[5]).parent, ignore_errors=True)
    first = {k: median([v[0] for v in vs]) * 1000 for k, vs in results.items()}
    cpu = {k: median([v[2] for v in vs]) * 1000 for k, vs in results.items()}
    print(f"\nlaunch -> rows on screen, tmux 120x40, median of {args.runs}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'app':<34} {'ms':>7} {'x bare':>7} {'x 4-pane':>9} {'CPU ms':>7} {'x 4-pane':>9} "
          f"{'RSS MiB':>8}")
    for name, values in results.items():
        ms_, cpu_ = first[name], cpu[name]
        rss = median([v[1] for v in values])
        print(f"{name:<34} {ms_:>7.0f} {ms_ / first['bare Textual app']:>7.2f} "
              f"{ms_ / first['bare 4-pane app']:>9.2f} {cpu_:>7.0f} "
              f"{cpu_ / cpu['bare 4-pane app']:>9.2f} {rss:>8.0f}")

    for name, secs in imports.items():
        print(f"  import before '{name}': median {median(secs) * 1000:.0f} ms")

    if args.inner:
        inner_table(db, args)
    if args.exports:
        print(f"\n{'sessionkit export (whole command)':<36} {'ms':>10} {'MB':>8}")
        for fmt in ("json", "md", "csv", "ics"):
            out = tmp / f"export.{fmt}"
            secs = run_export(db, fmt, out)
            print(f"{fmt:<36} {secs * 1000:>10.0f} {out.stat().st_size / 1e6:>8.1f}")


def inner_table(db: Path, args: argparse.Namespace) -> None:
    spawn("bare")  # warm-up: file caches, .pyc
    spawn("review", str(db))
    bare: list[float] = []
    review: list[float] = []
    inner: dict[str, list[float]] = {}
    for _ in range(args.runs):
        bare.append(spawn("bare")[0])
        start, timings = spawn("review", str(db))
        review.append(start)
        for key, value in timings.items():
            inner.setdefault(key, []).append(value)

    base = ms(bare)
    print(f"\n{'fresh process, headless 120x40':<36} {'median ms':>10} {'x bare':>8}")
    print(f"{'bare Textual app: launch -> ready':<36} {base:>10.0f} {1:>8.2f}")
    print(f"{'review: launch -> rows shown':<36} {ms(review):>10.0f} {ms(review) / base:>8.2f}")
    shown = int(statistics.median(inner.pop("rows shown")))
    for key, values in inner.items():
        print(f"{'  ' + key:<36} {ms(values):>10.0f} {ms(values) / base:>8.2f}")
    print(f"  (the text filter shows {shown} of {args.sessions} rows)")
    if args.datatable:
        _, dt = spawn("datatable", str(args.sessions))
        print(f"{'DataTable.add_rows, same row count':<36} {dt['DataTable.add_rows'] * 1000:>10.0f}"
              f" {dt['DataTable.add_rows'] * 1000 / base:>8.2f}   (why RowTable is virtual)")


if __name__ == "__main__":
    main()
