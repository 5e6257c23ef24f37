"""Reading the TOML data files (models, question bank, settings) with one-line, line-aware errors.

Every problem becomes a `DataFileError` whose text is `<file>:<line>: <what is wrong>` (the line is
left out only when it cannot be known), so the user can open the file at the right place.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
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


def named(path: Path, raw: dict[str, Any], text: str) -> str:
    """The file's `name` (a session model's, a group method's), stripped; one line if missing."""
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise problem(path, "'name' must be a non-empty text", key_line(text, "name"))
    return name.strip()


def phase_tables(path: Path, raw: dict[str, Any], text: str, fields: set[str] | frozenset[str]
                 ) -> Iterator[tuple[dict[str, Any], str, int | None, float]]:
    """Each `[[phases]]` table checked for what every phased file needs (a name, no field
    outside `fields`, a share > 0): (the table, its label for errors, its line, its share)."""
    phases = raw.get("phases")
    if not isinstance(phases, list) or not phases:
        raise problem(path, "needs at least one [[phases]] table")
    for i, p in enumerate(phases, 1):
        line = line_of(text, r"^[ \t]*\[\[phases\]\]", i)
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
            raise problem(path, f"phase {i} needs a 'name'", line)
        label = f"phase {i} ({p['name']})"
        extra = sorted(set(p) - fields)
        if extra:
            raise problem(path, f"{label}: unknown field {extra[0]!r}", line)
        share = p.get("share")
        if isinstance(share, bool) or not isinstance(share, (int, float)) or share <= 0:
            raise problem(path, f"{label}: 'share' must be a number > 0", line)
        yield p, label, line, float(share)
