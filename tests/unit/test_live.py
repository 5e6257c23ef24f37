"""The live-session helpers around LiveSession: carry-forward, resume (saving: test_recorder.py)."""

from __future__ import annotations

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.live.session import LiveSession
from sessionkit.models import Session
from sessionkit.review import carry
from sessionkit.review.history import set_action_done
from sessionkit.store import SessionStore


def finished(
    store: SessionStore, fake: FakeClock, catalog: ModelCatalog, coach: str, client: str,
    actions: tuple[str, ...] = (),
) -> Session:
    live = LiveSession.start(coach, client, catalog.get("grow"), fake)
    for text in actions:
        live.add_note(text, "action")
    live.add_note("just a note")
    session = live.finish()
    store.commit(session)
    fake.advance(3600)
    return session


# -- carry-forward ------------------------------------------------------------------------
def test_first_of_pair_either_way_round(fake: FakeClock, catalog: ModelCatalog) -> None:
    store = SessionStore.memory(fake)
    assert carry.first_of_pair(store, "Ana", "Ben")
    finished(store, fake, catalog, "Ben", "Ana")
    assert not carry.first_of_pair(store, "ana", "BEN")
    assert carry.first_of_pair(store, "Ana", "Cy")


def test_open_actions_come_from_the_last_session_of_that_client(
    fake: FakeClock, catalog: ModelCatalog
) -> None:
    store = SessionStore.memory(fake)
    finished(store, fake, catalog, "Ana", "Ben", ("old step",))
    last = finished(store, fake, catalog, "Ana", "Ben", ("call Kim", "book the room"))
    finished(store, fake, catalog, "Ben", "Ana", ("Ana's own step",))  # Ben coaching: not his
    actions = carry.open_actions(store, "Ben")
    assert [a.text for a in actions] == ["call Kim", "book the room"]
    assert {a.session_id for a in actions} == {last.id}
    assert carry.open_actions(store, "Ben", exclude=last.id)[0].text == "old step"
    assert carry.open_actions(store, "Nobody") == []


def test_ticking_an_action_saves_the_earlier_session(
    fake: FakeClock, catalog: ModelCatalog
) -> None:
    store = SessionStore.memory(fake)
    last = finished(store, fake, catalog, "Ana", "Ben", ("call Kim", "book the room"))
    action = carry.open_actions(store, "Ben")[0]
    set_action_done(store, fake, action.session_id, action.note_id, True)
    saved = store.get(last.id)
    assert saved is not None
    note = saved.rounds[0].notes[0]
    assert note.done and note.done_at == "2026-11-25T10:00:00+00:00"
    assert [a.text for a in carry.open_actions(store, "Ben")] == ["book the room"]
    set_action_done(store, fake, action.session_id, action.note_id, False)
    assert len(carry.open_actions(store, "Ben")) == 2


# -- resume -------------------------------------------------------------------------------
def test_resume_runs_on_from_the_saved_elapsed(fake: FakeClock, catalog: ModelCatalog) -> None:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    fake.advance(120)
    record = live.record()
    fake.advance(1000)  # the time the app was dead does not count
    again = LiveSession.resume(Session.from_dict(record), catalog.get("grow"), fake)
    assert not again.ended
    assert again.tracker.elapsed() == 120
    assert again.tracker.speaker == "silence"
    fake.advance(5)
    assert again.snapshot().elapsed == 125


def test_resume_of_an_ended_session_waits_for_feedback(
    fake: FakeClock, catalog: ModelCatalog
) -> None:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    fake.advance(60)
    live.end()
    again = LiveSession.resume(Session.from_dict(live.record()), catalog.get("grow"), fake)
    assert again.ended
    assert again.record()["rounds"][0]["talk"]["coach_seconds"] == 60


@pytest.mark.parametrize("bad", [-1, 11])
def test_outcome_scale_is_checked(fake: FakeClock, catalog: ModelCatalog, bad: int) -> None:
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    with pytest.raises(ValueError, match="0 to 10"):
        live.set_outcome("x", scale=bad)
