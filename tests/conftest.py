"""Shared fixtures. Autouse: each test gets its own data and config folders (not the real ones)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog

# no per-example deadline: under `-n` a loaded machine is slow, not wrong
settings.register_profile("sessionkit", deadline=None)
settings.load_profile("sessionkit")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SESSIONKIT_DB", str(tmp_path / "data" / "sessionkit.json"))
    monkeypatch.setenv("SESSIONKIT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    return tmp_path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen commands run as in a terminal. CliRunner's streams are not one, and without
    one every screen command stops at once with one line (issue 18)."""
    monkeypatch.setattr("sessionkit.cli.base._interactive", lambda: True)


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def catalog() -> ModelCatalog:
    return ModelCatalog.load([])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `-n` (xdist), the tests that drive a real terminal, browser or sound server run one
    after another on one worker: they measure how the app behaves in real time, and two of them
    at once on a two-core machine would measure the machine instead."""
    for item in items:
        if item.get_closest_marker("e2e") or item.get_closest_marker("realtime"):
            item.add_marker(pytest.mark.xdist_group("realtime"))
