"""After a write failure the quit prompt retries the save first and counts what is really lost:
typed feedback answers and a note being typed, not only notes (issue 18)."""

from __future__ import annotations

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.errors import StoreWriteError
from sessionkit.live.recorder import LiveRecorder
from sessionkit.live.session import LiveSession
from tests.unit.test_recorder import FlakyJournal


def _failing(fake: FakeClock, catalog: ModelCatalog) -> tuple[LiveSession, LiveRecorder,
                                                              FlakyJournal]:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    journal = FlakyJournal()
    recorder = LiveRecorder(live, journal, fake)
    live.add_note("saved")
    assert recorder.flush()
    journal.failure = StoreWriteError("NOT SAVED: No space left on device")
    return live, recorder, journal


def test_typed_feedback_counts_as_lost(fake: FakeClock, catalog: ModelCatalog) -> None:
    from screens.app import quit_unsaved

    live, recorder, _ = _failing(fake, catalog)
    live.save_feedback(0, {"most_helpful": "the silence", "less_helpful": "too fast"})
    live.set_draft("half a thought")
    assert not recorder.save_now()
    assert recorder.unsaved_notes() == 0 and recorder.unsaved_answers() == 3
    question, detail = quit_unsaved([recorder])
    assert question == "Quit anyway and lose 0 notes and 3 typed answers?"
    assert "NOT SAVED" in detail
    recorder.close()


def test_the_quit_prompt_retries_first_and_counts_nothing_once_saved(
    fake: FakeClock, catalog: ModelCatalog
) -> None:
    from sessionkit.live.recorder import Recorders

    live, recorder, journal = _failing(fake, catalog)
    live.save_feedback(0, {"most_helpful": "the silence"})
    assert not recorder.save_now()
    journal.failure = None  # space was freed
    recorders = Recorders.__new__(Recorders)
    recorders.active = lambda: [recorder]  # type: ignore[method-assign]
    assert recorders.failing() == []  # the retry saved it: no "lose" question at all
    assert recorder.unsaved_answers() == 0
    assert journal.records[-1]["rounds"][0]["feedback"]["most_helpful"] == "the silence"
    recorder.close()
