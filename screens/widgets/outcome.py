"""Outcome pane: what the client wants from this round, how they will know, a 0-10 start scale.

Read mode shows the outcome in full (wrapped, always on screen); edit mode shows three fields.
The screen switches modes (`o` edits; `enter` / `esc` saves and goes back to reading)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from screens.widgets.line import Line
from screens.widgets.safe import Field, escape


class OutcomePane(Vertical):
    _editing = False

    def compose(self) -> ComposeResult:
        yield Line(id="outcome-view")
        with Horizontal(classes="outcome-row"):
            yield Label("Outcome", classes="field-label")
            yield Field(placeholder="what do you want from this session?  (enter saves)",
                        id="outcome", compact=True, select_on_focus=False)
        with Horizontal(classes="outcome-row"):
            yield Label("Know by", classes="field-label")
            yield Field(placeholder="how will you know you got it?", id="measure", compact=True,
                        select_on_focus=False)
            yield Label(" 0-10", classes="scale-label")
            yield Field(placeholder="–", id="scale", compact=True, max_length=2,
                        select_on_focus=False)

    def load(self, outcome: str, measure: str, scale: int | None) -> None:
        """Show the saved values (a new or resumed round)."""
        self.query_one("#outcome", Input).value = outcome
        self.query_one("#measure", Input).value = measure
        self.query_one("#scale", Input).value = "" if scale is None else str(scale)
        self.show_view(outcome, measure, scale)

    def show_view(self, outcome: str, measure: str, scale: int | None) -> None:
        if not outcome:
            text = "[dim]No outcome yet: o to write what the client wants from this round[/]"
        else:
            text = f"[b]{escape(outcome)}[/]"
            extra = []
            if measure:
                extra.append(f"know by: {escape(measure)}")
            if scale is not None:
                extra.append(f"start {scale}/10")
            if extra:
                text += f"\n[dim]{' · '.join(extra)}[/]"
        self.query_one("#outcome-view", Line).set(text)

    def edit(self, editing: bool) -> None:
        # display toggles, not a class: a class change restyles every Input below (~70 ms)
        self._editing = editing
        for row in self.query(".outcome-row"):
            row.display = editing
        self.query_one("#outcome-view", Line).display = not editing
        for field in self.query(Input):
            field.cursor_position = len(field.value) if editing else 0

    def values(self) -> tuple[str, str, int | None]:
        """(outcome, measure, scale). Raises ValueError for a scale that is not 0-10."""
        text = self.query_one("#outcome", Input).value
        measure = self.query_one("#measure", Input).value
        raw = self.query_one("#scale", Input).value.strip()
        if not raw:
            return text, measure, None
        if not raw.isdigit() or not 0 <= int(raw) <= 10:
            raise ValueError(f"start scale {raw!r}: a whole number from 0 to 10")
        return text, measure, int(raw)

    @property
    def editing(self) -> bool:
        return self._editing
