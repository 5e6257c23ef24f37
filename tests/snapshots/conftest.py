"""Snapshot fixtures: text cursors never blink (tests/pilot.py), so a frame is the same frame."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pilot import still_cursors


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from still_cursors(monkeypatch)
