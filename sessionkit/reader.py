"""Typed, validating access to the dicts of the JSON record (every error names its field).

The one trust boundary for data from outside (an import file, a database edited by hand, a
journal): every text has a length cap, every number a range, every id a safe shape, every time a
year in 1970-2200. What is refused is named, with its path: `sessions[3].rounds[0].outcome:
10,000,000 characters, more than the 50,000 allowed`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sessionkit.clock import parse_iso

ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""Session and note ids: never more than this, so an id can never become a path or a sequence."""
NAME_CHARS = 200  # a person's name
SHORT_CHARS = 1_000  # model, phase, time zone, suggestion ids, checklist items
LONG_CHARS = 50_000  # outcome, note, feedback, draft: pages of text, never megabytes
FIRST_YEAR, LAST_YEAR = 1970, 2200
MAX_ITEMS = 100_000  # notes, segments, suggestions in one round


def check_id(value: Any, where: str) -> str:
    """`value` if it is a valid id, else ValueError naming `where`."""
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected an id, got {_kind(value)}")
    if not ID.fullmatch(value):
        raise ValueError(f"{where}: {_show(value)} is not an id (1-64 of A-Z a-z 0-9 _ -)")
    return value


def _show(value: str) -> str:
    """A value for an error message: short, control characters escaped by repr."""
    return repr(value[:40] + "..." if len(value) > 40 else value)


def _kind(value: Any) -> str:
    """A JSON-ish name for a value's type, for error messages."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


_WANT = {str: "text", int: "a whole number", bool: "true/false", list: "a list", dict: "an object"}


class Reader:
    """Typed access to one dict, naming the field path in every error."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
        self.data = data
        self.where = where

    def _get(self, key: str, types: tuple[type, ...], default: Any, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise ValueError(f"{self.where}.{key}: missing")
            return default
        value = self.data[key]
        wrong_bool = isinstance(value, bool) and bool not in types
        if wrong_bool or not isinstance(value, types):
            want = "a number" if float in types else _WANT.get(types[0], types[0].__name__)
            raise ValueError(f"{self.where}.{key}: expected {want}, got {_kind(value)}")
        return value

    def text(self, key: str, default: str | None = "", required: bool = False,
             limit: int = LONG_CHARS) -> Any:
        value = self._get(key, (str,), default, required)
        if value is not None and len(value) > limit:
            raise ValueError(f"{self.where}.{key}: {len(value):,} characters, more than the "
                             f"{limit:,} allowed")
        return value

    def ident(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise ValueError(f"{self.where}.{key}: missing")
            return default
        return check_id(value, f"{self.where}.{key}")

    def num(self, key: str, default: float = 0.0, low: float = 0.0,
            high: float = 1e9) -> float:
        return _in_range(self._get(key, (int, float), default, False), f"{self.where}.{key}",
                         low, high)

    def whole(self, key: str, default: int | None = 0, low: int = 0, high: int = 10**9) -> Any:
        value = self._get(key, (int,), default, False)
        if value is not None and not low <= value <= high:
            raise ValueError(f"{self.where}.{key}: {_short_num(value)} is not a whole number "
                             f"from {low:,} to {high:,}")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        return bool(self._get(key, (bool,), default, False))

    def seq(self, key: str, limit: int = MAX_ITEMS) -> list[Any]:
        items = list(self._get(key, (list,), [], False))
        if len(items) > limit:
            raise ValueError(f"{self.where}.{key}: {len(items):,} items, more than the "
                             f"{limit:,} allowed")
        return items

    def texts(self, key: str, limit: int = SHORT_CHARS) -> list[str]:
        items = self.seq(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise ValueError(f"{self.where}.{key}[{i}]: expected text, got {_kind(item)}")
            if len(item) > limit:
                raise ValueError(f"{self.where}.{key}[{i}]: more than {limit:,} characters")
        return items

    def nums(self, key: str, low: float = 0.0, high: float = 1e9,
             limit: int = MAX_ITEMS) -> list[float]:
        items = self.seq(key, limit)
        for i, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, (int, float)):
                raise ValueError(f"{self.where}.{key}[{i}]: expected a finite number, "
                                 f"got {_kind(item)}")
        return [_in_range(x, f"{self.where}.{key}[{i}]", low, high) for i, x in enumerate(items)]

    def mapping(self, key: str) -> dict[str, Any]:
        return dict(self._get(key, (dict,), {}, False))

    def time(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, None, required, limit=64)
        if value is not None:
            check_time(value, f"{self.where}.{key}")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in options:
            raise ValueError(f"{self.where}.{key}: {value!r} is not one of {', '.join(options)}")
        return str(value)


def check_time(value: str, where: str) -> None:
    """ISO 8601 with an offset, in the years 1970-2200 (so every later calculation fits)."""
    try:
        year = parse_iso(value).year
    except ValueError as err:
        raise ValueError(f"{where}: {err}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{where}: the year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")


def _short_num(value: float) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"a {len(text)}-digit number"


def _in_range(value: float, where: str, low: float, high: float) -> float:
    """`value` as a float if it is finite and within low..high, else ValueError."""
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{where}: expected a finite number from {low:,g} to {high:,g}, "
                         f"got {_short_num(value)}")
    return number
