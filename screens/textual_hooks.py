"""Every private Textual name sessionkit uses, in one place.

Textual is pinned exactly (pyproject.toml) because these are not part of its public API: a new
release may rename any of them. `tests/unit/test_textual_hooks.py` checks each entry of `HOOKS`
against the installed Textual and names the one that is gone, so an upgrade fails loudly in one
test instead of quietly somewhere on a screen. Code outside this module never touches a `_name`
of a Textual object.
"""

from __future__ import annotations

import codecs
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, ReturnType
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from rich.segment import Segment
    from textual.screen import Screen

    _KeyTaker = Widget
else:
    _KeyTaker = object  # a plain mixin: a Widget base here would shadow the field's CSS classes

INPUT_MODULE = "textual.drivers.linux_driver"
"""Textual's terminal driver: its input thread decodes the bytes the terminal sends as UTF-8 and
dies on the first byte that is not (an 8-bit Alt key, pasted Latin-1): every screen stopped."""

WRITER_THREAD_MODULE = "textual.drivers._writer_thread"
"""Textual's writer thread (`WriterThread.stop`): the hang-up e2e test makes it hang."""

HOOKS: tuple[tuple[str, str, str], ...] = (
    # (owner, private name, what we use it for)
    ("textual.app.App", "_exception", "the error that stopped the app (`TellsCrash.crash`)"),
    ("textual.app.App", "_exit_renderables", "the traceback Textual prints on exit (dropped)"),
    ("textual.app.App", "_print_error_renderables", "overridden: no traceback on the terminal"),
    ("textual.widget.Widget", "_forward_event", "overridden: fields edit in key order"),
    ("textual.message.Message", "_set_forwarded", "a key a field took is not handled twice"),
    ("textual.widgets.Input", "_restart_blink", "the cursor shows at once after a typed key"),
    ("textual.widgets.TextArea", "_restart_blink",
     "the cursor shows at once after a key typed in a feedback answer"),
    ("textual.dom.DOMNode", "_bindings", "a field runs its own editing keys in key order"),
    ("textual.screen.Screen", "_compositor", "tests read the strips sent to the terminal"),
    ("textual.widgets.OptionList", "_lines", "a wrapped tick-list item's box on its first line"),
    (WRITER_THREAD_MODULE, "WriterThread", "the e2e hang-up test makes its stop() hang"),
    (INPUT_MODULE, "getincrementaldecoder",
     "the input thread's UTF-8 decoder: replaced by one that never raises (`lenient_input`)"),
)


REPLACEMENT = "\ufffd"
_HEARD: list[Callable[[], object]] = []  # who hears that input bytes were replaced (the app)
_HEARD_LOCK = threading.Lock()


def _lenient(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder`, but a decoder that replaces bytes it cannot decode with
    U+FFFD (and says so to `_HEARD`) instead of raising UnicodeDecodeError."""
    base: Any = codecs.getincrementaldecoder(encoding)

    class Lenient(base):  # type: ignore[misc, valid-type]
        def __init__(self, errors: str = "strict") -> None:
            super().__init__("replace" if errors == "strict" else errors)

        def decode(self, data: bytes, final: bool = False) -> str:
            text: str = super().decode(data, final)
            if REPLACEMENT in text and b"\xef\xbf\xbd" not in bytes(data):
                with _HEARD_LOCK:
                    listeners = list(_HEARD)
                for listener in listeners:
                    listener()
            return text

    return Lenient


def lenient_input() -> None:
    """Make Textual's input thread replace undecodable bytes instead of dying (idempotent)."""
    import importlib

    driver: Any = importlib.import_module(INPUT_MODULE)
    if driver.getincrementaldecoder is not _lenient:
        driver.getincrementaldecoder = _lenient


class InputStopped(Exception):
    """The terminal input thread stopped on an error (Textual calls `panic` with its
    traceback): the app failed, and the command says so with the crash log."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.details = details


class Undecodable(Message):
    """Bytes from the terminal that are not UTF-8 were replaced (posted from the input
    thread: thread-safe, never waits)."""


class TellsCrash(App[ReturnType]):
    """An app whose crash the command tells in one line (`sessionkit.cli`), with the traceback
    in a log file: never a traceback on the user's terminal. Input bytes that are not UTF-8 are
    replaced with a notice, never fatal."""

    UNDECODABLE_NOTICE = ("The terminal sent bytes that are not UTF-8 (an 8-bit Alt key, "
                          "pasted Latin-1?): shown as \ufffd. Set the terminal to UTF-8.")
    _stopped: InputStopped | None = None
    _told_undecodable = -1e9

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lenient_input()
        self._hear = lambda: self.post_message(Undecodable())

    def on_mount(self) -> None:
        with _HEARD_LOCK:
            _HEARD.append(self._hear)

    def on_unmount(self) -> None:
        with _HEARD_LOCK:
            if self._hear in _HEARD:
                _HEARD.remove(self._hear)

    def on_undecodable(self, _message: Undecodable) -> None:
        now = time.monotonic()
        if now - self._told_undecodable > 10:  # once, not for every byte of a paste
            self._told_undecodable = now
            self.notify(self.UNDECODABLE_NOTICE, severity="warning", timeout=8)

    def panic(self, *renderables: Any) -> None:
        """Textual's exit on an error outside the message loop (its input thread): a crash,
        told as any other (never exit 0 with a traceback on the terminal)."""
        if self._exception is None and self._stopped is None:
            import io

            from rich.console import Console

            buffer = io.StringIO()
            console = Console(file=buffer, width=100, color_system=None)
            for renderable in renderables:
                console.print(renderable)
            text = buffer.getvalue()
            last = next((line.strip() for line in reversed(text.splitlines())
                         if line.strip() and not set(line.strip()) <= set("─╰╯│ ")), "")
            self._stopped = InputStopped(f"the terminal input stopped: {last}"[:200], text)
            self.exit(return_code=1)
            return
        super().panic(*renderables)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """`$coach`, `$client`, `$share-good`, `$share-low` for every screen's CSS, in the
        colours of the current theme (screens/palette.py)."""
        from screens.palette import PALETTE

        colours = self.current_theme.to_color_system().generate()
        return {name: colours[base] for name, base in PALETTE.items()}

    @property
    def crash(self) -> BaseException | None:
        """The unexpected error that stopped the app (None after a normal exit)."""
        return self._exception or self._stopped

    def _print_error_renderables(self) -> None:
        if self._exception is not None:
            self._exit_renderables.clear()
        super()._print_error_renderables()


class TakesKeysAtOnce(_KeyTaker):
    """Mixin (before a Widget class): the widget may act on a key when the app hands it over
    (`take_key`), before the key waits in the widget's queue; a key it takes is not handled
    again."""

    def take_key(self, event: events.Key) -> bool:
        """Act on `event` now; True if it was taken. Subclasses override."""
        return False

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.take_key(event):
            event._set_forwarded()
            return
        super()._forward_event(event)


def restart_blink(field: Input | TextArea) -> None:
    """Show the cursor at once (as Textual does after a key it handled itself)."""
    field._restart_blink()


def bindings_for(widget: Widget, key: str) -> Iterable[Binding]:
    """The widget's own bindings for `key` (not the screen's or the app's)."""
    return widget._bindings.key_to_bindings.get(key, ())


def render_strips(screen: Screen[object]) -> Iterable[Iterable[Segment]]:
    """Every line of `screen` as sent to the terminal (tests read what a person sees)."""
    return screen._compositor.render_strips()


def option_line(options: Any, line_number: int) -> tuple[int, int]:
    """(item index, line within the item) of an OptionList's content line (IndexError past the
    end): OptionList's private `_lines`, which it fills before it draws."""
    index, offset = options._lines[line_number]
    return int(index), int(offset)
