"""The Notes pane keeps the newest notes in view after a terminal resize."""

from __future__ import annotations

import pytest

from tests.ui.session_helpers import START, T, app_for, live_screen, press


@pytest.mark.parametrize(("first", "then"), [((120, 40), (80, 24)), ((80, 24), (120, 30)),
                                             ((100, 30), (81, 25))])
async def test_newest_notes_stay_in_view_after_a_resize(store, fake, catalog, first,
                                                        then) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=first) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Decide about the lead role"), "enter")
        for i in range(14):
            await press(pilot, "n", T(f"note {i}: a long line that wraps at narrow widths, "
                                      "so the list grows taller when the terminal narrows"),
                        "enter")
        await pilot.pause()
        scroll = screen.query_one("#note-scroll")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y
        await pilot.resize_terminal(*then)
        await pilot.pause()
        await pilot.pause()
        assert scroll.max_scroll_y > 0
        assert scroll.scroll_y == scroll.max_scroll_y  # the newest note is still in view
