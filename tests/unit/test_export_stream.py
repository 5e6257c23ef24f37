"""The JSON export streams stored records: byte for byte what the dataclass round trip writes."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionkit.demo import generate
from sessionkit.exports.run import export, select, write
from sessionkit.models import Session
from sessionkit.store import SessionStore
from tests.golden.fixture import hostile
from tests.golden.fixture import sessions as fixture_sessions
from tests.unit.session_strategies import sessions as any_session


def through_dataclasses(store: SessionStore) -> bytes:
    """The long way: every record rebuilt as a Session and written from it."""
    buf = io.StringIO()
    write("json", select(store), buf, True)  # the full backup: private notes kept
    return buf.getvalue().encode("utf-8")


def streamed(db: Path, out: Path) -> bytes:
    with SessionStore.open(db, readonly=True) as store:
        export(store, "json", out)
    return out.read_bytes()


@pytest.mark.parametrize("data", ["fixture", "demo"])
def test_streamed_export_is_identical_to_the_dataclass_path(tmp_path: Path, data: str) -> None:
    db = tmp_path / "db.json"
    items = [*fixture_sessions(), hostile()] if data == "fixture" else generate(60)
    with SessionStore.open(db) as store:
        store.save_many(items)
    with SessionStore.open(db, readonly=True) as store:
        expected = through_dataclasses(store)
    assert streamed(db, tmp_path / "out.json") == expected
    assert len(json.loads(expected)["sessions"]) == len(items)


def test_a_hand_edited_record_is_normalised_as_before(tmp_path: Path) -> None:
    """Keys out of order or missing (a file edited by hand) go through the dataclass."""
    db = tmp_path / "db.json"
    with SessionStore.open(db) as store:
        store.save_many(fixture_sessions())
    data = json.loads(db.read_bytes())
    first = next(iter(data["sessions"].values()))
    first.pop("swap")
    data["sessions"][next(iter(data["sessions"]))] = dict(reversed(list(first.items())))
    db.write_text(json.dumps(data), encoding="utf-8")
    with SessionStore.open(db, readonly=True) as store:
        expected = through_dataclasses(store)
    assert b'"swap": false' in expected
    assert streamed(db, tmp_path / "out.json") == expected


@settings(max_examples=20, deadline=None)
@given(st.lists(any_session, max_size=3, unique_by=lambda s: s.id))
def test_any_saved_session_streams_identically(items: list[Session]) -> None:
    store = SessionStore.memory()
    store.save_many(items)
    out = io.StringIO()
    with redirect_stdout(out):
        export(store, "json", None)
    assert out.getvalue().encode("utf-8") == through_dataclasses(store)
