"""The review's index: one light summary per session, built from stored dicts (no dataclasses).

10,000 sessions must open and filter in well under a second, so the index reads
`store.raw_sessions()` once, keeps only what the history table, the search, the actions list and
the partnerships need, and filters with plain substring tests over a prepared, case-folded text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sessionkit.clock import Clock, iso
from sessionkit.errors import SessionkitError
from sessionkit.gcpause import no_gc
from sessionkit.models import Session
from sessionkit.names import name_key
from sessionkit.review.summary import ActionRef, Summary, summarize
from sessionkit.store.source import GroupSource, SessionSource, SessionWriter

__all__ = [
    "ActionRef", "HistoryIndex", "Summary", "set_action_done", "summarize",
]


class HistoryIndex:
    """Summaries newest first, with filtering by person and words."""

    def __init__(self, summaries: Iterable[Summary], skipped: int = 0) -> None:
        self._by_id = {s.id: s for s in summaries}
        self.rows: list[Summary] = []
        """Every row, group meetings included (the review's history), newest first."""
        self.sessions: list[Summary] = []
        """The one-to-one sessions only (everything else the index serves is about them)."""
        self.skipped = skipped
        self._names: dict[str, str] = {}
        self._resort()

    @classmethod
    def build(cls, docs: Iterable[dict[str, Any]]) -> HistoryIndex:
        out, skipped = [], 0
        with no_gc():
            for doc in docs:
                try:
                    out.append(summarize(doc))
                except ValueError:
                    skipped += 1
        return cls(out, skipped)

    @classmethod
    def from_store(cls, store: SessionSource) -> HistoryIndex:
        """Saved sessions plus unfinished ones only in a journal (those win, as in export)."""
        index = cls.build(store.docs())
        index.add_groups(store)
        return index

    def add_groups(self, store: GroupSource) -> None:
        """Group meetings as rows of their own (`Summary.is_group`): shown by the review's
        history, left out of what is about one-to-one sessions (`filter(groups=False)`)."""
        from sessionkit.review.group_rows import summarize_group
        from sessionkit.store.groups import all_groups

        meetings = all_groups(store)
        if meetings:
            self._by_id.update((m.id, summarize_group(m)) for m in meetings)
            self._resort()

    def _resort(self) -> None:
        self.rows = sorted(self._by_id.values(), key=lambda s: (s.ts, s.id), reverse=True)
        self.sessions = [s for s in self.rows if not s.is_group] if self.has_groups() \
            else self.rows
        self._names = {}
        for s in reversed(self.rows):  # the newest spelling of a name wins
            for name in (s.coach, s.client, *s.members):
                if name:
                    self._names[name_key(name)] = name

    def has_groups(self) -> bool:
        return any(s.is_group for s in self._by_id.values())

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, session_id: str) -> Summary | None:
        return self._by_id.get(session_id)

    def update(self, doc: dict[str, Any]) -> Summary:
        """Replace (or add) one session's summary after it was saved."""
        summary = summarize(doc)
        known = summary.id in self._by_id
        self._by_id[summary.id] = summary
        if known:
            same = self.sessions is self.rows
            self.rows = [summary if s.id == summary.id else s for s in self.rows]
            self.sessions = self.rows if same else [
                summary if s.id == summary.id else s for s in self.sessions]
        else:
            self._resort()
        return summary

    def people(self) -> list[str]:
        """Everyone who coached or was coached, as last spelled, sorted."""
        return sorted(self._names.values(), key=str.casefold)

    def filter(
        self, person: str | None = None, text: str = "", private: bool = True,
        groups: bool = False,
    ) -> list[Summary]:
        """Sessions with `person` (any round, case-insensitive) containing every word of `text`.

        Without `private` (a client's view) words found only in private notes do not count.
        With `groups`, group meetings too (`person` is then also any member)."""
        who = name_key(person) if person else ""
        words = text.casefold().split()
        rows = self.rows if groups else self.sessions
        if not who and not words:
            return rows
        return [
            s for s in rows
            if (not who or who in s.people)
            and all(w in s.haystack or (private and w in s.private_text) for w in words)
        ]

    def actions(self, include_done: bool = False, person: str | None = None) -> list[ActionRef]:
        """Actions across sessions, newest session first; open ones only unless asked."""
        return [
            a for s in self.filter(person) for a in s.actions if include_done or not a.done
        ]


def set_action_done(
    store: SessionWriter, clock: Clock, session_id: str, note_id: str, done: bool = True
) -> Session:
    """Tick (or untick) one action and save its session. Returns the saved session."""
    session = store.get(session_id)
    if session is None:
        raise SessionkitError(f"session {session_id} is no longer in the database")
    for rnd in session.rounds:
        for note in rnd.notes:
            if note.id == note_id and note.kind == "action":
                note.done = done
                note.done_at = iso(clock.now()) if done else None
                store.save(session)
                return session
    raise SessionkitError(f"action {note_id} is not in session {session_id}")
