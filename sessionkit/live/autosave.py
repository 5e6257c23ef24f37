"""Autosave off the event loop: the live record goes to the journal from one writer thread.

`submit(record)` never blocks: it leaves the record in a one-slot mailbox (the newest record holds
everything, so an older one not yet written can be dropped). The thread appends and fsyncs it.
A failed write is reported through `on_error` and the record stays in the mailbox for the next try.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from sessionkit.errors import StoreWriteError


class JournalLike(Protocol):
    def append(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class Autosaver:
    """One journal, one writer thread. `flush()` waits until the newest record is on disk."""

    def __init__(
        self,
        journal: JournalLike,
        on_error: Callable[[str | None], None] | None = None,
    ) -> None:
        self.journal = journal
        self.on_error = on_error or (lambda message: None)
        self.error: str | None = None
        self.writes = 0
        self._pending: dict[str, Any] | None = None
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="sessionkit-autosave", daemon=True)
        self._thread.start()

    def submit(self, record: dict[str, Any]) -> None:
        with self._cond:
            if self._closed:
                return
            self._pending = record
            self._cond.notify_all()

    def retry(self) -> None:
        """Try the unwritten record again (after an error)."""
        with self._cond:
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._pending is None:
                    return
                record, self._pending, self._busy = self._pending, None, True
            error = self._write(record)
            with self._cond:
                self._busy = False
                if error is not None and self._pending is None:
                    self._pending = record  # keep it for the retry
                self._cond.notify_all()
                if error is not None:
                    if not self._closed:
                        self._cond.wait(timeout=10.0)  # retry after 10 s, or at the next submit
                    if self._closed:
                        return

    def _write(self, record: dict[str, Any]) -> str | None:
        message: str | None
        try:
            self.journal.append(record)
        except StoreWriteError as err:
            message = str(err)
        else:
            message = None
            self.writes += 1
        if message != self.error:
            self.error = message
            self.on_error(message)
        return message

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until nothing is waiting to be written (True) or the timeout passes (False)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: (self._pending is None or self.error is not None) and not self._busy,
                timeout,
            )

    def write_now(self, record: dict[str, Any]) -> None:
        """Write synchronously, after the thread is idle (signal handlers, exit)."""
        self.flush()
        with self._cond:
            self._pending = None
            self._busy = True
        try:
            self._write(record)
        finally:
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def close(self) -> None:
        """Write what is waiting, stop the thread and close the journal file."""
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5.0)
        self.journal.close()
