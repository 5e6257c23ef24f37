"""Moving and cancelling an agreed session (`sessionkit schedule --cancel/--move`).

An agreed time lives in the session that agreed it (`Session.agreed`); when several sessions of
the pair agreed the same time, each holds it. Cancelling or moving acts on every one of them,
keeps each UID and bumps its SEQUENCE, so a calendar that imported the ICS export updates the
event instead of adding a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol

from sessionkit.errors import SessionkitError
from sessionkit.models import Session
from sessionkit.names import name_key
from sessionkit.schedule import AGREED, CANCELLED, Agreed
from sessionkit.timefmt import epoch


class _Store(Protocol):
    def docs(self) -> list[dict[str, Any]]: ...

    def get(self, session_id: str) -> Session | None: ...

    def save(self, session: Session) -> None: ...


@dataclass(frozen=True)
class Changed:
    """What a cancel or move did: the pair, the time before (and after), sessions touched."""

    pair: tuple[str, str]
    before: Agreed
    after: Agreed
    sessions: int


def _pair(session: Session) -> frozenset[str]:
    first = session.rounds[0] if session.rounds else None
    return frozenset((name_key(first.coach), name_key(first.client)) if first else ())


def _find(store: _Store, uid: str) -> tuple[Session, Agreed]:
    wanted = uid.strip().removesuffix("@sessionkit")
    for doc in store.docs():
        for entry in doc.get("schedule") or ():
            if isinstance(entry, dict) and entry.get("uid") == wanted:
                session = store.get(str(doc["id"]))
                if session is not None:
                    return session, next(a for a in session.schedule() if a.uid == wanted)
        if isinstance(doc.get("id"), str) and wanted == f"{doc['id']}-next":
            session = store.get(doc["id"])
            if session is not None and session.schedule():
                return session, session.schedule()[0]
    raise SessionkitError(f"no agreed session with the id {wanted!r} (see `sessionkit schedule`)")


def change(store: _Store, uid: str, at: str | None, tz: str | None = None) -> Changed:
    """Cancel (`at` None) or move to `at` (UTC ISO, zone `tz`) the agreed session `uid`, in
    every session of the pair that agreed that time. Raises SessionkitError (nothing changed)
    for an unknown uid or one already cancelled."""
    session, found = _find(store, uid)
    if found.status == CANCELLED:
        raise SessionkitError(f"the session agreed for {found.at} was already cancelled")
    pair = _pair(session)
    when = epoch(found.at)
    if at is not None:
        for doc in store.docs():
            other = store.get(str(doc.get("id"))) if doc.get("schedule") or doc.get(
                "next_session") else None
            if other is not None and _pair(other) == pair and any(
                epoch(a.at) == epoch(at) and a.status == AGREED for a in other.schedule()
            ):
                raise SessionkitError(f"{at} is already agreed with this partner; nothing "
                                      "was changed")
    touched = []
    for doc in store.docs():
        other = store.get(str(doc.get("id"))) if doc.get("schedule") or doc.get(
            "next_session") else None
        if other is None or _pair(other) != pair:
            continue
        entries = other.schedule()
        hits = [i for i, a in enumerate(entries) if epoch(a.at) == when and a.status == AGREED]
        if not hits:
            continue
        for i in hits:
            a = entries[i]
            entries[i] = replace(a, status=CANCELLED, sequence=a.sequence + 1) if at is None \
                else replace(a, at=at, tz=tz or a.tz, sequence=a.sequence + 1)
        other.set_schedule(entries)
        touched.append(other)
    for other in touched:
        store.save(other)
    first = session.rounds[0]
    after = replace(found, status=CANCELLED) if at is None else replace(found, at=at,
                                                                        tz=tz or found.tz)
    return Changed((first.coach, first.client), found, after, len(touched))
