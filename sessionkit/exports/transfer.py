"""JSON export and import: the re-importable backup format of PRODUCT.md.

`{"schema": <int>, "sessions": [...]}`. Export streams one session at a time; import
validates the whole file first and refuses it whole on the first problem.

Without `--person` the export is the full backup (private notes and an unsaved draft kept);
a copy for one person (`shared_copy`) leaves them out unless `--include-private`. Every control
character is written as a `\\uXXXX` escape (`sessionkit.plain.escape_json`), so a JSON export
printed to a terminal cannot drive it, and importing it gives back exactly the same text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from sessionkit.errors import ImportInvalid
from sessionkit.group.model import GroupMeeting, is_group
from sessionkit.models import SCHEMA, Session
from sessionkit.plain import escape_json
from sessionkit.store.migrate import migrate_group_record, migrate_record


def shared_copy(doc: dict[str, Any]) -> dict[str, Any]:
    """A session record (`Session.to_dict()`) as a copy to share: without private notes and
    actions, and without an unsaved draft."""
    rounds = [
        {**r, "notes": [n for n in r.get("notes") or () if not n.get("private")]}
        for r in doc.get("rounds") or ()
    ]
    return {k: v for k, v in doc.items() if k != "draft"} | {"rounds": rounds}


def write_json(sessions: Iterable[Session | GroupMeeting | dict[str, Any]], out: IO[str],
               include_private: bool = True) -> int:
    """Stream sessions as the JSON export; returns how many were written.

    Takes dataclasses or stored records: a stored record is exactly `Session.to_dict()` of what
    was saved (every write goes through it, and the store validates what it reads), so it is
    written as it is, without rebuilding the dataclass (3x faster at 10,000 sessions). A record
    that does not have the canonical keys in order (a hand-edited file) goes the long way.
    Without `include_private`, each is written as its `shared_copy`.
    """
    out.write('{"schema": %d, "sessions": [' % SCHEMA)
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    count = 0
    for item in sessions:
        if isinstance(item, (Session, GroupMeeting)):
            doc = item.to_dict()
        elif is_group(item):
            doc = GroupMeeting.from_dict(item).to_dict()
        elif canonical(item):
            doc = item
        else:
            doc = Session.from_dict(item).to_dict()
        if not include_private:
            doc = shared_copy(doc)
        out.write(",\n  " if count else "\n  ")
        out.write(escape_json(encode(doc)))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


_KEYS = tuple(Session(started_at="").to_dict())


def canonical(doc: dict[str, Any]) -> bool:
    """True when `doc` has the keys `Session.to_dict()` writes, in its order (cheap to test)."""
    keys = tuple(doc)
    return keys == _KEYS or (keys[:-1] == _KEYS and keys[-1] == "draft")


def read_import(path: Path) -> list[Session]:
    """Parse and validate an export file. Raises ImportInvalid naming the file and the problem."""
    return read_import_all(path)[0]


def read_import_all(path: Path) -> tuple[list[Session], list[GroupMeeting]]:
    """The sessions and the group meetings (`"kind": "group"`) of an export file, all
    validated first: one bad record refuses the file whole (ImportInvalid)."""

    def refused(problem: str) -> ImportInvalid:
        return ImportInvalid(f"{path}: {problem}; nothing was imported")

    from sessionkit.exports.import_checks import MAX_BYTES, check_session, parse_strict
    from sessionkit.regular import NotRegular, read_regular

    try:
        raw = read_regular(path, MAX_BYTES)  # a FIFO or /dev/zero: refused before reading
    except FileNotFoundError:
        raise refused("no such file") from None
    except NotRegular as err:
        raise refused(str(err)) from None
    except OSError as err:
        raise refused(f"cannot read it ({err.strerror})") from None
    try:
        data = parse_strict(raw)  # also: a key twice in one object, a lone surrogate
    except ValueError as err:
        raise refused(str(err)) from None
    if not isinstance(data, dict) or "sessions" not in data or "schema" not in data:
        raise refused('not a sessionkit export (expected an object with "schema" and "sessions")')
    schema = data["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise refused(f"'schema' must be a positive whole number, not {schema!r}")
    if schema > SCHEMA:
        raise refused(f"written by a newer sessionkit (schema {schema} > {SCHEMA}); upgrade first")
    if not isinstance(data["sessions"], list):
        raise refused("'sessions' must be a list")
    sessions: list[Session] = []
    groups: list[GroupMeeting] = []
    seen: set[str] = set()
    for i, item in enumerate(data["sessions"]):
        record: Session | GroupMeeting
        try:
            if is_group(item):
                if schema < SCHEMA:
                    item = migrate_group_record(item, schema)
                record = GroupMeeting.from_dict(item, f"sessions[{i}]")
                groups.append(record)
            else:
                if isinstance(item, dict) and schema < SCHEMA:
                    item = migrate_record(item, schema)
                record = Session.from_dict(item, f"sessions[{i}]")
                check_session(record, f"sessions[{i}]")
                sessions.append(record)
        except ValueError as err:
            raise refused(str(err)) from None
        if record.id in seen:
            raise refused(f"sessions[{i}].id {record.id!r} appears twice")
        seen.add(record.id)
    return sessions, groups
