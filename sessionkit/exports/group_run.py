"""Group meetings in the exports: which ones go into json, csv and ics, and the Markdown case
summary and lessons of one meeting (`export --format md --group ID --for NAME | --lessons`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.errors import SessionkitError
from sessionkit.exports.files import private_text_file
from sessionkit.group.model import GroupMeeting
from sessionkit.names import name_key
from sessionkit.timefmt import epoch

if TYPE_CHECKING:
    from sessionkit.store.source import GroupSource
    from sessionkit.store.store import SessionStore


def meetings(store: GroupSource, fmt: str, person: str | None, since: str | None
             ) -> Iterator[GroupMeeting]:
    """The meetings for `fmt`: json all (the full backup), csv the completed ones, ics each
    group's latest with a next meeting; with `person`, those they are a member of."""
    from sessionkit.exports.run import parse_since
    from sessionkit.store.groups import all_groups

    since_ts = parse_since(since) if since is not None else None
    wanted = name_key(person) if person else None
    found = [m for m in all_groups(store)
             if (since_ts is None or epoch(m.started_at) >= since_ts)
             and (wanted is None or wanted in {name_key(n) for n in m.members})]
    if fmt == "csv":
        found = [m for m in found if m.status == "completed"]
    if fmt == "ics":  # a group's earlier next meetings were met or replaced by later ones
        latest = {frozenset(name_key(n) for n in m.members): m for m in found}
        found = [m for m in latest.values() if m.next_meeting]
    return iter(found)


def export_group(store: SessionStore, group_id: str, person: str | None, lessons: bool,
                 out: Path | None, force: bool) -> int:
    """Write one meeting's case summary (for `person`) or its lessons; SessionkitError names
    what is wrong before any file is created."""
    from sessionkit.exports.group_md import case_summary
    from sessionkit.exports.group_md import lessons as lessons_md
    from sessionkit.store.groups import all_groups, get_group

    if bool(person) == lessons:
        raise SessionkitError("--group needs one of --for NAME (the case summary for the case "
                              "giver) or --lessons (the group's lessons)")
    meeting = get_group(store, group_id.strip())
    if meeting is None:
        ids = ", ".join(m.id for m in all_groups(store)[-5:]) or "none yet"
        raise SessionkitError(f"no group meeting {group_id!r} (latest: {ids})")
    if person:
        known = {str(r.get(k, "")) for d in store.raw_sessions() for r in d.get("rounds") or ()
                 if isinstance(r, dict) for k in ("coach", "client")}
        text = case_summary(meeting, person, known)
    else:
        text = lessons_md(meeting)
    if out is None:
        sys.stdout.write(text)
    else:
        with private_text_file(out, overwrite=force) as handle:
            handle.write(text)
    return 1
