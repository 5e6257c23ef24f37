"""Key `m` marks a moment (time and phase) and an action may end in `by DATE` (its due day):
both are kept in the round, shown on the live screen, in the review, on the feedback screen and
in the exports."""

from __future__ import annotations

import json

from screens.detail import SessionDetailScreen
from screens.feedback import FeedbackScreen
from sessionkit.exports.markdown import session_md
from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (120, 40)
ONE_ROUND = {**START, "swap": False}


async def test_m_marks_the_moment_and_the_feedback_screen_shows_it(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Decide about the lead role"), "enter", "]")
        fake.advance(8 * 60 + 20)
        await pilot.press("m")
        await pilot.pause()
        [mark] = screen.live.round.marks
        assert (mark.elapsed, mark.phase) == (500.0, "Reality")
        assert "Moment marked · 8:20 · Reality" in screen.header.status
        assert "★ moment marked at 8:20" in text(screen.query_one("#note-list"))
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "★ Moments marked: 8:20 Reality" in text(app.screen.query_one(".fb-marks"))


async def test_an_action_by_a_date_is_due_that_day(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)  # Wed 25 Nov 10:00 local
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Decide about the lead role"), "enter")
        await press(pilot, "a", T("Call Sam by next tue"), "enter")
        await pilot.pause()
        action = screen.live.round.notes[-1]
        assert (action.text, action.due) == ("Call Sam by next tue", "2026-12-01")  # as typed
        assert "Action saved · due Tue 1 Dec" in screen.header.status
        assert "Call Sam by next tue · due Tue 1 Dec" in text(screen.query_one("#note-list"))
        await press(pilot, "a", T("Stand by me"), "enter")
        await pilot.pause()
        assert (screen.live.round.notes[-1].text, screen.live.round.notes[-1].due) == (
            "Stand by me", None)
        await press(pilot, "a", T("Write it up by 2026-11-01"), "enter")  # in the past
        await pilot.pause()
        kept = screen.live.round.notes[-1]
        assert (kept.text, kept.due) == ("Write it up by 2026-11-01", None)  # nothing lost
        assert "no due date" in screen.header.status and "in the past" in screen.header.status


async def test_marks_and_due_days_reach_the_review_and_the_exports(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Decide about the lead role"), "enter")
        fake.advance(95)
        await press(pilot, "m", "a", T("Call Sam by fri"), "enter")
        session = screen.live.session
        data = session.to_dict()
        [rnd] = data["rounds"]
        assert rnd["marks"] == [{"at": "2026-11-25T09:01:35+00:00", "elapsed": 95.0,
                                 "phase": "Goal"}]
        assert rnd["notes"][-1]["due"] == "2026-11-27"
        assert json.loads(json.dumps(data))["rounds"][0]["notes"][-1]["kind"] == "action"
        md = session_md(session)
        assert "- [ ] Call Sam by fri (due 2026-11-27)" in md
        assert "### Moments marked" in md and "at 1:35 of the round" in md
        await pilot.press("e", "y")
        await pilot.pause()
        await press(pilot, "ctrl+s")
        await pilot.pause()
    detail = SessionDetailScreen(store, fake, session.id)
    app2 = app_for(store, fake, catalog)
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app2.push_screen(detail)
        await pilot.pause()
        await pilot.pause()
        assert "★ at 1:35 · Goal" in text(detail.query_one(".detail-marks"))
        assert "due Fri 27 Nov" in text(detail.query_one(".detail-actions"))


async def test_session_n_starts_with_last_times_outcome_and_scale(store, fake, catalog) -> None:
    """Next to last time's open actions: what the client wanted and how close they got."""
    from sessionkit.models import Note, Round, Session

    at = "2026-11-17T15:00:00+00:00"
    rnd = Round("Ana", "Ben", at, outcome="Decide about the lead role", scale_start=4,
                feedback={"scale_end": 7}, notes=[Note(at, "Call Sam", "action")])
    store.save_many([Session(at, rounds=[rnd], status="completed")])
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        start = screen.query_one("#start-list")
        first = str(start.get_option_at_index(0).prompt)
        assert first == "Last time (Tue 17 Nov): Decide about the lead role · scale 4 → 7 of 10"
        assert start.get_option_at_index(0).disabled  # nothing to tick
        assert "Last time: Call Sam" in str(start.get_option_at_index(1).prompt)
        assert start.display and not start.all_ticked
        start.select("action:0")
        await pilot.pause()
        assert start.all_ticked  # the action was all there was to tick: the list folds
