"""Pilot-test fixtures: a fresh in-memory store on the fake clock (test_review.py has its own)."""

from __future__ import annotations

import pytest

from sessionkit.clock import FakeClock
from sessionkit.store import SessionStore


@pytest.fixture
def store(fake: FakeClock) -> SessionStore:
    return SessionStore.memory(fake)
