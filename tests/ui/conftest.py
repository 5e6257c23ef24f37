"""Pilot-test fixtures: a fresh in-memory store on the fake clock (test_review.py has its own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sessionkit.clock import FakeClock
from sessionkit.store import SessionStore
from tests.pilot import still_cursors


@pytest.fixture
def store(fake: FakeClock) -> SessionStore:
    return SessionStore.memory(fake)


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Text cursors never blink here (tests/pilot.py)."""
    yield from still_cursors(monkeypatch)
