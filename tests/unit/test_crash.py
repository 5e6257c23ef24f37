"""kill -9 at random moments never loses an acknowledged session or note (crash_harness.py).

100 trials here (about a second each); `python bench/stress_crash.py` runs 1,000.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from crash_harness import run_trials

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


@pytest.mark.slow
def test_kill_9_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    result = run_trials(tmp_path, trials=100, lanes=4, seed=20261125)
    assert result.failures == []
    assert result.trials == 100
    # the trials did real work: most were killed mid-stream, after many acknowledged writes
    assert result.acknowledged > 1000
    assert result.before_open < 50
