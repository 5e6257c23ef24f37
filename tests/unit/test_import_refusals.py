"""Import refuses, in one line, what it used to take quietly (issue 18): a key written twice, a
lone surrogate, blank names, a coach who is their own client, one person written two ways, a
round longer than its own start-to-end time, a FIFO or device instead of a file. A database that
holds a lone surrogate (valid JSON from another tool) opens with it replaced visibly, and every
rewrite goes on."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.models import Round, Session
from sessionkit.store import SessionStore

AT = "2026-05-01T10:00:00+00:00"
END = "2026-05-01T10:45:00+00:00"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    return result.stderr.strip()


def _record(**round_fields: Any) -> dict[str, Any]:
    rnd = Round(coach="Ana", client="Eve", started_at=AT, ended_at=END, elapsed_seconds=2700)
    doc = Session(id="s0000001", started_at=AT, status="completed", rounds=[rnd]).to_dict()
    doc["rounds"][0].update(round_fields)
    return doc


def _file(tmp_path: Path, *records: dict[str, Any], text: str | None = None) -> Path:
    path = tmp_path / "in.json"
    path.write_text(text if text is not None else
                    json.dumps({"schema": 1, "sessions": list(records)}), encoding="utf-8")
    return path


def _import(tmp_path: Path, path: Path | str) -> tuple[str, Path]:
    db = tmp_path / "db.json"
    message = one_line(run("--db", str(db), "import", str(path)))
    assert "nothing was imported" in message
    assert not db.exists()
    return message, db


def test_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    text = json.dumps({"schema": 1, "sessions": [_record()]})
    text = text.replace('"private": false', '"private": true, "private": false', 1)
    text = text.replace('"notes": []', '"notes": [{"at": "%s", "kind": "note", "text": "x", '
                        '"phase": "Goal", "private": true, "private": false}]' % AT, 1)
    message, _ = _import(tmp_path, _file(tmp_path, text=text))
    assert "the key 'private' appears twice in one object" in message


@pytest.mark.parametrize("where", ["note", "name"])
def test_a_lone_surrogate_is_refused_in_one_line(tmp_path: Path, where: str) -> None:
    doc = _record()
    if where == "note":
        doc["rounds"][0]["notes"] = [{"at": AT, "kind": "note", "text": "a \ud800 b",
                                      "phase": "Goal", "private": False}]
    else:
        doc["rounds"][0]["client"] = "Eve\udc80"
    text = json.dumps({"schema": 1, "sessions": [doc]})  # ensure_ascii: written as \\ud800
    message, _ = _import(tmp_path, _file(tmp_path, text=text))
    assert "holds a lone surrogate" in message and "sessions[0].rounds[0]." in message


@pytest.mark.parametrize(("fields", "says"), [
    ({"client": "Ana"}, "'Ana' is both coach and client"),
    ({"client": " ANA\u200b "}, "both coach and client"),
    ({"coach": ""}, "rounds[0].coach is blank"),
    ({"client": "  \u200b "}, "rounds[0].client is blank"),
    ({"elapsed_seconds": 7 * 24 * 3600}, "lasted 7 days between a start and an end 45 minutes"),
])
def test_a_bad_round_is_refused_in_one_line(tmp_path: Path, fields: dict[str, Any],
                                            says: str) -> None:
    message, _ = _import(tmp_path, _file(tmp_path, _record(**fields)))
    assert says in message


def test_one_person_written_two_ways_in_a_session_is_refused(tmp_path: Path) -> None:
    doc = _record()
    second = {**doc["rounds"][0], "coach": "eve", "client": "Ana"}
    doc["rounds"].append(second)
    message, _ = _import(tmp_path, _file(tmp_path, doc))
    assert "'Eve' and 'eve' are one person written two ways" in message


def test_a_seven_day_round_in_a_45_minute_session_is_refused(tmp_path: Path) -> None:
    doc = _record(elapsed_seconds=7 * 24 * 3600, ended_at=None)
    doc["ended_at"] = END
    message, _ = _import(tmp_path, _file(tmp_path, doc))
    assert "rounds lasted 7 days in a session 45 minutes long" in message


def test_a_good_file_still_imports(tmp_path: Path) -> None:
    doc = _record()
    doc["rounds"].append({**doc["rounds"][0], "coach": "Eve", "client": "Ana"})
    result = run("--db", str(tmp_path / "db.json"), "import", str(_file(tmp_path, doc)))
    assert result.exit_code == 0, result.output


def test_a_fifo_is_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "in.json"
    os.mkfifo(fifo)
    done: list[Result] = []
    worker = threading.Thread(target=lambda: done.append(
        run("--db", str(tmp_path / "db.json"), "import", str(fifo))), daemon=True)
    worker.start()
    worker.join(20)
    assert done, "import blocked on a FIFO"
    assert "it is a FIFO (named pipe), not a regular file" in one_line(done[0])


def test_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    message, _ = _import(tmp_path, "/dev/zero")
    assert "it is a device, not a regular file" in message


def test_a_file_over_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sessionkit.exports.import_checks.MAX_BYTES", 1000)
    message, _ = _import(tmp_path, _file(tmp_path, _record(), _record(), _record()))
    assert "more than the" in message and "MiB allowed" in message


def test_a_stored_lone_surrogate_is_replaced_visibly_and_every_rewrite_goes_on(
    tmp_path: Path
) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as store:
        store.save(Session.from_dict(_record()))
    data = json.loads(db.read_text())
    (record,) = data["sessions"].values()
    record["rounds"][0]["outcome"] = "calm \ud800 down"
    db.write_text(json.dumps(data))  # ensure_ascii: "\\ud800", valid JSON another tool wrote
    result = run("--db", str(db), "export")
    assert result.exit_code == 0, result.output
    assert "lone surrogate" in result.stderr and "calm \ufffd down" in result.stdout
    other = _record(coach="Ben", client="Cem")
    other["id"] = "s0000002"
    result = run("--db", str(db), "import", str(_file(tmp_path, other)))  # a rewrite
    assert result.exit_code == 0, result.output
    result = run("--db", str(db), "forget", "--person", "Ben", "--yes")  # another
    assert result.exit_code == 0, result.output
    assert "calm \ufffd down" in db.read_text(encoding="utf-8")


def test_a_file_with_only_the_documented_fields_imports(tmp_path: Path) -> None:
    """PRODUCT.md's export fields are enough (a file from another tool or written by hand): a
    round without `started_at` begins when the one before it ended (the first, with the
    session); without `elapsed_seconds` it lasted as long as its talk and silence."""
    talk = {"coach_seconds": 600, "client_seconds": 1200, "silence_seconds": 100, "turns": 30}
    doc = {"id": "hand0001", "started_at": AT, "status": "completed", "model": "grow",
           "rounds": [{"coach": "Anna", "client": "Ben", "outcome": "Decide", "talk": talk,
                       "notes": [], "feedback": {}},
                      {"coach": "Ben", "client": "Anna", "outcome": "Plan", "talk": talk,
                       "notes": [{"at": AT, "kind": "action", "text": "Call", "phase": "Goal",
                                  "private": False}], "feedback": {}}]}
    db = tmp_path / "db.json"
    result = run("--db", str(db), "import", str(_file(tmp_path, doc)))
    assert result.exit_code == 0, result.output
    with SessionStore.open(db, readonly=True) as store:
        got = store.get("hand0001")
    assert got is not None
    assert [r.started_at for r in got.rounds] == [AT, "2026-05-01T10:31:40+00:00"]
    assert [r.elapsed_seconds for r in got.rounds] == [1900, 1900]
    assert got.rounds[1].notes[0].text == "Call"
