"""The review's summary index, kept beside the database so the review opens without parsing it.

`<dir>/<stem>.index` (0600) holds two checksummed lines: first a head (the key, the session count,
the people and the newest rows: enough for the first screen), then every row. The key is what the
summaries were built from: the database's size and mtime, the change log's, the live journals' and
the app version. Any change there, a bad checksum or a row of the wrong shape makes the file
stale: it is ignored (never trusted blindly) and rebuilt from the store. At 10,000 sessions the
head reads in about a millisecond where parsing the 30 MB database takes ~200 ms.
"""

from __future__ import annotations

import io
import json
import os
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sessionkit.crypt.header import MAGIC
from sessionkit.errors import SessionkitError
from sessionkit.gcpause import no_gc
from sessionkit.review.summary import ActionRef, RoundFigures, Summary
from sessionkit.schedule import Agreed
from sessionkit.store.beside import drop_index, index_path

FORMAT = 7
"""7: rows carry the agreed schedule; 6: an action carries its due day; 5: people by
`names.name_key` (NFC, invisible characters out); 4: rows carry each round's own figures (3: a
group meeting's members; older files read as stale and are rebuilt)."""
HEAD_ROWS = 80
"""Rows in the head: more than a tall terminal shows at once."""
MAX_BYTES = 1024 * 1024 * 1024
"""An index larger than this is not one sessionkit wrote (10,000 sessions: ~10 MB)."""
MIN_SESSIONS = 200
"""Below this the review builds its index from the database at once (no file written)."""


HASHED = 64 * 1024
"""Bytes at each end of the database whose checksum is part of the key."""


def _stat(path: Path) -> list[int] | None:
    """What says the file changed: size, mtime, ctime and inode (an edit that kept size and
    mtime still moves ctime, which no user can set back)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _ends(path: Path) -> int | None:
    """A checksum of the file's first and last 64 KiB (its head and its tail): a same-size
    edit there is seen even on a file system whose times are coarse."""
    try:
        with open(path, "rb") as handle:
            crc = zlib.crc32(handle.read(HASHED))
            size = os.fstat(handle.fileno()).st_size
            if size > HASHED:
                handle.seek(max(HASHED, size - HASHED))
                crc = zlib.crc32(handle.read(HASHED), crc)
    except OSError:
        return None
    return crc


def key(db: Path, app: str) -> dict[str, Any]:
    """What an index built now would be valid for (cheap: a few stat calls)."""
    folder = db.parent / "journal"
    journals = sorted(folder.glob(f"{db.stem}-*.jsonl")) if folder.is_dir() else []
    return {"app": app, "db": _stat(db), "ends": _ends(db) if db.is_file() else None,
            "journals": {p.name: _stat(p) for p in journals}}


def _encode(obj: Any) -> bytes:
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _decode(line: bytes) -> Any:
    """The object on one checksummed line. Raises ValueError if damaged."""
    crc, _, body = line.rstrip(b"\n").partition(b" ")
    if len(crc) != 8 or int(crc, 16) != zlib.crc32(body):
        raise ValueError("checksum mismatch")
    return json.loads(body)


def _row(s: Summary) -> list[Any]:
    actions = [[a.note_id, a.text, a.done, a.done_at, a.coach, a.client, a.due]
               for a in s.actions]
    return [s.id, s.started_at, s.ts, s.status, s.model, s.session_type, s.coach, s.client,
            s.outcome, sorted(s.people), s.rounds, s.minutes, s.client_share, s.scale_start,
            s.scale_end, s.next_session, s.next_session_tz, s.cadence_days, s.programme_total,
            actions, s.haystack, s.private_text, list(s.members),
            [[f.coach, f.client, f.client_share, f.scale_start, f.scale_end, f.minutes]
             for f in s.figures],
            [[a.at, a.tz, a.uid, a.status, a.sequence] for a in s.agreed]]


class _Interner(dict[Any, Any]):
    """One object per repeated value (names, models, sets of people): 10,000 rows hold the
    same few dozen, and the review's memory is the point of the index."""

    def __call__(self, value: Any) -> Any:
        return self.setdefault(value, value)


_LETTER = {str: "s", float: "f", int: "i", bool: "b", list: "l", type(None): "n"}
_ROW = re.compile(r"ss[fi]ssssssli[fi][fin][in][in][sn][sn][in][in]lsslll")
_ACTION = re.compile(r"ssb[sn]ss[sn]")
_FIGURES = re.compile(r"ss[fin][in][in][fi]")
_AGREED = re.compile(r"s[sn]ssi")
"""The exact JSON types of each field, one letter each (a bool is not a number here)."""


def _check(values: list[Any], shape: re.Pattern[str]) -> None:
    try:
        letters = "".join(map(_LETTER.__getitem__, map(type, values)))
    except KeyError:
        raise ValueError("index row of the wrong shape") from None
    if not shape.fullmatch(letters):
        raise ValueError("index row of the wrong shape")


def _summary(row: Any, intern: _Interner | None = None) -> Summary:
    """A Summary from a stored row. Raises ValueError for any row of the wrong shape."""
    own = intern if intern is not None else _Interner()
    if type(row) is not list:
        raise ValueError("not an index row")
    _check(row, _ROW)
    if not set(map(type, row[9])) <= {str} or not set(map(type, row[22])) <= {str}:
        raise ValueError("index row of the wrong shape")
    actions = []
    for a in row[19]:
        if type(a) is not list:
            raise ValueError("index action of the wrong shape")
        _check(a, _ACTION)
        actions.append(ActionRef(row[0], a[0], a[1], a[2], a[3], row[1], own(a[4]), own(a[5]),
                                 a[6]))
    figures = []
    for f in row[23]:
        if type(f) is not list:
            raise ValueError("index figures of the wrong shape")
        _check(f, _FIGURES)
        figures.append(RoundFigures(own(f[0]), own(f[1]), f[2], f[3], f[4], f[5]))
    agreed = []
    for a in row[24]:
        if type(a) is not list:
            raise ValueError("index schedule of the wrong shape")
        _check(a, _AGREED)
        agreed.append(Agreed(a[0], own(a[1]), a[2], own(a[3]), a[4]))
    return Summary(
        row[0], row[1], row[2], own(row[3]), own(row[4]), own(row[5]), own(row[6]), own(row[7]),
        row[8], own(frozenset(row[9])), row[10], row[11], row[12], row[13], row[14], row[15],
        own(row[16]), row[17], row[18], tuple(actions), row[20], row[21],
        tuple(map(own, row[22])), tuple(figures), tuple(agreed),
    )


@dataclass(frozen=True)
class Head:
    """What the review's first screen needs: the newest rows, how many there are, who."""

    rows: list[Summary]
    count: int
    people: list[str]


def write(db: Path, app: str, rows: Iterable[Summary], people: list[str],
          built_for: dict[str, Any]) -> None:
    """Write the index (owner-only, atomically). `built_for` is `key()` taken before the rows
    were read, so a change made meanwhile leaves the file stale rather than wrong."""
    from sessionkit.store.sealing import seal_for
    from sessionkit.store.storage import atomic_write_bytes

    encoded = [_row(s) for s in rows]
    body = b"".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                    + b"\n" for r in encoded)
    head = {"format": FORMAT, "key": built_for, "count": len(encoded), "people": people,
            "head": encoded[:HEAD_ROWS], "body": zlib.crc32(body)}
    atomic_write_bytes(index_path(db), seal_for(db, _encode(head) + body))  # names: sealed


def _lines(db: Path, app: str, full: bool) -> tuple[dict[str, Any], list[Summary]] | None:
    """The head and (with `full`) every row, each row checked as it is read (one line each, so
    no second copy of the whole index is ever held). None if stale or damaged."""
    rows: list[Summary] = []
    try:
        with _open(db) as handle:
            head = _decode(handle.readline())
            if not isinstance(head, dict) or head.get("format") != FORMAT:
                return None
            if head.get("key") != key(db, app):
                return None
            if not full:
                return head, rows
            crc, intern = 0, _Interner()
            with no_gc():
                for line in handle:
                    crc = zlib.crc32(line, crc)
                    rows.append(_summary(json.loads(line), intern))
            if crc != head.get("body") or len(rows) != head.get("count"):
                return None
            return head, rows
    except (OSError, ValueError, TypeError, SessionkitError):
        return None


def _open(db: Path) -> BinaryIO:
    """The index for reading: the file itself, or its plain bytes when it is sealed (an
    encrypted database; ~3 ms at 10,000 sessions)."""
    from sessionkit.regular import open_regular

    # a FIFO would block the review's start for ever: regular files only (NotRegular is a
    # ValueError: the index reads as stale and is rebuilt)
    handle = os.fdopen(open_regular(index_path(db), MAX_BYTES), "rb")
    if handle.read(8) == MAGIC:
        from sessionkit.store.sealing import open_for

        with handle:
            raw = handle.read()
        return io.BytesIO(open_for(db, MAGIC + raw))
    handle.seek(0)
    return handle


def read_head(db: Path, app: str) -> Head | None:
    """The head, or None when there is no index or it is stale or damaged."""
    found = _lines(db, app, full=False)
    if found is None:
        return None
    head = found[0]
    try:
        count, people = head["count"], head["people"]
        if not isinstance(count, int) or not isinstance(people, list) or not all(
            isinstance(p, str) for p in people
        ):
            return None
        return Head([_summary(r) for r in head["head"]], count, people)
    except (KeyError, TypeError, ValueError):
        return None


def read_rows(db: Path, app: str) -> list[Summary] | None:
    """Every row (newest first), or None when the index is missing, stale or damaged."""
    found = _lines(db, app, full=True)
    return None if found is None else found[1]


__all__ = ["Head", "drop_index", "index_path", "key", "read_head", "read_rows", "write"]
