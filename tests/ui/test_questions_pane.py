"""The questions pane follows the moment: the phase, and limiting words in the latest note."""

from __future__ import annotations

from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (120, 40)


async def test_questions_change_with_the_phase_and_after_a_limiting_word(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Decide about the lead role"), "enter")
        pane = screen.query_one("#suggestions")
        goal = text(pane)
        assert "why: phase: Goal" in goal

        await pilot.press("]")
        await pilot.pause()
        reality = text(pane)
        assert screen.live.round.phase == 1
        assert "why: phase: Reality" in reality and "phase: Goal" not in reality
        assert reality != goal

        await press(pilot, "n", T("I can never say no to my manager"), "enter")
        await pilot.pause()
        after_note = text(pane)
        assert "why: note says 'never'" in after_note
        top = screen.live.snapshot().suggestions[0]
        assert top.kind == "reframe" and top.reason == "note says 'never'"
        assert after_note.startswith("↻ " + " ".join(top.text.split()[:3]))


async def test_a_neutral_note_leaves_the_questions_and_a_phase_change_keeps_the_reframe(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Decide about the lead role"), "enter", "]")
        pane = screen.query_one("#suggestions")
        before = text(pane)
        await press(pilot, "n", T("We talked about the team"), "enter")
        await pilot.pause()
        assert text(pane) == before  # the question about to be asked is still there
        await press(pilot, "n", T("I never get a say"), "enter")
        await pilot.pause()
        reframe = screen.live.snapshot().suggestions[0]
        assert reframe.kind == "reframe"
        await pilot.press("]")  # a new phase: the rest rotate, the reframe stays
        await pilot.pause()
        assert screen.live.snapshot().suggestions[0] == reframe
        assert "why: phase: Options" in text(pane)
