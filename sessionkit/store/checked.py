"""Which saved records are damaged: every record through the one validating reader, once per file.

A database edited by hand (or by another program) can hold records the rest of the app cannot
handle: a path for an id, a negative talk time, the year 9999, two records with one id. The
store reads every record with `Session.from_dict` (the reader import uses too) and sets the
damaged ones aside: they are left out of what the app shows and exports, named in a notice, and
kept in the file unchanged (never dropped, never "repaired").

Checking costs ~0.3 ms a record (about 3 s at 10,000), so it runs only when the file holds bytes
the store did not write or check itself: the store remembers the checked file's size and SHA-1
digest, and the damaged record numbers, in `journal/<stem>-checked.json` (no names, no text).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sessionkit.models import Session
from sessionkit.store.storage import atomic_write_bytes

SHOWN = 3  # damaged records named in the one-line notice


def check_rows(rows: dict[str, dict[str, Any]]) -> dict[str, str]:
    """{record number: problem} for every record that does not read as a session, or that
    repeats an id an earlier good record already has."""
    damaged: dict[str, str] = {}
    first: dict[str, str] = {}
    for doc_id, doc in rows.items():
        try:
            Session.from_dict(doc, f"record {doc_id}")
        except (ValueError, OverflowError, RecursionError) as err:
            damaged[doc_id] = str(err) if isinstance(err, ValueError) else f"record {doc_id}: {err}"
            continue
        other = first.setdefault(doc["id"], doc_id)
        if other != doc_id:
            damaged[doc_id] = f"record {doc_id} has the same id {doc['id']!r} as record {other}"
    return damaged


def digest(raw: bytes) -> str:
    """SHA-1 (the fastest hashlib digest here, 45 ms for 30 MB): it tells our own bytes from
    edited ones; it is not a defence against someone who can write the folder anyway."""
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()


def stamp_path(db_path: Path) -> Path:
    return db_path.parent / "journal" / f"{db_path.stem}-checked.json"


def remembered(db_path: Path, raw: bytes) -> dict[str, str] | None:
    """The damaged records found when exactly these bytes were last checked, or None."""
    from sessionkit.errors import SessionkitError
    from sessionkit.store.sealing import open_for

    try:
        stamp = json.loads(open_for(db_path, stamp_path(db_path).read_bytes()))
        if stamp["size"] == len(raw) and stamp["digest"] == digest(raw):
            damaged = stamp["damaged"]
            if isinstance(damaged, dict) and all(isinstance(v, str) for v in damaged.values()):
                return damaged
    except (OSError, ValueError, KeyError, TypeError, RecursionError, SessionkitError):
        pass
    return None


def remember(db_path: Path, raw: bytes, damaged: dict[str, str]) -> None:
    """Note that `raw` (the file's bytes) was checked. Best effort: a lost note only means the
    next open checks again."""
    stamp = {"size": len(raw), "digest": digest(raw), "damaged": damaged}
    try:
        stamp_path(db_path).parent.mkdir(mode=0o700, exist_ok=True)
        from sessionkit.store.sealing import seal_for  # problems can quote a value: sealed

        atomic_write_bytes(stamp_path(db_path), seal_for(db_path, json.dumps(stamp).encode()))
    except Exception:  # noqa: BLE001 - never let the note stop a save
        pass


def damaged_in(path: Path, rows: dict[str, dict[str, Any]], raw: bytes | None,
               readonly: bool) -> dict[str, str]:
    """The damaged records of the file just loaded (`raw`: its bytes, None when new or
    migrated): remembered for these exact bytes, or found by reading every record (and then
    remembered, unless read-only)."""
    if raw is not None:
        known = remembered(path, raw)
        if known is not None:
            return known
    damaged = check_rows(rows)
    if raw is not None and not readonly:
        remember(path, raw, damaged)
    return damaged


def notice(db_path: Path | None, damaged: dict[str, str], what: str = "session") -> str:
    """One line naming the damaged records (the first few) and what happens to them; `what`:
    "session", or "group meeting" for the groups table (store/groups.py)."""
    shown = "; ".join(list(damaged.values())[:SHOWN])
    more = f"; and {len(damaged) - SHOWN} more" if len(damaged) > SHOWN else ""
    count = f"{len(damaged)} damaged {what} record{'s' if len(damaged) != 1 else ''}"
    return (f"warning: {db_path} holds {count}, left out of what is shown and exported and kept "
            f"in the file unchanged ({shown}{more})")
