"""Replay the scripted sessions (tests/unit/scenarios.toml) and print how the nudges did.

    python bench/replay_report.py [SCENARIOS.toml]

For each session: expected nudges, how many fired inside their window, which were missed and
what fired where nothing was expected; then the totals. A file of your own sessions in the same
format can be given instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit"))

from replay import SCENARIOS, run, scenarios, score, stamp  # noqa: E402

from sessionkit.config.catalog import ModelCatalog  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SCENARIOS
    catalog = ModelCatalog.load([])
    expected = in_window = unexpected = 0
    for scenario in scenarios(path):
        result = score(scenario, run(catalog, scenario))
        expected += result.expected
        in_window += result.in_window
        unexpected += len(result.unexpected)
        missed = ", ".join(f"{m.label} {stamp(m.start)}-{stamp(m.end)}" for m in result.missed)
        extra = ", ".join(f"{label} {stamp(t)}" for label, t in result.unexpected)
        print(f"{scenario.name:28} {result.in_window}/{result.expected} in window"
              f"{'  missed: ' + missed if missed else ''}"
              f"{'  unexpected: ' + extra if extra else ''}")
    print(f"\n{expected} expected nudges, {in_window} fired in their window, "
          f"{unexpected} fired where none was expected")


if __name__ == "__main__":
    main()
