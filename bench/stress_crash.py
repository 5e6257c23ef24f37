"""kill -9 stress: 1,000 random SIGKILLs of a store writer (the test suite runs 200).

    python bench/stress_crash.py [trials] [lanes]

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
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    lanes = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    seed = int(time.time())
    with tempfile.TemporaryDirectory(prefix="sessionkit-crash-") as tmp:
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
