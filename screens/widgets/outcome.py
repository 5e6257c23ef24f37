"""Outcome pane: what the client wants from this round, how they will know, a 0-10 start scale.

Read mode shows the outcome in full (wrapped, always on screen). `await edit()` builds the three
fields the first time they are needed (a resumed session may never need them) and returns the
first to focus. `enter` posts `Saved` (or `Invalid` for a bad scale: the fields stay), every
change to the text posts `Typed`, `leave()` saves what is there and goes back to reading."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from screens.widgets.field import FieldInput
from screens.widgets.line import Line
from sessionkit.plain import plain
from sessionkit.scale import typed_scale

EMPTY = "No outcome yet: o to write what the client wants from this round"


class OutcomePane(Vertical):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"outcome--muted"}

    class Saved(Message):
        """The fields were saved (`enter`, or leaving them); `done` when `enter` was pressed."""

        def __init__(self, outcome: str, measure: str, scale: int | None, done: bool) -> None:
            super().__init__()
            self.outcome, self.measure, self.scale, self.done = outcome, measure, scale, done

    class Typed(Message):
        """The outcome or how-to-know text changed (journalled as typed)."""

        def __init__(self, outcome: str, measure: str) -> None:
            super().__init__()
            self.outcome, self.measure = outcome, measure

    class Invalid(Message):
        """What was entered cannot be saved (one line for the user)."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, fields: bool = False, **kwargs: str) -> None:
        """`fields`: build the fields at once (a new round opens on them)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.editing = False
        self._saved: tuple[str, str, int | None] = ("", "", None)
        self._fields: dict[str, Input] = {}
        self._build_now = fields

    def compose(self):  # type: ignore[no-untyped-def]
        yield Line(id="outcome-view")
        if self._build_now:
            yield from self._rows()

    def on_mount(self) -> None:
        self.border_title = "Outcome"
        self._view = self.query_one("#outcome-view", Line)

    def load(self, outcome: str, measure: str, scale: int | None) -> None:
        """Show the saved values (a new or resumed round)."""
        self._saved = (outcome, measure, scale)
        for key, value in zip(("outcome", "measure", "scale"), self._texts(), strict=True):
            if key in self._fields:
                with self._fields[key].prevent(Input.Changed):
                    self._fields[key].value = value
        self._show_view()

    def _texts(self) -> tuple[str, str, str]:
        outcome, measure, scale = self._saved
        return outcome, measure, "" if scale is None else str(scale)

    def _show_view(self) -> None:
        outcome, measure, scale = self._saved
        muted = self.get_visual_style("outcome--muted", partial=True)
        if not outcome:
            self._view.set(Content.assemble((EMPTY, muted)))
            return
        extra = [f"know by: {plain(measure, multiline=False)}"] if measure else []
        if scale is not None:
            extra.append(f"start {scale}/10")
        parts: list[object] = [(plain(outcome), "bold")]
        if extra:
            parts += ["\n", (" · ".join(extra), muted)]
        self._view.set(Content.assemble(*parts))  # type: ignore[arg-type]

    async def edit(self) -> Input:
        """Show the fields (built on first use); returns the outcome field."""
        if not self._fields:
            await self._build()
        return self.edit_now()

    def edit_now(self) -> Input:
        """Show the fields, already built; returns the outcome field."""
        self.editing = True
        for row in self.query(".outcome-row"):
            row.display = True
        self._view.display = False
        for field in self._fields.values():
            field.cursor_position = len(field.value)
        return self._fields["outcome"]

    async def _build(self) -> None:
        rows = self._rows()
        for key, value in zip(("outcome", "measure", "scale"), self._texts(), strict=True):
            self._fields[key].value = value
        with self.prevent(Input.Changed):
            await self.mount_all(rows)

    def _rows(self) -> list[Horizontal]:
        def field(key: str, placeholder: str, **extra: int) -> Input:
            self._fields[key] = FieldInput(placeholder=placeholder, id=key, compact=True,
                                      select_on_focus=False, **extra)  # type: ignore[arg-type]
            return self._fields[key]

        rows = [
            Horizontal(Label("Outcome", classes="field-label"),
                       field("outcome", "what do you want today?"),  # fits 80 columns
                       classes="outcome-row"),
            Horizontal(Label("Know by", classes="field-label"),
                       field("measure", "how you'll know"),
                       Label(" 0-10", classes="scale-label"),
                       field("scale", "–", max_length=2), classes="outcome-row"),
        ]
        for row in rows:
            row.display = False
        return rows

    def values(self) -> tuple[str, str, int | None]:
        """(outcome, measure, scale). Raises ValueError for a scale that is not 0-10."""
        text, measure = self._fields["outcome"].value, self._fields["measure"].value
        raw = self._fields["scale"].value.strip()
        if not raw:
            return text, measure, None
        if not typed_scale(raw):
            raise ValueError(f"start scale {raw!r}: a whole number from 0 to 10")
        return text, measure, int(raw)

    def save(self, done: bool) -> bool:
        """Post `Saved` with the fields' values (or `Invalid`); True when they were valid."""
        try:
            outcome, measure, scale = self.values()
        except ValueError as err:
            self.post_message(self.Invalid(str(err)))
            return False
        self._saved = (outcome.strip(), measure.strip(), scale)
        self.post_message(self.Saved(outcome, measure, scale, done))
        return True

    def leave(self) -> None:
        """Save what is in the fields (a bad scale stays there, reported) and read again."""
        if self.editing:
            self.save(done=False)
            self._read_mode()

    def _read_mode(self) -> None:
        self.editing = False
        for row in self.query(".outcome-row"):
            row.display = False
        self._view.display = True
        for field in self._fields.values():
            field.cursor_position = 0
        self._show_view()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id in ("outcome", "measure"):
            self.post_message(self.Typed(self._fields["outcome"].value,
                                         self._fields["measure"].value))

    def submit(self) -> bool:
        """`enter`: save and go back to reading; False (fields kept) when invalid."""
        if self.save(done=True):
            self._read_mode()
            return True
        return False

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Input.Blurred)
    def _blurred(self) -> None:
        self.call_after_refresh(self._focus_moved)

    def _focus_moved(self) -> None:
        if self.editing and not self.has_focus_within:
            self.leave()
