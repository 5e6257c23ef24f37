"""Every private Textual name sessionkit uses, in one place.

Textual is pinned exactly (pyproject.toml) because these are not part of its public API: a new
release may rename any of them. `tests/unit/test_textual_hooks.py` checks each entry of `HOOKS`
against the installed Textual and names the one that is gone, so an upgrade fails loudly in one
test instead of quietly somewhere on a screen. Code outside this module never touches a `_name`
of a Textual object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, ReturnType
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

if TYPE_CHECKING:
    from rich.segment import Segment
    from textual.screen import Screen

    _KeyTaker = Widget
else:
    _KeyTaker = object  # a plain mixin: a Widget base here would shadow the field's CSS classes

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
    ("textual.dom.DOMNode", "_bindings", "a field runs its own editing keys in key order"),
    ("textual.screen.Screen", "_compositor", "tests read the strips sent to the terminal"),
    (WRITER_THREAD_MODULE, "WriterThread", "the e2e hang-up test makes its stop() hang"),
)


class TellsCrash(App[ReturnType]):
    """An app whose crash the command tells in one line (`sessionkit.cli`), with the traceback
    in a log file: never a traceback on the user's terminal."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """`$coach`, `$client`, `$share-good`, `$share-low` for every screen's CSS, in the
        colours of the current theme (screens/palette.py)."""
        from screens.palette import PALETTE

        colours = self.current_theme.to_color_system().generate()
        return {name: colours[base] for name, base in PALETTE.items()}

    @property
    def crash(self) -> BaseException | None:
        """The unexpected error that stopped the app (None after a normal exit)."""
        return self._exception

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


def restart_blink(field: Input) -> None:
    """Show the cursor at once (as Textual does after a key it handled itself)."""
    field._restart_blink()


def bindings_for(widget: Widget, key: str) -> Iterable[Binding]:
    """The widget's own bindings for `key` (not the screen's or the app's)."""
    return widget._bindings.key_to_bindings.get(key, ())


def render_strips(screen: Screen[object]) -> Iterable[Iterable[Segment]]:
    """Every line of `screen` as sent to the terminal (tests read what a person sees)."""
    return screen._compositor.render_strips()
