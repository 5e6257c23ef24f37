"""What `sessionkit start` skips before its first frame (issue 17's speed floor) is only what
would have been done twice: the live screen's CSS is read once, a later resume restyles, and a
terminal resize lays the screen out."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.css.stylesheet import Stylesheet

from screens.app import live_css
from tests.ui.session_helpers import START, app_for, live_screen

SIZE = (120, 40)


async def test_live_css_is_read_once_with_the_apps(
    store, fake, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[Stylesheet] = []
    original = Stylesheet.reparse

    def spy(self: Stylesheet) -> None:
        reparsed.append(self)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", spy)
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        assert [str(p) for p in screen.css_path] == [str(p) for p in live_css()]
        read = [path for path, _ in app.stylesheet.source if path.endswith("session.tcss")]
        assert read == [str(live_css()[0])]
        assert reparsed == []  # pushing the live screen found its CSS there: nothing reparsed


async def test_a_later_resume_restyles_the_live_screen(
    store, fake, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        restyled: list[Any] = []
        original = screen.update_node_styles

        def spy(animate: bool = True) -> None:
            restyled.append(animate)
            original(animate)

        monkeypatch.setattr(screen, "update_node_styles", spy)
        screen.post_message(events.ScreenResume())  # as Textual's push_screen / switch_mode send
        await pilot.pause()
        assert restyled == [False], "a resume after the first restyles the live screen"


async def test_a_terminal_resize_still_lays_the_live_screen_out(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        assert screen.has_class("-tall") and screen.size == SIZE
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert screen.size == (100, 30)
        assert screen.has_class("-short") and not screen.has_class("-tall")
        assert screen.query_one("#panes").size.width == 100
        await pilot.resize_terminal(70, 20)  # too small: the panes give way to one line
        await pilot.pause()
        assert not screen.query_one("#panes").display
        assert screen.query_one("#too-small").display
