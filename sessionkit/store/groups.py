"""Group meetings in the sessions' database: their own table (`groups`) in the same file.

One-to-one records stay exactly where and what they were: every path that reads sessions (the
review, exports, forget, the dashboard, the damage check) never meets a group record. A live
meeting is journalled like a live session (`store.journal(id)`, the same crash-safe file); a
meeting is written to the table at a round's close and at its end: one atomic write of the file
(meetings are few and small; the live journal carries every key in between).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sessionkit.clock import parse_iso
from sessionkit.group.model import GroupMeeting, is_group
from sessionkit.store.source import GroupSource
from sessionkit.store.storage import GROUPS
from sessionkit.store.store import SessionStore


def raw_groups(store: GroupSource) -> list[dict[str, Any]]:
    """Saved meetings as stored dicts, unreadable ones left out."""
    out = []
    for doc in store.group_rows().values():
        try:
            GroupMeeting.from_dict(doc)
        except ValueError:
            continue
        out.append(doc)
    return out


def salvage_groups(raw: bytes, lost: list[str]) -> dict[str, Any]:
    """For salvaging a damaged database: `{"groups": {...}}` with every meeting that still reads
    (each one that does not is named in `lost`); nothing when the file does not parse."""
    from sessionkit.store.storage import parse_json

    try:
        data = parse_json(raw)
    except (ValueError, RecursionError):
        return {}
    rows = data.get(GROUPS) if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        return {}
    kept = {}
    for key, doc in rows.items():
        try:
            meeting = GroupMeeting.from_dict(doc, f"group meeting {key}")
        except ValueError as err:
            lost.append(str(err)[:120])
            continue
        kept[meeting.id] = meeting.to_dict()
    return {GROUPS: kept}


def check_group_rows(rows: dict[str, Any]) -> dict[str, str]:
    """{key: problem} for every stored meeting that does not read (edited by hand, a newer
    sessionkit): left out of every read and export, kept in the file as it is. The store
    reports them when it opens, as it does damaged sessions (`SessionStore.damaged_groups`)."""
    problems = {}
    for key, doc in rows.items():
        try:
            GroupMeeting.from_dict(doc, f"group meeting {key}")
        except (ValueError, OverflowError, RecursionError) as err:
            problems[key] = (str(err) if isinstance(err, ValueError)
                             else f"group meeting {key}: {err}")
    return problems



def save_groups(store: SessionStore, meetings: list[GroupMeeting]) -> None:
    """Insert or replace meetings in one atomic write. Raises StoreWriteError (nothing changed)."""
    if not meetings:
        return
    store._writable()
    with store._write_lock:
        data = dict(store.db.storage.read() or {})
        rows = dict(data.get(GROUPS, {}))
        for meeting in meetings:
            rows[meeting.id] = meeting.to_dict()
        data[GROUPS] = rows
        store._write(data)


def commit_group(store: SessionStore, meeting: GroupMeeting) -> None:
    """Write the meeting to the table, then drop its live journal (the commit point)."""
    save_groups(store, [meeting])
    if meeting.status == "completed":
        store.journal(meeting.id).remove()
        store._journals.pop(meeting.id, None)


def keep_unfinished(store: SessionStore, meeting: GroupMeeting) -> None:
    """A recovered meeting the user did not resume: kept as `unfinished`, journal dropped."""
    save_groups(store, [meeting])
    store.journal(meeting.id).remove()
    store._journals.pop(meeting.id, None)


def remove_groups_where(store: SessionStore, doomed: Callable[[dict[str, Any]], bool],
                        replace: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None
                        ) -> int:
    """Drop (or, with `replace`, rewrite: None drops it) the meetings `doomed` picks; one
    atomic write."""
    store._writable()
    with store._write_lock:
        data = dict(store.db.storage.read() or {})
        rows, changed = {}, 0
        for key, doc in data.get(GROUPS, {}).items():
            if doomed(doc):
                changed += 1
                new = replace(doc) if replace is not None else None
                if new is None:
                    continue
                doc = new
            rows[key] = doc
        if changed:
            data[GROUPS] = rows
            store._write(data)
    return changed


def pending_groups(store: GroupSource) -> list[GroupMeeting]:
    """Meetings left in live journals (a crash, a closed terminal): unfinished."""
    saved = store.group_rows()
    out = []
    for record in store.live_records():
        if not is_group(record):
            continue
        if saved.get(str(record.get("id")), {}).get("status") == "completed":
            continue  # written to the table; the journal is a leftover
        try:
            meeting = GroupMeeting.from_dict(record)
        except ValueError:
            continue
        meeting.status = "unfinished"
        out.append(meeting)
    return out


def all_groups(store: GroupSource) -> list[GroupMeeting]:
    """Saved meetings plus those only in a journal, oldest first."""
    found = {d["id"]: GroupMeeting.from_dict(d) for d in raw_groups(store)}
    for meeting in pending_groups(store):
        found[meeting.id] = meeting
    return sorted(found.values(), key=lambda m: parse_iso(m.started_at))


def get_group(store: GroupSource, meeting_id: str) -> GroupMeeting | None:
    return next((m for m in all_groups(store) if m.id == meeting_id), None)
