"""User text as plain text: the one place control characters are made visible.

Names, outcomes, notes and feedback come from people and from files other people wrote.
None of it may reach a terminal or an export as a control sequence (`ESC ] 52` sets the
clipboard, `ESC [ 2 J` clears the screen) or reorder what is shown (bidirectional overrides).
`plain()` keeps the text readable and shows every such character as a visible stand-in, so
nothing is silently dropped either.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings/overrides/isolates
# (U+202A-U+202E, U+2066-U+2069) that can make a line read differently from what it holds.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n\r\v\f\u2028\u2029\x85]+")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 CONTROL PICTURES: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 and bidi controls: the replacement character


def plain(text: str, *, multiline: bool = True) -> str:
    """`text` with every control character shown as a visible stand-in.

    With `multiline`, newlines and tabs stay (notes, feedback); without it every kind of line break
    or tab becomes one space (names, headings, table cells, one-line fields)."""
    if not multiline:
        text = _BREAKS.sub(" ", text)
    elif "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """`plain(text, multiline=False)`: for names, headings and anything shown on one line."""
    return plain(text, multiline=False)


def has_control(text: str) -> bool:
    """True when `text` holds a character `plain()` would replace (for tests and validation)."""
    return _CONTROL.search(text) is not None
