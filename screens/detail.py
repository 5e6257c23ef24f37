"""One session in full: rounds, outcomes, notes (private ones marked), actions, feedback, talk.

This is the one place private notes are shown (with a marker); exports leave them out unless asked.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.widgets.fmt import names
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from screens.widgets.talk_chart import TalkChart
from sessionkit.clock import Clock
from sessionkit.models import Round, Session
from sessionkit.plain import one_line, plain
from sessionkit.review.evidence import evidence_text
from sessionkit.timefmt import local

PRIVATE = " private "
FEEDBACK = (
    ("most_helpful", "Most helpful"),
    ("less_helpful", "Less helpful"),
    ("coach_worked", "Coach: worked"),
    ("coach_improve", "Coach: improve"),
)


def title(session: Session) -> str:
    when = local(session.started_at, "%a %d %b %Y %H:%M")
    if not session.rounds:
        return when
    first = session.rounds[0]
    if len(session.rounds) > 1:
        return f"{when} · {first.coach} and {first.client}, {len(session.rounds)} rounds"
    return f"{when} · {first.coach} coaching {first.client}"


def facts(session: Session) -> Text:
    minutes = round(sum(r.elapsed_seconds for r in session.rounds) / 60)
    out = Text(one_line(f"{session.model} · {session.session_type} · {minutes} min · "
                        f"{session.status}"))
    if session.next_session:
        when = local(session.next_session, "%a %d %b %Y %H:%M", session.next_session_tz)
        zone = one_line(session.next_session_tz or "local time")
        out.append(f"\nNext session: {one_line(when)} ({zone})")
        if session.cadence_days:
            out.append(f" · every {session.cadence_days} days")
    return out


def outcome(rnd: Round) -> Text:
    out = Text()
    out.append("Outcome  ", style="bold")
    out.append(plain(rnd.outcome) or "—")
    if rnd.outcome_measure:
        out.append("\nKnow by  ", style="bold").append(plain(rnd.outcome_measure))
    if rnd.scale_start is not None or rnd.scale_end is not None:
        start = "?" if rnd.scale_start is None else str(rnd.scale_start)
        end = "?" if rnd.scale_end is None else str(rnd.scale_end)
        out.append("\nScale    ", style="bold").append(f"{start} → {end}  (0-10)")
    return out


def _grid(heading: str, rows: list[tuple[Text, Text]]) -> Group:
    """A bold heading over two columns: a short label, then text that wraps under itself."""
    if not rows:
        return Group(Text(f"{heading}  none", style="bold"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for label, text in rows:
        grid.add_row(label, text)
    return Group(Text(heading, style="bold"), grid)


def _marked(text: str, private: bool) -> Text:
    out = Text()
    if private:
        out.append(PRIVATE, style="bold black on yellow").append(" ")
    return out.append(plain(text))


def notes(rnd: Round) -> Group:
    rows = []
    for note in (n for n in rnd.notes if n.kind == "note"):
        label = Text(f"  {local(note.at, '%H:%M')}", style="grey50")
        text = _marked(note.text, note.private)
        if note.phase:
            text = Text(f"{one_line(note.phase)}: ", style="grey50") + text
        rows.append((label, text))
    return _grid("Notes", rows)


def actions(rnd: Round) -> Group:
    rows = []
    for note in (n for n in rnd.notes if n.kind == "action"):
        label = Text("  [x]", style="green") if note.done else Text("  [ ]")
        text = _marked(note.text, note.private)
        if note.done and note.done_at:
            text.append(f"  done {local(note.done_at, '%Y-%m-%d')}", style="grey50")
        rows.append((label, text))
    return _grid("Actions", rows)


def feedback(rnd: Round) -> Group:
    rows = [
        (Text(f"  {label}", style="grey50"), Text(plain(str(rnd.feedback[key]))))
        for key, label in FEEDBACK
        if rnd.feedback.get(key)
    ]
    return _grid("Feedback", rows)


class SessionDetailScreen(Screen[None]):
    """A session's rounds in full. `escape` goes back."""

    CSS_PATH = "detail.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back"),
    ]

    def __init__(self, store: Any, clock: Clock, session_id: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.session_id = session_id
        self.session: Session | None = store.get(session_id) or next(
            (s for s in store.pending() if s.id == session_id), None
        )

    def compose(self) -> ComposeResult:
        yield AppHeader("Session", who=" and ".join(names(self.session)) if self.session else "")
        with VerticalScroll(id="detail-body"):
            session = self.session
            if session is None:
                yield Static("This session is no longer in the database.", id="detail-title")
                return
            yield Static(shown(title(session)), id="detail-title")
            yield Static(facts(session), id="detail-facts")
            for i, rnd in enumerate(session.rounds, 1):
                with Vertical(classes="detail-round"):
                    yield Static(shown(f"Round {i}: {rnd.coach} coaching {rnd.client}"),
                                 classes="detail-round-title")
                    yield Static(outcome(rnd), classes="detail-outcome")
                    yield TalkChart(rnd.talk, rnd.elapsed_seconds)
                    yield Static(Text(evidence_text(rnd)), classes="detail-evidence")
                    yield Static(notes(rnd), classes="detail-notes")
                    yield Static(actions(rnd), classes="detail-actions")
                    yield Static(feedback(rnd), classes="detail-feedback")
        yield app_footer()

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()

    def action_back(self) -> None:
        self.dismiss()
