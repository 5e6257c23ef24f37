"""One session in full: rounds, outcomes, notes (private ones marked), actions, feedback, talk.

This is the one place private notes are shown (with a marker); exports leave them out unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.widgets.fmt import due_label, names
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from screens.widgets.talk_chart import TalkChart
from sessionkit.clock import Clock
from sessionkit.models import Round, Session
from sessionkit.plain import one_line, plain
from sessionkit.review.evidence import evidence_text
from sessionkit.store.source import SessionSource, saved_or_journal
from sessionkit.timefmt import duration, local

PRIVATE = " private "
MARK = "★"  # as the live screen's notes pane draws a moment marked with `m`
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
    agreed = session.next_sessions()
    if agreed:
        zone = one_line(agreed[0].tz or "local time")
        days = ", ".join(one_line(local(a.at, "%a %d %b %Y %H:%M", a.tz)) for a in agreed[:4])
        more = f" … +{len(agreed) - 4}" if len(agreed) > 4 else ""
        label = "Next session" if len(agreed) == 1 else "Sessions agreed"
        out.append(f"\n{label}: {days}{more} ({zone})")
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


@dataclass(frozen=True)
class Tones:
    """The styles the detail's text uses, read from detail.tcss (`SessionDetailScreen >
    .detail--muted`, ...): no colour is written in Python."""

    muted: Style = field(default_factory=Style)
    done: Style = field(default_factory=Style)
    private: Style = field(default_factory=Style)


def _marked(text: str, private: bool, tones: Tones) -> Text:
    out = Text()
    if private:
        out.append(PRIVATE, style=tones.private).append(" ")
    return out.append(plain(text))


def notes(rnd: Round, tones: Tones = Tones()) -> Group:  # noqa: B008 - frozen: shared safely
    rows = []
    for note in (n for n in rnd.notes if n.kind == "note"):
        label = Text(f"  {local(note.at, '%H:%M')}", style=tones.muted)
        text = _marked(note.text, note.private, tones)
        if note.phase:
            text = Text(f"{one_line(note.phase)}: ", style=tones.muted) + text
        rows.append((label, text))
    return _grid("Notes", rows)


def actions(rnd: Round, tones: Tones = Tones()) -> Group:  # noqa: B008 - frozen: shared safely
    rows = []
    for note in (n for n in rnd.notes if n.kind == "action"):
        label = Text("  [x]", style=tones.done) if note.done else Text("  [ ]")
        text = _marked(note.text, note.private, tones)
        if note.due:
            text.append(f"  · due {due_label(note.due)}", style=tones.muted)
        if note.done and note.done_at:
            text.append(f"  · done {local(note.done_at, '%Y-%m-%d')}", style=tones.muted)
        rows.append((label, text))
    return _grid("Actions", rows)


def marks(rnd: Round, tones: Tones = Tones()) -> Group:  # noqa: B008 - frozen: shared safely
    """Moments the coach marked with `m`: the way back to them (no audio is recorded)."""
    rows = [(Text(f"  {local(m.at, '%H:%M')}", style=tones.muted),
             Text(f"{MARK} at {duration(m.elapsed)}") + Text(
                 f" · {one_line(m.phase)}" if m.phase else "", style=tones.muted))
            for m in rnd.marks]
    return _grid("Moments marked", rows)


def feedback(rnd: Round, tones: Tones = Tones()) -> Group:  # noqa: B008 - frozen: shared safely
    rows = [
        (Text(f"  {label}", style=tones.muted), Text(plain(str(rnd.feedback[key]))))
        for key, label in FEEDBACK
        if rnd.feedback.get(key)
    ]
    return _grid("Feedback", rows)


class SessionDetailScreen(Screen[None]):
    """A session's rounds in full. `escape` goes back."""

    CSS_PATH = "detail.tcss"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail--muted", "detail--done", "detail--private"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back"),
    ]

    def __init__(self, store: SessionSource, clock: Clock, session_id: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.session_id = session_id
        self.session: Session | None = saved_or_journal(store, session_id)

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
                    yield Static(classes="detail-notes")
                    yield Static(classes="detail-actions")
                    yield Static(classes="detail-marks")
                    yield Static(classes="detail-feedback")
        yield app_footer()

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """The notes, actions and feedback, in the tones the screen's CSS gives (read once the
        CSS applies to the screen's component classes: after the first refresh, not at
        mount)."""
        tones = Tones(*(self._tone(f"detail--{name}") for name in ("muted", "done", "private")))
        session = self.session
        if session is not None:
            for rnd, box in zip(session.rounds, self.query(".detail-round"), strict=True):
                box.query_one(".detail-notes", Static).update(notes(rnd, tones))
                box.query_one(".detail-actions", Static).update(actions(rnd, tones))
                marked = box.query_one(".detail-marks", Static)
                marked.update(marks(rnd, tones))
                marked.display = bool(rnd.marks)  # no "none" line for a round never marked
                box.query_one(".detail-feedback", Static).update(feedback(rnd, tones))

    def _tone(self, name: str) -> Style:
        """A component class's style; its background only if the CSS sets one (the text
        stands on whatever its box has)."""
        style = self.get_component_rich_style(name)
        if self.get_component_styles(name).has_rule("background"):
            return style
        return Style(color=style.color, bold=style.bold)

    def action_back(self) -> None:
        self.dismiss()
