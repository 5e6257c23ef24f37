"""Make sure the process ends after it was told to stop (SIGHUP, SIGTERM).

When the terminal closes, Textual's writer thread can die writing to it and the main thread can
then block for ever handing it the last frames (`WriterThread.stop()` puts into a full queue):
the process hangs, holding the database lock. The journal is flushed before the app is asked to
exit, so nothing is left to save: if the process is still here after a short grace period, it ends
itself with `os._exit`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

GRACE_SECONDS = 1.5
"""How long a clean exit may take after a stop signal before the process is ended."""


def exit_after(
    seconds: float, code: int, end: Callable[[int], object] = os._exit
) -> threading.Timer:
    """Call `end(code)` (default `os._exit`) after `seconds` unless the process ended first.

    The timer is a daemon thread: a process that exits by itself in time is not held up by it."""
    timer = threading.Timer(seconds, end, args=(code,))
    timer.daemon = True
    timer.name = "sessionkit-exit-watchdog"
    timer.start()
    return timer
