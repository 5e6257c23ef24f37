"""Footer, help and README agree: every footer fits 80 columns, help is a two-column table that
never wraps under the key column, and the README's key table lists exactly the help's keys."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Footer

from screens.help import EXTRA, binding_rows, key_table
from screens.session_keys import SESSION_BINDINGS
from sessionkit.demo import generate
from tests.ui.session_helpers import START, app_for

README = Path(__file__).resolve().parents[2] / "README.md"
LIVE_KEYS = any(b.key == "ctrl+t" for b in SESSION_BINDINGS)
"""The live screen's new keys (ctrl+t, z) and its footer come with issue 10's live-screen
rebuild; until that branch is merged the tests that need them say so and skip."""
needs_live_keys = pytest.mark.skipif(not LIVE_KEYS, reason="needs the rebuilt live screen "
                                     "(ctrl+t, z, its footer): issue 10's live branch")


def help_keys() -> set[str]:
    rows = binding_rows(SESSION_BINDINGS, {}) + list(EXTRA)
    return {k.strip() for key, _ in rows for k in key.split(" / ")}


def readme_keys() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("### Keys on the live screen", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            keys.update(re.findall(r"`([^`]+)`", first))
    return keys


@needs_live_keys
def test_readme_and_help_list_the_same_keys() -> None:
    shown, documented = help_keys(), readme_keys()
    for key in ("space", "ctrl+t", "s", "z", "n", "a", "!", "]", "[", "p", "r", "e", "o", "u",
                "c", "?", "ctrl+q", "ctrl+p"):
        assert key in shown, key
        assert key in documented, key
    # tab / enter / esc are explained in help's extra rows and in the README's prose
    assert documented - shown == set()
    assert shown - documented <= {"tab", "shift+tab", "enter", "esc"}


def test_help_wraps_descriptions_under_themselves_not_under_the_keys() -> None:
    rows = binding_rows(SESSION_BINDINGS, {}) + list(EXTRA)
    console = Console(width=60, file=io.StringIO(), record=True)
    console.print(key_table(rows))
    lines = console.export_text().splitlines()
    column = max(len(k) for k, _ in rows) + 2
    assert len(lines) > len(rows)  # at 60 columns some descriptions wrap...
    keys = {k for k, _ in rows}
    for line in lines:
        head = line[:column].rstrip()
        assert head == "" or head in keys, line  # ...but only in their own column


async def footer_fits(app: Any, pilot: Any) -> None:
    await pilot.pause()
    footer = app.screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    assert keys, type(app.screen).__name__
    right = max(k.region.right for k in keys)
    assert right <= 80, f"{type(app.screen).__name__}: footer needs {right} columns"


async def test_every_footer_fits_80_columns(store, fake, catalog) -> None:
    store.save_many(generate(24))
    app = app_for(store, fake, catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await footer_fits(app, pilot)  # home
        for keys in (("ctrl+r",), ("enter",), ("escape", "a"), ("escape", "p")):
            await pilot.press(*keys)
            await footer_fits(app, pilot)  # review, a session, actions, partnerships
        if not LIVE_KEYS:
            return  # the old live screen's footer is cut at 80 columns (issue 10)
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.screen.begin(**START)
        await pilot.pause()
        await pilot.press("escape")
        await footer_fits(app, pilot)  # the live screen
        await pilot.press("e", "y")
        await footer_fits(app, pilot)  # feedback


async def test_the_command_palette_runs_the_screens_keys_by_name(store, fake, catalog) -> None:
    from screens.partnerships import PartnershipsScreen
    from screens.review import ReviewScreen

    store.save_many(generate(24))
    app = app_for(store, fake, catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p", *"Review")  # home's ctrl+r, by name
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+p", *"Partnerships")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PartnershipsScreen)


def shown_actions(app: Any) -> set[str]:
    return {b.binding.action for b in app.screen.active_bindings.values()
            if b.enabled and b.binding.show}


async def test_review_from_the_command_line_shows_esc_only_where_it_does_something(
    store, fake, catalog
) -> None:
    from screens.app import make_app
    from screens.widgets.row_table import RowTable

    store.save_many(generate(24))
    app = make_app(store=store, catalog=catalog, clock=fake, review=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, RowTable)
        assert "back" not in shown_actions(app)  # nothing to go back to
        await pilot.press("slash")
        assert app.focused.id == "review-search"
        assert "back" in shown_actions(app)  # esc: back to the results
        await pilot.press(*"mornings", "enter")  # enter moves to the results
        await pilot.pause()
        assert isinstance(app.focused, RowTable) and app.focused.items
        assert "back" not in shown_actions(app)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ReviewScreen"  # still here, nothing happened
    # opened from home, esc goes back home and says so
    home = app_for(store, fake, catalog)
    async with home.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "back" in shown_actions(home)
        await pilot.press("escape")
        assert type(home.screen).__name__ == "HomeScreen"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_help_leaves_the_clock_in_view_and_says_how_to_close(store, fake, catalog,
                                                                   size) -> None:
    from textual.containers import VerticalScroll

    from screens.help import HelpScreen
    from screens.session import SessionScreen

    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        live = app.screen_stack[-2]
        assert isinstance(live, SessionScreen)
        box = app.screen.query_one(VerticalScroll)
        clock = live.query_one("#clock")
        assert "esc" in str(box.border_title) and "closes" in str(box.border_title)
        assert box.region.x >= clock.region.right  # the clock is not covered
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is live
