"""`sessionkit schedule` (the agreed sessions ahead; cancel or move one) and `sessionkit handoff`
(a partner's copy of a session). Part of the composition root: `sessionkit.cli` registers these
commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from datetime import datetime

    from sessionkit.store.store import SessionStore

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
    from sessionkit.cli.base import _open_store, fail
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


def _change(store: SessionStore, uid: str, to: str | None, now: datetime) -> None:
    from sessionkit.cli.base import fail
    from sessionkit.review.agenda import change
    from sessionkit.when import describe, parse_when

    at = tz = None
    if to is not None:
        try:
            when = parse_when(to, now)
        except ValueError as err:
            fail(f"--to: {err}", EXIT_USAGE)
        at, tz = when.at, when.tz
    done = change(store, uid, at, tz)
    pair = " & ".join(done.pair)
    before = describe(done.before.at, done.before.tz)
    if at is None:
        click.echo(f"cancelled the session of {pair} agreed for {before}")
    else:
        click.echo(f"moved the session of {pair} from {before} to "
                   f"{describe(done.after.at, done.after.tz)}")


def _list(store: SessionStore, person: str | None, now: datetime) -> None:
    from sessionkit.plain import one_line
    from sessionkit.review.history import HistoryIndex
    from sessionkit.review.partnerships import partnerships
    from sessionkit.when import describe

    pairs = partnerships(HistoryIndex.from_store(store).filter(person), now)
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


@click.command()
@click.argument("session_id")
@click.option("--to", "to", required=True, metavar="NAME",
              help="Whose copy: the partner, one of the session's people.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (owner-only; an existing one only with --force).")
@click.option("--plain", is_flag=True,
              help="Write it unencrypted (anyone who gets the file can read the session).")
@click.option("--passphrase-file", "pass_file", type=click.Path(path_type=Path), default=None,
              help="The pair's passphrase from an owner-only file (first line), instead of "
              "asking for it twice on the terminal.")
@click.option("--force", is_flag=True, help="Replace an existing --out file.")
@click.pass_context
def handoff(ctx: click.Context, session_id: str, to: str, out: Path, plain: bool,
            pass_file: Path | None, force: bool) -> None:
    """Write NAME's copy of a session for their own laptop: the shared record (both rounds,
    actions, feedback, talk time; never private notes or a draft), encrypted with a passphrase
    the pair agrees on. The partner runs `sessionkit import FILE` with the same passphrase."""
    from sessionkit.cli.base import _open_store, fail
    from sessionkit.clock import SystemClock, iso
    from sessionkit.exports.files import private_text_file
    from sessionkit.exports.handoff import build, write_text
    from sessionkit.names import name_key
    from sessionkit.plain import one_line

    if plain and pass_file is not None:
        fail("use --plain or --passphrase-file, not both", EXIT_USAGE)
    store = _open_store(ctx, readonly=True)
    try:
        session = store.get(session_id.strip())
    finally:
        store.close()
    if session is None:
        fail(f"no session {one_line(session_id)!r} (its id is in `sessionkit export` and the "
             "review's session view); nothing written", EXIT_USAGE)
    assert session is not None
    payload = build(session, to, iso(SystemClock().now()))
    passphrase = None if plain else _new_passphrase(pass_file)
    text = write_text(payload, passphrase)
    with private_text_file(out, overwrite=force) as handle:
        handle.write(text)
    size = len(text.encode("ascii"))
    kind = "NOT encrypted" if plain else "encrypted"
    whose = next((n for r in session.rounds for n in (r.coach, r.client)
                  if name_key(n) == name_key(to)), to.strip())
    click.echo(f"wrote {one_line(whose)}'s copy of session {session.id} to "
               f"{one_line(str(out))} ({size / 1024:.1f} KiB, {kind}; small enough to paste "
               "into the call's chat)")
    if plain:
        click.echo(f"sessionkit: warning: {one_line(str(out))} is not encrypted: anyone who "
                   "gets it can read the session", err=True)


def _prompt(text: str) -> str:
    return str(click.prompt(text, hide_input=True, err=True))


def _new_passphrase(pass_file: Path | None) -> str:
    """The pair's passphrase for a new hand-off: from the file, or typed twice."""
    import sys

    from sessionkit.askpass import PassphraseError, check_new, from_file

    if pass_file is not None:
        phrase = from_file(pass_file)
        check_new(phrase)
        return phrase
    if not sys.stdin.isatty():
        raise PassphraseError("a hand-off needs the pair's passphrase: give "
                              "--passphrase-file FILE (owner-only) or run it in a terminal")
    first = _prompt("Passphrase for the hand-off (agree it with your partner)")
    check_new(first)
    if _prompt("The same passphrase again") != first:
        raise PassphraseError("the two passphrases differ; nothing was written")
    return first


def import_handoff(ctx: click.Context, file: Path, pass_file: Path | None) -> None:
    """`sessionkit import FILE` for a hand-off: merged by session id (see exports.handoff)."""
    import sys

    from sessionkit.askpass import PassphraseError, from_file
    from sessionkit.cli.base import _open_store, _restore_target, say
    from sessionkit.exports.handoff import merge, read_handoff
    from sessionkit.plain import one_line
    from sessionkit.timefmt import local

    def ask() -> str:
        if pass_file is not None:
            return from_file(pass_file)
        if not sys.stdin.isatty():
            raise PassphraseError(f"{file} is an encrypted hand-off: give --passphrase-file "
                                  "FILE (owner-only) or run it in a terminal")
        return _prompt("Passphrase of the hand-off")

    created = _restore_target(ctx)  # the partner's first hand-off starts theirs
    data, copy = read_handoff(file, ask)  # whole and checked before the database opens
    store = _open_store(ctx, may_create=True)
    try:
        merged = merge(store.get(copy.id), copy, str(data["made_at"]))
        if merged.outcome != "unchanged":
            store.save(merged.session)
            store.backup_after_change()
    finally:
        store.close()
    if merged.outcome != "unchanged":
        _refresh_index(store)
    s = merged.session
    pair = " & ".join(dict.fromkeys(n for r in s.rounds for n in (r.coach, r.client)))
    what = (f"session {s.id} of {local(s.started_at, '%a %d %b %Y')} ({one_line(pair)}, "
            f"{len(s.rounds)} round{'s' * (len(s.rounds) != 1)})")
    if merged.outcome == "added":
        click.echo(f"added {what} from the hand-off")
    elif merged.outcome == "updated":
        kept = f"; kept your {merged.kept_private} private note(s)" if merged.kept_private else ""
        click.echo(f"updated {what} from a newer hand-off{kept}")
    else:
        click.echo(f"unchanged: you already have this copy of {what}")
    if created:
        say(f"created a new database: {store.path}")


def looks_like_handoff(file: Path) -> bool:
    """The file starts like a hand-off (read: its first bytes only; anything else, even an
    unreadable file, goes to the JSON import and its own messages)."""
    import os

    from sessionkit.exports.handoff import is_handoff
    from sessionkit.regular import NotRegular, open_regular

    try:
        fd = open_regular(file, 2**62)  # never a FIFO's endless wait; any size, to say so
    except (OSError, NotRegular):
        return False
    with os.fdopen(fd, "rb") as handle:
        return is_handoff(handle.read(128))


def _refresh_index(store: SessionStore) -> None:
    from sessionkit.cli.base import _refresh_index as refresh

    refresh(store)


COMMANDS = [schedule, handoff]


def register(main: click.Group, guard: Any) -> None:
    """Add the commands to `main`, each run through `guard` (one-line errors, exit codes)."""
    for command in COMMANDS:
        assert command.callback is not None
        command.callback = guard(command.callback)
        main.add_command(command)


__all__ = ["COMMANDS", "import_handoff", "looks_like_handoff", "register"]
