"""A schedule that stays (issue 20): several agreed dates and a series on the feedback screen,
kept when a later session agrees none; the plan (n of N, cadence) from `start --programme
--cadence`, inherited by later sessions; the checklist agreed once."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from textual.widgets import Input

from screens.feedback import FeedbackScreen
from screens.partnerships import PartnershipCard, PartnershipsScreen
from sessionkit.exports.run import export
from sessionkit.review.history import HistoryIndex
from sessionkit.review.partnerships import partnerships
from sessionkit.timefmt import epoch
from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (120, 40)
ONE_ROUND = {**START, "swap": False}
DAY = 86400


async def one_session(store, fake, catalog, when: str, start: dict | None = None,  # noqa: ANN001
                      cadence: str | None = None) -> str:
    """Run a session of Ana and Ben through the app, agreeing `when` on the feedback screen."""
    app = app_for(store, fake, catalog, start or ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_id = live_screen(app).live.session.id
        fake.advance(45 * 60)
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        if when:
            app.screen.query_one("#fb-next", Input).focus()
            await pilot.pause()
            await press(pilot, T(when))
        if cadence is not None:
            app.screen.query_one("#fb-cadence", Input).value = cadence
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FeedbackScreen), text(app.screen.query_one("#fb-error"))
    return session_id


def pair_now(store, fake):  # noqa: ANN001, ANN201
    (p,) = partnerships(HistoryIndex.from_store(store).rows, fake.now())
    return p


async def test_several_dates_survive_a_later_session_that_agrees_none(
    store, fake, catalog, tmp_path
) -> None:
    # 25 Nov 09:00 UTC: three sessions agreed, a fortnight apart
    first = await one_session(
        store, fake, catalog, "2026-12-09 18:30 UTC; 2026-12-23 18:30 UTC every 2 weeks x 2")
    saved = store.get(first)
    assert saved is not None and [a.at for a in saved.next_sessions()] == [
        "2026-12-09T18:30:00+00:00", "2026-12-23T18:30:00+00:00", "2027-01-06T18:30:00+00:00"]
    assert saved.next_session == "2026-12-09T18:30:00+00:00"  # old readers: the first one
    fake.wall = datetime(2026, 12, 9, 18, 30, tzinfo=UTC)  # the first agreed session is held
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        kept = text(app.screen.query_one("#fb-agreed"))
        assert "Already agreed (kept): Wed 23 Dec" in kept and "Wed 06 Jan" in kept
        await pilot.press("ctrl+s")  # "When?" left empty
        await pilot.pause()
        assert not isinstance(app.screen, FeedbackScreen)
        await app.push_screen(PartnershipsScreen(HistoryIndex.from_store(store), fake))
        await pilot.pause()
        assert isinstance(app.screen, PartnershipsScreen)
        card = app.screen.query_one(PartnershipCard)
        assert [s.at for s in card.partnership.upcoming] == [
            "2026-12-23T18:30:00+00:00", "2027-01-06T18:30:00+00:00"]
        shown = text(card.query_one(".partnership-rhythm")) + text(
            card.query_one(".partnership-agreed"))
        assert "next Wed 23 Dec" in shown and "agreed ahead (2)" in shown
    p = pair_now(store, fake)
    assert p.status == "scheduled" and p.sessions_held == 2
    out = tmp_path / "next.ics"
    export(store, "ics", out)
    events = icalendar.Calendar.from_ical(out.read_text()).walk("VEVENT")
    assert sorted(str(e.decoded("dtstart").date()) for e in events) == [
        "2026-12-23", "2027-01-06"]  # the held one is no longer "next"
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == 2 and all(u.startswith(f"{first}-next") for u in uids)


async def test_bad_dates_are_refused_naming_the_field(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        error = app.screen.query_one("#fb-error")
        for typed, said in (
            ("2026-11-01 18:30", "in the past"),
            ("2026-12-09 18:30 UTC; 2026-12-09 18:30 UTC", "given twice"),
            ("2026-12-09 18:30 every 2 weeks", "a series needs an end"),
        ):
            app.screen.query_one("#fb-next", Input).value = typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert error.display and "Next session:" in text(error) and said in text(error)
        app.screen.query_one("#fb-next", Input).value = ""
        for field, value, said in (("#fb-cadence", "0", "Cadence"),
                                   ("#fb-cadence", "400", "Cadence"),
                                   ("#fb-programme", "0", "Programme")):
            app.screen.query_one(field, Input).value = value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert error.display and text(error).startswith(f"{said}:"), text(error)
            app.screen.query_one(field, Input).value = ""
        assert isinstance(app.screen, FeedbackScreen)  # nothing saved


async def test_plan_from_start_options_is_inherited_and_shown(store, fake, catalog) -> None:
    await one_session(store, fake, catalog, "",
                      start={**ONE_ROUND, "programme": 12, "cadence": 14})
    fake.advance(14 * DAY)
    second = await one_session(store, fake, catalog, "")  # no plan given: inherited
    saved = store.get(second)
    assert saved is not None and (saved.programme_total, saved.cadence_days) == (12, 14)
    p = pair_now(store, fake)
    assert p.progress == "session 2 of 12" and p.cadence_days == 14
    fake.advance(20 * DAY)
    p = pair_now(store, fake)
    assert p.status == "overdue" and "agreed: every 14" in p.reason


async def test_feedback_fields_hold_real_values_not_placeholders(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, ONE_ROUND)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        cadence = app.screen.query_one("#fb-cadence", Input)
        assert cadence.value == "" and not any(c.isdigit() for c in cadence.placeholder)
        cadence.value, app.screen.query_one("#fb-programme", Input).value = "21", "6"
        sid = live_screen(app).live.session.id
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.get(sid)
    assert saved is not None and (saved.cadence_days, saved.programme_total) == (21, 6)


async def test_checklist_is_agreed_once(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)  # a new pair, swapping roles
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        live = live_screen(app).live
        assert live.round.checklist and not any(live.round.checklist.values())
        for key in live.round.checklist:
            live.tick_checklist(key)
        live.switch_roles()
        assert live.round.coach == "Ben" and all(live.round.checklist.values())
        assert epoch(live.round.started_at) > 0


def test_the_session_view_lists_every_date_it_agreed() -> None:
    import io

    from rich.console import Console

    from screens.detail import facts
    from sessionkit.models import Round, Session
    from sessionkit.schedule import agreed_list

    s = Session(id="s1", started_at="2026-12-01T18:00:00+00:00", status="completed",
                rounds=[Round("Anna", "Ben", "2026-12-01T18:00:00+00:00")])
    s.set_schedule(agreed_list("s1", [("2026-12-15T18:30:00+00:00", "Europe/Amsterdam"),
                                      ("2026-12-29T18:30:00+00:00", "Europe/Amsterdam")]))
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(facts(s))
    assert "Sessions agreed: Tue 15 Dec 2026 19:30, Tue 29 Dec 2026 19:30" in (
        console.export_text())


async def test_cancel_and_move_the_next_agreed_session_from_the_partnership_view(
    store, fake  # noqa: ANN001
) -> None:
    from screens.app import make_app
    from sessionkit.models import Round, Session
    from sessionkit.schedule import CANCELLED, agreed_list

    s = Session(id="s1", started_at="2026-11-20T18:00:00+00:00", status="completed",
                rounds=[Round("Anna", "Ben", "2026-11-20T18:00:00+00:00")])
    s.set_schedule(agreed_list("s1", [("2026-12-04T18:00:00+00:00", "UTC"),
                                      ("2026-12-18T18:00:00+00:00", "UTC")]))
    store.save(s)
    app = make_app(store=store, clock=fake, review=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipsScreen)
        assert isinstance(app.focused, PartnershipCard)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        first, second = store.get("s1").schedule()  # type: ignore[union-attr]
        assert first.status == CANCELLED and first.sequence == 1 and second.status != CANCELLED
        card = app.screen.query_one(PartnershipCard)
        assert [x.at for x in card.partnership.upcoming] == ["2026-12-18T18:00:00+00:00"]
        app.screen.query_one(PartnershipCard).focus()
        await pilot.press("m")
        await pilot.pause()
        await press(pilot, T("2026-12-19 17:30 UTC"), "enter")
        await pilot.pause()
        moved = store.get("s1").schedule()[1]  # type: ignore[union-attr]
        assert (moved.at, moved.uid, moved.sequence) == (
            "2026-12-19T17:30:00+00:00", second.uid, 1)  # the same calendar event, moved
