"""Layout snapshot of the unlock screen (an encrypted database), 100x30 and 80x24, before and
after a wrong passphrase. Regenerate after an intended change with `--snapshot-update`."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.unlock import UnlockApp
from sessionkit.crypt.errors import WrongPassphrase

DB = Path("/home/coach/.local/share/sessionkit/sessionkit.json")


def never(path: Path, passphrase: str) -> None:
    raise WrongPassphrase()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_unlock_screen(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(UnlockApp(DB, derive=never), terminal_size=size)


def test_unlock_screen_after_a_wrong_passphrase(snap_compare) -> None:  # noqa: ANN001
    async def wrong(pilot) -> None:  # noqa: ANN001
        await pilot.press(*"tulip")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(UnlockApp(DB, derive=never), terminal_size=(80, 24), run_before=wrong)
