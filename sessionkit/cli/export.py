"""`sessionkit export`: json, md, csv, ics, html, portfolio, and one group meeting."""

from __future__ import annotations

from pathlib import Path

import click

from sessionkit.cli.base import (
    EXIT_USAGE,
    _db,
    _guard,
    _known_names,
    _need_person,
    _open_store,
    _plain,
    fail,
    say,
)
from sessionkit.cli.root import main


@main.command(name="export")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "md", "csv", "ics", "html", "portfolio"]),
    default="json", show_default=True, help="Output format.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path),
    help="File, created owner-only (default: stdout). An existing file is kept unless --force.",
)
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.option("--person", default=None, help="Only sessions with this person (any round).")
@click.option("--since", default=None, help="Only sessions on or after this date (YYYY-MM-DD).")
@click.option(
    "--include-private", is_flag=True,
    help="Include private notes/actions (and, in json, unsaved drafts) in a copy to share.",
)
@click.option("--group", "group_id", default=None, metavar="ID",
              help="One intervision meeting, as Markdown: with --for NAME or --lessons.")
@click.option("--for", "for_name", default=None, metavar="NAME",
              help="With --group: the case summary for the member who gave the case.")
@click.option("--lessons", is_flag=True,
              help="With --group: the group's lessons (the process, no case content).")
@click.pass_context
@_guard
def export_cmd(
    ctx: click.Context, fmt: str, out: Path | None, force: bool, person: str | None,
    since: str | None, include_private: bool, group_id: str | None, for_name: str | None,
    lessons: bool,
) -> None:
    """Export sessions as JSON, Markdown, CSV, ICS, HTML or a coach's portfolio.

    \b
    json without --person: the full backup, re-importable, private notes kept.
    json with --person:    a copy to share with that person.
    md:                    a journal to share.
    csv:                   the coaching log of completed sessions.
    ics:                   the next sessions agreed, for a calendar.
    html:                  a client's own report (needs --person; one file, opens
                           offline in any browser).
    portfolio:             a coach's Markdown portfolio (needs --person; clients
                           anonymised, never notes).
    A copy to share leaves private notes and drafts out unless --include-private.
    """
    from sessionkit.exports.run import export

    if group_id is None and (for_name or lessons):
        fail("--for and --lessons go with --group ID (one intervision meeting)", EXIT_USAGE)
    if group_id is not None and (fmt != "md" or person or since or include_private):
        fail("--group writes Markdown only: use --format md with --for NAME or --lessons",
             EXIT_USAGE)
    if since is not None:
        from sessionkit.exports.run import parse_since

        parse_since(since)  # a bad date is said before the database is looked for
    store = _open_store(ctx, readonly=True)
    try:
        if person is not None and person.strip():
            _need_person("--person", person, _known_names(store))
        if group_id is not None:
            from sessionkit.exports.group_run import export_group

            count = export_group(store, group_id, for_name, lessons, out, force)
        else:
            count = export(store, fmt, out, person=person, since=since,
                           include_private=include_private, force=force, notice=say)
    finally:
        store.close()
    if out is not None:
        click.echo(_plain(f"wrote {count} {'meeting' if group_id else 'session'}(s) to {out}"),
                   err=True)
    if _encrypted(ctx):
        say(f"note: the export {'in ' + str(out) if out else 'written'} is "
            "not encrypted (the database is); keep it somewhere safe")


def _encrypted(ctx: click.Context) -> bool:
    from sessionkit.store.sealing import key_for

    return key_for(_db(ctx)) is not None
