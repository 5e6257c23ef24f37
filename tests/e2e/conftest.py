"""Fixtures of the tmux tests (helpers: tmuxdrive.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmuxdrive import Terminal, app_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return app_env(tmp_path)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "sessionkit.json"


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Terminals a test opened: closed when it ends, whatever happened."""
    opened: list[Terminal] = []
    yield opened
    for term in opened:
        term.close()
