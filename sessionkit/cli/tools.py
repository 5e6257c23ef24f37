"""`sessionkit models`, `demo` and `audio`: the catalogue, the sample data, the sound check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sessionkit.cli.base import _catalog, _guard, _need_terminal, _plain, _run_app, _settings
from sessionkit.cli.root import main


@main.command()
@_guard
def models() -> None:
    """List the session models available, one a line."""
    for key, model in sorted(_catalog().models.items()):
        click.echo(f"{key}\t{model.name}: {model.description}")


@main.command()
@click.option(
    "--listen", is_flag=True,
    help="Start a live session that listens to a bundled one-minute demo call.",
)
@click.pass_context
@_guard
def demo(ctx: click.Context, listen: bool) -> None:
    """Open the app on a throwaway database filled with sample sessions."""
    import tempfile

    from sessionkit.demo import fill_demo

    options: dict[str, Any] = {}
    if listen:
        from sessionkit.listen.spec import ListenSpec, demo_call

        spec = ListenSpec(replay=demo_call())
        spec.check()
        options = {"listen": spec, "start": {"coach": "Ana", "client": "Ben", "minutes": 45,
                                             "model": "grow", "swap": False}}
    _need_terminal(" ".join(ctx.command_path.split()[1:]).strip())
    with tempfile.TemporaryDirectory(prefix="sessionkit-demo-") as tmp:
        ctx.obj["db"] = Path(tmp) / "demo.json"
        from sessionkit.store.store import SessionStore

        store = SessionStore.open(ctx.obj["db"])
        fill_demo(store)
        store.close()
        click.echo(_plain(f"sessionkit demo: throwaway data in {tmp} (deleted on quit)"),
                   err=True)
        _run_app(ctx, demo=tmp, **options)


@main.command()
@click.option("--mic", metavar="DEV", default=None, help="The microphone (a name or part of one).")
@click.option(
    "--call", metavar="DEV", default=None, help="The loopback/monitor source the call plays into."
)
@click.option(
    "--seconds", type=click.FloatRange(0, 120), default=10.0, show_default=True,
    help="How long to show levels.",
)
@_guard
def audio(mic: str | None, call: str | None, seconds: float) -> None:
    """Devices, levels and set-up help for listening (`start --listen`).

    Lists inputs and loopback/monitor sources, says which two listening would use and why,
    then shows levels and speech per channel. Audio is processed in memory, never written
    anywhere, never leaves the process: only who spoke when is kept.
    """
    from sessionkit.listen.check import check

    settings = _settings()
    check(mic or settings.listen_mic, call or settings.listen_call, seconds, click.echo)
