"""`sessionkit forget`: erase a person, for good (or keep the others' rounds)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from sessionkit.cli.base import (
    EXIT_USAGE,
    _db,
    _guard,
    _open_store,
    _plain,
    _refresh_index,
    fail,
    say,
)
from sessionkit.cli.root import main

if TYPE_CHECKING:
    from sessionkit.store.store import SessionStore


@main.command()
@click.option("--person", required=True, metavar="NAME",
              help="The name, matched like `--person` elsewhere "
              "(any case, surrounding blanks ignored).")
@click.option("--yes", is_flag=True, help="Erase without asking.")
@click.option("--keep-others", is_flag=True,
              help="Keep the other people's rounds of those sessions (their coaching hours, "
              "their outcomes as a client); NAME becomes 'former partner' in them.")
@click.pass_context
@_guard
def forget(ctx: click.Context, person: str, yes: bool, keep_others: bool) -> None:
    """Erase everything about a person, for good.

    Every session NAME takes part in (coach or client, any round) leaves the database, the
    change log, the live journals and every backup. It asks first, naming how many sessions
    go; --yes skips that (and is needed when not run in a terminal). Refused while a
    sessionkit is open on the database. With no session to erase it says so and exits 1.
    Other people's sessions that only mention NAME in their text are kept, and listed.
    It says what goes for the other people in those sessions (a peer's own rounds: hours as
    coach, outcomes as a client); --keep-others keeps those, NAME as 'former partner'.
    """
    from sessionkit.plain import one_line
    from sessionkit.store.forget import forget as erase
    from sessionkit.store.forget import leftovers, plan, similar

    name = one_line(person).strip()
    if not name:
        fail("--person needs a name", EXIT_USAGE)
    if not _db(ctx).exists() and not (_db(ctx).parent / "backups").is_dir():
        fail(f"no sessions with {name!r}: there is no database at {_db(ctx)}")
    store = _open_store(ctx)
    try:
        found = plan(store, person)
        if not found.found:
            close = similar(store, person)
            hint = f" (did you mean {one_line(close)!r}?)" if close else ""
            fail(f"no sessions with {name!r}{hint}; nothing was changed")
        groups = (f" and {name} from {len(found.groups)} group meeting(s) (the cases {name} "
                  "gave go; elsewhere 'former member')") if found.groups else ""
        what = (f"{len(found.sessions)} session(s) with {name}{groups} from the database, the "
                f"journals and {len(found.backups)} backup(s)")
        found.keep_others = keep_others
        theirs = _others_part(store, person, found.sessions)
        if theirs and keep_others:
            what = (f"{name}'s part of {len(found.sessions)} session(s){groups} from the "
                    f"database, the journals and {len(found.backups)} backup(s), keeping "
                    f"{'; '.join(theirs)} (with {name} as 'former partner', {name}'s own words "
                    "taken out)")
        elif theirs:
            what += (f", and with them {'; '.join(theirs)} (--keep-others keeps those, with "
                     f"{name} as 'former partner')")
        if not yes:
            if not sys.stdin.isatty():
                fail(f"forget would erase {what}; add --yes to do it without a terminal")
            if not click.confirm(f"Erase {what}? This cannot be undone", err=True):
                fail("nothing was changed")
        erase(store, found)
        left = leftovers(store, person)
    finally:
        store.close()
    _refresh_index(store)  # the old index named the person: rebuilt without them
    click.echo(_plain(f"forgot {name}: erased {what}"))
    if found.mentions:
        ids = ", ".join(found.mentions[:5]) + (", …" if len(found.mentions) > 5 else "")
        click.echo(f"sessionkit: kept {len(found.mentions)} session(s) of other people that "
                   f"mention {name} in their text: {ids}", err=True)
    if left:
        say(f"{name} still appears in: {', '.join(map(str, left))}")


def _others_part(store: SessionStore, person: str, ids: set[str]) -> list[str]:
    """What erasing the sessions `ids` removes for the other people in them, one text each."""
    from sessionkit.names import name_key
    from sessionkit.store.forget_peers import others

    docs = [d for d in store.raw_sessions() if str(d.get("id")) in ids]
    return [_plain(p.describe()) for p in others(docs, name_key(person))]
