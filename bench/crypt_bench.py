"""Encryption at rest at 10,000 sessions: what a passphrase costs, against the plain database in
the same run (issue 19's goals: unlock + first review rows <= 2x plain, journal append p90 < 1 ms,
`export --format json` <= 1.5x plain).

    python bench/crypt_bench.py [--sessions 10000] [--runs 3]

Each start is a fresh interpreter (runs interleaved plain / encrypted, medians):
  * review, index current: [unlock: Argon2id + the data key] + lock + the summary index's head
    (the rows the review's first screen shows);
  * open the database: [unlock] + SessionStore.open (decrypt + parse) + the review's rows built;
  * `sessionkit export --format json --out FILE` (the installed command, --passphrase-file).
Then, in this process: 300 journal appends of a ~3 KB live record (fsync each), plain vs sealed.
The machine is shared by others: read the ratios, not the absolute times.
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

WORDS = "bench passphrase words"


def child(kind: str, db: str, passphrase_file: str) -> None:
    t0 = time.perf_counter()
    path = Path(db)
    out: dict[str, float] = {}
    if passphrase_file:
        from sessionkit.askpass import from_file
        from sessionkit.store.sealing import unlock

        unlock(path, from_file(Path(passphrase_file)))
        out["unlock"] = time.perf_counter() - t0
    from sessionkit import __version__

    if kind == "index":
        from sessionkit.review.source import IndexedHistory
        from sessionkit.store.lazy import LazyStore

        store = LazyStore.hold(path)
        head = IndexedHistory(store, path, __version__).head()
        assert head is not None and head.rows, "the index is not current"
        store.close()
    else:
        from sessionkit.review.history import HistoryIndex
        from sessionkit.store import SessionStore

        store = SessionStore.open(path, readonly=True)
        assert len(HistoryIndex.from_store(store)) > 0
        store.close()
    out["total"] = time.perf_counter() - t0
    print(json.dumps(out))


def run_child(kind: str, db: Path, passphrase_file: Path | None) -> dict[str, float]:
    argv = [sys.executable, __file__, "--child", kind, str(db), str(passphrase_file or "")]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def export_seconds(db: Path, passphrase_file: Path | None, out: Path) -> float:
    command = Path(sys.executable).parent / "sessionkit"
    argv = [str(command), "--db", str(db)]
    if passphrase_file:
        argv += ["--passphrase-file", str(passphrase_file)]
    out.unlink(missing_ok=True)
    t0 = time.perf_counter()
    subprocess.run([*argv, "export", "--format", "json", "--out", str(out)], check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def build(folder: Path, count: int) -> tuple[Path, Path, Path]:
    from sessionkit import __version__
    from sessionkit.demo import generate
    from sessionkit.review.source import refresh
    from sessionkit.store import SessionStore, convert, sealing

    plain = folder / "plain" / "sessionkit.json"
    with SessionStore.open(plain) as store:
        store.save_many(generate(count))
    refresh(SessionStore.open(plain, readonly=True), __version__)
    sealed = folder / "sealed" / "sessionkit.json"
    shutil.copytree(plain.parent, sealed.parent, ignore=shutil.ignore_patterns("*.lock"))
    t0 = time.perf_counter()
    with SessionStore.open(sealed) as store:
        convert.encrypt(sealed, WORDS)
    print(f"encrypt of {count:,} sessions + backups: {time.perf_counter() - t0:.2f} s")
    reader = SessionStore.open(sealed, readonly=True)
    refresh(reader, __version__)
    reader.close()
    sealing.forget_key(sealed)
    secret = folder / "pw"
    secret.write_text(WORDS + "\n")
    os.chmod(secret, 0o600)
    return plain, sealed, secret


def journal_p90(folder: Path) -> tuple[float, float]:
    from sessionkit.crypt.keys import DataKey
    from sessionkit.demo import generate
    from sessionkit.store.journal import Journal

    record = generate(1)[0].to_dict()
    record["rounds"][0]["notes"] = record["rounds"][0]["notes"][:12]
    size = len(json.dumps(record))
    key = DataKey.new(WORDS)
    result = []
    for name, k in (("plain", None), ("sealed", key)):
        journal = Journal(folder / f"{name}.jsonl", k)
        times = []
        for _ in range(300):
            t0 = time.perf_counter()
            journal.append(record)
            times.append(time.perf_counter() - t0)
        journal.close()
        result.append(statistics.quantiles(times, n=10)[-1])
    print(f"journal append of a {size / 1024:.1f} KB record (fsync each), p90: "
          f"plain {result[0] * 1e3:.2f} ms, sealed {result[1] * 1e3:.2f} ms")
    from sessionkit.crypt.lines import LineWriter
    from sessionkit.store.journal import _json, encode_line

    writer = LineWriter(key)
    for name, encode in (("plain", encode_line), ("sealed", lambda r: writer.encode(_json(r)))):
        times = []
        for _ in range(2000):
            t0 = time.perf_counter()
            encode(record)
            times.append(time.perf_counter() - t0)
        print(f"  encoding the line alone, p90: {name} "
              f"{statistics.quantiles(times, n=10)[-1] * 1e6:.0f} us")
    return result[0], result[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--journal", action="store_true", help="only the journal appends")
    args = parser.parse_args()
    if args.journal:
        with tempfile.TemporaryDirectory(prefix="sk-crypt-bench-") as tmp:
            journal_p90(Path(tmp))
        return
    with tempfile.TemporaryDirectory(prefix="sk-crypt-bench-") as tmp:
        folder = Path(tmp)
        plain, sealed, secret = build(folder, args.sessions)
        print(f"database: plain {plain.stat().st_size / 1e6:.1f} MB, sealed "
              f"{sealed.stat().st_size / 1e6:.1f} MB")
        rows: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for kind in ("index", "open"):
                for name, db, pw in (("plain", plain, None), ("sealed", sealed, secret)):
                    got = run_child(kind, db, pw)
                    rows.setdefault(f"{kind} {name}", []).append(got["total"])
                    if "unlock" in got:
                        rows.setdefault("unlock alone", []).append(got["unlock"])
            for name, db, pw in (("plain", plain, None), ("sealed", sealed, secret)):
                rows.setdefault(f"export {name}", []).append(
                    export_seconds(db, pw, folder / f"out-{name}.json"))
        med = {k: statistics.median(v) for k, v in rows.items()}
        print(f"\nmedians of {args.runs} runs at {args.sessions:,} sessions (seconds)")
        print(f"  unlock (Argon2id 64 MiB/3/4 + key)      {med['unlock alone']:.3f}")
        for what, label in (("index", "unlock + review's first rows (index)"),
                            ("open", "unlock + open + parse + review rows"),
                            ("export", "export --format json")):
            p, s = med[f"{what} plain"], med[f"{what} sealed"]
            print(f"  {label:<40} plain {p:.3f}  sealed {s:.3f}  ratio {s / p:.2f}x")
        journal_p90(folder)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
