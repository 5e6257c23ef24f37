"""Tick boxes that read the same without colour: `✓` ticked, `·` not (Textual draws `X` for both
and tells them apart by colour only, which a low-colour terminal or a colour-blind coach cannot)."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

TICKED = "✓"
"""The glyph of a ticked box."""
UNTICKED = "·"
"""The glyph of an empty box."""

T = TypeVar("T")


class TickBox(Checkbox):
    """A Checkbox whose inner glyph says whether it is ticked."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - read per draw
        return TICKED if self.value else UNTICKED


class TickList(SelectionList[T]):
    """A SelectionList whose boxes say whether they are ticked."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3:
            return strip
        _, scroll_y = self.scroll_offset
        try:
            option = self.get_option_at_index(scroll_y + y)
        except Exception:  # noqa: BLE001 - OptionDoesNotExist: a line below the options
            return strip
        inner = segments[1]
        if inner.text != "X":
            return strip
        glyph = TICKED if option.value in self._selected else UNTICKED
        segments[1] = Segment(glyph, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
