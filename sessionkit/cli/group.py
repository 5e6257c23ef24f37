"""`sessionkit group`: intervision meetings (methods, start)."""

from __future__ import annotations

import click

from sessionkit.cli.base import EXIT_USAGE, _guard, _run_app, fail, say
from sessionkit.cli.root import main
from sessionkit.errors import SessionkitError


@main.group(name="group")
def group_cmd() -> None:
    """Intervision groups: 3-8 peers, one case per round, rotating roles."""


@group_cmd.command(name="methods")
@_guard
def group_methods() -> None:
    """List the intervision methods available (shipped and your own), one a line."""
    from sessionkit.group.methods import MethodCatalog

    methods = MethodCatalog.load()
    for problem in methods.problems:
        say(f"skipped a broken method file: {problem}")
    for key, method in sorted(methods.methods.items()):
        click.echo(f"{key}\t{method.name} ({method.minutes} min): {method.description}")


@group_cmd.command(name="start")
@click.option("--members", required=True, metavar='"A,B,C"',
              help="3 to 8 names, comma-separated; keys 1-8 follow this order.")
@click.option("--method", default=None, help="resource (default), tietze, incident, balint, "
              "troika, free, or one of your own (<config>/methods).")
@click.option("--minutes", type=int, default=None, help="Minutes per round (1-240; default: "
              "the method's).")
@click.option("--case-giver", "case_giver", default=None, metavar="NAME",
              help="Who brings the first case.")
@click.option("--case", "case", default=None, metavar="TITLE",
              help="The first case's title; with --case-giver the live round opens at once.")
@click.pass_context
@_guard
def group_start(ctx: click.Context, members: str, method: str | None, minutes: int | None,
                case_giver: str | None, case: str | None) -> None:
    """Start an intervision meeting: casting first, or with --case-giver and --case the live
    round at once. An unfinished meeting is offered for resuming first."""
    from sessionkit.group.methods import MethodCatalog
    from sessionkit.group.start import plan_start

    methods = MethodCatalog.load()
    for problem in methods.problems:
        say(f"skipped a broken method file: {problem}")
    try:
        plan = plan_start(members, methods, method, minutes, case_giver, case)
    except SessionkitError as err:
        fail(str(err), EXIT_USAGE)
    _run_app(ctx, group={"plan": plan, "methods": methods})
