"""Group meetings from the home screen (Pilot): an unfinished meeting offered like an unfinished
session (y resumes, n keeps and lists it), and starting one from home with the command line's
one-line checks."""

from __future__ import annotations

from pathlib import Path

from screens.dialogs import ConfirmDialog
from screens.home import HomeScreen
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.group.live import LiveGroup
from sessionkit.store import SessionStore
from sessionkit.store.groups import all_groups, pending_groups, raw_groups
from tests.ui.group_helpers import METHODS, wait_for
from tests.ui.session_helpers import T, app_for, press, text

SIZE = (80, 24)


def crashed_meeting(store: SessionStore, fake: FakeClock) -> LiveGroup:
    """A meeting mid-round whose journal was left behind (as after kill -9)."""
    live = LiveGroup.start(["Ana", "Ben", "Cem", "Dee"], METHODS.get("tietze"), fake)
    live.set_case("Cem", "Budget cut")
    live.start_round(live.default_roles("Cem"), "Budget cut")
    live.speak("Ben")
    fake.advance(40)
    live.add("advice", "Say no")
    store.journal(live.session.id).append(live.record())
    return live


async def test_an_unfinished_meeting_resumes_on_y(store, fake, catalog) -> None:
    live = crashed_meeting(store, fake)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Resume the unfinished group meeting of Ana, Ben, Cem, Dee from 10:00?" in text(
            app.screen.query_one("#question"))
        await pilot.press("y")
        rnd = await wait_for(pilot, "GroupRoundScreen")
        assert rnd.live.session.id == live.session.id
        assert rnd.live.round.case_giver == "Cem"
        assert [a.text for a in rnd.live.round.advice] == ["Say no"]
        assert rnd.live.tracker.elapsed() == 40


async def test_an_unfinished_meeting_kept_on_n_is_listed_and_resumes(store, fake,
                                                                     catalog) -> None:
    live = crashed_meeting(store, fake)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert pending_groups(store) == []
        (kept,) = raw_groups(store)
        assert kept["id"] == live.session.id and kept["status"] == "unfinished"
        assert kept["rounds"][0]["advice"][0]["text"] == "Say no"
        listing = app.screen.query_one("#unfinished")
        option = listing.get_option(f"group:{live.session.id}")
        assert "group of 4: Ana, Ben, Cem, Dee" in str(option.prompt)
        listing.focus()
        listing.highlighted = listing.get_option_index(f"group:{live.session.id}")
        await pilot.press("enter")
        rnd = await wait_for(pilot, "GroupRoundScreen")
        assert rnd.live.session.id == live.session.id


async def test_a_session_and_a_meeting_both_unfinished_are_both_asked(store, fake,
                                                                      catalog) -> None:
    from tests.ui.test_home import crashed_session

    crashed_session(store, fake, catalog)
    meeting = crashed_meeting(store, fake)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "unfinished session with Ana and Ben" in text(app.screen.query_one("#question"))
        await pilot.press("n")
        await pilot.pause()
        assert "unfinished group meeting" in text(app.screen.query_one("#question"))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [m.id for m in all_groups(store)] == [meeting.session.id]


async def test_start_a_meeting_from_home_with_one_line_errors(store: SessionStore,
                                                              fake: FakeClock,
                                                              catalog: ModelCatalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        dialog = await wait_for(pilot, "GroupStartDialog")
        assert app.focused.id == "gs-members"
        error = dialog.query_one("#gs-error")
        await press(pilot, T("Ana, Ben"), "enter")
        assert text(error) == "members: a group has 3 to 8 members, not 2"
        await press(pilot, T(", ana"), "enter")
        assert "twice" in text(error)
        app.focused.value = "Ana, Ben, Cem, Dee, Eve"
        await press(pilot, "tab", "tab", T("0"), "enter")
        assert text(error) == "minutes 0: a round lasts 1 to 240 minutes"
        assert raw_groups(store) == [] and store.pending() == [] and pending_groups(store) == []
        app.focused.value = "25"
        await pilot.press("enter")
        casting = await wait_for(pilot, "CastingScreen")
        assert casting.live.session.members == ["Ana", "Ben", "Cem", "Dee", "Eve"]
        assert casting.live.method.key == "resource"
        assert casting.live.session.planned_minutes == 25
        await pilot.press("escape")  # nothing to leave casting by escape: still casting
        assert type(app.screen).__name__ == "CastingScreen"


async def test_the_start_dialog_goes_back_home_on_escape(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await wait_for(pilot, "GroupStartDialog")
        await press(pilot, T("Ana,Ben,Cem"), "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert raw_groups(store) == [] and pending_groups(store) == []


async def test_a_damaged_meeting_is_a_toast_in_the_app(tmp_path: Path, fake: FakeClock) -> None:
    """Reported as a damaged session is (tests/unit/test_group_schema.py for the rest)."""
    from screens.app import make_app
    from tests.unit.test_group_schema import _damage, _db_with_a_meeting

    db = tmp_path / "db.json"
    _db_with_a_meeting(db, fake)
    _damage(db)
    store = SessionStore.open(db)
    try:
        app = make_app(store=store, clock=fake)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            await pilot.pause()
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            assert any("holds 1 damaged group meeting record" in t for t in toasts), toasts
    finally:
        store.close()
