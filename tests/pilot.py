"""What the Pilot tests (tests/ui) and snapshot tests (tests/snapshots) share: text cursors that
never blink, one way to wait for the app to get somewhere, and keys that arrive in one burst."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


def still_cursors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Input and TextArea starts with its cursor not blinking: a blink timer would make a
    snapshot depend on when it was taken and wake the app twice a second in every test.
    Textual's reactive keeps its default in `_default` (a private name: setattr fails loudly if
    Textual renames it)."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)
    yield


async def wait_for(pilot: Any, check: Callable[[], T], what: str, tries: int = 200,
                   delay: float = 0.0) -> T:
    """Pause until `check()` is truthy and return its value (each try pauses first: what is
    pending runs, then `check` looks; `delay` seconds more between tries); after `tries` fail
    naming `what` and the screen on top."""
    for _ in range(tries):
        await pilot.pause()  # what is pending runs first: a screen on top is also drawn
        found = check()
        if found:
            return found
        if delay:
            await pilot.pause(delay)
    raise AssertionError(f"{what}: not after {tries} pauses; on top: "
                         f"{type(pilot.app.screen).__name__}")


KEYS = {"tab": "\t", "shift+tab": None, "enter": "\r", "ctrl+s": None, "backspace": "\x7f",
        "escape": "\x1b"}


def key_burst(app: Any, *parts: str) -> None:
    """Keys arriving together, as `tmux send-keys` or a paste delivers them: posted to the app
    with no pause between them (Pilot's `press` waits after each key). A part named in `KEYS`
    is that key; any other part is text, typed letter by letter."""
    from textual import events

    for part in parts:
        if part in KEYS:
            app.post_message(events.Key(part, KEYS[part]))
            continue
        for ch in part:
            app.post_message(events.Key("space" if ch == " " else ch, ch))
