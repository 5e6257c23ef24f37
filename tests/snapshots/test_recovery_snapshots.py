"""Layout snapshot of the recovery screen (a damaged database with a good backup), 100x30 and
80x24. Regenerate after an intended change with `--snapshot-update`, after reading the report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from screens.recovery import RecoveryApp
from sessionkit.clock import FakeClock
from sessionkit.store.backups import Backup
from sessionkit.store.recovery import Damage

FOLDER = Path("/home/coach/.local/share/sessionkit")


def damage() -> Damage:
    """Built in the test, under the zone the test runs in: the backup shows 17:04 in any zone."""
    return Damage(
        FOLDER / "sessionkit.json",
        "not valid JSON (unterminated string, line 1 column 18211, byte 18210)",
        Backup(FOLDER / "backups" / "sessionkit-20261125T170412Z.json",
               datetime(2026, 11, 25, 17, 4, 12).astimezone(), 42),
    )


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_recovery_screen(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(RecoveryApp(damage(), FakeClock()), terminal_size=size)
