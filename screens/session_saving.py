"""The live screen's saving and finishing: the journal (through the Autosaver's writer
thread), the red NOT SAVED banner, the feedback screen and the final commit."""

from __future__ import annotations

from typing import Any

from textual.markup import escape
from textual.screen import Screen

from screens.widgets import Line
from screens.widgets.fmt import names
from sessionkit.errors import SessionkitError
from sessionkit.live.autosave import Autosaver
from sessionkit.live.session import LiveSession
from sessionkit.store import SessionStore


class SavingScreen(Screen[str | None]):
    """Base of SessionScreen. Dismisses with a one-line summary once the session is saved."""

    live: LiveSession
    store: SessionStore
    autosaver: Autosaver
    closed: bool = False
    _last_save: float

    # -- saving ---------------------------------------------------------------------------
    def _save(self) -> None:
        if not self.closed:
            self.autosaver.submit(self.live.record())
            self._last_save = self.live.clock.monotonic()

    def _save_error_in_thread(self, message: str | None) -> None:
        try:
            self.app.call_from_thread(self.show_save_error, message)
        except RuntimeError:  # the app is gone (exit) or this is its own thread
            pass

    def show_save_error(self, message: str | None) -> None:
        banner = self.query_one("#banner", Line)
        text = message if message is None or message.startswith("NOT SAVED") else (
            f"NOT SAVED: {message}"
        )
        banner.set(f"{escape(text or '')} · kept in memory, retrying")
        banner.display = message is not None

    def flush_now(self) -> None:
        """Write the current record synchronously (signals, quitting)."""
        if not self.closed:
            self.autosaver.write_now(self.live.record())

    def close_autosave(self) -> None:
        if not self.closed:
            self.flush_now()
            self.closed = True
            self.autosaver.close()

    # -- feedback and finishing -----------------------------------------------------------
    def _open_feedback(self) -> None:
        from screens.feedback import FeedbackScreen

        self.app.push_screen(
            FeedbackScreen(self.live.session, self.live.clock, self._finish, self._feedback_draft),
            self._feedback_closed,
        )

    def _feedback_draft(self, index: int, feedback: dict[str, Any]) -> None:
        self.live.save_feedback(index, feedback)
        self._save()

    def _finish(self, result: Any) -> str | None:
        """Save the feedback, finish and commit. Returns an error line, or None when saved."""
        for index, feedback in enumerate(result.feedback):
            self.live.save_feedback(index, feedback)
        self.live.finish(result.next_at, result.tz, result.cadence_days, result.session_type)
        self.close_autosave()
        try:
            self.store.commit(self.live.session)
        except SessionkitError as err:
            return f"NOT SAVED: {err} (ctrl+s tries again; nothing is lost)"
        return None

    def _feedback_closed(self, saved: bool | None) -> None:
        if saved:
            session = self.live.session
            self.dismiss(f"Saved the session with {' and '.join(names(session))}.")

