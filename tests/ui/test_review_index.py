"""The review opened on the summary index: first rows from its head, every row just after the
first paint, the database parsed only when a session is opened."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from screens.app import make_app
from screens.detail import SessionDetailScreen
from screens.review import ReviewScreen
from screens.widgets.row_table import RowTable
from sessionkit import __version__
from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.demo import generate
from sessionkit.review import index_file
from sessionkit.review.source import IndexedHistory, refresh
from sessionkit.store import SessionStore
from sessionkit.store.lazy import LazyStore

SIZE = (120, 40)
COUNT = index_file.HEAD_ROWS + 40


def indexed_db(tmp_path: Path, fake: FakeClock) -> Path:
    db = tmp_path / "db.json"
    with SessionStore.open(db, clock=fake) as store:
        store.save_many(generate(COUNT))
    with SessionStore.open(db, clock=fake) as store:
        assert refresh(store, __version__, min_sessions=0)
    return db


async def test_review_shows_the_head_then_every_row_then_opens_a_session(
    tmp_path: Path, fake: FakeClock
) -> None:
    db = indexed_db(tmp_path, fake)
    store = LazyStore.hold(db, fake)
    history = IndexedHistory(store, db, __version__)
    app = make_app(store=store, catalog=ModelCatalog(), clock=fake, review=True,
                   history=history)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            table = screen.query_one(RowTable)
            count = screen.query_one("#review-count", Static)
            assert len(table.items) == index_file.HEAD_ROWS  # the head, before the first paint
            assert str(count.render()).startswith(f"{COUNT} of {COUNT} sessions")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert len(table.items) == COUNT
            assert str(count.render()).startswith(f"{COUNT} of {COUNT} sessions")
            assert not store.opened  # nothing so far needed the database
            newest = table.items[0]
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SessionDetailScreen)
            assert store.opened and app.screen.session_id == newest.id
    finally:
        store.close()


async def test_without_an_index_the_review_reads_the_database_and_writes_one(
    tmp_path: Path, fake: FakeClock
) -> None:
    db = indexed_db(tmp_path, fake)
    index_file.index_path(db).unlink()
    store = LazyStore.hold(db, fake)
    history = IndexedHistory(store, db, __version__, min_sessions=0)
    app = make_app(store=store, catalog=ModelCatalog(), clock=fake, review=True,
                   history=history)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert len(app.screen.query_one(RowTable).items) == COUNT
            await app.workers.wait_for_complete()
            await pilot.pause()
    finally:
        store.close()
    rows = index_file.read_rows(db, __version__)
    assert rows is not None and len(rows) == COUNT
