"""`sessionkit encrypt | decrypt | passphrase`, and unlocking an encrypted database before any
command uses it. Part of the composition root (`sessionkit.cli` registers these commands); the
unlock screen is imported only inside the function that runs it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sessionkit.askpass import PassphraseError, ask_new, check_new, from_file
from sessionkit.plain import one_line

if TYPE_CHECKING:
    from sessionkit.store.store import SessionStore

NO_TERMINAL = ("{db} is encrypted: give its passphrase with --passphrase-file FILE (owner-only, "
               "first line) or run sessionkit in a terminal")


def _db(ctx: click.Context) -> Path:
    return Path(ctx.obj["db"])


def _prompt(text: str) -> str:
    return str(click.prompt(text, hide_input=True, err=True))


def _has_terminal() -> bool:
    return sys.stdin.isatty()


def unlock(ctx: click.Context, screen: bool = False) -> None:
    """Unlock the database if it is encrypted (once per process): from --passphrase-file, the
    unlock screen (`screen`, for the app's commands) or a hidden prompt. Raises
    SessionkitError (a wrong passphrase in a file, no terminal); a quit unlock screen exits 0."""
    from sessionkit.crypt.errors import WrongPassphrase
    from sessionkit.store import remembered
    from sessionkit.store.sealing import encrypted, key_for, remember
    from sessionkit.store.sealing import unlock as derive

    db = _db(ctx)
    if key_for(db) is not None or not encrypted(db):
        return
    kept = remembered.load(db)  # "remember on this computer" (OS keyring), when chosen
    if kept is not None:
        remember(db, kept)
        return
    file = ctx.obj.get("passphrase_file")
    if file is not None:
        try:
            derive(db, from_file(file))
        except WrongPassphrase:
            raise PassphraseError(f"the passphrase in {file} does not open {db}") from None
        return
    if not _has_terminal():
        raise PassphraseError(NO_TERMINAL.format(db=db))
    if screen and sys.stdout.isatty():
        from screens.unlock import UnlockApp

        app = UnlockApp(db, offer_keep=remembered.available)  # probed while the screen shows
        result = app.run()
        if result is None:
            from sessionkit.cli.base import _after_app

            _after_app(db, app.crash, app.return_code or 0)
            sys.exit(0)  # the user quit: nothing was opened
        key = key_for(db)
        if result == "keep" and key is not None and not remembered.keep(db, key):
            click.echo("sessionkit: could not keep the key in the OS keyring; the passphrase "
                       "is asked next time", err=True)
        return
    for _ in range(3):
        try:
            derive(db, _prompt(f"Passphrase for {db.name}"))
            return
        except WrongPassphrase:
            click.echo("sessionkit: wrong passphrase", err=True)
    raise PassphraseError(f"three wrong passphrases for {db}; nothing was opened")


def _new_passphrase(ctx: click.Context, option: str) -> str:
    file = ctx.obj.get(option)
    if file is not None:
        new = from_file(file)
        check_new(new)
        return new
    if not _has_terminal():
        flag = "--" + option.replace("_", "-")
        raise PassphraseError(f"a new passphrase is needed: give it with {flag} FILE "
                              "(owner-only, first line) or run this in a terminal")
    return ask_new(_prompt)


def _store(ctx: click.Context, may_create: bool = False) -> SessionStore:
    from sessionkit.cli.base import _open_store

    store = _open_store(ctx, may_create=may_create)
    if store.readonly:
        store.close()
        raise PassphraseError(f"{_db(ctx)} opened read-only (written by a newer sessionkit); "
                              "nothing was changed")
    if store.unfolded:
        store.fold()
    return store


def _count_files(db: Path) -> int:
    from sessionkit.store.convert import _line_files, _whole_files

    return len(_whole_files(db)) + len(_line_files(db))


@click.command()
@click.pass_context
def encrypt(ctx: click.Context) -> None:
    """Encrypt the database and every file sessionkit keeps beside it with a new passphrase.

    Asks for the passphrase twice (or reads it from --passphrase-file). Converts backups,
    journals, change log and crash log one file at a time, the database last; an interrupted
    run is finished at the next start. There is no way back in without the passphrase.
    """
    from sessionkit.cli.base import _guard
    from sessionkit.store.convert import encrypt as convert
    from sessionkit.store.sealing import encrypted

    def run() -> None:
        from sessionkit.cli.base import _check_db

        db = _db(ctx)
        _check_db(ctx, may_create=True)  # a new database may be encrypted before its first use
        if encrypted(db):
            raise PassphraseError(f"{db} is already encrypted; change its passphrase with "
                                  "`sessionkit passphrase`")
        passphrase = _new_passphrase(ctx, "passphrase_file")
        store = _store(ctx, may_create=True)
        try:
            convert(db, passphrase)
        finally:
            store.close()
        click.echo(one_line(f"encrypted {db} and {_count_files(db)} file(s) beside it. Keep "
                            "the passphrase safe: without it the notes cannot be recovered."),
                   err=True)

    _guard(run)()


@click.command()
@click.option("--yes", is_flag=True, help="Decrypt without asking.")
@click.pass_context
def decrypt(ctx: click.Context, yes: bool) -> None:
    """Write the database and every file beside it back unencrypted (asks first)."""
    from sessionkit.cli.base import _guard
    from sessionkit.store.convert import decrypt as convert
    from sessionkit.store.sealing import encrypted

    def run() -> None:
        from sessionkit.cli.base import _check_db

        db = _db(ctx)
        _check_db(ctx, may_create=False)
        if not encrypted(db):
            raise PassphraseError(f"{db} is not encrypted; nothing was changed")
        unlock(ctx)
        if not yes:
            if not _has_terminal():
                raise PassphraseError("decrypt would write every note unencrypted; add --yes "
                                      "to do it without a terminal")
            if not click.confirm(f"Write {db} and its backups and journals unencrypted? "
                                 "Anyone who can read these files can then read the notes",
                                 err=True):
                raise PassphraseError("nothing was changed")
        store = _store(ctx)
        try:
            convert(db)
        finally:
            store.close()
        from sessionkit.store import remembered

        remembered.drop(db)
        click.echo(one_line(f"decrypted {db} and the files beside it"), err=True)

    _guard(run)()


@click.command()
@click.pass_context
def passphrase(ctx: click.Context) -> None:
    """Change the passphrase (the data key is rewrapped; nothing is re-encrypted).

    The current one from --passphrase-file or the terminal, the new one from
    --new-passphrase-file or typed twice. Copies of the files made before keep the old one.
    """
    from sessionkit.cli.base import _guard
    from sessionkit.store.convert import change_passphrase
    from sessionkit.store.sealing import encrypted

    def run() -> None:
        from sessionkit.cli.base import _check_db

        db = _db(ctx)
        _check_db(ctx, may_create=False)
        if not encrypted(db):
            raise PassphraseError(f"{db} is not encrypted; use `sessionkit encrypt`")
        unlock(ctx)
        new = _new_passphrase(ctx, "new_passphrase_file")
        store = _store(ctx)
        try:
            change_passphrase(db, new)
        finally:
            store.close()
        click.echo(one_line(f"changed the passphrase of {db}"), err=True)

    _guard(run)()


COMMANDS = [encrypt, decrypt, passphrase]
