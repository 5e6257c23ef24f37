"""`sessionkit schedule` (the agreed sessions ahead; cancel or move one) and `sessionkit handoff`
(a partner's copy of a session). Part of the composition root: `sessionkit.cli` registers these
commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

EXIT_USAGE = 2
"""As in sessionkit.cli (imported inside the commands: cli imports this module)."""


@click.command()
@click.option("--person", default=None, metavar="NAME", help="Only the pairs NAME is in.")
@click.option("--cancel", "cancel", default=None, metavar="ID",
              help="Cancel the agreed session with this id (from the list).")
@click.option("--move", "move", default=None, metavar="ID",
              help="Move the agreed session with this id to --to WHEN.")
@click.option("--to", "to", default=None, metavar="WHEN",
              help="The new time for --move (e.g. 2026-12-18 18:30 Europe/Amsterdam).")
@click.pass_context
def schedule(ctx: click.Context, person: str | None, cancel: str | None, move: str | None,
             to: str | None) -> None:
    """The sessions agreed and still ahead, per pair (each with its id); cancel or move one.

    A pair's agreed sessions are the union of what its sessions agreed, less those held or
    cancelled. A cancelled or moved session keeps its calendar id, so `export --format ics`
    updates the event in a calendar app.
    """
    from sessionkit.cli import _open_store, _refresh_index, fail
    from sessionkit.clock import SystemClock

    if cancel and move:
        fail("use --cancel or --move, not both", EXIT_USAGE)
    if move and not to:
        fail("--move needs --to WHEN (the new time)", EXIT_USAGE)
    if to and not move:
        fail("--to goes with --move ID", EXIT_USAGE)
    now = SystemClock().now()
    store = _open_store(ctx)
    try:
        if cancel or move:
            _change(store, cancel or move or "", to, now)
        else:
            _list(store, person, now)
    finally:
        store.close()
    if cancel or move:
        _refresh_index(store)


def _change(store: object, uid: str, to: str | None, now: object) -> None:
    from sessionkit.cli import fail
    from sessionkit.review.agenda import change
    from sessionkit.when import describe, parse_when

    at = tz = None
    if to is not None:
        try:
            when = parse_when(to, now)  # type: ignore[arg-type]
        except ValueError as err:
            fail(f"--to: {err}", EXIT_USAGE)
        at, tz = when.at, when.tz
    done = change(store, uid, at, tz)  # type: ignore[arg-type]
    pair = " & ".join(done.pair)
    before = describe(done.before.at, done.before.tz)
    if at is None:
        click.echo(f"cancelled the session of {pair} agreed for {before}")
    else:
        click.echo(f"moved the session of {pair} from {before} to "
                   f"{describe(done.after.at, done.after.tz)}")


def _list(store: object, person: str | None, now: object) -> None:
    from sessionkit.plain import one_line
    from sessionkit.review.history import HistoryIndex
    from sessionkit.review.partnerships import partnerships
    from sessionkit.when import describe

    pairs = partnerships(HistoryIndex.from_store(store).filter(person), now)  # type: ignore
    shown = 0
    for p in pairs:
        slots = p.missed + p.upcoming
        if not slots:
            continue
        click.echo(f"{one_line(p.names[0])} & {one_line(p.names[1])} · {p.progress}"
                   + (f" · every {p.cadence_days} days" if p.cadence_days else ""))
        for slot in slots:
            late = "  (missed: not on record)" if slot in p.missed else ""
            click.echo(f"  {describe(slot.at, slot.tz)}  id {slot.uid}{late}")
            shown += 1
    if not shown:
        who = f" with {one_line(person)}" if person else ""
        click.echo(f"no sessions agreed ahead{who}")


COMMANDS = [schedule]


def register(main: click.Group, guard: Any) -> None:
    """Add the commands to `main`, each run through `guard` (one-line errors, exit codes)."""
    for command in COMMANDS:
        assert command.callback is not None
        command.callback = guard(command.callback)
        main.add_command(command)


__all__ = ["COMMANDS", "Path", "register"]
