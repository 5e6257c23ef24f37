"""Drive a terminal app in tmux and time what a person would see (shared by the benchmarks)."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
import uuid
from pathlib import Path


class Tmux:
    """One detached tmux session running `command` at `size`."""

    def __init__(self, command: list[str], size: tuple[int, int] = (120, 40),
                 env: dict[str, str] | None = None) -> None:
        self.name = f"skbench-{uuid.uuid4().hex[:8]}"
        self.command = command
        self.size = size
        self.env = env or {}

    def start(self) -> float:
        """Start the app; returns the perf_counter time it was launched."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        cmd = f"env {exports} {shlex.join(self.command)}" if exports else shlex.join(self.command)
        t0 = time.perf_counter()
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(self.size[0]),
             "-y", str(self.size[1]), cmd],
            check=True,
        )
        return t0

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                             capture_output=True, text=True)
        return out.stdout

    def wait_for(self, text: str, timeout: float = 20.0, poll: float = 0.005) -> float:
        """Poll until `text` is on screen; returns the perf_counter time it appeared."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.screen():
                return time.perf_counter()
            time.sleep(poll)
        raise TimeoutError(f"{text!r} not on screen after {timeout}s:\n{self.screen()}")

    def keys(self, *keys: str) -> float:
        t0 = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        return t0

    def pid(self) -> int:
        out = subprocess.run(["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
                             capture_output=True, text=True, check=True)
        return int(out.stdout.split()[0])

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def cpu_seconds(pid: int) -> float:
    """User+system CPU seconds of a process and its children so far (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, MiB (Linux /proc)."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def compiled(*sources: str | Path) -> None:
    """Byte-compile the source folders a benchmark runs (`sessionkit` and `screens` of this
    checkout, and of `--before SRC`), as an installed package is. Without it an environment
    with PYTHONDONTWRITEBYTECODE=1 (this machine's tmux server has it) compiles every module of
    the app on every start: ~60-90 ms more for `start` on a loaded machine, for the app and
    not for the bare apps it is compared with."""
    import sys

    for source in sources:
        folders = [str(Path(source) / name) for name in ("sessionkit", "screens")
                   if (Path(source) / name).is_dir()]
        if folders:
            subprocess.run([sys.executable, "-m", "compileall", "-q", *folders],
                           check=True, capture_output=True)
