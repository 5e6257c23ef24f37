"""Feedback after the session: per round the client's and the coach's reflections, then when the
next session is and the kind of session for the coaching log. The first field has focus, `tab`
moves on, `ctrl+s` saves, `esc` goes back to the call (until the feedback is saved). A problem
shows as one red line (gone once the field is fixed) and nothing typed is lost; what is typed
goes to the journal as it is typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Select

from screens.widgets.area import TextField
from screens.widgets.field import FieldInput
from screens.widgets.fmt import names
from screens.widgets.header import AppHeader, app_footer
from screens.widgets.line import Line
from screens.widgets.safe import escape, shown
from sessionkit.clock import Clock
from sessionkit.models import SESSION_TYPES, UNSPECIFIED, Mark, Session
from sessionkit.names import same_person
from sessionkit.plain import one_line
from sessionkit.review.evidence import evidence_text
from sessionkit.scale import typed_scale
from sessionkit.timefmt import duration

TEXTS = (
    ("most_helpful", "client", "most helpful?"),
    ("less_helpful", "client", "less helpful?"),
    ("scale_end", "client", "got the outcome? 0-10"),
    ("coach_worked", "coach", "what worked?"),
    ("coach_improve", "coach", "better next time?"),
)


def marks_line(marks: list[Mark]) -> str:
    """`★ Moments marked: 8:20 Reality · 21:05 Options` (round time and phase)."""
    said = " · ".join(f"{duration(m.elapsed)} {one_line(m.phase)}".strip() for m in marks)
    return f"★ Moments marked: {said}"


WHEN_SAID = "for example: "
"""Before the next session's date is typed, the line under it shows the forms it takes."""


class FieldError(ValueError):
    """A form value that is wrong: the message for the user and the field to fix."""

    def __init__(self, field_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id = field_id


@dataclass
class FeedbackResult:
    feedback: list[dict[str, Any]] = field(default_factory=list)
    next_at: str | None = None
    tz: str | None = None
    cadence_days: int | None = None
    session_type: str = UNSPECIFIED
    next_times: list[tuple[str, str | None]] = field(default_factory=list)
    """Every future session agreed in this call, soonest first: (UTC ISO time, zone);
    `next_at`/`tz` are the first (older callers)."""
    programme_total: int | None = None


def _score(raw: str, where: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not typed_scale(raw):
        raise ValueError(f"{where}: a whole number from 0 to 10")
    return int(raw)


def swapped(session: Session) -> bool:
    """Did the pair swap roles (a later round's coach was coached earlier)?"""
    clients = [r.client for r in session.rounds]
    return any(same_person(r.coach, c) for i, r in enumerate(session.rounds)
               for c in clients[:i])


class FeedbackScreen(Screen[bool]):
    """Dismisses with True once `on_save` reports success, False on `esc` (back to the call)."""

    CSS_PATH = "feedback.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-feedback", priority=True),
        Binding("escape", "back_to_call", "Back to the call", id="feedback-back"),
    ]
    """`ctrl+s` saves from any field (priority: inputs do not swallow it); `esc` takes back the
    end of the session: the call goes on, the clock runs on from where it stopped."""

    def __init__(
        self,
        session: Session,
        clock: Clock,
        on_save: Callable[[FeedbackResult], str | None],
        on_draft: Callable[[int, dict[str, Any]], None] | None = None,
        agreed: str = "",
    ) -> None:
        super().__init__()
        self.agreed = agreed
        """The pair's sessions already agreed and still ahead, as text ("" if none): they
        stay whatever this form says."""
        self.session = session
        self.clock = clock
        self.on_save = on_save
        self.on_draft = on_draft
        self._error_field: str | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        yield AppHeader("Feedback", who=" and ".join(names(self.session)))
        yield Line("", id="fb-error")
        with VerticalScroll(id="fb-form"):
            for i, rnd in enumerate(self.session.rounds):
                outcome = f" · outcome: {escape(rnd.outcome)}" if rnd.outcome else ""
                yield Line(
                    f"[b]Round {i + 1}[/] · {escape(rnd.coach)} coaching {escape(rnd.client)}"
                    f"[dim]{outcome}[/]", classes="fb-round",
                )
                if rnd.marks:  # the moments the coach marked with `m`: the way back to them
                    yield Line(Content(marks_line(rnd.marks)), classes="fb-marks")
                for key, who, question in TEXTS:
                    if key == "coach_worked":  # the evidence, before the coach's own answers
                        yield Line(Content(evidence_text(rnd)), classes="fb-evidence")
                    name = rnd.client if who == "client" else rnd.coach
                    value = rnd.feedback.get(key)
                    text = "" if value is None else str(value)
                    label = shown(f"{name} ({who}) {question}")
                    if key != "scale_end":  # written answers: the whole width, every line seen
                        yield Label(label, classes="fb-label fb-above")
                        yield TextField(text, id=f"fb-{i}-{key}", classes="fb-text",
                                        placeholder="… (enter: a new line · tab: next)")
                        continue
                    with Horizontal(classes="fb-row"):
                        yield Label(label, classes="fb-label fb-wide")
                        yield FieldInput(text, id=f"fb-{i}-{key}", placeholder="0-10",
                                         classes="fb-score", max_length=2, compact=True,
                                         select_on_focus=False)
            yield Line("[b]Next sessions[/] [dim](several: separate with ; · a series: "
                       "fri 18:30 every 2 weeks x 6)[/]", classes="fb-round")
            if self.agreed:
                yield Line(f"[dim]Already agreed (kept): {escape(self.agreed)}[/]",
                           id="fb-agreed")
            from sessionkit.when import HINT  # pendulum: only once the form opens

            with Horizontal(classes="fb-row"):
                yield Label("When?", classes="fb-label fb-short")
                yield FieldInput(self._agreed_here(), placeholder=HINT, id="fb-next",
                                 compact=True)
            yield Line(f"[dim]{escape(WHEN_SAID)}{escape(HINT)}[/]", id="fb-when")
            with Horizontal(classes="fb-row"):
                yield Label("Cadence: every … days", classes="fb-label")
                cadence = self.session.cadence_days
                yield FieldInput("" if cadence is None else str(cadence),
                                 placeholder="not agreed", id="fb-cadence", classes="fb-plan",
                                 max_length=3, compact=True)
            with Horizontal(classes="fb-row"):
                yield Label("Programme: sessions in all", classes="fb-label")
                total = self.session.programme_total
                yield FieldInput("" if total is None else str(total),
                                 placeholder="not agreed", id="fb-programme", classes="fb-plan",
                                 max_length=3, compact=True)
            with Horizontal(classes="fb-row"):
                yield Label("Kind (for the coaching log)", classes="fb-label")
                kind = self.session.session_type
                if kind == UNSPECIFIED and swapped(self.session):
                    kind = "peer"  # they coached each other: shown, and the coach may change it
                yield Select(
                    [(k, k) for k in SESSION_TYPES if k != UNSPECIFIED], id="fb-type",
                    value=Select.NULL if kind == UNSPECIFIED else kind,
                    prompt="choose: peer, paid or pro-bono (else: unspecified)", compact=True,
                )
        yield app_footer()

    def on_mount(self) -> None:
        self.query_one("#fb-error", Line).display = False
        self.query("Input, TextField").first().focus()

    def _agreed_here(self) -> str:
        """The times this session agreed already (a resumed one), as the field reads them."""
        from sessionkit.timefmt import local
        from sessionkit.when import local_tz

        return "; ".join(f"{local(a.at, '%Y-%m-%d %H:%M', a.tz)} {a.tz or local_tz()}"
                         for a in self.session.next_sessions())

    # -- reading the form -----------------------------------------------------------------
    def _value(self, field_id: str) -> str:
        field = self.query_one(f"#{field_id}")
        return field.value if isinstance(field, Input | TextField) else ""

    def _round_feedback(self, index: int, strict: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, _, _ in TEXTS:
            raw = self._value(f"fb-{index}-{key}")
            if key == "scale_end":
                try:
                    score = _score(raw, f"Round {index + 1} end scale")
                except ValueError as err:
                    if strict:
                        raise FieldError(f"fb-{index}-{key}", str(err)) from None
                    continue
                if score is not None:
                    out[key] = score
            elif raw.strip():
                out[key] = raw.strip()
        return out

    def collect(self) -> FeedbackResult:
        """Everything on the form, validated. ValueError names the field that is wrong."""
        from sessionkit.live.start import CADENCE, PROGRAMME
        from sessionkit.schedule import parse_agreed

        result = FeedbackResult(
            feedback=[self._round_feedback(i, True) for i in range(len(self.session.rounds))]
        )
        when = self._value("fb-next").strip()
        if when:
            try:
                times = parse_agreed(when, self.clock.now())
            except ValueError as err:
                raise FieldError("fb-next", f"Next session: {err}") from None
            result.next_times = list(times)
            result.next_at, result.tz = times[0] if times else (None, None)
        for field_id, (low, high), label, unit in (
            ("fb-cadence", CADENCE, "Cadence", "days"),
            ("fb-programme", PROGRAMME, "Programme", "sessions"),
        ):
            raw = self._value(field_id).strip()
            if not raw:
                continue
            if not raw.isdigit() or not low <= int(raw) <= high:
                raise FieldError(field_id, f"{label}: a number of {unit} from {low} to {high}")
            if field_id == "fb-cadence":
                result.cadence_days = int(raw)
            else:
                result.programme_total = int(raw)
        kind = self.query_one("#fb-type", Select).value
        result.session_type = kind if isinstance(kind, str) else UNSPECIFIED
        return result

    # -- events ---------------------------------------------------------------------------
    @on(TextField.Changed)
    def _written(self, event: TextField.Changed) -> None:
        self._changed(event.text_area.id or "", event.text_area.text)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._changed(event.input.id or "", event.value)

    def _changed(self, field_id: str, value: str) -> None:
        if field_id == self._error_field:
            self._recheck()
        if field_id == "fb-next":
            self._preview_when(value)
        elif field_id.startswith("fb-") and field_id.count("-") >= 2 and self.on_draft:
            index = int(field_id.split("-")[1])
            self.on_draft(index, self._round_feedback(index, strict=False))

    def _preview_when(self, text: str) -> None:
        from sessionkit.schedule import parse_agreed
        from sessionkit.timefmt import local
        from sessionkit.when import When

        line = self.query_one("#fb-when", Line)
        if not text.strip():  # the forms it takes, whole (the placeholder may be cut)
            from sessionkit.when import HINT

            line.set(f"[dim]{escape(WHEN_SAID)}{escape(HINT)}[/]")
            return
        try:
            now = self.clock.now()
            times = parse_agreed(text, now)
            if len(times) == 1:
                when = When(*times[0])
                line.set(f"[$success]→ {escape(when.understood(now))} ({escape(when.tz)})[/]")
            else:
                days = ", ".join(local(at, "%a %d %b %H:%M", tz) for at, tz in times[:4])
                more = f" … {len(times) - 4} more" if len(times) > 4 else ""
                line.set(f"[$success]→ {len(times)} sessions: {escape(days)}{more}[/]")
        except ValueError as err:
            line.set(f"[dim]{escape(str(err))}[/]")

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        """ctrl+s. Keys typed just before it may still wait in the focused field's queue (a
        screen key overtakes them): the save is queued behind them, so it sees every one."""
        focused = self.focused
        if focused is not None:
            focused.call_later(self._save_form)
        else:
            self._save_form()

    def _show_error(self, message: str | None, field_id: str | None = None) -> None:
        error = self.query_one("#fb-error", Line)
        error.set(escape(message or ""))
        error.display = message is not None
        self._error_field = field_id

    def _recheck(self) -> None:
        """The field that was wrong changed: the error goes once it is fixed (or names the next
        problem of that same field)."""
        try:
            self.collect()
        except FieldError as err:
            if err.field_id == self._error_field:
                self._show_error(str(err), err.field_id)
                return
        self._show_error(None)

    def _save_form(self) -> None:
        try:
            result = self.collect()
        except FieldError as err:
            self._show_error(str(err), err.field_id)
            self.set_focus(self.query_one(f"#{err.field_id}"))  # straight to the fix
            return
        self._saving = True
        problem = self.on_save(result)
        if problem:
            self._show_error(problem)
            return
        self.dismiss(True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once a save was tried, the session is finished: `esc` no longer goes back."""
        if action == "back_to_call":
            return not self._saving
        return True

    def action_back_to_call(self) -> None:
        if not self._saving:
            self.dismiss(False)
