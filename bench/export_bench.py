"""Exports at 1, 1,000 and 10,000 sessions, against a plain json.load + json.dump of the same file.

    python bench/export_bench.py [--sizes 1 1000 10000] [--runs 3]

Each row is the real command in a fresh process (`python -m sessionkit --db DB export --format F
--out FILE`), timed whole, as a user runs it. In the same run and on the same file:
  * baselines:  `python -c` that json.load()s the database and json.dump()s it again (and the
                 same with json.dumps, which uses the C encoder: the ratios are against this one);
  * dataclasses: the JSON export the long way (every record rebuilt as a Session and written from
                 it, as before the export streamed stored records), to show what streaming saves.
Medians of `--runs` runs after a warm-up; the machine's noise is 10-25 %, so read the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], 'w'))"
# json.dump streams through the pure-Python encoder; dumps uses the C one (the stricter baseline)
FAST = "import json,sys; open(sys.argv[2], 'w').write(json.dumps(json.load(open(sys.argv[1]))))"
DATACLASSES = """
import sys
from pathlib import Path
from sessionkit.exports.run import select, write
from sessionkit.exports.files import private_text_file
from sessionkit.store import SessionStore
with SessionStore.open(Path(sys.argv[1]), readonly=True) as store:
    with private_text_file(Path(sys.argv[2])) as out:
        write("json", select(store), out, False)
"""


def timed(argv: list[str]) -> float:
    env = {**os.environ, "TZ": os.environ.get("TZ", "Europe/Amsterdam")}
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, capture_output=True, env=env)
    return time.perf_counter() - t0


def commands(db: Path, out: Path) -> dict[str, list[str]]:
    py = sys.executable
    cli = [py, "-m", "sessionkit", "--db", str(db), "export", "--out", str(out), "--format"]
    return {
        "baseline: json.load + json.dump": [py, "-c", BASELINE, str(db), str(out)],
        "baseline: json.load + json.dumps": [py, "-c", FAST, str(db), str(out)],
        "json (dataclasses, the old path)": [py, "-c", DATACLASSES, str(db), str(out)],
        "json": [*cli, "json"],
        "md": [*cli, "md"],
        "csv": [*cli, "csv"],
        "ics": [*cli, "ics"],
        "html --person Ben": [*cli, "html", "--person", "Ben"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from sessionkit.demo import generate
    from sessionkit.store import SessionStore

    tmp = Path(tempfile.mkdtemp(prefix="sessionkit-export-bench-"))
    results: dict[str, dict[int, float]] = {}
    sizes: dict[int, float] = {}
    for n in args.sizes:
        db = tmp / f"db-{n}.json"
        with SessionStore.open(db) as store:
            store.save_many(generate(n))
        sizes[n] = db.stat().st_size / 1e6
        out = tmp / f"out-{n}"
        rows = commands(db, out)
        for argv in rows.values():  # warm-up: file caches, .pyc
            out.unlink(missing_ok=True)
            timed(argv)
        for name, argv in rows.items():
            runs = []
            for _ in range(args.runs):
                out.unlink(missing_ok=True)
                runs.append(timed(argv))
            results.setdefault(name, {})[n] = statistics.median(runs) * 1000
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.runs} runs, whole command, ms")
    head = "".join(f"{f'{n:,} ({sizes[n]:.1f} MB)':>22}" for n in args.sizes)
    print(f"{'':<34}{head}")
    base = results["baseline: json.load + json.dumps"]
    for name, by_size in results.items():
        cells = "".join(f"{by_size[n]:>12.0f} {by_size[n] / base[n]:>6.2f}x   " for n in args.sizes)
        print(f"{name:<34}{cells}")
    print("(x = ratio to `json.load + json.dumps` at the same size: the C encoder, the stricter "
          "baseline)")


if __name__ == "__main__":
    main()
