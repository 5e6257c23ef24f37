"""`sessionkit export`: pick the sessions, pick the format, stream to stdout or a private file.

Every writer takes an iterator of sessions and writes as it goes: a 10,000-session export never
holds more than one session's text at a time (the store already holds the raw records).

Privacy: `json` without a person is the full backup (private notes and drafts kept); every other
export, and `json` for one person, leaves private notes out unless `include_private`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sessionkit.errors import SessionkitError
from sessionkit.exports.files import private_text_file
from sessionkit.exports.transfer import write_json
from sessionkit.models import Session
from sessionkit.names import name_key
from sessionkit.store.source import SessionSource
from sessionkit.timefmt import epoch, local_zone

FORMATS = ("json", "md", "csv", "ics", "html", "portfolio")


def parse_since(since: str) -> float:
    """`--since 2026-01-31` (local midnight) or a full ISO time, as seconds since 1970."""
    import pendulum

    try:
        parsed = pendulum.parse(since, tz=local_zone())
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise SessionkitError(f"--since {since!r}: expected a date like 2026-01-31") from None
    if not isinstance(parsed, datetime):
        raise SessionkitError(f"--since {since!r}: expected a date like 2026-01-31")
    return parsed.timestamp()


def _docs(store: SessionSource, person: str | None, since: str | None) -> Iterator[dict[str, Any]]:
    """Stored dicts of saved and unfinished (journal-only) sessions, oldest first, filtered.

    A bad `since` fails here, before anything is written.
    """
    since_ts = parse_since(since) if since is not None else None
    wanted = name_key(person) if person else None
    keyed = sorted(((epoch(d.get("started_at")), str(d.get("id")), d) for d in store.docs()),
                   key=lambda k: k[:2])
    return (
        doc for ts, _, doc in keyed
        if (since_ts is None or ts >= since_ts) and (not wanted or _has(doc, wanted))
    )


def _has(doc: dict[str, Any], person: str) -> bool:
    return any(
        person in (name_key(str(r.get("coach", ""))), name_key(str(r.get("client", ""))))
        for r in doc.get("rounds") or () if isinstance(r, dict)
    )


def select(
    store: SessionSource, person: str | None = None, since: str | None = None
) -> Iterator[Session]:
    """Sessions (dataclasses, one at a time) with `person`, started on or after `since`."""
    return (Session.from_dict(doc) for doc in _docs(store, person, since))


def _light(doc: dict[str, Any]) -> Session:
    """The session without its talk timeline, which md/csv/ics never show (5x faster to load)."""
    rounds = [
        {**r, "talk": {k: v for k, v in r["talk"].items() if k != "segments"}}
        if isinstance(r, dict) and isinstance(r.get("talk"), dict) else r
        for r in doc.get("rounds") or ()
    ]
    return Session.from_dict({**doc, "rounds": rounds})


def _writer(fmt: str, person: str | None = None, notice: Callable[[str], None] | None = None
            ) -> Callable[[Iterator[Any], IO[str], bool], int]:
    if fmt == "html":
        if not person or not person.strip():
            raise SessionkitError("--format html needs --person NAME: the report is one "
                                  "client's own copy of their sessions")
        from sessionkit.clock import SystemClock
        from sessionkit.exports.html_report import write_html

        now = SystemClock().now()  # the day the report is written: which due days have passed
        return lambda sessions, out, private: write_html(sessions, out, person, private, now)
    if fmt == "json":
        return write_json
    if fmt == "md":
        from sessionkit.exports.markdown import write_md

        return write_md
    if fmt == "csv":
        from sessionkit.exports.csv_log import write_csv

        return lambda sessions, out, _private: write_csv(sessions, out, notice)
    if fmt == "ics":
        from sessionkit.exports.ics import write_ics

        return lambda sessions, out, _private: write_ics(sessions, out)
    raise SessionkitError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")


def write(fmt: str, sessions: Iterator[Any], out: IO[str], include_private: bool,
          person: str | None = None) -> int:
    """Write `sessions` to `out` in `fmt`; returns how many sessions were written."""
    return _writer(fmt, person)(sessions, out, include_private)


def export(
    store: SessionSource,
    fmt: str,
    out: Path | None,
    person: str | None = None,
    since: str | None = None,
    include_private: bool = False,
    force: bool = False,
    notice: Callable[[str], None] | None = None,
) -> int:
    """Export to `out` (None: stdout); `force` replaces an existing file. Returns the count.
    `notice` hears what was left out (the coaching log's rounds under a minute)."""
    db = getattr(store, "path", None)
    if out is not None and db is not None and Path(out).resolve() == Path(db).resolve():
        raise SessionkitError(f"{out} is the database itself; export to another file")
    if fmt == "portfolio":
        if include_private:
            raise SessionkitError("--include-private does not apply to a portfolio: it never "
                                  "holds notes")
        return _portfolio(store, out, person, since, force)
    writer = _writer(fmt, person, notice)  # a bad format or option fails before any file is created
    if fmt == "json" and not person:
        include_private = True  # the full backup
    docs = _docs(store, person, since)
    # json streams the stored records (already what the dataclass would write: see write_json)
    sessions: Iterator[Any] = docs if fmt == "json" else (_light(d) for d in docs)
    if fmt in ("csv", "ics") or (fmt == "json" and not person):
        from itertools import chain

        from sessionkit.exports.group_run import meetings

        # group meetings: in the full backup, the hours log and the calendar (next meeting)
        sessions = chain(sessions, meetings(store, fmt, person, since))
    if out is None:
        return writer(sessions, sys.stdout, include_private)
    with private_text_file(out, overwrite=force) as handle:
        return writer(sessions, handle, include_private)


def _portfolio(
    store: SessionSource, out: Path | None, person: str | None, since: str | None, force: bool
) -> int:
    """The coach's portfolio: every record is read (names of others to replace), one person's."""
    from sessionkit.exports.portfolio import write_portfolio

    if not person or not person.strip():
        raise SessionkitError("--format portfolio needs --person NAME: whose portfolio to build")
    docs = list(_docs(store, None, since))
    if out is None:
        return write_portfolio(docs, person, sys.stdout)
    with private_text_file(out, overwrite=force) as handle:
        return write_portfolio(docs, person, handle)
