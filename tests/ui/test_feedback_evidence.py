"""After the call the coach sees the round's evidence before writing "what to improve", and the
session review shows it per round."""

from __future__ import annotations

from screens.feedback import FeedbackScreen
from screens.widgets.area import TextField
from tests.ui.session_helpers import START, app_for, live_screen, text

SIZE = (120, 40)


async def test_feedback_shows_the_evidence_before_the_coachs_answers(store, fake, catalog
                                                                       ) -> None:
    app = app_for(store, fake, catalog, {**START, "swap": False})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(30)
        await pilot.press("space")  # the client answers for 90 s
        fake.advance(90)
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        shown = app.screen.query_one(".fb-evidence")
        body = text(shown)
        assert "talk share: coach 25 % · client 75 %" in body
        assert "longest turn: coach 0:30 · client 1:30" in body
        assert "rising endings (closed questions?): not measured" in body  # keys only
        improve = app.screen.query_one("#fb-0-coach_worked", TextField)
        assert shown.region.y < improve.region.y  # read before the coach writes
        assert screen.live.ended
