"""The review's index, actions across sessions, partnerships and the talk timeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sessionkit.clock import FakeClock, iso
from sessionkit.errors import SessionkitError
from sessionkit.models import Round, Segment, Session
from sessionkit.review.charts import timeline
from sessionkit.review.history import HistoryIndex, set_action_done, summarize
from sessionkit.review.partnerships import partnerships
from sessionkit.store import SessionStore
from tests.golden.fixture import sessions


def index() -> HistoryIndex:
    return HistoryIndex.build(s.to_dict() for s in sessions())


def test_summary_holds_what_the_table_shows() -> None:
    s = summarize(sessions()[0].to_dict())
    assert (s.coach, s.client, s.model, s.rounds) == ("Ana", "Zoë", "grow", 2)
    assert s.people == {"ana", "zoë"}
    assert s.minutes == pytest.approx((2700 + 2640) / 60)
    assert s.client_share == pytest.approx(2000 / (2000 + 600))  # round 1: Zoë as client
    (one, two) = s.figures  # each round its own figures, never pooled
    assert (one.client, two.client) == ("Zoë", "Ana")
    assert two.client_share == pytest.approx(1740 / (1740 + 900))
    assert (s.scale_start, s.scale_end) == (3, 7)
    assert [a.text for a in s.actions] == [
        "Talk to HR, then decide", "SECRET-ACTION: draft the letter", "Block 8-10 on Tuesdays"]
    assert s.actions[2].client == "Ana" and s.actions[2].coach == "Zoë"


def test_index_is_newest_first_and_skips_broken_records() -> None:
    docs = [s.to_dict() for s in sessions()] + [{"id": "x"}, {"rounds": "nope"}]
    ix = HistoryIndex.build(docs)
    assert [s.id for s in ix.rows] == ["open0003", "paid0002", "peer0001"]
    assert ix.skipped == 2
    assert ix.people() == ["Ana", "Ben", "Chloe", "Zoë"]


def test_filter_by_person_is_case_insensitive_and_covers_every_round() -> None:
    ix = index()
    assert [s.id for s in ix.filter(person="ZOË")] == ["peer0001"]
    assert [s.id for s in ix.filter(person="ben")] == ["paid0002"]
    assert ix.filter(person="nobody") == []
    assert len(ix.filter()) == 3


def test_search_needs_every_word_in_outcomes_notes_or_feedback() -> None:
    ix = index()
    assert [s.id for s in ix.filter(text="board")] == ["paid0002"]  # outcome
    assert [s.id for s in ix.filter(text="LIT up")] == ["peer0001"]  # note
    assert [s.id for s in ix.filter(text="rehearsing")] == ["paid0002"]  # feedback
    assert [s.id for s in ix.filter(text="secret-note")] == ["peer0001"]  # private: coach's view
    assert ix.filter(text="board scaling") == []
    assert ix.filter(person="ana", text="mornings")[0].id == "peer0001"


def test_actions_across_sessions_open_and_done() -> None:
    ix = index()
    assert [a.note_id for a in ix.actions()] == ["a2", "a3"]
    assert [a.note_id for a in ix.actions(include_done=True)] == ["a1", "a2", "a3"]
    assert ix.actions(person="ben") == []


def test_set_action_done_saves_with_the_clock_time(fake: FakeClock) -> None:
    store = SessionStore.memory()
    store.save_many(sessions())
    saved = set_action_done(store, fake, "peer0001", "a3")
    note = store.get("peer0001").rounds[1].notes[0]  # type: ignore[union-attr]
    assert note.done and note.done_at == iso(fake.now()) == "2026-11-25T09:00:00+00:00"
    assert saved.rounds[1].notes[0].done
    fake.advance(60)
    set_action_done(store, fake, "peer0001", "a3", done=False)
    note = store.get("peer0001").rounds[1].notes[0]  # type: ignore[union-attr]
    assert not note.done and note.done_at is None
    with pytest.raises(SessionkitError, match="not in session"):
        set_action_done(store, fake, "peer0001", "n1")  # a note, not an action
    with pytest.raises(SessionkitError, match="no longer"):
        set_action_done(store, fake, "gone", "a1")


def test_update_replaces_one_summary() -> None:
    ix = index()
    session = sessions()[1]
    session.rounds[0].outcome = "A new outcome about sailing"
    ix.update(session.to_dict())
    assert [s.id for s in ix.filter(text="sailing")] == ["paid0002"]
    assert len(ix) == 3
    new = Session(started_at="2027-01-01T10:00:00+00:00", id="new1",
                  rounds=[Round("Dev", "Ana", "2027-01-01T10:00:00+00:00")])
    ix.update(new.to_dict())
    assert ix.rows[0].id == "new1" and "Dev" in ix.people()


def test_from_store_includes_journal_only_sessions(fake: FakeClock) -> None:
    store = SessionStore.memory(fake)
    store.save_many(sessions()[:2])
    live = sessions()[2]
    store.journal(live.id).append(live.to_dict())
    ix = HistoryIndex.from_store(store)
    assert {s.id for s in ix.rows} == {"peer0001", "paid0002", "open0003"}


# -- partnerships ----------------------------------------------------------------------------
def pair_session(day: int, **kw: object) -> Session:
    start = datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(days=day)
    session = Session(started_at=iso(start), rounds=[Round("Ana", "Ben", iso(start))], **kw)
    session.rounds[0].elapsed_seconds = 2700
    return session


def rhythm(*items: Session, now_day: int = 24) -> object:
    now = datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(days=now_day)
    ix = HistoryIndex.build(s.to_dict() for s in items)
    (p,) = partnerships(ix.rows, now)
    return p


def test_scheduled_session_in_the_future() -> None:
    nxt = iso(datetime(2026, 11, 28, 9, tzinfo=UTC))
    p = rhythm(pair_session(10), pair_session(20, next_session=nxt, programme_total=12,
                                              cadence_days=7))
    assert p.status == "scheduled" and not p.flagged
    assert p.progress == "session 2 of 12" and p.cadence_days == 7
    assert p.reason == "next session in 3 days"
    assert p.minutes == [45, 45]


def test_passed_scheduled_session_is_overdue() -> None:
    nxt = iso(datetime(2026, 11, 22, 9, tzinfo=UTC))
    p = rhythm(pair_session(20, next_session=nxt))
    assert p.status == "overdue" and p.flagged and "3 days ago" in p.reason


def test_no_contact_for_more_than_a_week_with_nothing_scheduled() -> None:
    assert rhythm(pair_session(20)).status == "ok"  # 4 days
    p = rhythm(pair_session(10))  # 14 days, no cadence agreed
    assert p.status == "no contact" and p.flagged and "14 days" in p.reason


def test_lapsed_cadence_is_overdue_and_a_finished_programme_is_not() -> None:
    assert rhythm(pair_session(12, cadence_days=10)).status == "overdue"
    done = [pair_session(d, programme_total=2) for d in (1, 8)]
    assert rhythm(*done).status == "complete"


def test_pairs_are_unordered_and_flagged_ones_come_first() -> None:
    a = pair_session(1)
    b = pair_session(22)
    b.rounds[0].coach, b.rounds[0].client = "ben", "Ana"  # roles swapped, name case differs
    other = Session(started_at=iso(datetime(2026, 11, 2, tzinfo=UTC)),
                    rounds=[Round("Chloe", "Dev", iso(datetime(2026, 11, 2, tzinfo=UTC)))])
    ix = HistoryIndex.build(s.to_dict() for s in (a, b, other))
    ps = partnerships(ix.rows, datetime(2026, 11, 24, tzinfo=UTC))
    assert [(p.names, p.sessions_held, p.status) for p in ps] == [
        (("Chloe", "Dev"), 1, "no contact"), (("Ana", "ben"), 2, "ok")]


def test_trend_series_follow_the_sessions() -> None:
    p = rhythm(*[pair_session(d) for d in range(0, 20, 2)])
    assert len(p.minutes) == 10  # no talk recorded: no share points
    (ben,) = p.as_client
    assert ben.name == "Ben" and ben.rounds == 10 and ben.share == []


# -- talk timeline -----------------------------------------------------------------------------
def test_timeline_gives_each_slice_to_who_spoke_longest() -> None:
    segs = [Segment("coach", 0, 10), Segment("client", 10, 25), Segment("silence", 35, 5)]
    assert timeline(segs, 4) == ["coach", "client", "client", "client"]
    assert timeline(segs, 8) == ["coach", "coach", "client", "client", "client", "client",
                                 "client", "silence"]
    assert timeline(segs, 2, total=80) == ["client", ""]
    assert timeline([], 3) == ["", "", ""]
