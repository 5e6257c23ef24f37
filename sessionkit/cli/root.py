"""The `sessionkit` group: the options every command shares; no command opens home."""

from __future__ import annotations

from pathlib import Path

import click

from sessionkit import __version__, paths
from sessionkit.cli.base import _guard, _home


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(path_type=Path),  # not a file (a folder, a FIFO): the store says so
    envvar=paths.DB_ENV,
    default=None,
    help="Database file (default: sessionkit.json in your user data folder; env SESSIONKIT_DB).",
)
@click.option(
    "--passphrase-file", type=click.Path(path_type=Path), default=None, metavar="FILE",
    help="An encrypted database's passphrase: the first line of FILE (owner-only; for scripts).",
)
@click.option(
    "--new-passphrase-file", type=click.Path(path_type=Path), default=None, metavar="FILE",
    help="For `passphrase`: the new passphrase, the first line of FILE (owner-only).",
)
@click.version_option(__version__, "--version", prog_name="sessionkit")
@click.pass_context
def main(ctx: click.Context, db: Path | None, passphrase_file: Path | None,
         new_passphrase_file: Path | None) -> None:
    """sessionkit: a companion for live one-to-one and peer coaching sessions.

    Run without a command to open the home screen.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db or paths.default_db_path()
    ctx.obj["passphrase_file"] = passphrase_file
    ctx.obj["new_passphrase_file"] = new_passphrase_file
    if ctx.invoked_subcommand is None:
        _guard(_home)(ctx)
