"""Whole at 80×24: who coaches whom is never cut (it wraps), a status goes after a few seconds
on the app's clock, the resume dialog, the start-of-round list, home's lists and the feedback
screen's date hint show every sentence whole (wrapped, never cut with `…`)."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from screens.dialogs import ConfirmDialog
from screens.widgets.header import ERROR_SECONDS, STATUS_SECONDS, AppHeader
from sessionkit.demo import generate
from tests.pilot import wait_for
from tests.ui.session_helpers import START, T, app_for, live_screen, press

SIZE = (80, 24)
COACH = "Maximiliana Oyelaran-Whitfield"
CLIENT = "Benedikt Okafor-Lindqvist"
LONG = {**START, "coach": COACH, "client": CLIENT}


def shown_text(app: Any) -> str:
    """Every character on screen, line by line (what the terminal shows)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def in_region(app: Any, widget: Any) -> str:
    """What the terminal shows inside `widget`'s region, its lines joined by spaces."""
    lines = shown_text(app).splitlines()[widget.region.y:widget.region.bottom]
    return flat(" ".join(line[widget.region.x:widget.region.right] for line in lines))


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").replace("┃", " ").split())


async def test_who_coaches_whom_wraps_and_a_status_expires(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, LONG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        header = screen.query_one(AppHeader)
        who = header.query_one(".app-who")
        assert who.region.height >= 2  # wrapped, not cut
        assert f"{COACH} coaching {CLIENT}" in in_region(app, who)
        height = who.region.height
        await press(pilot, T("Decide about the lead role"), "enter")
        assert header.status == "Outcome saved"
        await pilot.pause()
        status = header.query_one(".app-status")
        assert status.display and status.region.y >= who.region.bottom  # a line of its own
        assert who.region.height == height  # the names keep their room
        fake.advance(STATUS_SECONDS - 1)
        header.expire()
        assert header.status == "Outcome saved"
        fake.advance(1)
        header.expire()
        assert header.status == ""  # gone: the names have the line again
        header.say("Action saved, no due date: in the past", error=True)
        fake.advance(STATUS_SECONDS)
        header.expire()
        assert header.status  # a problem stays longer
        fake.advance(ERROR_SECONDS)
        header.expire()
        assert header.status == ""


async def test_the_resume_dialog_wraps_its_sentences(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, LONG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the resume question",
                       tries=20)
        question, detail = app.screen.query_one("#question"), app.screen.query_one("#detail")
        assert f"{COACH} and {CLIENT}" in in_region(app, question)
        assert "n keeps it as it is (unfinished, in your history)" in in_region(app, detail)


async def test_the_start_of_round_list_shows_whole_items(store, fake, catalog) -> None:
    from sessionkit.live.session import FIRST_SESSION_CHECKLIST

    app = app_for(store, fake, catalog, LONG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "c")  # opened: it takes the talk pane's rows
        await pilot.pause()
        text = in_region(app, live_screen(app).query_one("#start-list"))
        for _, label in FIRST_SESSION_CHECKLIST:
            assert label in text, label
        assert "…" not in text


async def test_home_lists_wrap_whole_outcomes(store, fake, catalog) -> None:
    sessions = generate(24)
    outcome = "Decide whether to take the lead role on the new regional programme"
    for s in sessions:
        for r in s.rounds:
            r.outcome = outcome
    store.save_many(sessions)
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        recent = app.screen.query_one("#dash-recent", OptionList)
        assert recent.option_count and "…" not in flat(shown_text(app))
        assert outcome in flat(shown_text(app))
        assert "type a client: their open actions" in shown_text(app) or "Open actions" in (
            shown_text(app))


async def test_the_feedback_date_hint_and_answers_show_whole(store, fake, catalog) -> None:
    from screens.widgets.area import TextField
    from sessionkit.when import HINT

    app = app_for(store, fake, catalog, {**LONG, "swap": False})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        answer = ("Saying my ask out loud to you before I say it to my manager, twice, "
                  "and hearing how it sounds")
        await press(pilot, T(answer))
        field = app.screen.query_one("#fb-0-most_helpful", TextField)
        await pilot.pause()
        assert field.value == answer
        assert field.region.height >= 2  # it grew: every word written is in view
        assert answer in flat(shown_text(app))
        app.screen.query_one("#fb-form").scroll_end(animate=False)
        await pilot.pause()
        assert HINT in flat(shown_text(app))  # the forms the date takes, whole


async def test_a_feedback_answer_shows_control_characters_as_plain_text(store, fake,
                                                                        catalog) -> None:
    from screens.widgets.area import TextField

    app = app_for(store, fake, catalog, {**START, "swap": False})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        field = app.screen.query_one("#fb-0-most_helpful", TextField)
        field.insert("a \x1b]52;c;aGk=\x07 paste\nsecond line")  # as a bracketed paste does
        await pilot.pause()
        assert "\x1b" not in field.text and "\x07" not in field.text
        assert field.text.endswith(" paste\nsecond line")  # the line break stays
        assert "\x1b" not in shown_text(app)


async def test_a_short_talk_pane_shows_whole_nudge_labels_not_a_cut_why(fake, catalog) -> None:
    """80×24, long names, the start list open in the first phase: no room for every why, so the
    labels show whole; at 120×40 each why is back."""
    from screens.session import SessionScreen
    from tests.snapshots.test_long_snapshots import live_app

    app, live = live_app(fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = SessionScreen(live, app.services, resumed=True)
        await app.push_screen(screen)
        screen.tick()
        await pilot.pause()
        await pilot.pause()
        nudges = screen.query_one("#nudges")
        assert nudges.text == "▲ Monologue ▲ Half-time check"
        assert "▲ Monologue ▲ Half-time check" in in_region(app, screen.query_one("#talk-pane"))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert "without a break" in nudges.text
