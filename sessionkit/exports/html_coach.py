"""The "as coach" part of a person's HTML report: the rounds where they coached, apart from the
rounds where they were the client, each with that round's own figures (a peer who was client in
one round and coach in the other sees both halves, never one number for the two).

Each round: date, client, the coach's share of talk, the client's scale start → end, the
client's feedback on the coaching and the coach's own reflection. Notes are left out (the
client's words belong to the client's part of their own report).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape

from sessionkit.models import Round, Session
from sessionkit.plain import one_line, plain
from sessionkit.timefmt import local

WHEN = "%a %d %b %Y, %H:%M"
ANSWERS = (("most_helpful", "Most helpful (client)"), ("less_helpful", "Less helpful (client)"),
           ("coach_worked", "What worked (you)"), ("coach_improve", "Better next time (you)"))


def as_coach(sessions: Iterable[Session], person: str) -> list[tuple[Session, Round]]:
    """Each round `person` coached, oldest first."""
    from sessionkit.names import name_key

    wanted = name_key(person)
    return [(s, r) for s in sessions for r in s.rounds if name_key(r.coach) == wanted]


def _text(value: object) -> str:
    return escape(one_line(str(value)))


def _share(rnd: Round) -> str:
    talk = rnd.talk.coach_seconds + rnd.talk.client_seconds
    return "—" if talk <= 0 else f"{rnd.talk.coach_seconds / talk:.0%}"


def _scale(rnd: Round) -> str:
    if rnd.scale_start is None and rnd.scale_end is None:
        return "—"
    if rnd.scale_start is None:
        return f"{rnd.scale_end} at the end (no scale at the start)"
    if rnd.scale_end is None:
        return f"{rnd.scale_start} at the start (no scale at the end)"
    return f"{rnd.scale_start} → {rnd.scale_end}"


def _round(session: Session, rnd: Round) -> Iterator[str]:
    at = rnd.started_at or session.started_at
    yield (f'<article class="coached"><h3><time datetime="{_text(at)}">'
           f"{_text(local(at, WHEN))}</time> · you coached {_text(rnd.client)}</h3>")
    rows = [("Your share of talk", _share(rnd)), (f"{_text(rnd.client)}'s scale", _scale(rnd)),
            ("Minutes", f"{round(rnd.elapsed_seconds / 60)}")]
    if rnd.outcome.strip():
        rows.insert(0, ("Their outcome", escape(plain(rnd.outcome.strip()))))
    for key, label in ANSWERS:
        value = str(rnd.feedback.get(key) or "").strip()
        if value:
            rows.append((label, escape(plain(value))))
    yield "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl></article>"


def coach_section(sessions: Iterable[Session], person: str) -> str:
    """The section ("" when `person` coached no round)."""
    rounds = as_coach(sessions, person)
    if not rounds:
        return ""
    hours = sum(r.elapsed_seconds for _, r in rounds) / 3600
    parts = ['<section class="as-coach">', "<h2>When you were the coach</h2>",
             f'<p class="lead">{len(rounds)} round{"s" * (len(rounds) != 1)} coached, '
             f"{hours:.1f} h.</p>"]
    for session, rnd in reversed(rounds):
        parts.extend(_round(session, rnd))
    parts.append("</section>")
    return "\n".join(parts)
