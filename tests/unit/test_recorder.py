"""LiveRecorder: every change saved by itself, the 2-second promise kept, any failure reported."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.errors import StoreWriteError
from sessionkit.live.recorder import LiveRecorder, Recorders, reason_of
from sessionkit.live.session import LiveSession
from sessionkit.store import SessionStore
from sessionkit.store.keeper import StoreKeeper


class FlakyJournal:
    """Raises `failure` while it is set; records what got written."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.failure: Exception | None = None
        self.closed = False
        self.gate = threading.Event()
        self.gate.set()

    def append(self, record: dict[str, Any]) -> None:
        self.gate.wait(5)
        if self.failure is not None:
            raise self.failure
        self.records.append(record)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def live(fake: FakeClock, catalog: ModelCatalog) -> LiveSession:
    return LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)


def test_every_change_is_saved_without_being_asked(live, fake) -> None:
    journal = FlakyJournal()
    recorder = LiveRecorder(live, journal, fake)
    live.add_note("in the journal")  # nobody calls the recorder: the session tells it
    assert recorder.flush()
    assert journal.records[-1]["rounds"][0]["notes"][0]["text"] == "in the journal"
    recorder.close()
    assert journal.closed
    live.add_note("after close")  # never a write to a closed journal
    assert len(journal.records[-1]["rounds"][0]["notes"]) == 1


def test_the_newest_record_wins(live, fake) -> None:
    journal = FlakyJournal()
    recorder = LiveRecorder(live, journal, fake)
    recorder.flush()
    journal.gate.clear()  # hold the writer: several changes pile up
    for text in ("one", "two", "three"):
        live.add_note(text)
    journal.gate.set()
    assert recorder.flush()
    assert [n["text"] for n in journal.records[-1]["rounds"][0]["notes"]] == [
        "one", "two", "three"]
    assert len(journal.records) <= 4
    recorder.close()


def test_the_two_second_promise_is_kept_on_a_one_second_tick(live, fake) -> None:
    """A tick that comes a little early must not push the save to the third second."""
    journal = FlakyJournal()
    recorder = LiveRecorder(live, journal, fake)
    saved_at = []
    for _ in range(20):
        fake.advance(0.999)
        before = recorder.writes
        recorder.tick()
        recorder.flush()
        if recorder.writes > before:
            saved_at.append(live.tracker.elapsed())
    gaps = [b - a for a, b in zip([0.0, *saved_at], saved_at, strict=False)]
    assert len(saved_at) >= 9 and max(gaps) <= 2.0
    saved = journal.records[-1]["rounds"][0]["elapsed_seconds"]
    assert saved == pytest.approx(saved_at[-1], abs=0.05)
    recorder.close()


def test_no_periodic_save_while_paused(live, fake) -> None:
    journal = FlakyJournal()
    recorder = LiveRecorder(live, journal, fake)
    live.toggle_pause()
    recorder.flush()
    writes = recorder.writes
    for _ in range(5):
        fake.advance(1)
        recorder.tick()
    recorder.flush()
    assert recorder.writes == writes
    recorder.close()


@pytest.mark.parametrize("failure", [
    StoreWriteError("NOT SAVED: No space left on device (journal)"),
    ValueError("embedded null byte"),  # issue 9 defect 5: any exception, not only ours
    RuntimeError("surprise"),
])
def test_any_failure_is_reported_keeps_the_record_and_retries(live, fake, failure) -> None:
    journal = FlakyJournal()
    journal.failure = failure
    recorder = LiveRecorder(live, journal, fake)
    live.add_note("keep me")
    recorder.flush()
    error = recorder.error
    assert error is not None and not error.saved_before
    assert not error.reason.upper().startswith("NOT SAVED")
    assert recorder.unsaved_notes() == 1
    assert recorder._thread.is_alive()  # the writer lives on
    journal.failure = None
    live.add_note("and me")  # the next change retries at once
    assert recorder.flush()
    assert recorder.error is None and recorder.unsaved_notes() == 0
    assert [n["text"] for n in journal.records[-1]["rounds"][0]["notes"]] == ["keep me", "and me"]
    recorder.close()


def test_reasons_never_repeat_the_label() -> None:
    assert reason_of(StoreWriteError("NOT SAVED: NOT SAVED: disk full")) == "disk full"
    assert reason_of(ValueError("embedded null byte")) == (
        "unexpected ValueError: embedded null byte")
    assert reason_of(OSError()) == "unexpected OSError"


def test_finish_commits_and_a_failed_commit_can_be_retried(tmp_path, fake, catalog) -> None:
    store = SessionStore.open(tmp_path / "db.json", clock=fake)
    try:
        live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
        recorder = Recorders(StoreKeeper(store), fake).open(live)
        live.add_note("a note")
        live.finish()

        def full_disk(session: Any) -> None:
            raise StoreWriteError("NOT SAVED: No space left on device (db.json)")

        failed = recorder.finish(full_disk)
        assert failed is not None and failed.reason == "No space left on device (db.json)"
        assert [s.id for s in store.pending()] == [live.session.id]  # the journal is kept
        assert recorder.finish() is None  # the keeper's commit: the store's
        assert store.pending() == [] and store.get(live.session.id).status == "completed"
        assert recorder.finished
    finally:
        store.close()


def test_recorders_know_which_sessions_cannot_be_saved(fake, catalog) -> None:
    good, bad = FlakyJournal(), FlakyJournal()
    bad.failure = StoreWriteError("No space left on device")
    journals = iter([good, bad])

    class Keeper:
        def journal(self, record_id: str) -> FlakyJournal:
            return next(journals)

        def commit(self, record: object) -> None:
            raise AssertionError("nothing is finished here")

    recorders = Recorders(Keeper(), fake)
    one = recorders.open(LiveSession.start("Ana", "Ben", catalog.get("grow"), fake))
    two = recorders.open(LiveSession.start("Cy", "Di", catalog.get("grow"), fake))
    assert recorders.active() == [one, two]
    assert recorders.failing() == [two]
    recorders.close_all()
    assert good.closed and bad.closed


def test_deferred_changes_are_built_once_after_the_screen_and_never_skipped(live, fake) -> None:
    """With `defer` (the screen: after its next refresh) a burst of keys builds one record, and
    flushing or closing never leaves a waiting change behind."""
    journal, later = FlakyJournal(), []
    recorder = LiveRecorder(live, journal, fake, defer=later.append)
    assert recorder.flush() and len(journal.records) == 1  # the first record is not deferred
    fake.advance(5)
    live.toggle_speaker()
    live.add_note("one")
    live.add_note("two")
    assert len(later) == 1 and len(journal.records) == 1  # one build waits for the screen
    later.pop()()
    assert recorder.flush() and len(journal.records) == 2
    assert [n["text"] for n in journal.records[-1]["rounds"][0]["notes"]] == ["one", "two"]
    live.add_note("three")  # the screen has not refreshed yet when quitting...
    assert recorder.flush()  # ...flush builds it anyway
    assert journal.records[-1]["rounds"][0]["notes"][-1]["text"] == "three"
    later.pop()()  # the late callback finds nothing left to do
    live.add_note("four")
    recorder.close()
    assert journal.records[-1]["rounds"][0]["notes"][-1]["text"] == "four"
    writes = len(journal.records)
    for callback in later:
        callback()  # after close: nothing more is written
    assert len(journal.records) == writes


def test_a_deferred_change_the_screen_never_gets_to_is_saved_by_the_tick(live, fake) -> None:
    journal, later = FlakyJournal(), []
    recorder = LiveRecorder(live, journal, fake, defer=later.append)
    recorder.flush()
    live.toggle_pause()  # paused: the tick saves no running clock, only what waits
    later.pop()()
    assert recorder.flush() and len(journal.records) == 2
    live.add_note("second")  # its build waits for a screen that never calls back
    fake.advance(1)
    recorder.tick()
    assert len(later) == 1 and recorder.writes == 2  # not overdue yet
    fake.advance(2)
    recorder.tick()  # overdue: built and handed to the writer here
    with recorder._cond:
        recorder._cond.wait_for(lambda: recorder._tried >= recorder._seq, 5)
    assert journal.records[-1]["rounds"][0]["notes"][-1]["text"] == "second"
    recorder.close()


def test_the_keeper_commits_a_session_and_a_group_meeting_and_nothing_else(tmp_path, fake,
                                                                         catalog) -> None:
    from sessionkit.group.model import GroupMeeting

    store = SessionStore.open(tmp_path / "db.json", clock=fake)
    try:
        keeper = StoreKeeper(store)
        live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
        keeper.commit(live.finish())
        assert store.get(live.session.id).status == "completed"
        with pytest.raises(TypeError, match="cannot commit a dict"):
            keeper.commit({})
        assert GroupMeeting  # committed through store.groups.commit_group (test_group_store)
    finally:
        store.close()
