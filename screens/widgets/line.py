"""`Line`: a Static that redraws only when its text changes (the clock ticks once a second)."""

from __future__ import annotations

from textual.widgets import Static


def _shape(text: str) -> list[int]:
    return [len(line) for line in text.split("\n")]


class Line(Static):
    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self.text = text

    def set(self, text: str) -> None:
        """Show `text`. When the size cannot change (a fixed-size line, or text of the same
        shape: a clock going 0:15 → 0:16) only this widget is repainted; otherwise the screen
        lays itself out again."""
        if text != self.text:
            same_size = self._fixed_size() or (
                bool(self.text) and _shape(text) == _shape(self.text)
            )
            self.text = text
            self.update(text, layout=not same_size)

    def _fixed_size(self) -> bool:
        """A fixed height and a width that does not follow the text: the size never changes."""
        height, width = self.styles.height, self.styles.width
        return (
            height is not None and not height.is_auto and (width is None or not width.is_auto)
        )
