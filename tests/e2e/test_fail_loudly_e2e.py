"""The installed `sessionkit` fails loudly, never spins (issue 18): a screen command without a
terminal, and a name or database that matches nothing, each exit at once with one line."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

import pytest

from sessionkit.demo import generate
from sessionkit.store import SessionStore
from tests.e2e.tmuxdrive import COMMAND, Terminal, require_app

pytestmark = pytest.mark.e2e

require_app()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "sessionkit.json"
    store = SessionStore.open(path)
    store.save_many(generate(8))
    store.close()
    return path


def _env(tmp_path: Path) -> dict[str, str]:
    return {"SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"), "TZ": "Europe/Amsterdam"}


@pytest.mark.parametrize("args", [[], ["review"], ["review", "--coach", "Nobody"],
                                  ["start", "--coach", "Ana", "--client", "Ben"]],
                         ids=lambda a: " ".join(a) or "home")
def test_no_terminal_exits_at_once(db: Path, tmp_path: Path, args: list[str]) -> None:
    """Inside tmux, but with input from /dev/null and output to a file (a script's run)."""
    out, err, code = tmp_path / "out", tmp_path / "err", tmp_path / "rc"
    run = shlex.join([str(COMMAND), "--db", str(db), *args])
    script = f"{run} </dev/null >{shlex.quote(str(out))} 2>{shlex.quote(str(err))}; " \
             f"echo $? >{shlex.quote(str(code))}"
    began = time.monotonic()
    term = Terminal(["sh", "-c", script], _env(tmp_path))
    try:
        term.wait_closed(20)
    finally:
        term.close()
    took = time.monotonic() - began
    assert code.read_text().strip() == "1"
    lines = err.read_text().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0], lines
    assert "sessionkit export" in lines[0] and out.read_text() == ""
    assert took < 10, f"took {took:.1f} s"


@pytest.mark.parametrize("args", [
    ["review", "--person", "Nobody"], ["review", "--coach", "Chloé"],
    ["export", "--person", "Nobody"],
], ids=lambda a: " ".join(a))
def test_an_empty_result_is_one_line_in_a_terminal(db: Path, tmp_path: Path,
                                                   args: list[str]) -> None:
    run = shlex.join([str(COMMAND), "--db", str(db), *args])
    term = Terminal(["sh", "-c", f"{run}; echo exit=$?; sleep 60"], _env(tmp_path),
                    size=(200, 20))
    try:
        screen = term.wait_for("exit=", timeout=20)
    finally:
        term.close()
    lines = [line for line in screen.splitlines() if line.strip()]
    assert lines[-1] == "exit=1", screen
    assert len(lines) == 2 and "no session with that name" in lines[0], screen
    if "Chloé" in args:
        assert "did you mean 'Chloe'?" in lines[0]


def test_a_missing_database_is_one_line_in_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "sessionkit.json"
    report = tmp_path / "report.html"
    run = shlex.join([str(COMMAND), "--db", str(db), "export", "--format", "html",
                      "--person", "Ben", "--out", str(report)])
    review = shlex.join([str(COMMAND), "--db", str(db), "review"])
    term = Terminal(["sh", "-c", f"{run}; echo exit=$?; {review}; echo exit=$?; sleep 60"],
                    _env(tmp_path), size=(200, 20))
    try:
        screen = term.wait_until(lambda s: s.count("exit=") == 2, timeout=20)
    finally:
        term.close()
    lines = [line for line in screen.splitlines() if line.strip()]
    assert [line for line in lines if line.startswith("exit=")] == ["exit=1", "exit=1"], screen
    assert sum("does not exist" in line for line in lines) == 2, screen
    assert not report.exists() and not db.parent.exists()


def test_bytes_that_are_not_utf8_do_not_stop_the_app(db: Path, tmp_path: Path) -> None:
    """A terminal sending 8-bit Alt keys or Latin-1: the app stays, says so, and quits cleanly."""
    code = tmp_path / "rc"
    run = shlex.join([str(COMMAND), "--db", str(db)])
    term = Terminal(["sh", "-c", f"{run}; echo $? >{shlex.quote(str(code))}"], _env(tmp_path))
    try:
        term.wait_for("Start a session", timeout=30)
        for sent in (["e9"], ["ff"], ["c0", "af"], ["ed", "a0", "80"]):
            term.keys("-H", *sent)
            term.keys("x")
        term.wait_for("not UTF-8", timeout=15)
        assert term.alive()
        term.keys("C-q")
        term.wait_closed(20)
    finally:
        term.close()
    assert code.read_text().strip() == "0"
    assert not (db.parent / "sessionkit-crash.log").exists()
