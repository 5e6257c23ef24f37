"""Pilot tests of the live screen: every key, asserting the core state (LiveSession, store)."""

from __future__ import annotations

import csv
import io

import pytest
from textual.widgets import Input

from screens.dialogs import ConfirmDialog
from screens.feedback import FeedbackScreen
from screens.help import HelpScreen
from screens.widgets import NotesPane, StartList, TalkPane
from screens.widgets.area import TextField
from sessionkit.config.catalog import ModelCatalog
from sessionkit.config.settings import Settings
from tests.ui.session_helpers import START, T, app_for, live_screen, press, text

SIZE = (120, 40)


async def test_opens_on_outcome_and_enter_saves_it(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        assert app.focused is not None and app.focused.id == "outcome"
        await press(pilot, T("Feel ready for Friday"), "tab", T("I sleep well"), "tab", "4")
        await pilot.press("enter")
        assert screen.live.round.outcome == "Feel ready for Friday"
        assert screen.live.round.outcome_measure == "I sleep well"
        assert screen.live.round.scale_start == 4
        assert isinstance(app.focused, TalkPane)  # the session keys apply again
        assert "Feel ready for Friday" in text(app.screen.query_one("#outcome-view"))


async def test_esc_in_outcome_keeps_text_and_o_edits_again(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Half a thou"), "escape")
        assert isinstance(app.focused, TalkPane)
        assert screen.live.round.outcome == "Half a thou"
        await pilot.press("o")
        assert app.focused.id == "outcome"
        assert app.focused.value == "Half a thou"
        await press(pilot, *"ght", "enter")
        assert screen.live.round.outcome == "Half a thought"


async def test_bad_start_scale_is_reported_and_kept(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Outcome"), "tab", "tab", *"12", "enter")
        assert screen.live.round.scale_start is None
        assert "0 to 10" in text(screen.query_one("#status"))
        assert screen.query_one("#scale", Input).value == "12"
        assert app.focused.id == "scale"  # still editing: fix it
        await pilot.press("backspace", "enter")
        assert screen.live.round.scale_start == 1


async def test_space_and_s_track_who_speaks(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        live = screen.live
        assert live.tracker.speaker == "coach"  # the session starts with the coach speaking
        fake.advance(30)
        await pilot.press("space")
        assert live.tracker.speaker == "client"
        fake.advance(90)
        await pilot.press("s")
        assert live.tracker.speaker == "silence"
        fake.advance(10)
        await pilot.press("space")  # after a silence: the other one than who spoke last
        assert live.tracker.speaker == "coach"
        stats = live.tracker.stats()
        assert (stats.coach_seconds, stats.client_seconds, stats.silence_seconds) == (30, 90, 10)
        screen.tick()
        await pilot.pause()
        assert "COACH Ana speaking" in text(screen.query_one("#speaker"))
        assert screen.query_one("#speaker").has_class("-coach")
        assert "75%" in text(screen.query_one("#bars"))  # client 90 of 120 s talk


async def test_n_writes_a_note_with_phase_and_private_prefix(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape", "n")
        assert app.focused.id == "note-input"
        await press(pilot, T("She says she can't"), "enter")
        await press(pilot, "n", T("!my hunch: fear"), "enter")
        notes = screen.live.round.notes
        assert [(n.text, n.kind, n.private, n.phase) for n in notes] == [
            ("She says she can't", "note", False, "Goal"),
            ("my hunch: fear", "note", True, "Goal"),
        ]
        assert isinstance(app.focused, TalkPane)
        assert "private" in text(screen.query_one("#note-list"))


async def test_a_writes_an_action(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, "escape", "right_square_bracket", "a", T("Email Kim by Friday"), "enter")
        note = screen.live.round.notes[-1]
        assert (note.kind, note.text, note.phase) == ("action", "Email Kim by Friday", "Reality")


async def test_esc_in_note_box_keeps_the_draft(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, "escape", "n", T("half a no"), "escape")
        assert isinstance(app.focused, TalkPane)
        assert screen.live.round.notes == []
        await pilot.press("space")  # session keys work while the draft waits
        assert screen.live.tracker.speaker == "client"
        await pilot.press("n")
        assert app.focused.value == "half a no"
        await press(pilot, *"te", "enter")
        assert screen.live.round.notes[0].text == "half a note"


async def test_phase_keys(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(60)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.live.round.phase == 2
        await pilot.press("left_square_bracket")
        assert screen.live.round.phase == 1
        assert "Phase 2/4: Reality" in text(screen.query_one("#clock"))


async def test_p_pauses_the_clock(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        fake.advance(100)
        await pilot.press("p")
        assert screen.live.tracker.paused
        fake.advance(300)
        screen.tick()
        assert screen.live.tracker.elapsed() == 100
        assert "PAUSED" in text(screen.query_one("#speaker"))
        await pilot.press("p")
        fake.advance(5)
        assert screen.live.tracker.elapsed() == 105


@pytest.mark.parametrize("how", ["key", "button"])
async def test_switch_roles_after_y(store, fake, catalog, how) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, T("Outcome one"), "enter")
        fake.advance(60)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing changes
        assert len(screen.live.session.rounds) == 1
        if how == "key":
            await pilot.press("r")
        else:
            await pilot.click("#switch-roles-button")
        await pilot.press("y")
        rounds = screen.live.session.rounds
        assert [(r.coach, r.client) for r in rounds] == [("Ana", "Ben"), ("Ben", "Ana")]
        assert rounds[0].ended_at is not None and rounds[0].talk.coach_seconds == 60
        assert screen.live.tracker.stats().coach_seconds == 0  # fresh talk stats
        assert app.focused.id == "outcome" and app.focused.value == ""
        assert "Round 2/2 · Ben coaching Ana" in text(screen.query_one("#who"))


async def test_e_ends_then_feedback_saves_with_ctrl_s(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        session_id = screen.live.session.id
        await press(pilot, T("Clarity"), "enter")
        fake.advance(120)
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert app.focused.id == "fb-0-most_helpful"
        await press(pilot, T("the scale"), "tab", "tab", "7", "tab", T("silence"), "tab", "tab")
        await press(pilot, T("tue 18:30"), "tab", *"14", "ctrl+s")
        await pilot.pause()
        saved = store.get(session_id)
        assert saved is not None and saved.status == "completed"
        fb = saved.rounds[0].feedback
        assert fb == {"most_helpful": "the scale", "scale_end": 7, "coach_worked": "silence"}
        assert saved.next_session == "2026-12-01T17:30:00+00:00"
        assert (saved.next_session_tz, saved.cadence_days) == ("Europe/Amsterdam", 14)
        assert saved.rounds[0].talk.coach_seconds == 120
        assert store.pending() == []  # the journal is gone: committed
        assert "Saved the session with Ana and Ben" in text(app.screen.query_one("#home-message"))


async def test_feedback_error_is_one_line_and_nothing_is_lost(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        await press(pilot, T("kindness"), "tab", "tab", *"11", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "end scale: a whole number from 0 to 10" in text(app.screen.query_one("#fb-error"))
        assert app.screen.query_one("#fb-0-most_helpful", TextField).value == "kindness"
        assert app.focused.id == "fb-0-scale_end"  # focus goes to the field to fix
        # what was typed is in the journal already
        screen.recorder.flush()
        record = store.journal(screen.live.session.id).read_last()
        assert record["rounds"][0]["feedback"]["most_helpful"] == "kindness"
        await pilot.press("backspace", "0", "ctrl+s")  # "10"... fixed to 10 and saved
        await pilot.pause()
        assert store.get(screen.live.session.id).rounds[0].feedback["scale_end"] == 10


async def test_bad_next_date_is_refused(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        app.screen.query_one("#fb-next", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Next session: cannot read 'someday'" in text(app.screen.query_one("#fb-error"))
        assert app.focused.id == "fb-next"
        assert store.count() == 0


async def test_help_lists_every_key(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text(app.screen.query_one("#help-keys"))
        for key in ("space", "s ", "n ", "a ", "]", "[", "p ", "r ", "e ", "?", "o ", "u ", "!"):
            assert key in keys
        assert "private" in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_u_marks_the_top_suggestion_used(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        first = screen.live.snapshot().suggestions[0]
        await pilot.press("u")
        assert screen.live.round.used_suggestions == [first.id]
        assert first.id not in {s.id for s in screen.live.snapshot().suggestions}


async def test_keys_can_be_remapped_by_binding_id(store, fake, catalog) -> None:
    settings = Settings(keys={"switch-roles": "R", "toggle-never": "x"})
    app = app_for(store, fake, catalog, START, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "r")
        assert not isinstance(app.screen, ConfirmDialog)
        await pilot.press("R")
        assert isinstance(app.screen, ConfirmDialog)


async def test_every_change_and_every_2s_go_to_the_journal(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        journal = store.journal(screen.live.session.id)
        await press(pilot, "escape", "n", T("a note"), "enter")
        screen.recorder.flush()
        assert journal.read_last()["rounds"][0]["notes"][0]["text"] == "a note"
        fake.advance(2)
        screen.tick()
        screen.recorder.flush()
        assert journal.read_last()["rounds"][0]["elapsed_seconds"] == 2
        await pilot.press("p")
        fake.advance(10)
        writes = screen.recorder.writes
        screen.tick()
        screen.recorder.flush()
        assert screen.recorder.writes == writes  # paused: no autosave needed


async def test_checklist_is_inside_the_screen_and_tickable(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        assert app.focused.id == "outcome"  # the checklist does not take the focus
        assert screen.query_one(StartList).display
        await pilot.press("escape", "c", "enter")
        assert screen.live.round.checklist["confidentiality"] is True
        await pilot.press("space")  # in the list too, space switches the speaker
        assert screen.live.tracker.speaker == "client"
        assert screen.live.round.checklist["expectations"] is False


async def test_quit_asks_and_keeps_the_session_resumable(store, fake, catalog) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await press(pilot, "escape", "n", T("keep me"), "enter", "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    [pending] = store.pending()
    assert pending.id == screen.live.session.id
    assert pending.rounds[0].notes[0].text == "keep me"


def test_catalog_fixture_has_grow(catalog: ModelCatalog) -> None:
    assert [p.name for p in catalog.get("grow").phases][:2] == ["Goal", "Reality"]


async def test_last_sessions_open_actions_are_shown_and_tickable(store, fake, catalog) -> None:
    from sessionkit.live.session import LiveSession

    earlier = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    earlier.add_note("Call Kim", "action")
    store.commit(earlier.finish())
    fake.advance(14 * 24 * 3600)
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        start = screen.query_one(StartList)
        # not their first session: no checklist; last time's outcome line, then one action
        assert start.option_count == 2
        assert str(start.get_option_at_index(0).prompt).startswith("Last time (")
        assert "Last time: Call Kim" in str(start.get_option_at_index(1).prompt)
        assert app.focused.id == "outcome"
        await pilot.press("escape", "c", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        note = store.get(earlier.session.id).rounds[0].notes[0]
        assert note.done and note.done_at is not None


async def test_a_failing_journal_shows_a_red_banner_and_keeps_going(
    store, fake, catalog, monkeypatch
) -> None:
    from sessionkit.errors import StoreWriteError

    class FullDisk:
        def append(self, record):
            raise StoreWriteError("NOT SAVED: No space left on device (journal)")

        def close(self):
            pass

    monkeypatch.setattr(store, "journal", lambda session_id: FullDisk())
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        screen.recorder.flush()
        await pilot.pause()
        banner = screen.query_one("#banner")
        assert banner.display
        assert "NOT SAVED: No space left on device" in text(banner)
        await press(pilot, "escape", "n", T("still works"), "enter")
        assert screen.live.round.notes[0].text == "still works"  # kept in memory


async def test_saving_trouble_reaches_the_screen_as_a_message_from_the_writer_thread(
    store, fake, catalog, monkeypatch
) -> None:
    """The disk fills up during the call, then frees: the banner comes and goes at once (the
    writer thread posts `SavingChanged`), without waiting for the screen's 1 s tick."""
    from sessionkit.errors import StoreWriteError

    class Disk:
        full = False

        def __init__(self, journal):
            self.journal = journal

        def append(self, record):
            if Disk.full:
                raise StoreWriteError("NOT SAVED: No space left on device (journal)")
            self.journal.append(record)

        def close(self):
            self.journal.close()

    real = store.journal
    monkeypatch.setattr(store, "journal", lambda session_id: Disk(real(session_id)))
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        banner = screen.query_one("#banner")
        assert not banner.display
        Disk.full = True
        await press(pilot, "escape", "n", T("while the disk is full"), "enter")
        screen.recorder.flush()
        await pilot.pause()
        assert banner.display and "No space left on device" in text(banner)
        Disk.full = False
        await press(pilot, "n", T("and after"), "enter")
        screen.recorder.flush()
        await pilot.pause()
        assert not banner.display


async def test_a_half_typed_note_is_journalled_and_comes_back_on_resume(
    store, fake, catalog
) -> None:
    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        journal = store.journal(screen.live.session.id)
        await press(pilot, "escape", "a", T("Call the recruiter by Fri"))
        screen.recorder.flush()
        # no enter, no esc: the process could die now
        record = journal.read_last()
        assert record["draft"] == {"kind": "action", "text": "Call the recruiter by Fri"}

    # the next start, after a crash: resume it (y) and the draft is in the box again
    again = app_for(store, fake, catalog)
    assert store.pending()[0].draft == "Call the recruiter by Fri"
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        screen = live_screen(again)
        field = screen.query_one("#note-input", Input)
        assert field.value == "Call the recruiter by Fri"
        assert screen.query_one(NotesPane).kind == "action"
        await press(pilot, "a", "enter")
        assert [n.text for n in screen.live.round.notes] == ["Call the recruiter by Fri"]
        assert screen.live.round.notes[0].kind == "action"
        assert screen.live.session.draft == ""
    assert record["id"] == screen.live.session.id


async def test_feedback_records_the_kind_of_session_for_the_coaching_log(
    store, fake, catalog
) -> None:
    from textual.widgets import Select

    from sessionkit.exports.csv_log import write_csv

    app = app_for(store, fake, catalog, START)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        fake.advance(120)  # a round under a minute is not coaching hours (left out of the log)
        await pilot.press("escape", "e", "y")
        await pilot.pause()
        kind = app.screen.query_one("#fb-type", Select)
        assert kind.value is Select.NULL  # a first session: unset until chosen
        app.screen.set_focus(kind)
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert kind.value == "paid"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.get(screen.live.session.id)
    assert saved.status == "completed" and saved.session_type == "paid"
    out = io.StringIO()
    write_csv(iter([saved]), out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["type"] == "paid"
