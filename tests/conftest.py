"""Shared fixtures. Autouse: each test gets its own data and config folders (not the real ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SESSIONKIT_DB", str(tmp_path / "data" / "sessionkit.json"))
    monkeypatch.setenv("SESSIONKIT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    return tmp_path


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def catalog() -> ModelCatalog:
    return ModelCatalog.load([])
