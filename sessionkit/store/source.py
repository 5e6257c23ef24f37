"""`SessionSource`: the one typed door through which the review, the exports and the screens
read the sessions. `SessionStore` and `LazyStore` implement it (checked by mypy and by
tests/unit/test_session_source.py); a caller that also saves asks for a `SessionWriter`.
`GroupSource`, the smaller door under it, is what the group meetings' reads (store/groups.py)
use: their table and the live journals.

"The sessions" always means the saved ones plus those only in a live session's journal (a
crash, or a call still going on in another terminal): `docs()` and `unfinished()` merge them in
one place, the journal's copy winning, so no caller merges by hand.
"""

from __future__ import annotations

from typing import Any, Protocol

from sessionkit.models import Session


class GroupSource(Protocol):
    """What the group meetings' reads (`store.groups`: `all_groups`, `get_group`, ...) use of
    the database: the meetings' own table, and the live journals, where a meeting going on (or
    left by a crash) is until it is written to the table."""

    def group_rows(self) -> dict[str, dict[str, Any]]:
        """The group meetings' table as stored, key -> dict (a read-only view: writes replace
        it, never mutate it); unreadable rows are left to `store.groups` to skip."""
        ...

    def live_records(self) -> list[dict[str, Any]]:
        """The last record of every live journal, sessions' and meetings' alike."""
        ...


class SessionSource(GroupSource, Protocol):
    """What may be read of the sessions (no TinyDB, no journal files in sight), and, as a
    `GroupSource`, of the group meetings kept beside them."""

    def get(self, session_id: str) -> Session | None:
        """The saved session with this id (None if there is none)."""
        ...

    def docs(self) -> list[dict[str, Any]]:
        """Every session as its stored dict: the saved ones in saved order, each replaced by its
        journal's copy if a live journal holds it, then those only in a journal."""
        ...

    def unfinished(self) -> list[Session]:
        """Every session not completed: those in a journal, then the saved `unfinished` ones."""
        ...

    def count(self) -> int:
        """How many sessions are saved."""
        ...


class SessionWriter(SessionSource, Protocol):
    """A `SessionSource` that also saves (ticking an action, carrying one over)."""

    def save(self, session: Session) -> None: ...


def saved_or_journal(source: SessionSource, session_id: str) -> Session | None:
    """The session with this id, saved or only in a journal."""
    return source.get(session_id) or next(
        (s for s in source.unfinished() if s.id == session_id), None
    )
