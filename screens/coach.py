"""The coach's own view: one person's sessions as coach over time, and what they and their
clients said. Thin: `sessionkit.review.coach_view` computes, this screen lays it out."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from screens.widgets.header import AppHeader, app_footer
from screens.widgets.safe import shown
from sessionkit.plain import one_line, plain
from sessionkit.review.coach_view import RECENT, Answer, CoachView, Trend, coach_view
from sessionkit.review.phrases import Phrase
from sessionkit.store.source import SessionSource
from sessionkit.timefmt import local

SHOWN_ANSWERS = 12
"""How many of the latest answers each list shows (the phrases count them all)."""


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return (f"{value:.1f} s" if value < 10 else f"{value:.0f} s" if value < 120
                else f"{value / 60:.0f} min")
    return f"{value:.0f}{unit}" if value == int(value) or unit else f"{value:.1f}"


def trend_summary(t: Trend) -> str:
    """"now 24% · last 10 avg 26% · before 35%" ("avg 30% over 7" while there are few)."""
    known = t.known()
    now = f"now {figure(known[-1] if known else None, t.unit)}"
    before = t.earlier_mean(RECENT)
    if before is None:
        return f"{now} · avg {figure(t.mean(), t.unit)} over {len(known)}"
    return (f"{now} · last {RECENT} avg {figure(t.mean(RECENT), t.unit)} · "
            f"before {figure(before, t.unit)}")


def phrases_text(phrases: list[Phrase]) -> Text:
    if not phrases:
        return Text("No phrase recurs across sessions yet.", style="italic")
    return Text(" · ".join(f"“{one_line(p.text)}” ×{p.sessions}" for p in phrases))


def answer_line(a: Answer) -> Text:
    return Text.assemble((f"{local(a.started_at, '%d %b %Y')}  ", "bold"),
                         (f"{one_line(a.label)}: ", "italic"), plain(a.text))


class TrendRow(Horizontal):
    """One measure: its name and summary, the last sessions and the whole history as sparklines."""

    def __init__(self, trend: Trend) -> None:
        super().__init__(classes="coach-trend")
        self.trend = trend

    def compose(self) -> ComposeResult:
        t = self.trend
        with Vertical(classes="coach-trend-text"):
            yield Static(t.label, classes="coach-trend-label")
            yield Static(trend_summary(t), classes="coach-trend-summary")
        with Vertical(classes="coach-trend-chart"):
            yield Static(f"last {RECENT}", classes="coach-trend-caption")
            yield Sparkline(t.known(RECENT), classes="coach-spark -recent")
        with Vertical(classes="coach-trend-chart"):
            yield Static(f"all {len(t.known())}", classes="coach-trend-caption")
            yield Sparkline(t.known(), classes="coach-spark -all")


class CoachScreen(Screen[None]):
    """One person's rounds as coach: trends, nudges, their own and their clients' answers."""

    CSS_PATH = "coach.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="coach.back"),
    ]

    def __init__(self, store: SessionSource, name: str) -> None:
        super().__init__()
        self.store = store
        self.coach = name.strip()
        self.view = CoachView(self.coach, [], [])

    def compose(self) -> ComposeResult:
        self.view = coach_view(self.store.docs(), self.coach)
        v = self.view
        self.coach = v.name  # as written in the records
        yield AppHeader("Coach", who=self.coach)
        yield Static(shown(self._summary()), id="coach-summary")
        with VerticalScroll(id="coach-body"):
            if not v.rounds:
                yield Static(shown(f"No completed sessions with {self.coach} as coach yet."),
                             id="coach-empty")
                return
            for trend in v.trends:
                yield TrendRow(trend)
            yield Static(self._nudges(), id="coach-nudges")
            yield Static("Your answers: what worked, better next time", classes="coach-heading")
            yield Static(phrases_text(v.own_phrases), id="coach-own-phrases",
                         classes="coach-phrases")
            for a in reversed(v.own[-SHOWN_ANSWERS:]):
                yield Static(answer_line(a), classes="coach-answer")
            yield Static("Clients' answers: most and less helpful", classes="coach-heading")
            yield Static(phrases_text(v.client_phrases), id="coach-client-phrases",
                         classes="coach-phrases")
            for a in reversed(v.clients[-SHOWN_ANSWERS:]):
                yield Static(answer_line(a), classes="coach-answer")
        yield app_footer()

    def _summary(self) -> str:
        v = self.view
        if not v.rounds:
            return one_line(self.coach)
        first, last = v.rounds[0].started_at, v.rounds[-1].started_at
        return (f"{one_line(v.name)} as coach: {len(v.rounds)} sessions, {v.hours:.1f} h, "
                f"{local(first, '%d %b %Y')} – {local(last, '%d %b %Y')}")

    def _nudges(self) -> Text:
        counts = self.view.nudge_counts
        recorded = sum(r.nudges is not None for r in self.view.rounds)
        if not recorded:
            return Text("Nudges: not recorded for these sessions (older records).")
        body = ", ".join(f"{label} ×{n}" for label, n in counts.most_common()) or "none"
        return Text(f"Nudges that fired in {recorded} recorded sessions: {body}")

    def on_mount(self) -> None:
        self.query_one("#coach-body").focus()

    def action_back(self) -> None:
        self.dismiss()
