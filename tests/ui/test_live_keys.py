"""Issue 10: talk keys that always work, bursts that stay intact, a layout that adapts, numbers
that add up, and saving trouble that is said plainly (issue 9 defects 4 and 5)."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from screens.dialogs import ConfirmDialog
from screens.widgets import StartList, TalkPane
from sessionkit.errors import StoreWriteError
from tests.pilot import wait_for
from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (120, 40)


def burst(app: Any, keys: str) -> None:
    """Keys arriving together (a paste, a busy machine): posted with no pause between them."""
    for ch in keys:
        name = {"\r": "enter", " ": "space", "\x1b": "escape", "!": "exclamation_mark"}.get(ch, ch)
        app.post_message(events.Key(name, ch))


async def settle(pilot: Any) -> None:
    for _ in range(5):
        await pilot.pause()


async def test_ctrl_t_switches_the_speaker_from_inside_a_text_field(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        assert app.focused.id == "outcome"
        await press(pilot, T("Half an outc"), "ctrl+t")
        assert screen.live.tracker.speaker == "client"
        assert app.focused.id == "outcome"  # still writing
        await press(pilot, *"ome", "escape", "n", T("she says"), "ctrl+t")
        assert screen.live.tracker.speaker == "coach"
        assert app.focused.id == "note-input"
        assert screen.live.round.outcome == "Half an outcome"


async def test_space_and_s_type_in_a_field_and_switch_everywhere_else(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("space", "s", "escape")  # the outcome field opens: these are text
        assert screen.live.round.outcome == "s"
        assert screen.live.tracker.speaker == "coach"
        await pilot.press("tab")  # a stray tab: focus on the checklist
        assert isinstance(app.focused, StartList)
        await pilot.press("space")
        assert screen.live.tracker.speaker == "client"  # not a ticked box
        assert not any(screen.live.round.checklist.values())
        await pilot.press("s")
        assert screen.live.tracker.speaker == "silence"


async def test_z_takes_the_last_change_back_to_when_it_happened(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(30)
        await pilot.press("space")  # "the client speaks" ... it was still the coach
        fake.advance(6)
        await pilot.press("z")
        assert screen.live.tracker.speaker == "coach"
        stats = screen.live.tracker.stats()
        assert (stats.coach_seconds, stats.client_seconds) == (36, 0)
        assert "Undone: coach" in text(screen.query_one("#status"))


async def test_the_footer_always_shows_how_to_switch_speaker(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in ((), ("escape",), ("n",), ("escape", "c")):
            await pilot.press(*keys)
            shown = {b.binding.action for b in app.screen.active_bindings.values()
                     if b.enabled and b.binding.show}
            # space out of a text field, ctrl+t in one (where space types a space)
            assert shown & {"toggle_speaker", "switch_speaker_here"}, (keys, app.focused)
            assert ("switch_speaker_here" in shown) == isinstance(app.focused, Input)


async def test_a_pasted_burst_lands_in_the_fields_intact(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        burst(app, "Feel ready\r" + "".join(f"nnote {i} says no\r" for i in range(10))
              + "aEmail Kim\r" + "n!my hunch\r ")
        await settle(pilot)
        rnd = screen.live.round
        assert rnd.outcome == "Feel ready"
        notes = [(n.text, n.kind, n.private) for n in rnd.notes]
        assert notes == [*((f"note {i} says no", "note", False) for i in range(10)),
                         ("Email Kim", "action", False), ("my hunch", "note", True)]
        assert screen.live.tracker.speaker == "client"  # the last space was a session key
        assert isinstance(app.focused, TalkPane)


async def test_the_newest_note_is_always_in_view_at_80x24(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        for i in range(25):
            await press(pilot, "n", T(f"note number {i}"), "enter")
        await settle(pilot)
        scroll = screen.query_one("#note-scroll")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y
        assert text(screen.query_one("#note-list")).endswith("note number 24")


async def test_a_long_nudge_wraps_and_the_private_hint_shows_at_80_columns(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(125)  # the coach has spoken over 90 s: Monologue
        screen.tick()
        await settle(pilot)
        nudges = screen.query_one("#nudges")
        assert "Monologue" in text(nudges)
        assert "2:05" in text(nudges) and "2:05" in text(screen.query_one("#speaker"))
        assert nudges.size.height >= 2  # wrapped, not cut to one line
        assert screen.query_one("#notes-pane").border_subtitle == "start with ! for a private note"
        assert screen.query_one("#notes-pane").size.width >= 33  # room for the hint


async def test_shares_add_up_and_elapsed_plus_left_is_planned(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, {**START, "minutes": 10})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(10.6)
        await pilot.press("space")
        fake.advance(40.3)
        await pilot.press("s")
        fake.advance(5.7)
        screen.tick()
        bars = text(screen.query_one("#bars")).splitlines()
        coach = int(bars[0].split("%")[0].split()[-1])
        client = int(bars[1].split("%")[0].split()[-1])
        assert coach + client == 100 and "of talk" in bars[0]
        assert "% of elapsed" in bars[2]
        first = text(screen.query_one("#clock")).splitlines()[0]
        assert first == "0:56 of 10:00 · 9:04 left"


async def test_the_checklist_folds_after_the_first_phase_and_c_opens_it(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        start = screen.query_one(StartList)
        assert start.display
        await pilot.press("escape", "right_square_bracket")
        await settle(pilot)
        assert not start.display
        await pilot.press("c")
        assert start.display and app.focused is start
        await pilot.press("enter", "escape")
        assert screen.live.round.checklist["confidentiality"] is True
        await settle(pilot)
        assert not start.display


@pytest.mark.parametrize("size", [(79, 24), (80, 23), (60, 20)])
async def test_too_small_says_so(store, fake, catalog, size) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        assert screen.query_one("#too-small").display
        assert not screen.query_one("#panes").display
        assert "terminal too small: needs 80×24" in text(screen.query_one("#too-small"))


class BrokenJournal:
    def __init__(self, failure: Exception) -> None:
        self.failure = failure

    def append(self, record: dict[str, Any]) -> None:
        raise self.failure

    def close(self) -> None:
        pass


@pytest.mark.parametrize("failure", [
    StoreWriteError("NOT SAVED: No space left on device (journal)"),
    ValueError("embedded null byte"),
])
async def test_a_failing_writer_shows_the_banner_once_and_quitting_says_what_is_lost(
    store, fake, catalog, monkeypatch, failure
) -> None:
    monkeypatch.setattr(store, "journal", lambda session_id: BrokenJournal(failure))
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, "escape", "n", T("first"), "enter", "n", T("second"), "enter")
        screen.recorder.flush()
        screen.tick()
        await pilot.pause()
        banner = text(screen.query_one("#banner"))
        assert banner.startswith("NOT SAVED: ") and banner.count("NOT SAVED") == 1
        assert "nothing of this session is on disk yet" in banner
        await pilot.press("ctrl+q")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "lose 2 notes" in dialog.question
        assert "resume" not in dialog.detail  # no promise that cannot be kept
        await pilot.press("n")  # stay
        assert not isinstance(app.screen, ConfirmDialog) and app.is_running
        assert [n.text for n in screen.live.round.notes] == ["first", "second"]


async def test_a_broken_bank_file_is_reported_after_the_first_frame(
    store, fake, catalog, isolated_dirs
) -> None:
    folder = isolated_dirs / "config" / "bank"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text("[[question]\ntext = 'unclosed\n")
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert [p for p in app.bank_problems if "mine.toml" in p]
        shown = [n.message for n in app._notifications]
        assert any(m.startswith("skipped a broken bank file:") and "mine.toml" in m for m in shown)


async def test_keys_after_o_land_in_the_outcome_built_on_first_use(store, fake, catalog) -> None:
    from screens.session import SessionScreen
    from sessionkit.live.session import LiveSession

    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    live.set_outcome("Feel ready")
    app = app_for(store, fake, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = SessionScreen(live, app.services, resumed=True)
        await app.push_screen(screen)
        await settle(pilot)
        assert not screen.query("#outcome")  # a resumed session has not needed the fields yet
        burst(app, "o for Friday\rnsaid so\r")
        await settle(pilot)
        assert live.round.outcome == "Feel ready for Friday"
        assert [n.text for n in live.round.notes] == ["said so"]


async def test_a_change_from_another_thread_redraws_and_is_saved(store, fake, catalog) -> None:
    """How an audio listener plugs in: it calls the live session on the app's thread."""
    import threading

    from sessionkit.models import Session

    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(12)
        listener = threading.Thread(
            target=lambda: app.call_from_thread(screen.live.speak, "client"))
        listener.start()
        await wait_for(pilot, lambda: not listener.is_alive(), "the thread's call")
        await settle(pilot)
        assert "CLIENT Ben speaking" in text(screen.query_one("#speaker"))
        assert screen.recorder.flush()
        record = store.journal(screen.live.session.id).read_last()
        assert record["rounds"][0]["talk"]["coach_seconds"] == 12
        fake.advance(3)
        screen.tick()  # the 2 s save follows the new speaker too
        assert screen.recorder.flush()
        saved = Session.from_dict(store.journal(screen.live.session.id).read_last())
        assert saved.rounds[0].talk.segments[-1].who == "client"
        assert saved.rounds[0].talk.client_seconds == 3
