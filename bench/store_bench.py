"""Store timings against history size: journal append, ending a session (commit), fold, open.

    python bench/store_bench.py [sizes...]      (default: 1 1000 10000)

A journal append and a commit (one line in the change log) must not grow with the history;
the fold at close rewrites the file once (O(history)) plus a backup copy; open parses the
file once and takes a backup if it changed.
Median milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sessionkit.demo import generate  # noqa: E402
from sessionkit.store import SessionStore  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(size: int, history: list, live_pool: list) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="sessionkit-bench-") as tmp:
        db = Path(tmp) / "sessionkit.json"
        with SessionStore.open(db) as store:
            store.save_many(history[:size])
        mb = db.stat().st_size / 1e6
        first = median_ms(lambda: SessionStore.open(db).close(), 1)  # new bytes: + backup
        reopen = median_ms(lambda: SessionStore.open(db).close(), 5)
        store = SessionStore.open(db)
        read_all = median_ms(lambda: store.raw_sessions(), 3)
        live = live_pool[0]
        record = live.to_dict()
        journal = store.journal(live.id)
        append = median_ms(lambda: journal.append(record), 200)
        sessions = iter(live_pool)

        def commit() -> None:
            session = next(sessions)
            store.journal(session.id).append(session.to_dict())
            store.commit(session)

        end = median_ms(commit, 5 if size < 10_000 else 3)
        fold = median_ms(store.close, 1)  # the commits above, folded into the file at close
    return {"MB": mb, "append": append, "commit": end, "fold at close": fold,
            "open (changed)": first,
            "open": reopen, "raw_sessions": read_all, "record KB": len(str(record)) / 1e3}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1, 1000, 10_000]
    history = generate(max(sizes))
    live_pool = generate(8, seed=42)
    rows = [(size, measure(size, history, live_pool)) for size in sizes]
    cols = ["MB", "append", "commit", "fold at close", "open (changed)", "open", "raw_sessions"]
    print(f"{'sessions':>9} " + " ".join(f"{c:>15}" for c in cols))
    for size, row in rows:
        print(f"{size:>9} " + " ".join(f"{row[c]:>15.2f}" for c in cols))
    print(f"(ms, medians; live record {rows[0][1]['record KB']:.1f} KB; "
          "commit = journal append + change-log append + journal delete; "
          "fold = database rewrite + change-log delete + backup)")


if __name__ == "__main__":
    main()
