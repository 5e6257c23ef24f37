"""`FieldInput`: an Input that takes its keys in the order the app reads them.

Textual hands a key to the focused widget's queue, and the widget handles it later. In a burst
(a paste, a busy machine) the app has already read the keys after `enter` by then, and sent them
to the field that is about to close: `n`, a note, `enter`, `n`, a note... ran together. This
field edits itself at the moment the app hands it the key, so `enter` (a priority key of the
live screen) always sees every letter typed before it, and the keys after it go where the focus
is. `tab` is the app's own priority key (screens/app.py): it moves the focus as the app reads it."""

from __future__ import annotations

import inspect

from textual import events
from textual.actions import parse
from textual.widget import Widget

from screens.textual_hooks import TakesKeysAtOnce, bindings_for, restart_blink
from screens.widgets.safe import Field


class FieldInput(TakesKeysAtOnce, Field):
    """A `Field` (control characters shown visibly) that edits in key order."""

    def take_key(self, event: events.Key) -> bool:
        return self.screen.focused is self and self._edit_now(event)

    def _edit_now(self, event: events.Key) -> bool:
        """Apply a typed character or an editing key at once; False to leave it to Textual."""
        if event.is_printable and event.character:
            restart_blink(self)
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return True
        return own_binding(self, event.key)


def own_binding(widget: Widget, key: str) -> bool:
    """Run the widget's own binding for `key` now (an editing key: backspace, arrows, ...);
    False when it has none, or only one that must wait (a coroutine)."""
    for binding in bindings_for(widget, key):
        _, name, params = parse(binding.action)
        method = getattr(widget, f"action_{name}", None)
        if method is not None and not inspect.iscoroutinefunction(method):
            method(*params)
            return True
    return False
