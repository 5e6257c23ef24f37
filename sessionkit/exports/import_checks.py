"""What an import file must not hold, beyond each record's own shape (issue 18).

The records are read by `Session.from_dict`; these are the checks across fields and across the
file that a reader of one value cannot make, each refused in one line naming where:
- a key written twice in one object (`"private": true, "private": false`: JSON keeps the last,
  and a private note would be shared) — checked while parsing;
- a lone surrogate (`"\\ud800"`), which no UTF-8 file or terminal can hold;
- a coach or client whose name is blank, a coach who is their own client, one person written
  two ways in one session (`Eve` and `eve`: `names.name_key` makes them one);
- a round that lasted longer than its own start-to-end time (a 7-day round in 45 minutes).
"""

from __future__ import annotations

from typing import Any

from sessionkit.models import Session
from sessionkit.names import name_key
from sessionkit.plain import ESCAPED_SURROGATE, first_surrogate, one_line
from sessionkit.regular import MIB
from sessionkit.timefmt import epoch

MAX_BYTES = 512 * MIB
"""An import file larger than this is refused before it is read (a 10,000-session backup is
~30 MiB)."""
SLACK_SECONDS = 60.0
"""A round's clock may run this much past its start-to-end time (rounding, a clock step)."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(k for i, k in enumerate(keys) if k in keys[:i])
        raise ValueError(f"the key {one_line(twice)!r} appears twice in one object (which one "
                         "counts is not clear)")
    return dict(pairs)


def parse_strict(raw: bytes) -> Any:
    """Strict JSON for an import: no NaN/Infinity, no key twice in one object, no lone
    surrogate. Raises ValueError with a one-line reason."""
    from sessionkit.store.storage import parse_json  # the store's own strict rules

    data = parse_json(raw, pairs=_unique)
    where = first_surrogate(data) if ESCAPED_SURROGATE.search(raw) else None
    if where is not None:
        raise ValueError(f"{where} holds a lone surrogate (a \\ud800-\\udfff escape), which "
                         "no text can hold")
    return data


def check_session(session: Session, where: str) -> None:
    """Refuse (ValueError) what one record may not hold across its fields."""
    spelled: dict[str, str] = {}
    for j, rnd in enumerate(session.rounds):
        here = f"{where}.rounds[{j}]"
        for role in ("coach", "client"):
            if not name_key(getattr(rnd, role)):
                raise ValueError(f"{here}.{role} is blank: every round names its coach and "
                                 "client")
        if name_key(rnd.coach) == name_key(rnd.client):
            raise ValueError(f"{here}: {one_line(rnd.coach.strip())!r} is both coach and client")
        for role in ("coach", "client"):
            name = getattr(rnd, role).strip()
            other = spelled.setdefault(name_key(name), name)
            if other != name:
                raise ValueError(f"{here}.{role}: {one_line(other)!r} and "
                                 f"{one_line(name)!r} are one person written two ways")
        if rnd.started_at and rnd.ended_at:
            span = epoch(rnd.ended_at) - epoch(rnd.started_at)
            if span < 0:
                raise ValueError(f"{here} ends before it starts")
            if rnd.elapsed_seconds > span + SLACK_SECONDS:
                raise ValueError(
                    f"{here} lasted {_span(rnd.elapsed_seconds)} between a start and an end "
                    f"{_span(span)} apart")
    if session.started_at and session.ended_at:
        span = epoch(session.ended_at) - epoch(session.started_at)
        total = sum(r.elapsed_seconds for r in session.rounds)
        if total > max(span, 0.0) + SLACK_SECONDS:
            raise ValueError(f"{where}: its rounds lasted {_span(total)} in a session "
                             f"{_span(max(span, 0.0))} long")


def _span(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f} days"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.0f} hours"
    return f"{seconds / 60:.0f} minutes"
