"""Pilot tests of the feedback screen: `esc` back to the call, errors that go once fixed, and the
kind of session for the coaching log (the pair's last kind, peer once they swapped roles, or unset
and saved as unspecified)."""

from __future__ import annotations

import csv
import io

from textual.widgets import Input, Select

from screens.feedback import FeedbackScreen
from screens.session import SessionScreen
from screens.widgets.area import TextField
from sessionkit.exports.csv_log import write_csv
from sessionkit.models import UNSPECIFIED, Session
from tests.pilot import key_burst
from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (120, 40)
ONE_ROUND = {**START, "swap": False}


async def end_call(pilot) -> FeedbackScreen:  # noqa: ANN001
    """From the live screen's outcome field: `esc`, `e`, `y`; the feedback screen."""
    await pilot.press("escape", "e", "y")
    await pilot.pause()
    feedback = pilot.app.screen
    assert isinstance(feedback, FeedbackScreen)
    return feedback


async def test_esc_on_feedback_returns_to_the_call_and_the_clock_runs_on(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(90)
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        await press(pilot, T("the pause"))  # typed, then: "wait, we are not done"
        fake.advance(600)  # the feedback screen stood open ten minutes: not call time
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.live.ended
        assert screen.live.session.ended_at is None
        assert screen.live.snapshot().elapsed == 90  # on from where it stopped
        assert app.focused is screen.query_one("#talk-pane")
        fake.advance(30)
        await pilot.press("space")  # keys work again: the client speaks
        assert screen.live.tracker.speaker == "client"
        assert screen.live.snapshot().elapsed == 120
        # the journal says the session is running again (a crash now resumes the call)
        screen.recorder.flush()
        record = store.journal(screen.live.session.id).read_last()
        assert record["ended_at"] is None and record["status"] == "unfinished"
        # end again: the feedback typed before is still there; ctrl+s saves
        await pilot.press("e", "y")
        await pilot.pause()
        assert app.screen.query_one("#fb-0-most_helpful", TextField).value == "the pause"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.get(screen.live.session.id)
    assert saved is not None and saved.status == "completed"
    assert saved.rounds[0].elapsed_seconds == 120


async def test_esc_is_gone_once_saving_was_tried(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feedback = await end_call(pilot)
        assert feedback.check_action("back_to_call", ())
        feedback.on_save = lambda result: "NOT SAVED: disk full (ctrl+s tries again)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "disk full" in text(feedback.query_one("#fb-error"))
        assert not feedback.check_action("back_to_call", ())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is feedback  # still here: the session is finished


async def test_a_date_error_goes_once_the_date_is_fixed(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await end_call(pilot)
        error = app.screen.query_one("#fb-error")
        app.screen.query_one("#fb-next", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error.display and "cannot read 'someday'" in text(error)
        assert app.focused.id == "fb-next"
        await press(pilot, "ctrl+a", "ctrl+k", T("thu 18:00"))
        await pilot.pause()
        assert not error.display
        # an error in another field stays until that field is fixed
        app.screen.query_one("#fb-cadence", Input).value = "999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error.display and "Cadence" in text(error)
        await press(pilot, "backspace", "backspace")
        assert not error.display


async def finish_with_kind(app, pilot, keys: tuple[str, ...]) -> Select:  # noqa: ANN001
    """End the session, pick the kind with `keys` (none: leave it), save; the Select."""
    live_screen(app).live.clock.advance(120)  # coaching hours: a round of a minute or more
    await end_call(pilot)
    kind = app.screen.query_one("#fb-type", Select)
    shown = kind.value
    if keys:
        app.screen.set_focus(kind)
        await pilot.press(*keys)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return shown


def log_types(sessions: list[Session]) -> list[str]:
    out = io.StringIO()
    write_csv(iter(sessions), out)
    return [row["type"] for row in csv.DictReader(io.StringIO(out.getvalue()))]


async def test_kind_is_unset_for_a_first_session_and_saved_as_unspecified(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_id = live_screen(app).live.session.id
        shown = await finish_with_kind(app, pilot, ())
    assert shown is Select.NULL
    saved = store.get(session_id)
    assert saved is not None and saved.session_type == UNSPECIFIED
    assert log_types([saved]) == [UNSPECIFIED]  # the log says nobody said, not "peer"


async def test_kind_defaults_to_the_pairs_last_kind(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = live_screen(app).live.session.id
        await finish_with_kind(app, pilot, ("enter", "down", "down", "enter"))  # paid
    assert store.get(first).session_type == "paid"
    fake.advance(14 * 86400)
    again = app_for(store, fake, catalog, {**ONE_ROUND, "coach": "ana", "client": "BEN"})
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(again)
        shown = await finish_with_kind(again, pilot, ())
        assert isinstance(again.screen, SessionScreen) is False
    assert shown == "paid"
    assert store.get(screen.live.session.id).session_type == "paid"
    # another pair starts unset again
    other = app_for(store, fake, catalog, {**ONE_ROUND, "client": "Chloe"})
    async with other.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = await finish_with_kind(other, pilot, ())
    assert shown is Select.NULL


async def test_the_date_field_says_which_date_it_understood(store, fake, catalog) -> None:
    """The hint's forms are accepted and said back; a time later today is stated as today."""
    app = app_for(store, fake, catalog, ONE_ROUND)  # the fake clock: Wed 25 Nov 10:00 local
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await end_call(pilot)
        field = app.screen.query_one("#fb-next", Input)
        said = app.screen.query_one("#fb-when")
        for typed, expected in (
            ("next tuesday 18:30", "Tue 1 Dec 18:30, in 6 days"),
            ("in 2 weeks 18:30", "Wed 9 Dec 18:30, in 14 days"),
            ("wed 10:43", "today Wed 25 Nov 10:43, in 43 min"),
        ):
            field.value = typed
            await pilot.pause()
            assert expected in text(said), typed
        assert "next tue 18:30" in field.placeholder


async def test_a_pair_that_swapped_roles_is_offered_peer(store, fake, catalog) -> None:
    """Two people who coached each other in one call are peers: the kind shows `peer` (the coach
    may change it); a one-to-one call stays unset (test above)."""
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        fake.advance(120)
        await pilot.press("escape", "r", "y")
        await pilot.pause()
        assert len(screen.live.session.rounds) == 2
        shown = await finish_with_kind(app, pilot, ())
    assert shown == "peer"
    saved = store.get(screen.live.session.id)
    assert saved is not None and saved.session_type == "peer"


async def test_answers_typed_in_one_burst_land_in_their_own_fields_and_save_whole(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await end_call(pilot)
        key_burst(app, "The questions", "enter", "and the silence", "tab", "Too fasx",
                  "backspace", "t", "tab", "7", "tab", "Listening", "tab", "Slower",
                  "ctrl+s")
        for _ in range(10):
            await pilot.pause()
        saved = store.get(screen.live.session.id)
    assert saved is not None and saved.status == "completed"
    assert saved.rounds[0].feedback == {
        "most_helpful": "The questions\nand the silence", "less_helpful": "Too fast",
        "scale_end": 7, "coach_worked": "Listening", "coach_improve": "Slower",
    }
