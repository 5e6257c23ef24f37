"""Drive the installed `sessionkit` in a detached tmux session: send keys, poll the screen."""

from __future__ import annotations

import fcntl
import os
import shlex
import signal
import subprocess
import sys
import termios
import time
import uuid
from collections.abc import Callable
from pathlib import Path


class Terminal:
    """`tmux new-session -d -x W -y H` running one command; polls with a deadline."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)):
        self.name = f"sk-e2e-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = f"exec env -u COLUMNS -u LINES {exports} {shlex.join(argv)}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
             command],
            check=True,
        )
        subprocess.run(["tmux", "resize-window", "-t", self.name, "-x", str(size[0]),
                        "-y", str(size[1])], capture_output=True)
        self._tty: str | None = None

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                             capture_output=True, text=True)
        return out.stdout

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        return self.wait_until(lambda screen: text in screen, timeout, text)

    def wait_until(self, check: Callable[[str], bool], timeout: float = 15.0,
                   what: str = "condition") -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{what!r} not on screen after {timeout}s:\n{screen}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        self.drained()

    def press(self, *keys: str, gap: float = 0.15) -> None:
        """Keys one at a time, a human's pace apart: a key that moves the focus is handled
        before the next one arrives (tmux can deliver a burst faster than any typist). The gap
        counts from when the app has read the key, so on a loaded machine an `Escape` followed
        by `a` still arrives as two keys, never as one alt+a."""
        for key in keys:
            self.keys(key)
            time.sleep(gap)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        self.drained()

    def drained(self, timeout: float = 10.0) -> None:
        """Wait until the app has read everything sent to its terminal (the pane's tty input
        queue is empty), however busy the machine is."""
        if self._tty is None:
            out = subprocess.run(["tmux", "display", "-p", "-t", self.name, "#{pane_tty}"],
                                 capture_output=True, text=True)
            self._tty = out.stdout.strip()
        deadline = time.monotonic() + timeout
        try:
            fd = os.open(self._tty, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
        except OSError:
            return  # the pane is gone (the app quit): nothing waits to be read
        try:
            while time.monotonic() < deadline:
                waiting = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
                if int.from_bytes(waiting, sys.byteorder) == 0:
                    return
                time.sleep(0.01)
        finally:
            os.close(fd)

    def wait_closed(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.05)
        raise AssertionError(f"the app did not exit:\n{self.screen()}")

    def pid(self) -> int:
        out = subprocess.run(["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
                             capture_output=True, text=True, check=True)
        return int(out.stdout.split()[0])

    def kill_app(self, sig: int = signal.SIGKILL) -> None:
        """Signal the app process (the pane's process: `exec` replaced the shell)."""
        os.kill(self.pid(), sig)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def wait_for_file_text(path: Path, text: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never reached {path}")


def wait_for_journal(db: Path, timeout: float = 10.0) -> Path:
    """The live session's journal beside `db`, once the autosave thread has created it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = list((db.parent / "journal").glob(f"{db.stem}-live-*.jsonl"))
        if len(found) == 1:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no single live journal beside {db} after {timeout}s")


# -- what every e2e module needs -----------------------------------------------------------
COMMAND = Path(sys.executable).parent / "sessionkit"
"""The installed command, next to this interpreter (the venv's)."""


def require_app() -> None:
    """Skip the calling module unless the installed command and tmux are here."""
    import shutil

    import pytest

    if not COMMAND.exists():
        pytest.skip(f"sessionkit is not installed next to {sys.executable}",
                    allow_module_level=True)
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed", allow_module_level=True)


def app_env(tmp_path: Path) -> dict[str, str]:
    """A fixed time zone, a config folder of the test's own, a colour terminal."""
    return {"TZ": "Europe/Amsterdam", "SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"),
            "TERM": "xterm-256color", "COLORTERM": "truecolor"}


def run_app(terminals: list[Terminal], env: dict[str, str], db: Path, *args: str) -> Terminal:
    """`sessionkit --db DB ARGS` in a new terminal, closed at the test's end (`terminals`)."""
    term = Terminal([str(COMMAND), "--db", str(db), *args], env)
    terminals.append(term)
    return term


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command without a terminal (export, import, ...)."""
    return subprocess.run([str(COMMAND), "--db", str(db), *args], capture_output=True,
                          text=True, timeout=60)


def export(db: Path) -> dict:
    """Everything in the database, as `export --format json` writes it."""
    import json

    out = cli(db, "export", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)
