"""Reading the TOML data files (models, question bank, settings) with one-line, line-aware errors.

Every problem becomes a `DataFileError` whose text is `<file>:<line>: <what is wrong>` (the line is
left out only when it cannot be known), so the user can open the file at the right place.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sessionkit.errors import DataFileError

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def problem(path: Path | str, message: str, line: int | None = None) -> DataFileError:
    """A DataFileError reading `file:line: message`."""
    where = f"{path}:{line}" if line else f"{path}"
    return DataFileError(f"{where}: {message}")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; return (data, text). Syntax errors name the line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise problem(path, "not UTF-8 text") from None
    except OSError as err:
        raise problem(path, f"cannot read: {err.strerror or err}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        msg = str(err)
        found = _AT_LINE.search(msg)
        line = int(found.group(1)) if found else getattr(err, "lineno", None)
        detail = _AT_LINE.sub("", msg)
        if found:
            detail += f" (column {found.group(2)})"
        raise problem(path, f"not valid TOML: {detail}", line) from None


def line_of(text: str, pattern: str, nth: int = 1) -> int | None:
    """The 1-based line of the `nth` match of regex `pattern` (multiline) in `text`, or None."""
    for count, match in enumerate(re.finditer(pattern, text, re.MULTILINE), 1):
        if count == nth:
            return text.count("\n", 0, match.start()) + 1
    return None


def key_line(text: str, key: str) -> int | None:
    """The line where `key = ...` is first assigned (bare or quoted key)."""
    quoted = re.escape(key)
    return line_of(text, rf"^[ \t]*(?:{quoted}|\"{quoted}\"|'{quoted}')\s*=")


def texts(value: Any) -> bool:
    """True for a list of non-empty strings."""
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
