"""Hostile import files through `sessionkit import`: never a traceback; a refusal is one line
naming the file and leaves the database byte-identical; what is let in, every command handles."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from tests.fuzz.cases import _RAW_FILES, hostile_import, run, try_import

PWNED = "x/../../../../../../../outside/PWNED"


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(content=hostile_import())
@example(content=_RAW_FILES[7])  # nested 1,500 deep
def test_hostile_import_files_are_refused_cleanly_or_work_everywhere(content: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="sessionkit-fuzz-") as tmp:
        outcome, detail = try_import(Path(tmp), content)
    assert outcome in ("refused", "imported"), detail


@pytest.mark.parametrize(("content", "problem"), [
    (b"[" * 1500 + b"]" * 1500, "nested too deeply"),
    (b'{"schema": 1, "sessions": [{"id": "a", "x": ' + b"1" * 5000 + b"}]}",
     "a number with thousands of digits"),
    (b'{"schema": 1, "sessions": [{"id": "a", "started_at": "2026-11-25T09:00:00+00:00", '
     b'"planned_minutes": 1' + b"0" * 399 + b"}]}", "planned_minutes: a 400-digit number"),
])
def test_deep_and_huge_numbers_are_one_line(tmp_path: Path, content: bytes, problem: str) -> None:
    outcome, detail = try_import(tmp_path, content)
    assert outcome == "refused" and problem in detail and "\n" not in detail


def test_a_path_for_a_session_id_is_refused_on_import(tmp_path: Path) -> None:
    from tests.fuzz.cases import _BASE, _dump

    doc = {**_BASE[0], "id": PWNED, "status": "unfinished"}
    outcome, detail = try_import(tmp_path, _dump({"schema": 1, "sessions": [doc]}))
    assert outcome == "refused"
    assert f"sessions[0].id: '{PWNED}' is not an id" in detail
    assert not (tmp_path.parent / "outside").exists()


def test_a_ten_megabyte_field_is_refused_quickly(tmp_path: Path) -> None:
    from tests.fuzz.cases import _BASE, _dump

    doc = {**_BASE[0], "rounds": [{**_BASE[0]["rounds"][0], "outcome": "o" * 10_000_000}]}
    outcome, detail = try_import(tmp_path, _dump({"schema": 1, "sessions": [doc]}))
    assert outcome == "refused"
    assert "rounds[0].outcome: 10,000,000 characters, more than the 50,000 allowed" in detail


def test_duplicate_ids_in_an_import_are_refused(tmp_path: Path) -> None:
    from tests.fuzz.cases import _BASE, _dump

    outcome, detail = try_import(tmp_path, _dump({"schema": 1, "sessions": [_BASE[0], _BASE[0]]}))
    assert outcome == "refused" and "appears twice" in detail


def test_a_missing_import_file_is_one_line(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "db.json"), "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 1 and "no such file; nothing was imported" in result.stderr
