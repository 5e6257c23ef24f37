"""`TextField`: a multi-line text field that shows all that was written (feedback answers).

A TextArea that wraps its lines and grows with its text (up to its CSS `max-height`, then it
scrolls), with `value` as an Input has it so a form reads every field alike. What is loaded into
it (a draft, a saved answer) goes through the plain-text rule first: a control character shows as
a visible stand-in, never raw. `tab` moves on (a coach types no tabs in feedback).

Like `FieldInput`, it edits at the moment the app hands it a key (screens.widgets.field), and
`tab` moves the focus as the app reads it (screens/app.py): typed in one burst, "answer" `tab`
"next answer" `ctrl+s` puts each answer in its own field and saves both whole (Textual would
queue the letters after `tab` here, and save before the last ones)."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from screens.textual_hooks import TakesKeysAtOnce, restart_blink
from screens.widgets.field import own_binding
from sessionkit.plain import plain


class TextField(TakesKeysAtOnce, TextArea):
    """Multi-line, soft-wrapped, growing; `value` reads and sets its text."""

    DEFAULT_CSS = """
    TextField { height: auto; min-height: 2; max-height: 6; border: none; padding: 0 1;
                background: $boost; }
    TextField:focus { background: $boost; border: none; }
    """

    def __init__(self, value: str = "", *, placeholder: str = "", id: str | None = None,  # noqa: A002
                 classes: str | None = None) -> None:
        super().__init__(plain(value), soft_wrap=True, tab_behavior="focus", compact=True,
                         show_line_numbers=False, highlight_cursor_line=False,
                         placeholder=placeholder, id=id, classes=classes)

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(plain(text))
        self.post_message(self.Changed(self))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """A paste or a key that brought a control character in: shown as its visible stand-in
        (the plain-text rule), the cursor where it was. The message goes on to the screen."""
        if plain(self.text) != self.text:
            cursor = self.cursor_location
            self.load_text(plain(self.text))
            self.move_cursor(cursor)

    def take_key(self, event: events.Key) -> bool:
        """Act on a key at once (see the module's text); False leaves it to Textual."""
        if self.screen.focused is not self or self.read_only:
            return False
        typed = "\n" if event.key == "enter" else event.character if event.is_printable else None
        if typed:
            restart_blink(self)
            self.replace(typed, *self.selection, maintain_selection_offset=False)
            return True
        return own_binding(self, event.key)

    def insert_text_at_cursor(self, text: str) -> None:
        """Insert at the cursor, as an Input does (a paste, a test typing in one go)."""
        self.insert(text)
