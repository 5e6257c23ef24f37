"""Group meetings in the review's main history: rows of their own, filterable by member and
searchable; everything else the index serves (dashboard, actions, partnerships) stays about
one-to-one sessions; the summary index beside the database keeps them."""

from __future__ import annotations

import json
from pathlib import Path

from sessionkit import __version__
from sessionkit.clock import FakeClock
from sessionkit.demo import generate
from sessionkit.review import index_file
from sessionkit.review.dashboard import build
from sessionkit.review.history import HistoryIndex
from sessionkit.review.source import IndexedHistory, refresh
from sessionkit.store import SessionStore
from sessionkit.store.groups import commit_group
from sessionkit.store.lazy import LazyStore
from tests.golden.group_fixture import meeting


def filled(store: SessionStore) -> None:
    store.save_many(generate(12))
    commit_group(store, meeting())


def test_meetings_are_rows_of_the_history_filtered_by_member(fake: FakeClock) -> None:
    store = SessionStore.memory(fake)
    filled(store)
    index = HistoryIndex.from_store(store)
    (row,) = [s for s in index.rows if s.is_group]
    assert (row.id, row.rounds, row.model, row.members) == ("group0001", 2, "tietze",
                                                            ("Ana", "Ben", "Cem", "Dee"))
    assert row.outcome.startswith("Zoë Martin does not answer my mails; SECRET-BEN")
    assert len(index) == 13 and len(index.filter()) == 12  # sessions only unless asked
    assert row in index.filter("dee", groups=True)
    assert [s.id for s in index.filter("Cem", groups=True) if s.is_group] == ["group0001"]
    assert "Cem" in index.people() and "Dee" in index.people()
    # words from advice, questions, next steps, lessons; private notes only in a coach's view
    assert index.filter(text="manager needs", groups=True) == [row]
    assert index.filter(text="casting short", groups=True) == [row]
    assert index.filter(text="secret-note", groups=True) == [row]
    assert index.filter(text="secret-note", groups=True, private=False) == []


def test_the_dashboard_and_actions_stay_about_sessions(fake: FakeClock) -> None:
    store = SessionStore.memory(fake)
    filled(store)
    with_group = HistoryIndex.from_store(store)
    plain = HistoryIndex.build(store.raw_sessions())
    assert build(with_group, fake.now()) == build(plain, fake.now())
    assert with_group.actions(include_done=True) == plain.actions(include_done=True)


def test_an_unfinished_meeting_only_in_a_journal_is_a_row(fake: FakeClock) -> None:
    store = SessionStore.memory(fake)
    m = meeting()
    m.status = "unfinished"
    store.journal(m.id).append(m.to_dict())
    (row,) = HistoryIndex.from_store(store).filter(groups=True)
    assert row.id == m.id and row.status == "unfinished"


def test_the_summary_index_keeps_meetings(tmp_path: Path, fake: FakeClock) -> None:
    db = tmp_path / "data" / "db.json"
    with SessionStore.open(db, clock=fake) as store:
        filled(store)
    with SessionStore.open(db, clock=fake) as store:
        assert refresh(store, __version__, min_sessions=0)
        built = HistoryIndex.from_store(store)
    rows = index_file.read_rows(db, __version__)
    assert rows == built.rows and any(r.is_group for r in rows)
    lazy = LazyStore.hold(db, fake)
    try:
        full = IndexedHistory(lazy, db, __version__).full()
        assert not lazy.opened  # read from the index, the database never parsed
        assert [s.id for s in full.filter("cem", groups=True)] == ["group0001"]
        assert "Dee" in full.people()
    finally:
        lazy.close()


def test_an_index_of_the_format_before_members_is_stale(tmp_path: Path, fake: FakeClock) -> None:
    db = tmp_path / "data" / "db.json"
    with SessionStore.open(db, clock=fake) as store:
        filled(store)
        assert refresh(store, __version__, min_sessions=0)
    path = index_file.index_path(db)
    head_line, _, body = path.read_bytes().partition(b"\n")
    head = json.loads(head_line.partition(b" ")[2])
    head["format"] = 2
    path.write_bytes(index_file._encode(head) + body)
    assert index_file.read_head(db, __version__) is None
    assert index_file.read_rows(db, __version__) is None
