"""`sessionkit import`: a backup or a partner's hand-off, merged by session id."""

from __future__ import annotations

from pathlib import Path

import click

from sessionkit.cli.base import _guard, _open_store, _refresh_index, _restore_target, say
from sessionkit.cli.root import main


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--passphrase-file", "pass_file", type=click.Path(path_type=Path), default=None,
              help="For a hand-off: the pair's passphrase from an owner-only file (first line).")
@click.pass_context
@_guard
def import_cmd(ctx: click.Context, file: Path, pass_file: Path | None) -> None:
    """Import a JSON file written by `sessionkit export --format json`, or a partner's
    hand-off (`sessionkit handoff`), merged by session id."""
    from sessionkit.cli.peers import import_handoff, looks_like_handoff

    if looks_like_handoff(file):
        import_handoff(ctx, file, pass_file)
        return
    from sessionkit.exports.transfer import read_import_all
    from sessionkit.store.groups import raw_groups, save_groups

    sessions, groups = read_import_all(file)  # validated whole before the database is touched
    created = _restore_target(ctx)  # restoring a backup may fill a new database
    store = _open_store(ctx, may_create=True)
    try:
        existing = {d["id"] for d in store.raw_sessions()}
        new = [s for s in sessions if s.id not in existing]
        known = {d["id"] for d in raw_groups(store)}
        new_groups = [g for g in groups if g.id not in known]
        save_groups(store, new_groups)
        if new:
            store.save_many(new)
            store.backup_after_change()
            if store.backup_error:
                say(f"warning: {store.backup_error}")
    finally:
        store.close()
    _refresh_index(store)  # the first review after an import opens on its rows at once
    skipped = len(sessions) - len(new) + len(groups) - len(new_groups)
    extra = f" ({skipped} already present, left as they were)" if skipped else ""
    meetings = f" and {len(new_groups)} group meeting(s)" if groups else ""
    click.echo(f"imported {len(new)} session(s){meetings}{extra}")
    if created:
        say(f"created a new database: {store.path}")
