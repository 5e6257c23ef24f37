"""The 0-10 scale a client gives (where they are at a round's start, at its end, feedback
scores): one rule for the model, the live session and the screens' fields."""

from __future__ import annotations

LOW, HIGH = 0, 10


def on_scale(value: object) -> bool:
    """A whole number from 0 to 10 (a bool is not a number here)."""
    return isinstance(value, int) and not isinstance(value, bool) and LOW <= value <= HIGH


def typed_scale(raw: str) -> bool:
    """Typed text that reads as a point on the scale (digits only: no sign, no blanks)."""
    return raw.isdigit() and on_scale(int(raw))
