"""Hostile values, shared by every fuzz test: `from tests.fuzz.hostile import hostile_text`.

What a peer's import file, a hand-edited database or a form can hold: terminal control sequences
(OSC 52 sets the clipboard, `ESC [ 2 J` clears the screen, OSC 8 links), Textual/Rich markup that
crashes or clicks (`[/]Oli`, `[@click=app.quit]Ned[/]`), bidirectional overrides, CSV formulas,
path tricks, huge and extreme numbers, dates far outside any real session, deep nesting.

Each `*_SAMPLES` list holds the named classics (use them in `@pytest.mark.parametrize` or
`@example`); each strategy mixes those with generated values.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"

TEXT_SAMPLES: list[str] = [
    f"{ESC}]52;c;cm0gLXJmIH4=\a",  # OSC 52: set the clipboard to "rm -rf ~"
    f"{ESC}]52;c;cm0gLXJmIH4={ST}",  # the same, ended by ST
    f"{ESC}[2J{ESC}[H",  # clear the screen, cursor home
    f"{ESC}]8;;https://example.invalid{ST}click me{ESC}]8;;{ST}",  # OSC 8 link
    f"Ann{ESC}[31mRED{ESC}[0m",  # colour
    "\x9b31mC1 CSI",  # C1 control (8-bit CSI)
    "nul\x00byte",
    "bell\a\b\x7fdel",
    "carriage\rreturn",
    "[/]Oli",  # MarkupError on render
    "[@click=app.quit]Ned[/]",  # a clickable action
    "[bold red]Bo[/bold red]",
    "[link=file:///etc/passwd]x[/link]",
    "\u202eevil\u202c",  # right-to-left override
    "\u2066isolate\u2069",
    "line\nbreak\n# heading",
    "\u2028para\u2029sep\x85nel",
    "=HYPERLINK(\"http://x\",\"y\")",  # CSV formula injection
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "BEGIN:VEVENT\r\nSUMMARY:x",
    "😀🎯👩🏽‍💻🇳🇱",
    "",
    " ",
]

ID_SAMPLES: list[str] = [
    "x/../../../../../../../outside/PWNED",
    "../escape",
    "/abs/path",
    "..",
    ".",
    "a\\b",
    "nul\x00id",
    "",
    " ",
    "x" * 65,
    "id\n",
    f"{ESC}[2J",
    "CON",  # fine on POSIX, but still only [A-Za-z0-9_-]
    "ünïcödé",
    "a b",
]

NUMBER_SAMPLES: list[Any] = [
    -1, -0.5, -(10**30), 10**30, 10**400, 2**63, -(2**63), 1e308, -1e308, 1.5, True, False,
    "12", None, [], {},
]

DATE_SAMPLES: list[Any] = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00-14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59+14:00",
    "1969-12-31T23:59:59+00:00",
    "2201-01-01T00:00:00+00:00",
    "2026-11-25T09:00:00",  # no offset
    "2026-13-45T09:00:00+00:00",
    "not a date",
    "",
    12345,
    None,
]


def _controls() -> st.SearchStrategy[str]:
    """Single control characters: C0, DEL, C1, bidi."""
    c0 = st.integers(0, 0x1F).map(chr)
    c1 = st.integers(0x7F, 0x9F).map(chr)
    bidi = st.sampled_from([chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
    return c0 | c1 | bidi


def hostile_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Text mixing the named classics with control characters, markup brackets and ordinary
    letters (no lone surrogates: JSON files cannot carry them as UTF-8)."""
    piece = (
        st.sampled_from(TEXT_SAMPLES)
        | _controls()
        | st.sampled_from(["[", "]", "[/]", "[b]", "\\", "=", "@", "+", "-", "\n", "#"])
        | st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
    )
    return st.lists(piece, max_size=max(1, max_size // 6)).map("".join)


def huge_text(min_chars: int = 300_000) -> st.SearchStrategy[str]:
    """Text far longer than any field allows (kept in memory cheaply by repetition)."""
    return st.builds(lambda s, n: (s or "x") * (min_chars // max(1, len(s or "x")) + n),
                     st.sampled_from(TEXT_SAMPLES), st.integers(0, 10))


def hostile_id() -> st.SearchStrategy[str]:
    """Ids that must never become part of a file path or reach a terminal."""
    pieces = st.sampled_from(["/", ".", "..", "\\", "\x00", " ", "\n", "~", "$", "a", "Z", "9",
                              "_", "-", "x" * 40, "é"])
    made = st.lists(pieces, max_size=20).map("".join).filter(lambda s: not is_good_id(s))
    return st.sampled_from(ID_SAMPLES) | made


def is_good_id(value: str) -> bool:
    import re

    return re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value) is not None


def extreme_number() -> st.SearchStrategy[Any]:
    """Numbers (and non-numbers) no count, duration, scale or index may hold."""
    return (
        st.sampled_from(NUMBER_SAMPLES)
        | st.integers(min_value=-(10**40), max_value=-1)
        | st.integers(min_value=10**12, max_value=10**40)
        | st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: abs(f) > 1e12 or f < 0)
    )


def hostile_date() -> st.SearchStrategy[Any]:
    """Timestamps outside 1970-2200, without an offset, or not timestamps at all."""
    from datetime import datetime, timedelta, timezone

    far = st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(1969, 12, 30),
    ) | st.datetimes(min_value=datetime(2201, 1, 2), max_value=datetime(9999, 12, 30))
    zones = st.integers(-14 * 60 + 1, 14 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
    return st.sampled_from(DATE_SAMPLES) | st.builds(
        lambda d, z: d.replace(tzinfo=z).isoformat(), far, zones
    )


def nested(depth: int, leaf: Any = 1) -> Any:
    """A list nested `depth` deep (json.dumps of it recurses; build files with `nested_json`)."""
    out: Any = leaf
    for _ in range(depth):
        out = [out]
    return out


def nested_json(depth: int, kind: str = "list") -> str:
    """JSON text nested `depth` deep (`kind` "list" or "object"), built as text."""
    if kind == "object":
        return '{"a":' * depth + "1" + "}" * depth
    return "[" * depth + "1" + "]" * depth


def wrong_type() -> st.SearchStrategy[Any]:
    """A JSON value of an unexpected type."""
    return st.sampled_from([None, True, 0, -1, 1.5, "", "text", [], [1], {}, {"a": 1}])
