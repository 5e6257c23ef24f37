"""Layout snapshots of home with its dashboard (120×40, 80×24) and the DEMO banner, fixed data
and clock. The dashboard is built in a worker after the first frame: each waits for it."""

from __future__ import annotations

from typing import Any

import pytest

from screens.app import SessionkitApp, make_app
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.demo import generate
from sessionkit.store import SessionStore

SIZES = [(120, 40), (80, 24)]


def home_app(demo: str | None = None) -> SessionkitApp:
    store = SessionStore.memory(FakeClock())
    store.save_many(generate(24))
    return make_app(store=store, catalog=ModelCatalog.load([]), clock=FakeClock(), demo=demo)


async def loaded(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.screen.query_one("#coach").cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_home_dashboard(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(home_app(), terminal_size=size, run_before=loaded)


def test_home_demo_banner(snap_compare) -> None:  # noqa: ANN001
    """Under `sessionkit demo`: the banner says where the throwaway data lives."""

    async def typed(pilot: Any) -> None:
        await loaded(pilot)
        await pilot.press("tab", *"Hana")  # the client: her open actions

    assert snap_compare(home_app("/tmp/sessionkit-demo-abc123"), terminal_size=(80, 24),
                        run_before=typed)
