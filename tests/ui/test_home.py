"""Pilot tests of the home screen: start form, resume y/n on start, review, second instance."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input

from screens.dialogs import ConfirmDialog
from screens.home import HomeScreen
from screens.session import SessionScreen
from screens.widgets import TalkPane
from sessionkit.cli import main
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.live.session import LiveSession
from sessionkit.store import SessionStore
from tests.pilot import key_burst, wait_for
from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (100, 30)


def crashed_session(store: SessionStore, fake: FakeClock, catalog: ModelCatalog) -> LiveSession:
    """A live session whose journal was left behind (as after kill -9)."""
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    live.set_outcome("Decide about the move")
    fake.advance(300)
    live.add_note("keeps saying 'should'")
    store.journal(live.session.id).append(live.record())
    return live


async def test_start_form_opens_the_live_screen(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.focused.id == "coach"
        await press(pilot, T("Ana"), "tab", T("Ben"), "enter")
        screen = live_screen(app)
        assert (screen.live.round.coach, screen.live.round.client) == ("Ana", "Ben")
        assert screen.live.model.key == "grow" and screen.live.round.planned_minutes == 45
        assert app.focused.id == "outcome"


async def test_a_form_typed_in_one_burst_fills_each_field(store, fake, catalog) -> None:
    # tmux send-keys "Ana" Tab "Ben" Tab "30" Enter: Textual's own tab waited behind the letters
    # in the field's queue, and "AnaBen30" went into Coach
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        key_burst(app, "Ana", "tab", "Ben", "tab", "30", "enter")
        screen = await wait_for(pilot, lambda: next(
            (s for s in app.screen_stack if isinstance(s, SessionScreen)), None), "the live screen")
        assert (screen.live.round.coach, screen.live.round.client) == ("Ana", "Ben")
        assert screen.live.round.planned_minutes == 30


async def test_start_form_refuses_bad_input_and_keeps_it(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, T("Ana"), "tab", T("ana"), "enter")
        assert isinstance(app.screen, HomeScreen)
        assert "two different people" in text(app.screen.query_one("#home-error"))
        assert app.screen.query_one("#client", Input).value == "ana"


async def test_unfinished_session_resumes_on_y(store, fake, catalog) -> None:
    live = crashed_session(store, fake, catalog)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Resume the unfinished session with Ana and Ben from 10:00?" in text(
            app.screen.query_one("#question")
        )
        await pilot.press("y")
        await pilot.pause()
        screen = live_screen(app)
        assert screen.live.session.id == live.session.id
        assert isinstance(app.focused, TalkPane)  # focus on the session, not the outcome
        assert screen.live.round.notes[0].text == "keeps saying 'should'"
        assert screen.live.tracker.elapsed() == 300
        assert screen.live.tracker.speaker == "silence"


async def test_unfinished_session_kept_on_n(store, fake, catalog) -> None:
    live = crashed_session(store, fake, catalog)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        kept = store.get(live.session.id)
        assert kept is not None and kept.status == "unfinished"
        assert kept.rounds[0].notes[0].text == "keeps saying 'should'"
        assert store.pending() == []
        # it is listed to resume later
        listing = app.screen.query_one("#unfinished")
        assert listing.get_option(live.session.id) is not None


async def test_start_command_asks_about_a_crashed_session_first(store, fake, catalog) -> None:
    crashed_session(store, fake, catalog)
    app = app_for(store, fake, catalog, dict(START, coach="Cy", client="Dee"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        screen = live_screen(app)
        assert (screen.live.round.coach, screen.live.round.client) == ("Cy", "Dee")


async def test_review_opens_or_says_it_is_missing(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        try:
            import screens.review  # noqa: F401
        except ImportError:
            assert isinstance(app.screen, HomeScreen)
            assert "not available" in text(app.screen.query_one("#home-error"))
        else:
            assert type(app.screen).__name__ == "ReviewScreen"


def test_second_instance_is_refused_with_one_line(tmp_path: Path, terminal: None) -> None:
    db = tmp_path / "held.json"
    held = SessionStore.open(db)
    try:
        result = CliRunner().invoke(main, ["--db", str(db), "start", "--coach", "A",
                                           "--client", "B"])
    finally:
        held.close()
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "already open" in lines[0] and "Close it first" in lines[0]
    assert "Traceback" not in result.output
