"""LiveRecorder: when and how a live session is saved, retried and flushed, in one place.

The LiveSession tells its recorder about every change (`changed`), whoever made it: a key, an
audio listener, a timer. The recorder hands the full record to one writer thread, which appends
it to the session's journal off the event loop (the newest record holds everything, so an older
one not written yet is dropped). While the clock runs, `tick()` saves every `every` seconds, so a
crash loses at most that much talk time. A failed write, of any kind, becomes `error` (a
`SaveFailed`): the record stays in memory and is retried every `retry_every` seconds and at the
next change. `close()` writes what is waiting; `finish()` ends the session in the database.

The store is reached through one port, `RecordKeeper` (a journal per record, the commit), and
"after the next paint" is one `defer` given to `Recorders` where the app is built: a screen only
opens a recorder and listens to it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sessionkit.clock import Clock
from sessionkit.errors import SessionkitError
from sessionkit.plain import one_line


class _Clocked(Protocol):
    @property
    def paused(self) -> bool: ...


class _Record(Protocol):
    @property
    def id(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


class Recordable(Protocol):
    """What the recorder saves: a LiveSession, or a live group meeting (sessionkit.group)."""

    @property
    def session(self) -> _Record: ...

    @property
    def ended(self) -> bool: ...

    @property
    def tracker(self) -> _Clocked: ...

    def record(self) -> dict[str, Any]: ...

    def observe(self, callback: Callable[[], None]) -> None: ...

    def unobserve(self, callback: Callable[[], None]) -> None: ...


class JournalLike(Protocol):
    def append(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class RecordKeeper(Protocol):
    """The store as the recorder sees it (`sessionkit.store.keeper.StoreKeeper`)."""

    def journal(self, record_id: str) -> JournalLike: ...

    def commit(self, record: object) -> None:
        """Write the finished record to the database and drop its journal."""
        ...


@dataclass(frozen=True)
class SaveFailed:
    """Saving does not work right now; nothing is lost while the app runs."""

    reason: str
    """One line naming what failed (no "NOT SAVED" label: screens add their own)."""
    saved_before: bool
    """Whether an earlier record of this session is on disk (then a resume is possible)."""


def reason_of(err: BaseException) -> str:
    """A one-line reason for a failed write, without the "NOT SAVED" label some errors carry."""
    text = one_line(str(err)).strip()
    while text.upper().startswith("NOT SAVED"):
        text = text[len("NOT SAVED"):].lstrip(" :")
    if not isinstance(err, SessionkitError):
        text = f"unexpected {type(err).__name__}" + (f": {text}" if text else "")
    return text or type(err).__name__


def note_count(record: dict[str, Any]) -> int:
    return sum(len(r.get("notes", ())) for r in record.get("rounds", ()))


def typed_answers(record: dict[str, Any]) -> dict[tuple[int, str], Any]:
    """Every feedback answer typed in a record (round, field) -> value, and the note being
    typed (a draft): what a failed save loses besides the notes."""
    out: dict[tuple[int, str], Any] = {}
    for i, rnd in enumerate(record.get("rounds", ())):
        feedback = rnd.get("feedback") if isinstance(rnd, dict) else None
        if not isinstance(feedback, dict):  # a group meeting's round keeps other things
            continue
        for key, value in feedback.items():
            if value not in (None, "") and not (isinstance(value, str) and not value.strip()):
                out[(i, key)] = value
    draft = record.get("draft")
    if isinstance(draft, dict) and str(draft.get("text", "")).strip():
        out[(-1, "draft")] = draft.get("text")
    return out


class LiveRecorder:
    """Saves one LiveSession to its journal. Call `tick()` at least every `every / 2` seconds."""

    def __init__(
        self, live: Recordable, journal: JournalLike, clock: Clock,
        every: float = 2.0, retry_every: float = 10.0,
        defer: Callable[[Callable[[], None]], object] | None = None,
        on_error_change: Callable[[SaveFailed | None], object] | None = None,
        keeper: RecordKeeper | None = None,
    ) -> None:
        self.live, self.journal, self.clock = live, journal, clock
        self.keeper = keeper
        """Where `finish()` commits (the Recorders' keeper)."""
        self.every, self.retry_every = every, retry_every
        self.defer = defer
        """Runs a callback soon on the same thread (the screen: after its next refresh), so a
        key's change reaches the screen before its record is built; a burst builds one record.
        None: each change is handed to the writer at once."""
        self._deferred = False
        self.writes = 0
        """Records written so far (tests and benchmarks read it)."""
        self.error: SaveFailed | None = None
        """Set by the writer thread while saving fails; None once a write works again."""
        self.on_error_change = on_error_change or (lambda error: None)
        """Called from the writer thread with the new `error` when it comes or goes (the
        screen posts itself a message: thread-safe)."""
        self.notes_on_disk = 0
        self._answers_on_disk: dict[tuple[int, str], Any] = {}
        self._saved_before = False
        self._due = clock.monotonic() + every
        self._pending: dict[str, Any] | None = None
        self._seq = self._tried = 0  # records handed over / the newest one tried
        self._busy = self._closed = self._finished = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="sessionkit-recorder", daemon=True)
        self._thread.start()
        live.observe(self.changed)
        self._hand_over()  # the session is on disk from its first second

    # -- what the event loop calls ----------------------------------------------------------
    def changed(self) -> None:
        """The session changed: save it now, or right after the screen shows it (`defer`); the
        writer thread does the writing."""
        if self._closed:
            return
        if self.defer is None:
            self._hand_over()
        elif not self._deferred:
            self._deferred = True
            self.defer(self._hand_over_deferred)

    def _hand_over_deferred(self) -> None:
        if self._deferred:
            self._deferred = False
            if not self._closed:
                self._hand_over()

    def _hand_over(self) -> None:
        record = self.live.record()
        self._due = self.clock.monotonic() + self.every
        with self._cond:
            self._pending = record
            self._seq += 1
            self._cond.notify_all()

    def tick(self) -> None:
        """Save the running clock when `every` seconds have passed since the last save. Half a
        tick of slack: called once a second, it saves every 2 s, never every 3. A deferred
        change still waiting after that long (the screen never got to it) is saved here."""
        if self._closed:
            return
        if self._deferred and self.clock.monotonic() >= self._due:
            self._hand_over_deferred()
        if self.live.ended or self.live.tracker.paused:
            return
        if self.clock.monotonic() >= self._due - self.every / 4:
            self.changed()

    def unsaved_notes(self) -> int:
        """Notes in memory that no record on disk holds yet."""
        return max(0, note_count(self.live.session.to_dict()) - self.notes_on_disk)

    def unsaved_answers(self) -> int:
        """Feedback answers (and a note being typed) in memory that differ from the record on
        disk: typed feedback is lost with the notes when saving fails."""
        on_disk = self._answers_on_disk
        now = typed_answers(self.live.session.to_dict())
        return sum(1 for k, v in now.items() if on_disk.get(k) != v)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until nothing is waiting to be written; True when the newest record is on disk."""
        self._hand_over_deferred()  # a change still waiting for the screen goes first
        with self._cond:
            self._cond.wait_for(lambda: self._tried >= self._seq and not self._busy, timeout)
            return self._pending is None and self.error is None and not self._busy

    def save_now(self) -> bool:
        """Write the current record from this thread (signals, quitting); True when on disk."""
        if self._closed:
            return self.error is None
        self.flush()
        with self._cond:
            self._pending, self._busy = None, True
            seq = self._seq
        try:
            ok = self._write(self.live.record())
        finally:
            with self._cond:
                self._busy = False
                self._tried = max(self._tried, seq)
                self._cond.notify_all()
        return ok

    def close(self) -> bool:
        """Write the current record, stop the writer and close the journal (once). True when the
        last record is on disk."""
        if self._closed:
            return self.error is None
        ok = self.save_now()
        self.live.unobserve(self.changed)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5.0)
        self.journal.close()
        return ok

    def finish(self, commit: Callable[[object], None] | None = None) -> SaveFailed | None:
        """Close the journal and commit the finished session (the keeper's `commit`, unless
        given one). On a failure the journal is kept and the failure returned: call again to
        retry."""
        self.close()
        if commit is None:
            if self.keeper is None:
                raise ValueError("no keeper to commit to")
            commit = self.keeper.commit
        try:
            commit(self.live.session)
        except (SessionkitError, OSError, ValueError) as err:
            return SaveFailed(reason_of(err), saved_before=self._saved_before)
        self._finished = True
        return None

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def finished(self) -> bool:
        """The session is committed to the database: nothing left to save."""
        return self._finished

    # -- the writer thread ------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._pending is None:
                    return
                record, self._pending, self._busy = self._pending, None, True
                seq = self._seq
            ok = self._write(record)
            with self._cond:
                self._busy = False
                self._tried = max(self._tried, seq)
                if not ok and self._pending is None:
                    self._pending = record  # keep it for the retry
                self._cond.notify_all()
                if not ok and not self._closed:
                    self._cond.wait(timeout=self.retry_every)  # or until the next change

    def _write(self, record: dict[str, Any]) -> bool:
        before = self.error
        try:
            self.journal.append(record)
        except Exception as err:  # noqa: BLE001 - any failure must reach the banner, not kill us
            self.error = SaveFailed(reason_of(err), saved_before=self._saved_before)
        else:
            self.writes += 1
            self.notes_on_disk = note_count(record)
            self._answers_on_disk = typed_answers(record)
            self._saved_before = True
            self.error = None
        if self.error != before:
            self.on_error_change(self.error)
        return self.error is None


class Recorders:
    """The live sessions this process is recording (held in the app's services), so quitting and
    signals can save every one of them without knowing which screen shows it."""

    def __init__(self, keeper: RecordKeeper, clock: Clock, every: float = 2.0,
                 defer: Callable[[Callable[[], None]], object] | None = None) -> None:
        self.keeper, self.clock, self.every = keeper, clock, every
        self.defer = defer
        """Runs a callback after the screen's next paint (the app sets it once, where it is
        built); every recorder opened here builds a change's record then."""
        self._open: list[LiveRecorder] = []

    def open(
        self, live: Recordable,
        on_error_change: Callable[[SaveFailed | None], object] | None = None,
    ) -> LiveRecorder:
        """Record `live`; `on_error_change` hears from the writer thread when saving starts or
        stops failing (post a message from it: thread-safe)."""
        recorder = LiveRecorder(live, self.keeper.journal(live.session.id), self.clock,
                                self.every, defer=self.defer, on_error_change=on_error_change,
                                keeper=self.keeper)
        self._open.append(recorder)
        return recorder

    def active(self) -> list[LiveRecorder]:
        """Sessions not committed yet (quitting leaves them unfinished, or loses them)."""
        self._open = [r for r in self._open if not r.finished]
        return list(self._open)

    def failing(self) -> list[LiveRecorder]:
        """Recorders whose last write failed (after one more try now)."""
        return [r for r in self.active() if not r.save_now()]

    def close_all(self) -> None:
        for recorder in self.active():
            recorder.close()
