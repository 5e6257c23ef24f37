"""User text on screen: always plain text, never markup, never a raw control character.

Names, outcomes, notes and feedback come from people and from files other people wrote. A client
named `[/]Oli` must not crash a screen and `[@click=app.quit]Ned[/]` must not become a button, so
user text never goes into a markup string as it is. Two ways in:

- `shown(text)`: a `Content` holding the text as it is (for `Static`, `Option`, border titles,
  `notify`); nothing in it is read as markup.
- `escape(text)`: the text made safe to put inside a markup string of our own
  (`f"[b]{escape(name)}[/]"`). Unlike `textual.markup.escape`, every `[` is escaped (also
  `[$var]` and `[B]`, which Textual's escape lets through) and a trailing backslash cannot
  swallow the tag after it.

Both show control characters as visible stand-ins (`sessionkit.plain`): one line unless
`multiline=True` (notes and feedback keep their line breaks). `Field` is the text field to use
instead of `Input`: what is pasted or loaded into it shows the same way (the value keeps what
was typed).
"""

from __future__ import annotations

from typing import Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content
from textual.widgets import Input

from sessionkit.plain import each_visible, one_line, plain

_GUARD = "\u200b"
"""A zero-width space after a trailing backslash, so `\\` never escapes the `[` of our next tag."""


def _plain(text: object, multiline: bool) -> str:
    return plain(str(text), multiline=True) if multiline else one_line(str(text))


def escape(text: object, multiline: bool = False) -> str:
    """`text` for a markup string: it reads back exactly as typed (control characters visible)."""
    safe = _plain(text, multiline).replace("[", "\\[")
    return safe + _GUARD if safe.endswith("\\") else safe


def shown(text: object, multiline: bool = False, style: str = "") -> Content:
    """`text` as Content: plain text (control characters visible), optionally styled."""
    content = Content(_plain(text, multiline))
    return content.stylize(style) if style else content


class _Visible(Highlighter):
    """Shows each control character of a field's value as one visible stand-in (same length,
    so the cursor still lines up)."""

    def highlight(self, text: Text) -> None:
        shown = each_visible(text.plain)
        if shown != text.plain:
            text.plain = shown


class Field(Input):
    """An `Input` that never sends a control character of its value to the terminal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("highlighter", _Visible())
        super().__init__(*args, **kwargs)
