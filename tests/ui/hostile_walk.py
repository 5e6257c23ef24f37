"""Walk every screen with hostile names and texts, checking what reaches the terminal.

Used by tests/ui/test_hostile_screens.py (a few nasty strings) and tests/fuzz/ (hypothesis). Each
step asserts: the app still runs, the hostile text is shown literally (control characters as
visible stand-ins), no raw control character is in the rendered screen, and no user text became
a clickable action.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from textual.widgets import Select

from screens.actions import ActionsScreen
from screens.coach import CoachScreen
from screens.detail import SessionDetailScreen
from screens.dialogs import ConfirmDialog
from screens.feedback import FeedbackScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.partnerships import PartnershipsScreen
from screens.review import ReviewScreen
from screens.textual_hooks import render_strips
from screens.widgets.area import TextField
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.demo import make_session
from sessionkit.models import Note
from sessionkit.plain import one_line
from sessionkit.store import SessionStore
from tests.ui.session_helpers import T, app_for, press

SIZE = (120, 40)
RAW = {*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def screen_segments(app: Any) -> list[Any]:
    """Every segment of the current screen as it is sent to the terminal."""
    return [seg for strip in render_strips(app.screen) for seg in strip]


def screen_text(app: Any) -> str:
    return "".join(seg.text for seg in screen_segments(app))


async def wait_text(app: Any, pilot: Any, *texts: str, timeout: float = 10.0) -> str:
    """The screen's text once it shows every one of `texts` (a result drawn by a worker or a
    later message arrives when it does; a loaded machine takes longer)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        text = screen_text(app)
        if all(t in text for t in texts) or time.monotonic() > deadline:
            return text
        await pilot.pause(0.05)


def check(app: Any, *expected: str) -> str:
    """Assert the app runs, nothing raw reaches the terminal and each `expected` text shows."""
    assert app.is_running and app.return_code is None
    text = screen_text(app)
    raw = sorted({hex(ord(c)) for c in text if ord(c) in RAW})
    assert not raw, f"raw control characters on {type(app.screen).__name__}: {raw}"
    for seg in screen_segments(app):
        click = (seg.style.meta or {}).get("@click") if seg.style else None
        assert not click or "quit" not in str(click), f"user text became an action: {seg!r}"
    visible = text.replace("\u200b", "")
    for want in expected:  # word by word: a long text may wrap
        for word in one_line(want).split():
            assert word in visible, f"{word!r} of {want!r} not shown on {app.screen}"
    return text


def seed(store: SessionStore, coach: str, client: str, text: str) -> None:
    """A completed session (with a next date, so a partnership) and an unfinished one."""
    rng = random.Random(7)
    done = make_session(rng, datetime(2026, 10, 20, 9, tzinfo=UTC), coach, client)
    done.rounds[0].outcome = text
    done.rounds[0].feedback["most_helpful"] = text
    done.rounds[0].notes.append(Note(at=done.started_at, text=text, kind="action"))
    done.next_session, done.next_session_tz = "2026-11-03T09:00:00+00:00", "Europe/Amsterdam"
    open_one = make_session(rng, datetime(2026, 11, 1, 9, tzinfo=UTC), coach, client,
                            status="unfinished")
    store.save_many([done, open_one])


async def walk(fake: FakeClock, catalog: ModelCatalog, coach: str, client: str,
               text: str) -> None:
    """Start a session as `sessionkit start` does and go through every screen."""
    store = SessionStore.memory(fake)
    seed(store, coach, client, text)
    start = {"coach": coach, "client": client, "minutes": 45, "model": "grow", "swap": True}
    app = app_for(store, fake, catalog, start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check(app, coach, client)  # live screen: who coaches whom, last time's actions
        await press(pilot, T(text), "tab", T(text), "tab", "4", "enter")  # outcome
        check(app, text)
        await press(pilot, "n", T(text), "enter", "a", T(text), "enter", "n", T("!" + text),
                    "enter")  # a note, an action, a private note
        fake.advance(30)
        await press(pilot, "space", "u", "right_square_bracket")  # talk, questions, phase
        check(app, text)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        check(app)
        await pilot.press("escape", "r")  # role switch: the dialog names both
        assert isinstance(app.screen, ConfirmDialog)
        check(app, coach, client)
        await pilot.press("y")
        await press(pilot, T(text), "enter")
        check(app, f"{client} coaching {coach}", text)
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        check(app, coach, client, text)
        await press(pilot, T(text))  # typed into the first field, the rest filled in at once
        for field in app.screen.query(".fb-text").results(TextField):
            field.value = text
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
        check(app, coach, client)  # "Saved the session with …" and the unfinished list
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        check(app)  # names are cut to the table's columns here
        app.screen.query_one("#review-person", Select).value = coach  # filter by person
        await pilot.pause()
        await press(pilot, "slash", T(text), "enter")  # search
        check(app, coach, text)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        check(app, coach, client, text)
        await pilot.press("escape", "a")
        assert isinstance(app.screen, ActionsScreen)
        check(app, coach)
        await pilot.press("space")  # tick done: the notification quotes the action
        await pilot.pause()
        check(app)
        await pilot.press("escape", "p")
        assert isinstance(app.screen, PartnershipsScreen)
        check(app, coach, client)
        await pilot.press("escape", "c")  # the coach's own view of the person filtered on
        assert isinstance(app.screen, CoachScreen)
        check(app, coach)
        await pilot.press("escape")
        check(app)
