"""What a new round carries in from earlier sessions: is this pair's first session, the kind of
session the pair had last (peer, paid, pro-bono), and which of the client's actions from last time
are still open (ticked with history.set_action_done)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sessionkit.models import SESSION_TYPES, UNSPECIFIED, Session
from sessionkit.names import name_key


class _Store(Protocol):
    def raw_sessions(self) -> list[dict[str, Any]]: ...

    def get(self, session_id: str) -> Session | None: ...

    def save(self, session: Session) -> None: ...


@dataclass(frozen=True)
class OpenAction:
    """An action not yet done, from the earlier session `session_id`."""

    session_id: str
    note_id: str
    text: str
    started_at: str


def _fold(name: Any) -> str:
    return name_key(str(name))


def first_of_pair(store: _Store, a: str, b: str, exclude: str | None = None) -> bool:
    """True when no saved session (other than `exclude`) has a round between `a` and `b`."""
    pair = {_fold(a), _fold(b)}
    for doc in store.raw_sessions():
        if doc.get("id") == exclude:
            continue
        for rnd in doc.get("rounds") or []:
            if {_fold(rnd.get("coach")), _fold(rnd.get("client"))} == pair:
                return False
    return True


def last_kind(store: _Store, a: str, b: str, exclude: str | None = None) -> str | None:
    """The kind of the pair's latest saved session that has one (None for a first session, or
    when it was never given): the default for the coaching log."""
    pair = {_fold(a), _fold(b)}
    latest: dict[str, Any] | None = None
    for doc in store.raw_sessions():
        kind = doc.get("session_type")
        if doc.get("id") == exclude or kind not in SESSION_TYPES or kind == UNSPECIFIED:
            continue
        if any({_fold(r.get("coach")), _fold(r.get("client"))} == pair
               for r in doc.get("rounds") or []):
            if latest is None or str(doc.get("started_at")) > str(latest.get("started_at")):
                latest = doc
    return None if latest is None else str(latest["session_type"])


def open_actions(store: _Store, client: str, exclude: str | None = None) -> list[OpenAction]:
    """Open actions of `client` from the last saved session where they were the client."""
    who = _fold(client)
    latest: dict[str, Any] | None = None
    for doc in store.raw_sessions():
        if doc.get("id") == exclude:
            continue
        if any(_fold(r.get("client")) == who for r in doc.get("rounds") or []):
            if latest is None or str(doc.get("started_at")) > str(latest.get("started_at")):
                latest = doc
    if latest is None:
        return []
    out = []
    for rnd in latest.get("rounds") or []:
        if _fold(rnd.get("client")) != who:
            continue
        for note in rnd.get("notes") or []:
            if note.get("kind") == "action" and not note.get("done") and note.get("id"):
                out.append(
                    OpenAction(latest["id"], note["id"], str(note.get("text", "")),
                               str(latest.get("started_at", "")))
                )
    return out
