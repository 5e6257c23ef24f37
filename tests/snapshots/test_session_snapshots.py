"""Snapshots of the live screen (120×40, 100×30, 80×24) and the feedback screen, fixed clock.

Layout only: a stub guide gives fixed nudges and suggestions, so the guidance engine's own
changes do not move these pictures. Logic is tested in tests/ui."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from screens.app import make_app
from screens.session import SessionScreen
from screens.widgets.area import TextField
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.guidance.guide import Guide, Moment, Nudge, Suggestion
from sessionkit.live.session import LiveSession
from sessionkit.store import SessionStore


class FixedGuide(Guide):
    def nudges(self, moment: Moment) -> list[Nudge]:
        return [
            Nudge("Monologue", "you have spoken 1:45 without a break"),
            Nudge("Half-time check", "ask: are we on track for what you need?"),
        ]

    def suggest(self, moment: Moment, limit: int = 3) -> list[Suggestion]:
        return [
            Suggestion("s1", "What else could this mean?", "question", "the client said 'always'"),
            Suggestion("s2", "Might it be useful to think of it as practice?", "reframe",
                       "limiting word in the last note"),
            Suggestion("s3", "What would you like to be different?", "question", "phase: Reality"),
        ][:limit]


def played_session(fake: FakeClock, catalog: ModelCatalog) -> LiveSession:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake, minutes=45, swap=True,
                             first_of_pair=True, guide=FixedGuide())
    live.set_outcome("Feel ready for the talk with my manager on Friday", "I can say my ask", 4)
    fake.advance(105)
    live.toggle_speaker()
    fake.advance(400)
    live.add_note("She always gives in when he pushes")
    live.toggle_speaker()
    fake.advance(60)
    live.next_phase()
    live.add_note("Write the three points down by Thursday", "action")
    live.add_note("sounds tired today", private=True)
    live.tick_checklist("confidentiality")
    fake.advance(40)
    return live


def app_with(live: LiveSession, fake: FakeClock, catalog: ModelCatalog) -> Any:
    store = SessionStore.memory(fake)
    app = make_app(store, catalog, clock=fake)

    async def open_live(pilot: Any) -> None:
        await pilot.pause()  # the home screen first (it comes after the mount batch)
        screen = SessionScreen(live, app.services, resumed=True)
        await app.push_screen(screen)
        screen.tick()
        for field in app.query(Input):
            field.cursor_blink = False
        for area in app.query(TextField):
            area.cursor_blink = False
        await pilot.pause()

    return app, open_live


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (80, 24)], ids=str)
def test_live_screen(snap_compare, fake, catalog, size) -> None:
    app, before = app_with(played_session(fake, catalog), fake, catalog)
    assert snap_compare(app, terminal_size=size, run_before=before)


def test_too_small_message(snap_compare, fake, catalog) -> None:
    app, before = app_with(played_session(fake, catalog), fake, catalog)
    assert snap_compare(app, terminal_size=(70, 20), run_before=before)


def test_live_screen_paused_on_a_new_round(snap_compare, fake, catalog) -> None:
    live = played_session(fake, catalog)
    live.switch_roles()
    fake.advance(30)
    live.toggle_pause()
    app, before = app_with(live, fake, catalog)

    async def run(pilot: Any) -> None:
        await before(pilot)
        await pilot.press("o")  # the new round's outcome field is being written
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run)


def test_feedback_screen(snap_compare, fake, catalog) -> None:
    live = played_session(fake, catalog)
    live.switch_roles()
    live.set_outcome("Choose between the two offers")
    fake.advance(600)
    app, before = app_with(live, fake, catalog)

    async def run(pilot: Any) -> None:
        await before(pilot)
        await pilot.press("e", "y")
        for _ in range(40):  # the feedback screen follows the dialog's answer: wait for it
            await pilot.pause()
            if type(app.screen).__name__ == "FeedbackScreen":
                break
        for field in app.query(Input):
            field.cursor_blink = False
        for area in app.query(TextField):
            area.cursor_blink = False
        app.screen.query_one("#fb-0-most_helpful", TextField).value = "Saying my ask out loud"
        app.screen.query_one("#fb-0-scale_end", Input).value = "8"
        app.screen.query_one("#fb-next", Input).value = "tue 18:30"
        for _ in range(40):  # the preview follows the Input.Changed message: wait for it
            await pilot.pause()
            if app.screen.query_one("#fb-when").text:
                break
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run)
