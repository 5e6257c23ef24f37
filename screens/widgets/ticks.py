"""Tick boxes that read the same without colour: `✓` ticked, `·` not (Textual draws `X` for both
and tells them apart by colour only, which a low-colour terminal or a colour-blind coach cannot)."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList

from screens.textual_hooks import option_line

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
    """A SelectionList whose boxes say whether they are ticked, and whose items may wrap: the
    box is drawn on an item's first line only (Textual's draws one per line and takes line N
    for item N, which a wrapped item breaks). Reads OptionList's `_lines` (line -> item, line
    within it) through `textual_hooks.option_line`."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = option_line(self, self.scroll_offset.y + y)
            option = self.get_option_at_index(index)
        except IndexError:
            return line
        segments = list(line)
        under = (segments[0].style if segments else None) or self.rich_style
        gutter = len(Checkbox.BUTTON_LEFT + Checkbox.BUTTON_INNER
                     + Checkbox.BUTTON_RIGHT + " ")
        if offset or option.disabled:  # a wrapped line, or a line with nothing to tick
            return Strip([Segment(" " * gutter, under), *segments])
        component = "selection-list--button"
        ticked = option.value in self.selected
        if ticked:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, under.bgcolor) + Style(meta={"option": index})
        button += Style(meta={"option": index})
        glyph = TICKED if ticked else UNTICKED
        return Strip([Segment(Checkbox.BUTTON_LEFT, side), Segment(glyph, button),
                      Segment(Checkbox.BUTTON_RIGHT, side), Segment(" ", under), *segments])
