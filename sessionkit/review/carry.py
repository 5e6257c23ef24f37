"""What a new round carries in from earlier sessions: is this pair's first session, the kind of
session the pair had last (peer, paid, pro-bono), and which of the client's actions from last time
are still open (ticked with history.set_action_done)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sessionkit.models import SESSION_TYPES, UNSPECIFIED, Session
from sessionkit.names import name_key
from sessionkit.reader import Reader
from sessionkit.schedule import UPCOMING, Slot, pair_slots, read_agreed
from sessionkit.timefmt import epoch


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


@dataclass(frozen=True)
class LastTime:
    """The client's last session, as a new one starts: when, what they wanted, the 0-10 scale
    at its start and end (None where not given)."""

    started_at: str
    outcome: str
    scale_start: int | None
    scale_end: int | None


def _latest_as_client(store: _Store, who: str, exclude: str | None) -> dict[str, Any] | None:
    latest: dict[str, Any] | None = None
    for doc in store.raw_sessions():
        if doc.get("id") == exclude:
            continue
        if any(_fold(r.get("client")) == who for r in doc.get("rounds") or []):
            if latest is None or str(doc.get("started_at")) > str(latest.get("started_at")):
                latest = doc
    return latest


def _scale(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def carried_in(store: _Store, client: str, exclude: str | None = None
               ) -> tuple[LastTime | None, list[OpenAction]]:
    """`last_time` and `open_actions` of `client`, from one pass over the sessions."""
    who = _fold(client)
    latest = _latest_as_client(store, who, exclude)
    if latest is None:
        return None, []
    return _last_time(latest, who), _open_actions(latest, who)


def last_time(store: _Store, client: str, exclude: str | None = None) -> LastTime | None:
    """The outcome and scales of `client`'s round in their last saved session (None: none)."""
    return carried_in(store, client, exclude)[0]


def _last_time(latest: dict[str, Any], who: str) -> LastTime:
    rnd = next(r for r in latest.get("rounds") or [] if _fold(r.get("client")) == who)
    feedback = rnd.get("feedback") if isinstance(rnd.get("feedback"), dict) else {}
    return LastTime(str(rnd.get("started_at") or latest.get("started_at") or ""),
                    str(rnd.get("outcome") or ""), _scale(rnd.get("scale_start")),
                    _scale(feedback.get("scale_end")))


def open_actions(store: _Store, client: str, exclude: str | None = None) -> list[OpenAction]:
    """Open actions of `client` from the last saved session where they were the client."""
    return carried_in(store, client, exclude)[1]


def _open_actions(latest: dict[str, Any], who: str) -> list[OpenAction]:
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


def last_plan(store: _Store, a: str, b: str, exclude: str | None = None
              ) -> tuple[int | None, int | None]:
    """The pair's plan, inherited by a new session: (sessions in the programme, cadence in
    days), each from the latest saved session of the pair that set it (None: never set)."""
    pair = {_fold(a), _fold(b)}
    found: dict[str, tuple[str, int]] = {}
    for doc in store.raw_sessions():
        if doc.get("id") == exclude or not any(
            {_fold(r.get("coach")), _fold(r.get("client"))} == pair
            for r in doc.get("rounds") or []
        ):
            continue
        at = str(doc.get("started_at"))
        for key in ("programme_total", "cadence_days"):
            value = doc.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0 and (
                key not in found or at > found[key][0]
            ):
                found[key] = (at, value)
    return (found["programme_total"][1] if "programme_total" in found else None,
            found["cadence_days"][1] if "cadence_days" in found else None)


def pair_upcoming(store: _Store, a: str, b: str, now: float,
                  current: tuple[str, float] | None = None) -> list[Slot]:
    """The pair's agreed sessions still ahead (the union of what its saved sessions agreed,
    less those held or cancelled), soonest first. `current` (id, start): the session going on,
    which holds the agreed time it is close to."""
    exclude = current[0] if current else None
    pair = {_fold(a), _fold(b)}
    items = []
    for doc in store.raw_sessions():
        rounds = doc.get("rounds") or []
        if doc.get("id") == exclude or not rounds or {
            _fold(rounds[0].get("coach")), _fold(rounds[0].get("client"))} != pair:
            continue
        try:
            sid = str(doc["id"])
            items.append((sid, epoch(str(doc.get("started_at"))),
                          read_agreed(Reader(doc, "session"), sid, "session")))
        except (KeyError, ValueError):
            continue
    if current is not None:
        items.append((current[0], current[1], []))
    return [s for s in pair_slots(items, now) if s.state == UPCOMING]
