"""Snapshots at 80×24 with long names and long texts for every main screen (issue 18): home, the
live screen, feedback, the review and a session in full. Each sentence wraps, none is cut with
`…`; who coaches whom wraps in the header. Fixed data, clock and guide (layout only)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from screens.app import make_app
from screens.detail import SessionDetailScreen
from screens.session import SessionScreen
from screens.widgets.area import TextField
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.demo import generate
from sessionkit.live.session import LiveSession
from sessionkit.models import Session
from sessionkit.store import SessionStore
from tests.snapshots.test_session_snapshots import FixedGuide

SIZE = (80, 24)
COACH = "Maximiliana Oyelaran-Whitfield"
CLIENT = "Benedikt Okafor-Lindqvist"
OUTCOME = ("Decide whether to take the lead role on the new regional programme without "
           "losing my weekends")
ACTION = "Write down three options for the programme and talk them through with my manager"
LONG = {"Ana": COACH, "Ben": CLIENT, "Farah": "Farah Al-Khatib Montgomery"}


def long_sessions() -> list[Session]:
    sessions = generate(24)
    for s in sessions:
        for r in s.rounds:
            r.coach, r.client = LONG.get(r.coach, r.coach), LONG.get(r.client, r.client)
            r.outcome = OUTCOME
            for n in r.notes:
                if n.kind == "action":
                    n.text, n.due = ACTION, "2026-11-27"
    return sessions


def quiet(app: Any) -> None:
    for field in app.query(Input):
        field.cursor_blink = False
    for area in app.query(TextField):
        area.cursor_blink = False


def live_app(fake: FakeClock, catalog: ModelCatalog) -> tuple[Any, LiveSession]:
    store = SessionStore.memory(fake)
    store.save_many(long_sessions())
    live = LiveSession.start(COACH, CLIENT, catalog.get("grow"), fake, minutes=45, swap=True,
                             first_of_pair=True, guide=FixedGuide())
    live.set_outcome(OUTCOME, "I can say yes or no to my manager without a knot", 4)
    fake.advance(300)
    live.add_note("She always gives in when he pushes for more weekend work at short notice")
    live.add_note(f"{ACTION} by fri", "action", due="2026-11-27")
    live.mark()
    return make_app(store, catalog, clock=fake), live


def test_live_screen_long(snap_compare, fake, catalog) -> None:  # noqa: ANN001
    app, live = live_app(fake, catalog)

    async def run(pilot: Any) -> None:
        await pilot.pause()
        screen = SessionScreen(live, app.services, resumed=True)
        await app.push_screen(screen)
        screen.tick()
        quiet(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_feedback_screen_long(snap_compare, fake, catalog) -> None:  # noqa: ANN001
    app, live = live_app(fake, catalog)

    async def run(pilot: Any) -> None:
        await pilot.pause()
        await app.push_screen(SessionScreen(live, app.services, resumed=True))
        await pilot.pause()
        await pilot.press("e", "y")
        for _ in range(40):
            await pilot.pause()
            if type(app.screen).__name__ == "FeedbackScreen":
                break
        quiet(app)
        app.screen.query_one("#fb-0-most_helpful", TextField).value = (
            "Saying my ask out loud to you before I say it to my manager, twice over")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("where", ["home", "review", "detail"])
def test_long_names_and_texts(snap_compare, where: str) -> None:  # noqa: ANN001
    fake = FakeClock()
    store = SessionStore.memory(fake)
    sessions = long_sessions()
    store.save_many(sessions)
    app = make_app(store=store, catalog=ModelCatalog.load([]), clock=fake)

    async def run(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if where == "review":
            await pilot.press("ctrl+r")
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        elif where == "detail":
            ana_ben = next(s for s in sessions if s.rounds[0].coach == COACH)
            await app.push_screen(SessionDetailScreen(store, fake, ana_ben.id))
        await pilot.pause()
        quiet(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)
