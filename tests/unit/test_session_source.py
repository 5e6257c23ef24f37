"""`SessionSource`: one typed door to the sessions. The store and the lazy store give the same
answers; "the sessions" are the saved ones plus those only in a journal, the journal's copy
winning; the scale rule and "the people in a session" are one function each."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from sessionkit.demo import generate
from sessionkit.models import Note, Session, people_in
from sessionkit.scale import on_scale, typed_scale
from sessionkit.store import SessionStore
from sessionkit.store.groups import all_groups, commit_group, get_group, raw_groups
from sessionkit.store.lazy import LazyStore
from sessionkit.store.source import GroupSource, SessionSource, SessionWriter, saved_or_journal
from tests.golden.group_fixture import meeting


def _house(db: Path) -> tuple[list[Session], Session, Session, Session]:
    """Saved: three completed and two kept unfinished (the first resumed since: its journal
    holds a newer copy); and one session only in a journal (a crash)."""
    saved = generate(5, seed=3)
    resumed, kept, saved = saved[3], saved[4], saved[:3]
    crashed = generate(1, seed=99)[0]
    crashed.status = "unfinished"
    with SessionStore.open(db) as store:
        store.save_many(saved)
        store.keep_unfinished(resumed)
        store.keep_unfinished(kept)
        resumed.status = "unfinished"
        resumed.rounds[0].notes.append(Note(at=resumed.started_at, text="after resuming"))
        store.journal(resumed.id).append(resumed.to_dict())
        store.journal(crashed.id).append(crashed.to_dict())
    return saved, resumed, kept, crashed


def _texts(doc: dict[str, Any]) -> list[str]:
    return [n["text"] for r in doc["rounds"] for n in r["notes"]]


def test_docs_are_saved_then_journal_only_with_the_journal_copy_winning(tmp_path: Path) -> None:
    saved, resumed, kept, crashed = _house(tmp_path / "s.json")
    with SessionStore.open(tmp_path / "s.json", readonly=True) as store:
        docs = store.docs()
    assert [d["id"] for d in docs] == [*(s.id for s in saved), resumed.id, kept.id, crashed.id]
    assert "after resuming" in _texts(docs[3])
    assert [d["status"] for d in docs] == ["completed"] * 3 + ["unfinished"] * 3
    assert docs[0] == saved[0].to_dict()


def test_unfinished_is_journals_then_the_saved_unfinished(tmp_path: Path) -> None:
    _, resumed, kept, crashed = _house(tmp_path / "s.json")
    with SessionStore.open(tmp_path / "s.json", readonly=True) as store:
        unfinished = store.unfinished()
    assert {s.id for s in unfinished[:2]} == {resumed.id, crashed.id}  # the journals first
    assert [s.id for s in unfinished[2:]] == [kept.id]
    assert all(s.status == "unfinished" for s in unfinished)
    (again,) = [s for s in unfinished if s.id == resumed.id]
    assert "after resuming" in _texts(again.to_dict())


def test_the_lazy_store_answers_like_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.json"
    saved, _, _, crashed = _house(db)
    with SessionStore.open(db, readonly=True) as store:
        want = (store.docs(), [s.to_dict() for s in store.unfinished()], store.count(),
                store.get(saved[0].id))
    lazy = LazyStore.hold(db)
    try:
        assert not lazy.opened
        got = (lazy.docs(), [s.to_dict() for s in lazy.unfinished()], lazy.count(),
               lazy.get(saved[0].id))
        assert got == want and want[2] == 5
        assert lazy.get(crashed.id) is None  # get: saved sessions only
        found = saved_or_journal(lazy, crashed.id)
        assert found is not None and found.id == crashed.id
        assert saved_or_journal(lazy, "no-such-id") is None
    finally:
        lazy.close()


@pytest.mark.parametrize("kind", [SessionStore, LazyStore])
def test_both_stores_have_every_method_of_the_door(kind: type) -> None:
    door = {n for n in dir(SessionWriter) if not n.startswith("_")}
    assert door == {"get", "docs", "unfinished", "count", "save", "group_rows", "live_records"}
    for name in door:  # spelled out: LazyStore's __getattr__ would satisfy mypy for anything
        assert inspect.isfunction(getattr(kind, name)), f"{kind.__name__}.{name}"
    assert SessionSource in SessionWriter.__mro__ and GroupSource in SessionSource.__mro__
    assert {n for n in dir(GroupSource) if not n.startswith("_")} == {"group_rows",
                                                                      "live_records"}


def test_the_lazy_store_reads_the_group_meetings_like_the_store(tmp_path: Path) -> None:
    """Through `GroupSource`: a saved meeting, and one only in its live journal (unfinished)."""
    db = tmp_path / "s.json"
    saved, live = meeting(), meeting()
    live.id = "group0002"  # ended, but the crash came before the table was written
    with SessionStore.open(db) as store:
        commit_group(store, saved)
        store.journal(live.id).append(live.to_dict())
    with SessionStore.open(db, readonly=True) as store:
        want = ([m.to_dict() for m in all_groups(store)], raw_groups(store), store.group_rows())
    lazy = LazyStore.hold(db)
    try:
        got = ([m.to_dict() for m in all_groups(lazy)], raw_groups(lazy), lazy.group_rows())
        assert got == want
        assert [m["id"] for m in want[0]] == ["group0001", "group0002"]
        assert want[0][1]["status"] == "unfinished"  # only in a journal
        assert list(want[2]) == ["group0001"] and len(lazy.live_records()) == 1
        found = get_group(lazy, "group0002")
        assert found is not None and found.status == "unfinished"
    finally:
        lazy.close()


@pytest.mark.parametrize("value,ok", [
    (0, True), (10, True), (7, True), (-1, False), (11, False), (True, False), (5.0, False),
    (None, False), ("5", False),
])
def test_the_scale_is_a_whole_number_from_0_to_10(value: object, ok: bool) -> None:
    assert on_scale(value) is ok


@pytest.mark.parametrize("raw,ok", [("0", True), ("10", True), ("11", False), ("-1", False),
                                    ("7.5", False), (" 7", False), ("", False)])
def test_a_typed_scale(raw: str, ok: bool) -> None:
    assert typed_scale(raw) is ok


def test_the_people_in_a_session_in_order_of_appearance() -> None:
    session = generate(1, seed=5)[0]
    first = session.rounds[0]
    assert people_in(session)[:2] == [first.coach, first.client]
    assert len(people_in(session)) == len(set(people_in(session))) == len(session.people)
    assert people_in(None) == []


def test_opened_store_opens_a_lazy_store_and_passes_a_store_through(tmp_path: Path) -> None:
    """What only a SessionStore does (a meeting's write, a live record's journal) goes through
    `opened_store`: the keeper the app builds leaves a lazy store shut until then."""
    from sessionkit.store.keeper import StoreKeeper
    from sessionkit.store.lazy import opened_store

    store = SessionStore.memory()
    assert opened_store(store) is store
    db = tmp_path / "s.json"
    SessionStore.open(db).close()
    lazy = LazyStore.hold(db)
    try:
        keeper = StoreKeeper(lazy)
        assert not lazy.opened
        keeper.journal("s1").append({"id": "s1"})
        assert lazy.opened and opened_store(lazy) is lazy.store()
    finally:
        lazy.close()
