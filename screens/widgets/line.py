"""`Line`: a Static that redraws only when its text changes (the clock ticks once a second)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static


def _shape(text: str) -> list[int]:
    return [len(line) for line in text.split("\n")]


class Line(Static):
    """Shows a `Content` (user text stays plain: build it with `Content(...)` /
    `Content.assemble(...)`) or a markup string written by us."""

    def __init__(self, text: str | Content = "", **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self.value: str | Content = text
        self.text = text.plain if isinstance(text, Content) else text

    def set(self, value: str | Content) -> None:
        """Show `value`. When the size cannot change (a fixed-size line, text of the same
        shape: a clock going 0:15 → 0:16, or as many rows that each fit the width: SILENCE →
        COACH Ana speaking) only this widget is repainted; otherwise the screen lays itself
        out again."""
        if type(value) is not type(self.value) or value != self.value:
            text = value.plain if isinstance(value, Content) else value
            same_size = self._fixed_size() or (bool(self.text) and bool(text) and (
                _shape(text) == _shape(self.text) or self._same_rows(text)
            ))
            self.value, self.text = value, text
            self.update(value, layout=not same_size)

    def _same_rows(self, text: str) -> bool:
        """A width that does not follow the text, and the old and the new text both as many
        lines, none of them wrapped at the current width: the height stays."""
        width = self.content_size.width
        if width <= 0 or (self.styles.width is not None and self.styles.width.is_auto):
            return False
        old, new = self.text.split("\n"), text.split("\n")
        return len(old) == len(new) and all(cell_len(line) <= width for line in old + new)

    def _fixed_size(self) -> bool:
        """A fixed height and a width that does not follow the text: the size never changes."""
        height, width = self.styles.height, self.styles.width
        return (
            height is not None and not height.is_auto and (width is None or not width.is_auto)
        )
