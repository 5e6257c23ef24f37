"""Layout snapshots of the review side at 120x40 and 80x24 (fixed data, fixed clock).

Regenerate after an intended change with `python -m pytest tests/snapshots --snapshot-update`,
after reading the report of what changed.
"""

from __future__ import annotations

import pytest

from screens.app import SessionkitApp, make_app
from sessionkit.clock import FakeClock
from sessionkit.demo import generate
from sessionkit.store import SessionStore

SIZES = [(120, 40), (80, 24)]


def review_app(person: str | None = None) -> SessionkitApp:
    store = SessionStore.memory(FakeClock())
    store.save_many(generate(24))
    return make_app(store=store, clock=FakeClock(), review=True, person=person)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_review_screen(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(review_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_review_filtered(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    """`review --person ana`, then a search (the input keeps focus: blink is off)."""

    async def search(pilot) -> None:  # noqa: ANN001
        await pilot.pause()  # the first screen comes right after the app's mount
        pilot.app.screen.query_one("#review-search").cursor_blink = False
        await pilot.press("slash", *"mornings", "enter")

    assert snap_compare(review_app("ana"), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_session_detail(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    """The third newest: two rounds (a role switch)."""
    assert snap_compare(review_app(), terminal_size=size, press=["down", "down", "enter"])


def test_session_detail_private_note(snap_compare) -> None:  # noqa: ANN001
    """The second newest has a private note: shown here, with its marker."""
    assert snap_compare(review_app(), terminal_size=(120, 40), press=["down", "enter"])


def test_actions_screen(snap_compare) -> None:  # noqa: ANN001
    """One action ticked, then done ones shown (the toast is cleared: it times out)."""

    async def tick(pilot) -> None:  # noqa: ANN001
        await pilot.press("a", "down", "space", "d")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(review_app(), terminal_size=(120, 40), run_before=tick)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_partnerships_screen(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(review_app(), terminal_size=size, press=["p"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_coach_screen(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    """`review --coach Maya`: trends, nudges, the coach's and the clients' answers."""
    from tests.golden.coach_fixture import sessions

    store = SessionStore.memory(FakeClock())
    store.save_many(sessions())
    app = make_app(store=store, clock=FakeClock(), review=True, coach="Maya")
    assert snap_compare(app, terminal_size=size)


def test_partnership_plan_and_agreed_dates_kept(snap_compare) -> None:  # noqa: ANN001
    """Issue 20: the plan set at the start (12 sessions, every 14 days) and three agreed dates;
    the second session held the first and agreed nothing: the other two stay, shown as ahead;
    each person's own figures as the client in a row of their own."""
    from datetime import UTC, datetime

    from sessionkit.schedule import agreed_list
    from tests.ui.test_peers import swapped

    first, second = swapped("plan0001", 11), swapped("plan0002", 25)
    first.programme_total, first.cadence_days = 12, 14
    second.programme_total, second.cadence_days = 12, 14  # inherited
    first.set_schedule(agreed_list("plan0001", [
        (f"2026-{d}T18:00:00+00:00", "Europe/Amsterdam") for d in ("11-25", "12-09", "12-23")]))
    clock = FakeClock(wall=datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    store = SessionStore.memory(clock)
    store.save_many([first, second])
    app = make_app(store=store, clock=clock, review=True)
    assert snap_compare(app, terminal_size=(100, 24), press=["p"])
