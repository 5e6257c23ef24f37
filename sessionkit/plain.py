"""User text as plain text: the one place control characters are made visible.

Names, outcomes, notes and feedback come from people and from files other people wrote.
None of it may reach a terminal or an export as a control sequence (`ESC ] 52` sets the
clipboard, `ESC [ 2 J` clears the screen) or reorder what is shown (bidirectional overrides).
`plain()` keeps the text readable and shows every such character as a visible stand-in, so
nothing is silently dropped either.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, the bidi embeddings/overrides/isolates
# (U+202A-U+202E, U+2066-U+2069) that can make a line read differently from what it holds, and
# lone surrogates (a JSON file can hold "\ud800"; no terminal or UTF-8 file can show one).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_EVERY = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BREAKS = re.compile(r"[\t\n\r\v\f\u2028\u2029\x85]+")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 CONTROL PICTURES: ESC shows as ␛
    if code in (0x2028, 0x2029):
        return "\u21b5"  # ↵ line and paragraph separators (only each_visible() meets these)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 and bidi controls, lone surrogates: the replacement character


def plain(text: str, *, multiline: bool = True) -> str:
    """`text` with every control character shown as a visible stand-in.

    With `multiline`, newlines and tabs stay (notes, feedback); without it every kind of line break
    or tab becomes one space (names, headings, table cells, one-line fields)."""
    if text.isprintable():  # no control, break, format or surrogate character: nothing to do
        return text
    if not multiline:
        text = _BREAKS.sub(" ", text)
    elif "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """`plain(text, multiline=False)`: for names, headings and anything shown on one line."""
    return plain(text, multiline=False)


def escape_json(encoded: str) -> str:
    """JSON text (as json.dumps wrote it) with every character `plain()` would replace written
    as a `\\uXXXX` escape. json.dumps escapes only C0 controls; DEL, C1 and bidi controls would
    reach a terminal raw. Parsing the result gives back exactly the same text."""
    if encoded.isprintable():
        return encoded
    return _CONTROL.sub(lambda m: "\\u%04x" % ord(m.group()), encoded)


def has_control(text: str) -> bool:
    """True when `text` holds a character `plain()` would replace (for tests and validation)."""
    return _CONTROL.search(text) is not None


def each_visible(text: str) -> str:
    """Every control character, tabs and line breaks included, as exactly one visible stand-in:
    the same length as `text` (for a text field, whose cursor counts characters)."""
    return _EVERY.sub(_picture, text)


_LONE = re.compile("[\ud800-\udfff]")
ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
"""A surrogate written as a JSON escape: the only way a file in UTF-8 can hold a lone one (a
valid pair, an emoji escaped, matches too: a quick test before the walk)."""


def without_surrogates(text: str) -> str:
    """`text` with every lone surrogate as U+FFFD (no UTF-8 file or terminal can hold one)."""
    return _LONE.sub("\ufffd", text)


def first_surrogate(data: object, where: str = "") -> str | None:
    """Where the first text holding a lone surrogate sits in parsed JSON (`sessions[0].rounds[1]
    .coach`), or None when there is none."""
    if isinstance(data, str):
        return where if _LONE.search(data) else None
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and _LONE.search(key):
                return here
            found = first_surrogate(value, here)
            if found:
                return found
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found = first_surrogate(value, f"{where}[{i}]")
            if found:
                return found
    return None


def mend_surrogates(data: object) -> tuple[object, int]:
    """Parsed JSON with every lone surrogate replaced by U+FFFD (keys too); and how many texts
    held one. Containers are changed in place."""
    if isinstance(data, str):
        return (without_surrogates(data), 1) if _LONE.search(data) else (data, 0)
    count = 0
    if isinstance(data, dict):
        for key in list(data):
            value, n = mend_surrogates(data[key])
            count += n
            if isinstance(key, str) and _LONE.search(key):
                del data[key]
                key = without_surrogates(key)
                count += 1
            data[key] = value
    elif isinstance(data, list):
        for i, value in enumerate(data):
            data[i], n = mend_surrogates(value)
            count += n
    return data, count
