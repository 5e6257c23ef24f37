"""`sessionkit review`: past sessions, or one coach over time."""

from __future__ import annotations

import click

from sessionkit.cli.base import EXIT_USAGE, _guard, _run_app, _run_review, fail
from sessionkit.cli.root import main


@main.command()
@click.option("--person", default=None, help="Open on this person's sessions.")
@click.option("--coach", default=None, help="Open on this person's own view as coach.")
@click.pass_context
@_guard
def review(ctx: click.Context, person: str | None, coach: str | None) -> None:
    """Review past sessions, actions and partnerships (or, with --coach, one coach over time)."""
    if person and coach:
        fail("use --person or --coach, not both", EXIT_USAGE)
    if coach is not None and not coach.strip():
        fail("--coach needs a name", EXIT_USAGE)
    if coach:
        _run_app(ctx, may_create=False, review=True, coach=coach.strip())
    else:
        _run_review(ctx, person)
