"""The command line: damaged databases and bad imports give one line and a non-zero exit;
`import` then `export --format json` gives the same sessions back."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.exports.transfer import write_json
from sessionkit.store import SessionStore, backups


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("sessionkit: ")
    assert "Traceback" not in result.output
    return result.stderr.strip()


COMMANDS = [[], ["start", "--coach", "Ana", "--client", "Ben"], ["review"], ["export"],
            ["export", "--format", "json"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "home")
@pytest.mark.parametrize("content", [
    b"", b"null", b"{not json", b'{"sessions": []}',
    b"[" * 1500 + b"]" * 1500,  # RecursionError before
    b'{"_meta": {"1": {"schema": 1' + b"0" * 5000 + b"}}}",  # int-digits ValueError before
], ids=["empty", "null", "not json", "foreign", "nested 1500", "5000 digits"])
def test_a_damaged_database_stops_every_command(
    tmp_path: Path, command: list[str], content: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as in a terminal (the screen commands need one); the recovery screen is declined
    monkeypatch.setattr("sessionkit.cli.base._interactive", lambda: True)
    monkeypatch.setattr("sessionkit.cli.base._recovered", lambda ctx, err: False)
    db = tmp_path / "sessionkit.json"
    db.write_bytes(content)
    os.utime(db, ns=(10**9, 10**9))
    message = one_line_error(run("--db", str(db), *command))
    assert f"{db} is damaged: " in message and "The file was left unchanged." in message
    assert db.read_bytes() == content and db.stat().st_mtime_ns == 10**9


def test_a_damaged_database_stops_import_too(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    db.write_bytes(b"[]")
    good = tmp_path / "good.json"
    good.write_text('{"schema": 1, "sessions": []}')
    assert "is damaged" in one_line_error(run("--db", str(db), "import", str(good)))
    assert db.read_bytes() == b"[]"


def _export_file(tmp_path: Path, count: int = 6) -> Path:
    path = tmp_path / "export.json"
    with path.open("w") as out:
        write_json(sorted(generate(count), key=lambda s: s.started_at), out)
    return path


def test_import_then_export_gives_the_same_sessions(tmp_path: Path) -> None:
    source = _export_file(tmp_path)
    db = tmp_path / "fresh" / "sessionkit.json"
    result = run("--db", str(db), "import", str(source))
    assert result.exit_code == 0 and result.stdout == "imported 6 session(s)\n"
    exported = run("--db", str(db), "export", "--format", "json")
    assert exported.exit_code == 0
    assert json.loads(exported.stdout) == json.loads(source.read_text())
    again = run("--db", str(db), "import", str(source))
    assert again.stdout == "imported 0 session(s) (6 already present, left as they were)\n"
    newest = backups.newest_good(db)  # taken after the import
    assert newest is not None and newest.sessions == 6


def test_export_lists_an_unfinished_journal_session(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    live = generate(1)[0]
    with SessionStore.open(db) as store:
        store.journal(live.id).append(live.to_dict())
    out = tmp_path / "out.json"
    result = run("--db", str(db), "export", "--out", str(out))
    assert result.exit_code == 0 and result.stderr == f"wrote 1 session(s) to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    (session,) = json.loads(out.read_text())["sessions"]
    assert (session["id"], session["status"]) == (live.id, "unfinished")


def _session_dict() -> dict:
    return generate(1)[0].to_dict()


BAD_IMPORTS = {
    "bad json": ('{"schema": 1, "sessions": [', "not valid JSON (expecting value, line 1"),
    "not an export": ("[1, 2]", 'not a sessionkit export (expected an object with "schema"'),
    "schema text": ('{"schema": "1", "sessions": []}', "'schema' must be a positive whole"),
    "newer schema": ('{"schema": 9, "sessions": []}', "written by a newer sessionkit (schema 9"),
    "sessions not a list": ('{"schema": 1, "sessions": {}}', "'sessions' must be a list"),
    "wrong type": (
        json.dumps({"schema": 1, "sessions": [{**_session_dict(), "swap": "yes"}]}),
        "sessions[0].swap: expected true/false, got text",
    ),
    "NaN": ('{"schema": 1, "sessions": [{"x": NaN}]}', "NaN is not a number JSON allows"),
    "duplicate": (
        json.dumps({"schema": 1, "sessions": [_session_dict()] * 2}), "appears twice"
    ),
}


@pytest.mark.parametrize("case", BAD_IMPORTS)
def test_a_bad_import_is_refused_whole(tmp_path: Path, case: str) -> None:
    text, problem = BAD_IMPORTS[case]
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    db = tmp_path / "sessionkit.json"
    run("--db", str(db), "import", str(_export_file(tmp_path, 2)))
    before = db.read_bytes()
    message = one_line_error(run("--db", str(db), "import", str(bad)))
    assert message.startswith(f"sessionkit: {bad}: ")
    assert problem in message and message.endswith("nothing was imported")
    assert db.read_bytes() == before


def test_a_bad_import_into_no_database_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    message = one_line_error(run("--db", str(db), "import", str(tmp_path / "missing.json")))
    assert "missing.json: no such file; nothing was imported" in message
    assert not db.exists()


def test_import_into_a_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    db.write_text('{"_meta": {"1": {"schema": 5}}, "sessions": {}}')
    db.chmod(0o600)
    result = run("--db", str(db), "import", str(_export_file(tmp_path, 1)))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "written by a newer sessionkit (schema 5" in lines[0]
    assert lines[-1].startswith("sessionkit: ") and "nothing changed" in lines[-1]


def test_a_group_readable_database_warns_on_stderr(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    SessionStore.open(db).close()
    db.chmod(0o644)
    result = run("--db", str(db), "export")
    assert result.exit_code == 0
    assert result.stderr == (
        f"sessionkit: warning: {db} can be read by other users (mode 0644); "
        f"fix with: chmod 600 {db}\n"
    )


def test_export_to_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.json"
    message = one_line_error(run("export", "--out", str(out)))
    assert "does not exist" in message


def test_a_bad_setting_is_reported_in_one_line_and_its_default_used(
    isolated_dirs: Path,
) -> None:
    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text('monologue_seconds = "long"\n')
    result = CliRunner().invoke(
        main, ["start", "--coach", "Ana", "--client", "Ben", "--model", "nope"]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("settings.toml:1: monologue_seconds must be a number")
    assert "using the default" in lines[0]
    assert lines[1].startswith("sessionkit: unknown model 'nope'")


def test_start_help_shows_the_defaults() -> None:
    result = CliRunner().invoke(main, ["start", "--help"], terminal_width=200)
    assert result.exit_code == 0
    minutes = next(line for line in result.output.splitlines() if "--minutes" in line)
    model = next(line for line in result.output.splitlines() if "--model" in line)
    assert "[default: 45;" in minutes and "[default: grow;" in model
