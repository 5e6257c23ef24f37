"""kill -9 stress: 1,000 random SIGKILLs of a store writer (the test suite runs 200).

    python bench/stress_crash.py [trials] [lanes] [--encrypted]

`--encrypted`: every lane's database is encrypted (sealed database, backups, change log and
journals), the writers inheriting the unlocked key as the app holds it.

Prints how many trials ran, how many writes were acknowledged, and every lost write or
unopenable database (there should be none). Exit status 1 if anything was lost.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]

from crash_harness import run_trials  # noqa: E402


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    trials = int(args[0]) if args else 1000
    lanes = int(args[1]) if len(args) > 1 else 4
    seed = int(time.time())
    with tempfile.TemporaryDirectory(prefix="sessionkit-crash-") as tmp:
        if "--encrypted" in sys.argv:
            from sessionkit.crypt.header import Kdf
            from sessionkit.crypt.keys import DataKey
            from sessionkit.store import sealing

            key = DataKey.new("stress passphrase", Kdf(1024, 1, 1))
            for i in range(trials + 1):
                sealing.remember(Path(tmp) / f"lane-{i}" / "sessionkit.json", key)
        start = time.perf_counter()
        result = run_trials(Path(tmp), trials=trials, lanes=lanes, seed=seed)
        took = time.perf_counter() - start
    print(f"seed                   {seed}")
    print(f"trials                 {result.trials}")
    print(f"acknowledged writes    {result.acknowledged}")
    print(f"killed before open     {result.before_open}")
    print(f"failures               {len(result.failures)}")
    print(f"time                   {took:.1f} s")
    for failure in result.failures[:20]:
        print("  " + failure)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
