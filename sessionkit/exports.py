"""`sessionkit export`: pick the sessions, pick the format, stream to stdout or a private file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sessionkit.errors import SessionkitError
from sessionkit.files import private_text_file
from sessionkit.models import Session
from sessionkit.transfer import write_json


def select(store: Any, person: str | None = None, since: str | None = None) -> Iterator[Session]:
    """Saved and unfinished sessions, oldest first, filtered by person and start date."""
    if since is not None:
        import pendulum

        try:
            since_dt = pendulum.parse(since, tz=pendulum.local_timezone())
        except (ValueError, pendulum.parsing.exceptions.ParserError):
            raise SessionkitError(f"--since {since!r}: expected a date like 2026-01-31") from None
    wanted = person.casefold() if person else None
    for session in store.all_sessions():
        if wanted and wanted not in {p.casefold() for p in session.people}:
            continue
        if since is not None:
            import pendulum

            if pendulum.parse(session.started_at) < since_dt:
                continue
        yield session


def write(fmt: str, sessions: Iterator[Session], out: IO[str], include_private: bool) -> int:
    if fmt == "json":
        return write_json(sessions, out)
    raise SessionkitError(f"unknown export format {fmt!r}")


def export(
    store: Any,
    fmt: str,
    out: Path | None,
    person: str | None = None,
    since: str | None = None,
    include_private: bool = False,
) -> int:
    sessions = select(store, person, since)
    if out is None:
        return write(fmt, sessions, sys.stdout, include_private)
    with private_text_file(out) as handle:
        return write(fmt, sessions, handle, include_private)
