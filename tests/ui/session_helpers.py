"""Helpers for the live-screen Pilot tests: build the app through make_app with a FakeClock."""

from __future__ import annotations

from typing import Any

from screens.app import SessionkitApp, make_app
from screens.session import SessionScreen
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from sessionkit.store import SessionStore

START = {"coach": "Ana", "client": "Ben", "minutes": 45, "model": "grow", "swap": True}


def app_for(
    store: SessionStore,
    fake: FakeClock,
    catalog: ModelCatalog,
    start: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> SessionkitApp:
    return make_app(store=store, catalog=catalog, settings=settings, clock=fake, start=start)


def live_screen(app: SessionkitApp) -> SessionScreen:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, SessionScreen):
            return screen
    raise AssertionError(f"no live screen in {app.screen_stack}")


def text(widget: Any) -> str:
    """The plain text a Static/Line shows (a Rich renderable such as a table is rendered)."""
    content = getattr(widget, "content", None)
    if not isinstance(content, str) and hasattr(content, "__rich_console__"):
        import io

        from rich.console import Console

        console = Console(width=200, file=io.StringIO(), record=True)
        console.print(content)
        return console.export_text().rstrip("\n")
    return str(widget.render()).replace("\xa0", " ").rstrip("\n")


class T(str):
    """Text typed into the focused field in one go (Pilot presses cost ~60 ms per key)."""


async def press(pilot: Any, *keys: str) -> None:
    """Like pilot.press, but `T("some text")` is inserted into the focused Input at once."""
    for key in keys:
        if isinstance(key, T):
            pilot.app.focused.insert_text_at_cursor(str(key))
            await pilot.pause()
        else:
            await pilot.press(key)
