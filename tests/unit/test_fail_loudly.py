"""Fail loudly, never spin (issue 18): screen commands without a terminal, names that match
nobody, database paths that lead nowhere, paths in error lines as plain text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.names import closest, name_key, same_person
from sessionkit.store import SessionStore

SCREENS = [[], ["start", "--coach", "Ana", "--client", "Ben"], ["review"],
           ["review", "--coach", "Nobody"], ["review", "--person", "Ana"],
           ["group", "start", "--members", "Ana,Ben,Chloe"], ["demo"]]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("sessionkit: ")
    assert "Traceback" not in result.output
    return result.stderr.strip()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    store = SessionStore.open(path)
    store.save_many(generate(8))
    store.close()
    return path


@pytest.mark.parametrize("command", SCREENS, ids=lambda c: " ".join(c) or "home")
def test_a_screen_command_without_a_terminal_stops_at_once(tmp_path: Path,
                                                           command: list[str]) -> None:
    db = tmp_path / "new" / "db.json"
    message = one_line(run("--db", str(db), *command))
    assert "needs a terminal" in message
    assert "sessionkit export" in message and "sessionkit import" in message
    assert not db.parent.exists()  # nothing created: no database, no lock, no backups


def test_the_installed_command_without_a_terminal_exits_at_once(tmp_path: Path) -> None:
    """The real process, stdin from /dev/null, stdout to a pipe (the issue's spinning case)."""
    argv = [sys.executable, "-m", "sessionkit", "--db", str(tmp_path / "db.json"), "review"]
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr


def test_export_for_a_name_that_matches_nobody_is_an_error(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nobody.json"
    message = one_line(run("--db", str(db), "export", "--person", "Nobody", "--out", str(out)))
    assert "'Nobody'" in message and "nothing was written" in message
    assert not out.exists()
    message = one_line(run("--db", str(db), "export", "--person", "Chloé", "--format", "html",
                           "--out", str(out)))
    assert "did you mean 'Chloe'?" in message and not out.exists()


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "html", "portfolio"])
def test_export_for_a_known_name_in_any_spelling_writes_it(db: Path, fmt: str) -> None:
    result = run("--db", str(db), "export", "--person", " bEN ", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Ben" in result.stdout or (fmt == "html" and "sessions of bEN" in result.stdout)
    assert "0 session" not in result.stdout


@pytest.mark.parametrize("command", [
    ["export"], ["export", "--format", "html", "--person", "Ana"], ["forget", "--person", "Ana"],
    ["decrypt"], ["passphrase"],
])
def test_a_database_path_that_does_not_exist_is_one_line(tmp_path: Path,
                                                         command: list[str]) -> None:
    db = tmp_path / "typo" / "db.json"
    out = tmp_path / "report.html"
    extra = ["--out", str(out)] if command[0] == "export" else []
    message = one_line(run("--db", str(db), *command, *extra))
    assert str(db) in message and ("does not exist" in message or "no database" in message)
    assert not db.parent.exists() and not out.exists()


@pytest.mark.parametrize("command", [["review"], ["review", "--coach", "Ana"]])
def test_review_of_a_missing_database_is_one_line(tmp_path: Path, terminal: None,
                                                  command: list[str]) -> None:
    db = tmp_path / "typo" / "db.json"
    message = one_line(run("--db", str(db), *command))
    assert f"{db} does not exist" in message
    assert not db.parent.exists()


@pytest.mark.parametrize(("option", "name", "hint"), [
    ("--person", "Nobody", None), ("--coach", "Nobody", None), ("--person", "Bem", "Ben"),
    ("--coach", "Emka", "Emeka"),
])
def test_review_on_a_name_that_matches_nobody_is_one_line(
    db: Path, terminal: None, option: str, name: str, hint: str | None
) -> None:
    message = one_line(run("--db", str(db), "review", option, name))
    assert f"{option} {name!r}" in message and "no session with that name" in message
    assert (f"did you mean {hint!r}?" in message) if hint else "did you mean" not in message


def test_home_and_start_may_create_a_database(tmp_path: Path, terminal: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from screens.app import SessionkitApp

    monkeypatch.setattr(SessionkitApp, "run", lambda app: None)
    db = tmp_path / "db.json"
    result = run("--db", str(db))
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_a_path_in_an_error_line_is_plain_text(tmp_path: Path) -> None:
    db = tmp_path / "\x1b]52;c;aGk=\x07evil" / "db.json"
    message = one_line(run("--db", str(db), "export"))
    assert "\x1b" not in message and "\x07" not in message
    assert "\u241b]52;c;aGk=\u2407evil" in message  # shown, as control pictures


def test_name_key_makes_equivalent_spellings_one_person() -> None:
    assert name_key("Zoe\u0308") == name_key("Zoë") == name_key("ZOË")
    assert same_person("Ben\u200b Okafor", "ben okafor")
    assert same_person("  Eve  ", "eve") and not same_person("Eve", "Eva")
    assert closest("Bem", ["Ana", "Ben"]) == "Ben" and closest("Xyz", ["Ana", "Ben"]) is None


@pytest.mark.parametrize("command", [[], ["start", "--coach", "Ana", "--client", "Ben"],
                                     ["export"], ["forget", "--person", "Ana", "--yes"],
                                     ["import", "GOOD"]], ids=lambda c: " ".join(c) or "home")
def test_a_database_link_to_a_missing_target_is_refused(
    db: Path, tmp_path: Path, terminal: None, command: list[str]
) -> None:
    """An unmounted drive: never a new empty database there, the backups beside it named."""
    link = tmp_path / "linked.json"
    store = SessionStore.open(link)  # the database was here once: its backups stay beside it
    store.save_many(generate(2))
    store.close()
    link.unlink()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    target = tmp_path / "drive" / "sessionkit.json"
    link.symlink_to(target)
    good = tmp_path / "good.json"
    good.write_text('{"schema": 1, "sessions": []}')
    argv = [str(good) if a == "GOOD" else a for a in command]
    message = one_line(run("--db", str(link), *argv))
    assert f"links to {target}, which is missing" in message and "nothing was written" in message
    assert f"newest backup: {tmp_path / 'backups' / 'linked-'}" in message
    assert not target.parent.exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted([*before, "linked.json",
                                                                   "good.json"])


def test_an_import_path_and_an_export_path_are_plain_text(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]2;owned\x07.json"
    bad.write_text("{not json")
    message = one_line(run("--db", str(db), "import", str(bad)))
    assert "\x1b" not in message and "\u241b]2;owned\u2407.json" in message
    out = tmp_path / "\x1b]52;c;eA==\x07.csv"
    result = run("--db", str(db), "export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and "\x1b" not in result.stderr and "\u241b]52" in result.stderr


def test_import_into_a_new_database_says_where_it_was_created(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    assert run("--db", str(db), "export", "--format", "json", "--out", str(backup)).exit_code == 0
    new = tmp_path / "laptop" / "sessionkit.json"  # a new laptop: no folder yet
    result = run("--db", str(new), "import", str(backup))
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported 8 session(s)\n"
    assert result.stderr == f"sessionkit: created a new database: {new}\n"
    again = run("--db", str(new), "import", str(backup))
    assert again.stderr == "" and "8 already present" in again.stdout
