"""The review's index: one light summary per session, built from stored dicts (no dataclasses).

10,000 sessions must open and filter in well under a second, so the index reads
`store.raw_sessions()` once, keeps only what the history table, the search, the actions list and
the partnerships need, and filters with plain substring tests over a prepared, case-folded text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sessionkit.clock import Clock, iso
from sessionkit.errors import SessionkitError
from sessionkit.models import FEEDBACK_TEXT_FIELDS, Session
from sessionkit.timefmt import epoch


@dataclass(slots=True)
class ActionRef:
    """An action (the client's next step) and where it was agreed."""

    session_id: str
    note_id: str
    text: str
    done: bool
    done_at: str | None
    started_at: str
    coach: str
    client: str


@dataclass(slots=True)
class Summary:
    """What the review shows of one session without loading it."""

    id: str
    started_at: str
    ts: float
    status: str
    model: str
    session_type: str
    coach: str
    client: str
    outcome: str
    people: frozenset[str]
    rounds: int
    minutes: float
    client_share: float | None
    scale_start: int | None
    scale_end: int | None
    next_session: str | None
    next_session_tz: str | None
    cadence_days: int | None
    programme_total: int | None
    actions: tuple[ActionRef, ...]
    haystack: str

    @property
    def pair(self) -> frozenset[str]:
        """The partnership: the first round's coach and client, case-folded, unordered."""
        return frozenset((self.coach.casefold(), self.client.casefold()))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def summarize(doc: dict[str, Any]) -> Summary:
    """A Summary of one stored session dict (the shape `Session.to_dict()` writes).

    Raises ValueError for a record that does not have that shape.
    """
    try:
        return _summarize(doc)
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a session record ({err})") from None


def _summarize(doc: dict[str, Any]) -> Summary:
    sid, started, rounds = doc["id"], doc["started_at"], doc["rounds"]
    if not isinstance(sid, str) or not isinstance(started, str):
        raise TypeError("id and started_at must be text")
    first = rounds[0] if rounds else {}
    texts: list[str] = []
    actions: list[ActionRef] = []
    people: set[str] = set()
    seconds = client_s = talk_s = 0.0
    for rnd in rounds:
        coach, client = rnd["coach"], rnd["client"]
        people.add(coach.casefold())
        people.add(client.casefold())
        seconds += rnd.get("elapsed_seconds") or 0.0
        talk = rnd.get("talk") or {}
        cs = talk.get("client_seconds") or 0.0
        client_s += cs
        talk_s += cs + (talk.get("coach_seconds") or 0.0)
        texts.append(rnd.get("outcome") or "")
        texts.append(rnd.get("outcome_measure") or "")
        feedback = rnd.get("feedback") or {}
        texts += [str(feedback.get(k) or "") for k in FEEDBACK_TEXT_FIELDS]
        for note in rnd.get("notes") or ():
            text = note["text"]
            texts.append(text)
            if note.get("kind") == "action":
                actions.append(ActionRef(
                    sid, note.get("id") or "", text, bool(note.get("done")),
                    note.get("done_at"), started, coach, client,
                ))
    people.discard("")
    feedback = first.get("feedback") or {}
    return Summary(
        id=sid, started_at=started, ts=epoch(started),
        status=doc.get("status") or "unfinished", model=doc.get("model") or "",
        session_type=doc.get("session_type") or "peer",
        coach=first.get("coach", ""), client=first.get("client", ""),
        outcome=first.get("outcome") or "",
        people=frozenset(people), rounds=len(rounds),
        minutes=seconds / 60, client_share=client_s / talk_s if talk_s > 0 else None,
        scale_start=_int(first.get("scale_start")), scale_end=_int(feedback.get("scale_end")),
        next_session=doc.get("next_session"), next_session_tz=doc.get("next_session_tz"),
        cadence_days=_int(doc.get("cadence_days")),
        programme_total=_int(doc.get("programme_total")),
        actions=tuple(actions), haystack="\n".join(texts).casefold(),
    )


class HistoryIndex:
    """Summaries newest first, with filtering by person and words."""

    def __init__(self, summaries: Iterable[Summary], skipped: int = 0) -> None:
        self._by_id = {s.id: s for s in summaries}
        self.rows: list[Summary] = []
        self.skipped = skipped
        self._names: dict[str, str] = {}
        self._resort()

    @classmethod
    def build(cls, docs: Iterable[dict[str, Any]]) -> HistoryIndex:
        out, skipped = [], 0
        for doc in docs:
            try:
                out.append(summarize(doc))
            except ValueError:
                skipped += 1
        return cls(out, skipped)

    @classmethod
    def from_store(cls, store: Any) -> HistoryIndex:
        """Saved sessions plus unfinished ones only in a journal (those win, as in export)."""
        docs = {d.get("id"): d for d in store.raw_sessions()}
        for session in store.pending():
            docs[session.id] = session.to_dict()
        return cls.build(docs.values())

    def _resort(self) -> None:
        self.rows = sorted(self._by_id.values(), key=lambda s: (s.ts, s.id), reverse=True)
        self._names = {}
        for s in reversed(self.rows):  # the newest spelling of a name wins
            for name in (s.coach, s.client):
                if name:
                    self._names[name.casefold()] = name

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
            self.rows = [summary if s.id == summary.id else s for s in self.rows]
        else:
            self._resort()
        return summary

    def people(self) -> list[str]:
        """Everyone who coached or was coached, as last spelled, sorted."""
        return sorted(self._names.values(), key=str.casefold)

    def filter(self, person: str | None = None, text: str = "") -> list[Summary]:
        """Sessions with `person` (any round, case-insensitive) containing every word of `text`."""
        who = person.casefold().strip() if person else ""
        words = text.casefold().split()
        if not who and not words:
            return self.rows
        return [
            s for s in self.rows
            if (not who or who in s.people) and all(w in s.haystack for w in words)
        ]

    def actions(self, include_done: bool = False, person: str | None = None) -> list[ActionRef]:
        """Actions across sessions, newest session first; open ones only unless asked."""
        return [
            a for s in self.filter(person) for a in s.actions if include_done or not a.done
        ]

    def carried_actions(self, coach: str, client: str) -> list[ActionRef]:
        """Open actions from the latest session of this pair (for the next session's start)."""
        pair = frozenset((coach.casefold(), client.casefold()))
        latest = next((s for s in self.rows if s.pair == pair), None)
        return [a for a in latest.actions if not a.done] if latest else []


def set_action_done(
    store: Any, clock: Clock, session_id: str, note_id: str, done: bool = True
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
