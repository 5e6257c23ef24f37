"""Group meetings in the review's main history (Pilot): a row marked `group`, the person filter
offers members, enter opens the meeting's rounds and outputs (the member's own view first)."""

from __future__ import annotations

from screens.app import make_app
from screens.review import ReviewScreen
from screens.widgets.row_table import RowTable
from sessionkit.clock import FakeClock
from sessionkit.demo import generate
from sessionkit.store import SessionStore
from sessionkit.store.groups import commit_group
from tests.golden.group_fixture import meeting
from tests.ui.session_helpers import text


async def test_a_meeting_in_the_history_filtered_by_member_and_opened(store: SessionStore,
                                                                     fake: FakeClock) -> None:
    store.save_many(generate(8))
    commit_group(store, meeting())
    app = make_app(store=store, clock=fake, review=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one(RowTable)
        assert len(table.items) == 9
        screen.query_one("#review-person").value = "Cem"  # a member, in no one-to-one session
        await pilot.pause()
        (row,) = table.items
        assert row.is_group
        cells = [c if isinstance(c, str) else c[0] for c in table.format_row(row)]
        assert cells[1:4] == ["group", "4 members", "tietze"]
        assert cells[-1].startswith("Zoë Martin does not answer my mails; SECRET-BEN a new role")
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        outline = text(app.screen.query_one("#meeting-outline"))
        assert "Round 1: Ana" in outline and "Round 2: Ben" in outline
        assert "Lessons: One idea per consultant" in outline
        assert "SECRET-NOTE" not in outline  # private notes are not part of the outline
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_members_own_view_opens_on_their_cases(store: SessionStore,
                                                      fake: FakeClock) -> None:
    commit_group(store, meeting())
    app = make_app(store=store, clock=fake, review=True, person="ben")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (row,) = app.screen.query_one(RowTable).items
        await pilot.press("enter")
        await pilot.pause()
        outline = text(app.screen.query_one("#meeting-outline"))
        assert outline.splitlines()[1] == "Ben's cases:"
        assert "took: SECRET-BEN advice (Ana)" in outline
