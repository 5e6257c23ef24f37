"""Snapshots of the intervision screens (layout only, fixed clock): casting, the live round with
3 and 8 members at 80×24 and 120×40, the round close and the meeting close."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from screens.app import make_app
from screens.group_casting import CastingScreen
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.group.live import LiveGroup
from sessionkit.group.methods import MethodCatalog
from sessionkit.store import SessionStore

EIGHT = ["Ana", "Ben", "Cem", "Dee", "Eve", "Fay", "Gus", "Hal"]


def played(fake: FakeClock, members: list[str]) -> LiveGroup:
    live = LiveGroup.start(members, MethodCatalog.load([]).get("tietze"), fake, minutes=45)
    live.set_case("Ana", "A team that does not listen to me")
    live.set_case("Cem", "Saying no to a second project")
    live.start_round(live.default_roles("Ana"), "", "How do I get heard in the Monday meeting?")
    for who, seconds in [("Ana", 240), ("Ben", 30), ("Ana", 200)]:
        live.speak(who)
        fake.advance(seconds)
    for _ in range(4):
        live.move_phase(1)
    live.speak("Ben")
    live.add("question", "What happens when you stay silent?")
    live.add("advice", "Send the agenda point the Friday before")
    fake.advance(70)
    live.speak(members[-1])
    live.add("advice", "Ask one ally to pick up your point")
    fake.advance(25)
    live.speak("Ana")  # the case giver speaks while the consultants talk: a nudge
    return live


def app_for(live: LiveGroup, fake: FakeClock, then: tuple[str, ...] = ()) -> tuple[Any, Any]:
    app = make_app(SessionStore.memory(fake), ModelCatalog.load([]), clock=fake)

    async def before(pilot: Any) -> None:
        await pilot.pause()
        await app.push_screen(CastingScreen(live, app.services))
        for _ in range(20):
            await pilot.pause()
        if then:
            await pilot.press(*then)
            for _ in range(20):
                await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return app, before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=str)
@pytest.mark.parametrize("members", [3, 8])
def test_live_round(snap_compare, fake: FakeClock, members: int, size: tuple[int, int]) -> None:
    app, before = app_for(played(fake, EIGHT[:members]), fake)
    assert snap_compare(app, terminal_size=size, run_before=before)


def test_casting_with_eight(snap_compare, fake: FakeClock) -> None:
    live = played(fake, EIGHT)
    live.end_round()
    live.close_round([True, False], "Send the point on Friday", "Good timing")
    app, before = app_for(live, fake)
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_round_close(snap_compare, fake: FakeClock) -> None:
    live = played(fake, EIGHT[:4])
    app, before = app_for(live, fake, ("e", "y"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_meeting_close(snap_compare, fake: FakeClock) -> None:
    live = played(fake, EIGHT[:4])
    live.end_round()
    live.close_round([True, True], "Send the point", "Fine")
    app, before = app_for(live, fake, ("e", "y"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)
