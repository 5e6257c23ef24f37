"""`Line`: a Static that redraws only when its text changes (the clock ticks once a second)."""

from __future__ import annotations

from textual.widgets import Static


class Line(Static):
    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self.text = text

    def set(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update(text)
