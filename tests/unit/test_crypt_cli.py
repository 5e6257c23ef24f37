"""`sessionkit encrypt | decrypt | passphrase`, --passphrase-file, and every command on an
encrypted database (a new process each time: the unlocked keys are forgotten between runs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.crypt import is_sealed, keys
from sessionkit.crypt.header import Kdf
from sessionkit.demo import generate
from sessionkit.exports.transfer import write_json
from sessionkit.store import SessionStore, sealing

FAST = Kdf(1024, 1, 1)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "Kdf", lambda: FAST)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "sessionkit.json"
    with SessionStore.open(path) as store:
        store.save_many(generate(8))
    return path


def secret(tmp_path: Path, text: str, name: str = "pw", mode: int = 0o600) -> Path:
    path = tmp_path / name
    path.write_text(text + "\nsecond line is ignored\n")
    os.chmod(path, mode)
    return path


def run(*args: str, stdin: str | None = None) -> Result:
    sealing._KEYS.clear()  # each run is a new process
    return CliRunner().invoke(main, list(args), input=stdin)


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("sessionkit: ")
    assert "Traceback" not in result.output
    return result.stderr.strip()


@pytest.fixture
def encrypted(db: Path, tmp_path: Path) -> Path:
    result = run("--db", str(db), "--passphrase-file", str(secret(tmp_path, "tulip garden 42")),
                 "encrypt")
    assert result.exit_code == 0, result.output
    assert "encrypted" in result.stderr and "cannot be recovered" in result.stderr
    return db


def test_encrypt_seals_every_file(encrypted: Path) -> None:
    assert is_sealed(encrypted.read_bytes())
    for path in encrypted.parent.rglob("*"):
        if path.is_file():
            assert b"\"Ana\"" not in path.read_bytes(), path  # (3 random bytes can be "Ana")


def test_export_asks_for_the_passphrase_file_without_a_terminal(encrypted: Path) -> None:
    line = one_line_error(run("--db", str(encrypted), "export"))
    assert "is encrypted" in line and "--passphrase-file" in line


def test_export_with_the_file_stays_plain_and_says_so(encrypted: Path, tmp_path: Path) -> None:
    pw = secret(tmp_path, "tulip garden 42")
    result = run("--db", str(encrypted), "--passphrase-file", str(pw), "export")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["sessions"]) == 8
    assert "not encrypted" in result.stderr


@pytest.mark.parametrize(("content", "mode", "words"), [
    ("tulip garden 42", 0o644, "can be read by others"),
    ("tulip garden 42", 0o640, "can be read by others"),
    ("", 0o600, "empty first line"),
    ("wrong words here", 0o600, "does not open"),
])
def test_bad_passphrase_files(encrypted: Path, tmp_path: Path, content: str, mode: int,
                              words: str) -> None:
    pw = secret(tmp_path, content, "bad", mode)
    if not content:
        pw.write_text("\n")
    before = {p: p.read_bytes() for p in encrypted.parent.rglob("*") if p.is_file()}
    line = one_line_error(run("--db", str(encrypted), "--passphrase-file", str(pw), "export"))
    assert words in line
    assert {p: p.read_bytes() for p in encrypted.parent.rglob("*") if p.is_file()} == before


def test_a_fifo_as_passphrase_file_is_refused(encrypted: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo, 0o600)
    assert "not a regular file" in one_line_error(
        run("--db", str(encrypted), "--passphrase-file", str(fifo), "export"))


def test_encrypt_twice_is_refused(encrypted: Path, tmp_path: Path) -> None:
    pw = secret(tmp_path, "tulip garden 42")
    assert "already encrypted" in one_line_error(
        run("--db", str(encrypted), "--passphrase-file", str(pw), "encrypt"))


def test_encrypt_without_terminal_or_file(db: Path) -> None:
    line = one_line_error(run("--db", str(db), "encrypt"))
    assert "--passphrase-file" in line
    assert not is_sealed(db.read_bytes())


def test_a_short_new_passphrase_is_refused(db: Path, tmp_path: Path) -> None:
    line = one_line_error(run("--db", str(db), "--passphrase-file",
                              str(secret(tmp_path, "short")), "encrypt"))
    assert "at least 8" in line and not is_sealed(db.read_bytes())


def test_import_and_forget_on_an_encrypted_database(encrypted: Path, tmp_path: Path) -> None:
    pw = str(secret(tmp_path, "tulip garden 42"))
    extra = tmp_path / "extra.json"
    with open(extra, "w", encoding="utf-8") as out:
        write_json(generate(3, seed=11), out)
    result = run("--db", str(encrypted), "--passphrase-file", pw, "import", str(extra))
    assert result.exit_code == 0, result.stderr
    result = run("--db", str(encrypted), "--passphrase-file", pw, "forget", "--person", "Ana",
                 "--yes")
    assert result.exit_code == 0, result.stderr
    assert is_sealed(encrypted.read_bytes())
    out = run("--db", str(encrypted), "--passphrase-file", pw, "export")
    assert "Ana" not in out.stdout and json.loads(out.stdout)["sessions"]


def test_decrypt_needs_yes_without_a_terminal(encrypted: Path, tmp_path: Path) -> None:
    pw = str(secret(tmp_path, "tulip garden 42"))
    assert "--yes" in one_line_error(run("--db", str(encrypted), "--passphrase-file", pw,
                                         "decrypt"))
    assert is_sealed(encrypted.read_bytes())
    result = run("--db", str(encrypted), "--passphrase-file", pw, "decrypt", "--yes")
    assert result.exit_code == 0, result.stderr
    assert not is_sealed(encrypted.read_bytes())
    assert len(json.loads(run("--db", str(encrypted), "export").stdout)["sessions"]) == 8


def test_passphrase_change(encrypted: Path, tmp_path: Path) -> None:
    old = str(secret(tmp_path, "tulip garden 42"))
    new = str(secret(tmp_path, "a brand new sentence", "new"))
    assert "--new-passphrase-file" in one_line_error(
        run("--db", str(encrypted), "--passphrase-file", old, "passphrase"))
    result = run("--db", str(encrypted), "--passphrase-file", old, "--new-passphrase-file", new,
                 "passphrase")
    assert result.exit_code == 0, result.stderr
    assert "does not open" in one_line_error(
        run("--db", str(encrypted), "--passphrase-file", old, "export"))
    assert run("--db", str(encrypted), "--passphrase-file", new, "export").exit_code == 0


def test_decrypt_or_passphrase_on_a_plain_database(db: Path) -> None:
    assert "not encrypted" in one_line_error(run("--db", str(db), "decrypt", "--yes"))
    assert "not encrypted" in one_line_error(run("--db", str(db), "passphrase"))


def test_no_passphrase_option_on_the_command_line() -> None:
    help_text = run("--help").output
    assert "--passphrase " not in help_text and "--passphrase-file" in help_text


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if run in a terminal (the typed lines come from the runner's input)."""
    from sessionkit.cli import crypt as cli_crypt

    monkeypatch.setattr(cli_crypt, "_has_terminal", lambda: True)


def test_encrypt_asks_twice_in_a_terminal(db: Path, terminal: None) -> None:
    differ = run("--db", str(db), "encrypt", stdin="tulip garden 42\ntulip garden 43\n")
    assert "differ" in differ.stderr and differ.exit_code == 1
    assert not is_sealed(db.read_bytes())
    result = run("--db", str(db), "encrypt", stdin="tulip garden 42\ntulip garden 42\n")
    assert result.exit_code == 0, result.stderr
    assert is_sealed(db.read_bytes())
    wrong = run("--db", str(db), "export", stdin="a\nb\nc\n")
    assert wrong.exit_code == 1 and wrong.stderr.count("sessionkit: wrong passphrase\n") == 3
    assert "three wrong passphrases" in wrong.stderr.splitlines()[-1]
    right = run("--db", str(db), "export", stdin="nope\ntulip garden 42\n")
    assert right.exit_code == 0 and json.loads(right.stdout)["sessions"]


def test_passphrase_change_typed_in_a_terminal(encrypted: Path, terminal: None) -> None:
    typed = "tulip garden 42\nanother long one\nanother long one\n"
    assert run("--db", str(encrypted), "passphrase", stdin=typed).exit_code == 0
    assert run("--db", str(encrypted), "export", stdin="another long one\n").exit_code == 0


def test_decrypt_asks_first_in_a_terminal(encrypted: Path, terminal: None) -> None:
    no = run("--db", str(encrypted), "decrypt", stdin="tulip garden 42\nn\n")
    assert no.exit_code == 1 and "nothing was changed" in no.stderr
    assert is_sealed(encrypted.read_bytes())
    yes = run("--db", str(encrypted), "decrypt", stdin="tulip garden 42\ny\n")
    assert yes.exit_code == 0 and not is_sealed(encrypted.read_bytes())
