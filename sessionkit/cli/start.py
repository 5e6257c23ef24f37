"""`sessionkit start`: a one-to-one or peer session, straight to the live screen."""

from __future__ import annotations

from typing import Any

import click

from sessionkit.cli.base import EXIT_USAGE, _catalog, _guard, _run_app, _settings, fail
from sessionkit.cli.root import main
from sessionkit.errors import SessionkitError
from sessionkit.live.start import MINUTES as START_MINUTES
from sessionkit.live.start import start_checks


@main.command()
@click.option("--coach", required=True, help="Who coaches the first round.")
@click.option("--client", required=True, help="Who is coached in the first round.")
@click.option(
    "--minutes", type=click.IntRange(*START_MINUTES), default=None,
    help="Planned minutes per round.  [default: 45; settings.toml: default_minutes]",
)
@click.option("--model", "model", default=None, help="Session model (see `sessionkit models`)."
              "  [default: grow; settings.toml: default_model]")
@click.option("--swap", is_flag=True, help="The pair plans to swap roles (two rounds).")
@click.option(
    "--programme", type=int, default=None, metavar="N",
    help="The partnership's plan: N sessions in all (session n of N; 1-100). Later sessions "
    "of the pair inherit it.  [default: the pair's last]",
)
@click.option(
    "--cadence", type=int, default=None, metavar="DAYS",
    help="The partnership's plan: a session every DAYS days (1-365). Later sessions of the "
    "pair inherit it.  [default: the pair's last]",
)
@click.option(
    "--checklist", is_flag=True,
    help="Show the start-of-partnership checklist again (it shows by itself only for a new "
    "pair, and is agreed once).",
)
@click.option(
    "--listen", is_flag=True,
    help="Track talk from the audio: your mic is the coach, the call's audio the client "
    '(needs pip install "sessionkit[audio]"; see `sessionkit audio`).',
)
@click.option(
    "--listen-from", "listen_from", metavar="MIC.wav,CALL.wav", default=None,
    help="Like --listen, but replay two recordings in real time (WAV: PCM, float or "
    "A/u-law, up to 32 channels, 8-384 kHz; resampled to 16 kHz mono; quote a path "
    'holding a comma: "a,b.wav",c.wav).',
)
@click.pass_context
@_guard
def start(
    ctx: click.Context, coach: str, client: str, minutes: int | None, model: str | None,
    swap: bool, programme: int | None, cadence: int | None, checklist: bool,
    listen: bool, listen_from: str | None,
) -> None:
    """Start a session and go straight to the live screen."""
    from sessionkit.live.start import CADENCE, PROGRAMME

    try:
        coach, client = start_checks(coach, client, minutes)
    except SessionkitError as err:
        fail(str(err), EXIT_USAGE)
    for flag, value, (low, high), unit in (("--programme", programme, PROGRAMME, "sessions"),
                                           ("--cadence", cadence, CADENCE, "days")):
        if value is not None and not low <= value <= high:
            fail(f"{flag} {value}: a number of {unit} from {low} to {high}", EXIT_USAGE)
    settings = _settings()
    catalog = _catalog()
    # unknown model: a clear error before any screen opens; a name (T-GROW) gives its key
    key = catalog.get(model or settings.default_model).key
    spec = _listen_spec(settings, listen, listen_from)
    _run_app(
        ctx,
        settings,
        catalog,
        start={
            "coach": coach,
            "client": client,
            "minutes": minutes or settings.default_minutes,
            "model": key,
            "swap": swap,
            **({"programme": programme} if programme is not None else {}),
            **({"cadence": cadence} if cadence is not None else {}),
            **({"checklist": True} if checklist else {}),
        },
        **({"listen": spec} if spec else {}),
    )


def _listen_spec(settings: Any, listen: bool, listen_from: str | None) -> Any:
    """The listening asked for, checked before any screen opens (None: keys only)."""
    if listen and listen_from:
        fail("use --listen or --listen-from, not both", EXIT_USAGE)
    if not listen and not listen_from:
        return None
    from sessionkit.listen.spec import ListenSpec
    from sessionkit.listen.wav import parse_pair

    if listen_from:
        spec = ListenSpec(replay=parse_pair(listen_from))
    else:
        spec = ListenSpec(mic=settings.listen_mic, call=settings.listen_call)
    spec.check()
    return spec
