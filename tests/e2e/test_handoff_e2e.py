"""A hand-off between two laptops with the installed `sessionkit` in tmux: the passphrase is
typed twice on Anna's terminal (hidden), once on Ben's; a wrong one is refused in one line."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from sessionkit.store import SessionStore
from tests.e2e.tmuxdrive import Terminal
from tests.ui.test_peers import swapped

COMMAND = Path(sys.executable).parent / "sessionkit"
if not COMMAND.exists():
    pytest.skip(f"sessionkit is not installed next to {sys.executable}", allow_module_level=True)
if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed", allow_module_level=True)

pytestmark = pytest.mark.e2e
WORDS = "tulip garden 42"


def shell(terminals: list[Terminal], tmp_path: Path, *argv: str) -> Terminal:
    """The command in tmux, then its exit code on screen (the pane stays to be read)."""
    line = f"{shlex.join([str(COMMAND), *argv])}; echo EXIT=$?; sleep 60"
    term = Terminal(["sh", "-c", line], {"TZ": "Europe/Amsterdam", "TERM": "xterm-256color",
                                         "SESSIONKIT_CONFIG_DIR": str(tmp_path / "config")},
                    size=(100, 20))
    terminals.append(term)
    return term


@pytest.fixture
def terminals():  # noqa: ANN201
    opened: list[Terminal] = []
    yield opened
    for term in opened:
        term.close()


def test_passphrase_asked_twice_then_once_on_the_other_laptop(terminals, tmp_path) -> None:
    anna, ben = tmp_path / "anna.json", tmp_path / "ben.json"
    with SessionStore.open(anna) as st:
        st.save(swapped())
    out = tmp_path / "ben.handoff"
    term = shell(terminals, tmp_path, "--db", str(anna), "handoff", "swap0001", "--to", "Ben",
                 "--out", str(out))
    term.wait_for("Passphrase for the hand-off")
    term.type(WORDS)
    term.press("Enter")
    term.wait_for("The same passphrase again")
    term.type(WORDS)
    term.press("Enter")
    screen = term.wait_for("EXIT=")
    assert "EXIT=0" in screen and "wrote Ben's copy of session swap0001" in screen
    assert WORDS not in screen  # hidden as typed
    wrong = shell(terminals, tmp_path, "--db", str(ben), "import", str(out))
    wrong.wait_for("Passphrase of the hand-off")
    wrong.type("not the words")
    wrong.press("Enter")
    screen = wrong.wait_for("EXIT=")
    assert "wrong passphrase" in screen and "EXIT=1" in screen and not ben.exists()
    right = shell(terminals, tmp_path, "--db", str(ben), "import", str(out))
    right.wait_for("Passphrase of the hand-off")
    right.type(WORDS)
    right.press("Enter")
    screen = right.wait_for("EXIT=")
    assert "EXIT=0" in screen and "added session swap0001" in screen
    with SessionStore.open(ben, readonly=True) as st:
        got = st.get("swap0001")
    assert got is not None and len(got.rounds) == 2
