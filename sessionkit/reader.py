"""Typed, validating access to the dicts of the JSON record (every error names its field)."""

from __future__ import annotations

import math
from typing import Any

from sessionkit.clock import parse_iso


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

    def text(self, key: str, default: str | None = "", required: bool = False) -> Any:
        return self._get(key, (str,), default, required)

    def num(self, key: str, default: float = 0.0) -> float:
        value = float(self._get(key, (int, float), default, False))
        if not math.isfinite(value):
            raise ValueError(f"{self.where}.{key}: expected a finite number, got {value}")
        return value

    def whole(self, key: str, default: int | None = 0) -> Any:
        return self._get(key, (int,), default, False)

    def flag(self, key: str, default: bool = False) -> bool:
        return bool(self._get(key, (bool,), default, False))

    def seq(self, key: str) -> list[Any]:
        return list(self._get(key, (list,), [], False))

    def texts(self, key: str) -> list[str]:
        items = self.seq(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise ValueError(f"{self.where}.{key}[{i}]: expected text, got {_kind(item)}")
        return items

    def nums(self, key: str) -> list[float]:
        items = self.seq(key)
        for i, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(
                item
            ):
                raise ValueError(f"{self.where}.{key}[{i}]: expected a finite number")
        return [float(x) for x in items]

    def mapping(self, key: str) -> dict[str, Any]:
        return dict(self._get(key, (dict,), {}, False))

    def time(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, None, required)
        if value is not None:
            try:
                parse_iso(value)
            except ValueError as err:
                raise ValueError(f"{self.where}.{key}: {err}") from None
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in options:
            raise ValueError(f"{self.where}.{key}: {value!r} is not one of {', '.join(options)}")
        return str(value)
