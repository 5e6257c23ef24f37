"""The client's own copy: one self-contained HTML page of the sessions where they were the client.

`sessionkit export --format html --person NAME`. Inline CSS and SVG only: no script, no font, no
image, nothing fetched (a Content-Security-Policy forbids every request, and allows the one
stylesheet by its hash). It opens offline in any browser, reads on a phone, follows the reader's
light or dark setting and prints to PDF. Each round where NAME was the client shows its date
(local time), coach, outcome and how they would know, the 0-10 scale, actions (open / done), the
feedback they gave and the next session agreed. Private notes only with `include_private`. The
rounds where NAME coached follow in a part of their own (`html_coach.py`).
Every piece of user text goes through `plain()` (control characters shown) and `html.escape`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import IO

from sessionkit.clock import iso
from sessionkit.exports.html_chart import ScalePoint, legend, scale_svg
from sessionkit.exports.html_coach import as_coach, coach_section
from sessionkit.models import Note, Round, Session
from sessionkit.names import name_key
from sessionkit.plain import one_line, plain
from sessionkit.schedule import UPCOMING, pair_slots
from sessionkit.timefmt import epoch, local

DAY = "%a %d %b %Y"
WHEN = "%a %d %b %Y, %H:%M"
FEEDBACK = (("most_helpful", "Most helpful"), ("less_helpful", "Less helpful"))


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return Path(__file__).with_name("report.css").read_text(encoding="utf-8")


def policy(css: str) -> str:
    """Nothing may be fetched or run; only the page's own stylesheet (by its hash) applies."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def text(value: object) -> str:
    """One line of user text, safe inside HTML."""
    return escape(one_line(str(value)))


def block(value: object) -> str:
    """User text that may span lines (the stylesheet keeps its line breaks)."""
    return escape(plain(str(value).strip()))


def as_client(sessions: Iterable[Session], person: str) -> Iterator[tuple[Session, list[Round]]]:
    """Each session with the rounds where `person` was the client (sessions without one skipped)."""
    wanted = name_key(person)
    for session in sessions:
        rounds = [r for r in session.rounds if name_key(r.client) == wanted]
        if rounds:
            yield session, rounds


def _time(iso: str | None, fmt: str = WHEN, tz: str | None = None) -> str:
    shown = local(iso, fmt, tz=tz)
    return f'<time datetime="{text(iso or "")}">{text(shown)}</time>'


def _scale(rnd: Round) -> str:
    """`4 → 9`; a scale given only at one end says which (never `? → 9`)."""
    start, end = rnd.scale_start, rnd.scale_end
    out10 = '<span class="muted">(out of 10)</span>'
    if start is None:
        return f'{end} at the end {out10} <span class="muted">· no scale at the start</span>'
    if end is None:
        return f'{start} at the start {out10} <span class="muted">· no scale at the end</span>'
    return f"{start} → {end} {out10}"


def _due(note: Note, today: str | None) -> str:
    """`due Fri 11 Dec 2026` for an open action with a due day; `overdue` once it has passed
    (by `today`, the day the report was written)."""
    if not note.due or note.done:
        return ""
    try:
        shown = date.fromisoformat(note.due).strftime(DAY)
    except ValueError:
        return ""
    late = today is not None and note.due < today
    cls, said = ("overdue", "overdue since") if late else ("due", "due")
    day = f'<time datetime="{text(note.due)}">{text(shown)}</time>'
    return f' <span class="{cls}">{said} {day}</span>'


def _action(note: Note, today: str | None = None) -> str:
    """The state, the text, then (apart from the text, in brackets) when it was done or is due:
    a date never reads as the first words of the action."""
    state = "done" if note.done else "open"
    when = (f' <span class="when muted">(done {_time(note.done_at, DAY)})</span>'
            if note.done and note.done_at else "")
    mark = ' <span class="private">private</span>' if note.private else ""
    return (f'<li class="action {state}"><span class="state">{state}</span> '
            f'<span class="text">{block(note.text)}</span>{when}{_due(note, today)}{mark}</li>')


def _note(note: Note) -> str:
    mark = '<span class="private">private</span> ' if note.private else ""
    return f'<li class="note">{mark}<span class="text">{block(note.text)}</span></li>'


def _facts(rows: list[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f"<dl>{items}</dl>" if items else ""


def _round(rnd: Round, include_private: bool, today: str | None = None) -> Iterator[str]:
    rows = [("Coach", text(rnd.coach))]
    if rnd.outcome.strip():
        rows.append(("What you wanted", block(rnd.outcome)))
    if rnd.outcome_measure.strip():
        rows.append(("How you would know", block(rnd.outcome_measure)))
    if rnd.scale_start is not None or rnd.scale_end is not None:
        rows.append(("Where you were", _scale(rnd)))
    for key, label in FEEDBACK:
        if str(rnd.feedback.get(key) or "").strip():
            rows.append((label, block(rnd.feedback[key])))
    yield _facts(rows)
    shown = [n for n in rnd.notes if include_private or not n.private]
    actions = [_action(n, today) for n in shown if n.kind == "action"]
    if actions:
        yield f'<h3>Actions</h3><ul class="actions">{"".join(actions)}</ul>'
    notes = [_note(n) for n in shown if n.kind == "note"]
    if notes:
        yield f'<h3>Notes</h3><ul class="notes">{"".join(notes)}</ul>'


def _when(at: str, zone: str | None) -> str:
    where = f' <span class="muted">({text(zone)})</span>' if zone else ""
    return f"{_time(at, tz=zone)}{where}"


def _next(session: Session) -> str:
    """The next sessions agreed in this one, in the time zone the pair chose ("" if none)."""
    agreed = session.next_sessions()
    if not agreed:
        return ""
    label = "Next session" if len(agreed) == 1 else "Sessions agreed"
    return f'<p class="next">{label}: {", ".join(_when(a.at, a.tz) for a in agreed)}</p>'


def _agenda(sessions: list[Session], now: datetime | None = None) -> str:
    """Every session agreed with the person's partners and not yet held (nor passed, given
    `now`), soonest first: the union of what their sessions agreed (a later session agreeing
    none removes none)."""
    pairs: dict[frozenset[str], list[Session]] = {}
    for s in sessions:
        if s.rounds:
            key = frozenset((name_key(s.rounds[0].coach), name_key(s.rounds[0].client)))
            pairs.setdefault(key, []).append(s)
    slots = sorted((slot for items in pairs.values() for slot in pair_slots(
        ((s.id, epoch(s.started_at), s.schedule()) for s in items),
        now.timestamp() if now is not None else float("-inf"))
        if slot.state == UPCOMING), key=lambda slot: epoch(slot.at))
    if not slots:
        return ""
    label = "Next session" if len(slots) == 1 else "Next sessions"
    return f'<p class="next">{label}: {", ".join(_when(s.at, s.tz) for s in slots)}</p>'


def _lead(chosen: list[tuple[Session, list[Round]]], actions: list[Note], agenda: str = "",
          today: str | None = None) -> str:
    if not chosen:
        return f'<p class="lead">No sessions yet where you were the client.</p>\n{agenda}'.rstrip()
    first, last = chosen[0][0].started_at, chosen[-1][0].started_at
    span = (f"1 session, on {_time(first, DAY)}" if len(chosen) == 1 else
            f"{len(chosen)} sessions, from {_time(first, DAY)} to {_time(last, DAY)}")
    still = sum(not a.done for a in actions)
    todo = f" {still} of {len(actions)} action{'s' * (len(actions) != 1)} still open." \
        if actions else ""
    late = sum(bool(today and not a.done and a.due and a.due < today) for a in actions)
    if late:
        todo += f' <span class="overdue">{late} overdue.</span>'
    return f'<p class="lead">{span}.{todo}</p>\n{agenda}'.rstrip()


def _session(session: Session, rounds: list[Round], include_private: bool,
             today: str | None = None) -> str:
    status = "" if session.status == "completed" else ' <span class="badge">not finished</span>'
    parts = [f'<article id="s-{text(session.id)}">',
             f"<h2>{_time(rounds[0].started_at or session.started_at)}{status}</h2>"]
    for rnd in rounds:
        parts.extend(_round(rnd, include_private, today))
    parts.extend([_next(session), "</article>"])
    return "\n".join(p for p in parts if p)


def _points(chosen: list[tuple[Session, list[Round]]]) -> list[ScalePoint]:
    return [
        ScalePoint(epoch(rnd.started_at or session.started_at),
                   local(rnd.started_at or session.started_at, "%d %b %Y"),
                   rnd.scale_start, rnd.scale_end)
        for session, rounds in chosen for rnd in rounds
    ]


def write_html(
    sessions: Iterable[Session], out: IO[str], person: str, include_private: bool = False,
    now: datetime | None = None,
) -> int:
    """Write the report for `person` (sessions oldest first in, newest first out); returns how
    many sessions it holds. `now` (the clock's) says which due days have passed."""
    today = local(iso(now), "%Y-%m-%d") if now is not None else None
    sessions = list(sessions)
    chosen = list(as_client(sessions, person))
    css = stylesheet()
    name = text(person.strip())
    out.write(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(css)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>Coaching sessions of {name}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header>\n<h1>Coaching sessions of {name}</h1>\n'
    )
    actions = [n for _, rounds in chosen for r in rounds for n in r.notes
               if n.kind == "action" and (include_private or not n.private)]
    wanted = name_key(person)
    theirs = [s for s in sessions
              if any(wanted in (name_key(r.coach), name_key(r.client)) for r in s.rounds)]
    out.write(_lead(chosen, actions, _agenda(theirs, now), today) + "\n")
    out.write("</header>\n<main>\n")
    chart = scale_svg(_points(chosen))
    if chart:
        out.write(f'<section class="progress">\n<h2>How close you got, session by session</h2>\n'
                  f"{chart}\n{legend()}\n</section>\n")
    if chosen:
        out.write('<h2 class="part">When you were the client</h2>\n')
    for session, rounds in reversed(chosen):
        out.write(_session(session, rounds, include_private, today) + "\n")
    coached = coach_section(sessions, person)
    if coached:
        out.write(coached + "\n")
    private = "Includes private notes." if include_private else "Private notes are left out."
    out.write(f"</main>\n<footer>Made with sessionkit. {private}</footer>\n</body>\n</html>\n")
    return len({s.id for s, _ in chosen} | {s.id for s, _ in as_coach(sessions, person)})
