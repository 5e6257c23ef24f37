"""The right to erasure: `sessionkit forget --person NAME`.

Every session NAME takes part in (coach or client of any round, matched like `--person`
everywhere: case-insensitive, surrounding blanks ignored) leaves the database, its change log,
the live journals and every backup (rewritten without them, or dropped when a backup cannot be
read), so that afterwards no file of the database holds the name. Done under the store's lock,
with its atomic writes: a crash part-way leaves every file whole, and running forget again
finishes the job. Sessions of other people that only mention NAME in their text are kept and
reported (`mentions`): sessionkit cannot tell a mention from a common word.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sessionkit.models import Session
from sessionkit.names import name_key
from sessionkit.store import backups
from sessionkit.store.forget_groups import member_of, scrub, scrub_table
from sessionkit.store.forget_peers import scrub as scrub_session
from sessionkit.store.journal import encode_file, read_all
from sessionkit.store.plaintext import plain_bytes
from sessionkit.store.sealing import db_beside as _db_of
from sessionkit.store.sealing import key_for, seal_for
from sessionkit.store.storage import SESSIONS, atomic_write_bytes, dump_json, parse_json

if TYPE_CHECKING:
    from sessionkit.store.store import SessionStore


def fold(name: object) -> str:
    """A name as `--person` compares it (`sessionkit.names.name_key`)."""
    return name_key(str(name))


def takes_part(doc: Any, who: str) -> bool:
    """True when the folded name `who` coaches or is coached in any round of the record `doc`."""
    rounds = doc.get("rounds") if isinstance(doc, dict) else None
    return isinstance(rounds, list) and any(
        isinstance(r, dict) and who in (fold(r.get("coach", "")), fold(r.get("client", "")))
        for r in rounds
    )


def _texts(doc: dict[str, Any]) -> Iterator[str]:
    """The typed texts of a record: outcomes, notes, feedback, the draft."""
    draft = doc.get("draft")
    yield str(draft.get("text", "")) if isinstance(draft, dict) else ""
    for rnd in doc.get("rounds") or ():
        if isinstance(rnd, dict):
            yield str(rnd.get("outcome", "")) + " " + str(rnd.get("outcome_measure", ""))
            yield from (str(n.get("text", "")) for n in rnd.get("notes") or ()
                        if isinstance(n, dict))
            feedback = rnd.get("feedback")
            if isinstance(feedback, dict):
                yield from (v for v in feedback.values() if isinstance(v, str))


def _mentions(doc: dict[str, Any], who: str) -> bool:
    """True when `who` appears as a word in the record's texts."""
    word = re.compile(rf"(?<!\w){re.escape(who)}(?!\w)")
    return any(who in (key := name_key(t)) and word.search(key) for t in _texts(doc))


@dataclass
class Plan:
    """What forgetting `person` will remove; nothing has changed yet."""

    person: str
    sessions: set[str] = field(default_factory=set)  # ids, from the database, journals, backups
    groups: set[str] = field(default_factory=set)  # group meetings NAME is a member of
    journals: list[Path] = field(default_factory=list)  # journal files holding such a session
    backups: list[Path] = field(default_factory=list)  # backups holding one (or unreadable + name)
    mentions: list[str] = field(default_factory=list)  # other sessions whose text has the name
    keep_others: bool = False
    """Keep the other people's rounds of these sessions (NAME as "former partner")."""

    @property
    def found(self) -> bool:
        return bool(self.sessions or self.groups or self.journals or self.backups)


def _backup_files(db: Path) -> list[Path]:
    folder = backups.backups_dir(db)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{db.stem}-*.json") if p.is_file())


def _journal_files(store: SessionStore, db: Path) -> list[Path]:
    folder = store.journal_dir()
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob(f"{db.stem}-*.jsonl") if p.is_file())


def _read_db(path: Path) -> dict[str, Any] | None:
    try:
        data = parse_json(plain_bytes(path))
    except (OSError, ValueError):
        return None
    rows = data.get(SESSIONS) if isinstance(data, dict) else None
    return data if isinstance(rows, dict) else None


_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_WORD = re.compile(r"\w+")
READ_CAP = 256 * 1024 * 1024
"""A file beside the database larger than this is not searched for leftovers (not ours)."""


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group() if 0xD800 <= code <= 0xDFFF else chr(code)


def _raw_text(path: Path) -> str | None:
    """A file's text as names are compared (NFC, case-folded, invisible characters out, JSON's
    `\\uXXXX` escapes read), or None when it cannot be read."""
    import unicodedata

    try:
        if path.stat().st_size > READ_CAP:
            return None
        text = plain_bytes(path).decode("utf-8", "replace")
    except OSError:
        return None
    text = unicodedata.normalize("NFC", _ESCAPE.sub(_unescape, text)).casefold()
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text


def _raw_has(path: Path, who: str) -> bool:
    """Might the file hold the name key `who`? Every word of the name somewhere in its text, in
    any spelling `name_key` folds together (a quick test before parsing: never a miss)."""
    text = _raw_text(path)
    if text is None:
        return False
    words = _WORD.findall(who)
    return all(w in text for w in words) if words else who in text


def _whole_name(who: str) -> re.Pattern[str]:
    """The name key `who` as a whole name in a text: its words in order, each whole, anything
    that is not a word between them (after erasing "Al", "calmer" and "talk" are not Al)."""
    words = _WORD.findall(who) or [who]
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")


def plan(store: SessionStore, person: str) -> Plan:
    """Find everything about `person` in the open (locked) store's files."""
    who = fold(person)
    found = Plan(person.strip())
    for doc in store.raw_sessions():
        if takes_part(doc, who):
            found.sessions.add(str(doc.get("id")))
        elif _mentions(doc, who):
            found.mentions.append(str(doc.get("id")))
    from sessionkit.store.groups import raw_groups

    found.groups = {str(d.get("id")) for d in raw_groups(store) if member_of(d, who)}
    found.groups |= {k for k, d in store.group_rows().items()
                     if member_of(d, who)}  # also the ones that no longer read
    db = store.path
    if db is None:
        return found
    for path in _journal_files(store, db):
        lines = _lines(path)
        ids = {str(r.get("id")) for r in lines if takes_part(r, who)}
        found.groups |= {str(r.get("id")) for r in lines if member_of(r, who)}
        if ids or any(member_of(r, who) for r in lines) or (not lines and _raw_has(path, who)):
            found.sessions |= ids
            found.journals.append(path)
    for path in _backup_files(db):
        if not _raw_has(path, who):  # most often every backup does; parsing costs ~1 s at 30 MB
            continue
        data = _read_db(path)
        if data is None:
            found.backups.append(path)
            continue
        ids = {str(d.get("id")) for d in data[SESSIONS].values() if takes_part(d, who)}
        groups = data.get("groups")
        if isinstance(groups, dict) and any(member_of(d, who) for d in groups.values()):
            found.backups.append(path)
            found.sessions |= ids
            continue
        if ids:
            found.sessions |= ids
            found.backups.append(path)
    return found


def _lines(path: Path) -> list[dict[str, Any]]:
    db = _db_of(path)
    return read_all(path, key_for(db) if db else None)


def _rewrite_journal(path: Path, who: str, keep_others: bool = False) -> None:
    """Keep the intact lines about other sessions; drop the file if none is left."""
    if not path.exists():  # the change log: gone with the database write
        return
    db = _db_of(path)
    key = key_for(db) if db else None
    keep = []
    for record in read_all(path, key):
        if takes_part(record, who):
            theirs = scrub_session(record, who) if keep_others else None
            if theirs is not None:
                keep.append(theirs)
            continue
        if member_of(record, who):
            kept = scrub(record, who)
            if kept is None:
                continue
            record = kept
        keep.append(record)
    if keep:
        atomic_write_bytes(path, encode_file(keep, key))
    else:
        path.unlink(missing_ok=True)


def _rewrite_backup(path: Path, who: str, keep_others: bool = False) -> None:
    data = _read_db(path)
    if data is None:  # unreadable: no use as a backup, and it holds the name
        path.unlink(missing_ok=True)
        return
    rows = {}
    for k, d in data[SESSIONS].items():
        if not takes_part(d, who):
            rows[k] = d
        elif keep_others and (theirs := scrub_session(d, who)) is not None:
            rows[k] = theirs
    data[SESSIONS] = rows
    if isinstance(data.get("groups"), dict):
        data["groups"] = scrub_table(data["groups"], who)[0]
    db = _db_of(path)
    payload = dump_json(data)
    atomic_write_bytes(path, seal_for(db, payload) if db else payload)


def forget(store: SessionStore, found: Plan) -> int:
    """Carry out `found`; returns how many sessions left the database itself.

    Raises StoreWriteError; whatever was done by then stays done, and forget can run again."""
    from sessionkit.store.groups import remove_groups_where

    check_folders(store)
    who = fold(found.person)
    if found.groups:  # first: a failure here leaves the sessions as they were
        remove_groups_where(store, lambda doc: member_of(doc, who),
                            replace=lambda doc: scrub(doc, who))
    kept = [scrub_session(d, who) for d in store.raw_sessions() if takes_part(d, who)] \
        if found.keep_others else []
    removed: int = store.remove_where(lambda doc: takes_part(doc, who))
    theirs = [Session.from_dict(d) for d in kept if d is not None]
    if theirs:
        store.save_many(theirs)
        store.fold()  # into the database file now: the change log never holds them
    for path in found.journals:
        _rewrite_journal(path, who, found.keep_others)
    for path in found.backups:
        _rewrite_backup(path, who, found.keep_others)
    return removed - len(theirs)


EXPORT_TEMP = ".sessionkit-export-"
"""The prefix of an export's temporary file (sessionkit.exports.files) where the file system
could not keep it nameless: a killed export may have left one."""
TEXT_SUFFIXES = (".json", ".jsonl", ".md", ".csv", ".ics", ".html", ".htm", ".txt", ".log")


def leftovers(store: SessionStore, person: str) -> list[Path]:
    """Files in the data folder that still hold `person`'s name as a whole name: a mention in
    someone else's notes, an export written there under any name, a killed export's temporary
    file, a file sessionkit does not know."""
    if store.path is None:
        return []
    who, stem = fold(person), store.path.stem
    folder = store.path.parent
    files: Iterable[Path] = [
        *(p for p in folder.iterdir() if p.name.startswith((f"{stem}.", f"{stem}-", EXPORT_TEMP))
          or p.suffix.lower() in TEXT_SUFFIXES),
        *(p for sub in ("journal", "backups") if (folder / sub).is_dir()
          for p in (folder / sub).rglob("*")),
    ]
    name = _whole_name(who)
    found = []
    for path in sorted(set(files)):
        if path.is_file() and not path.is_symlink():
            text = _raw_text(path)
            if text is not None and name.search(text):
                found.append(path)
    return found


def check_folders(store: SessionStore) -> None:
    """Before anything is rewritten: the folders forget writes into are folders (a file named
    `journal` would fail the job half-way, the backups still holding the person)."""
    from sessionkit.errors import StoreWriteError

    if store.path is None:
        return
    for sub in ("journal", "backups"):
        where = store.path.parent / sub
        if os.path.lexists(where) and not where.is_dir():
            raise StoreWriteError(f"{where} is not a folder; nothing was changed (move it "
                                  "away and run forget again)")


def similar(store: SessionStore, person: str) -> str | None:
    """The stored name closest to `person` (a typo, a missing accent), if one is close."""
    from sessionkit.names import closest

    names = [str(rnd.get(key, "")).strip() for doc in store.raw_sessions()
             for rnd in doc.get("rounds") or () if isinstance(rnd, dict)
             for key in ("coach", "client")]
    return closest(person, [n for n in names if n])
