"""The `sessionkit` command (click). The composition root: the only core module that may
import `screens`, and only inside the commands that launch the app."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sessionkit import __version__, paths
from sessionkit.errors import SessionkitError
from sessionkit.live.start import MINUTES as START_MINUTES
from sessionkit.live.start import start_checks

if TYPE_CHECKING:
    from sessionkit.clock import Clock
    from sessionkit.store.source import SessionSource
    from sessionkit.store.store import SessionStore

EXIT_USER = 1
EXIT_USAGE = 2


def say(message: str) -> None:
    """One line on stderr, as plain text: a path or name holding `ESC ] 52` cannot reach the
    terminal raw (sessionkit.plain)."""
    from sessionkit.plain import one_line

    click.echo(f"sessionkit: {' '.join(one_line(message).split())}", err=True)


def _plain(text: str) -> str:
    """A line for stdout/stderr with any path or name in it as plain text."""
    from sessionkit.plain import one_line

    return one_line(text)


def fail(message: str, code: int = EXIT_USER) -> None:
    """One line on stderr, then exit non-zero. Never a traceback for a user error."""
    say(message)
    sys.exit(code)


SCREENLESS = ("without a terminal use `sessionkit export` to read sessions "
              "or `sessionkit import FILE` to add them")


def _need_terminal(what: str) -> None:
    """A screen command without a terminal stops at once (Textual would spin on a closed input
    for ever): one line saying so and what to use instead."""
    if not _interactive():
        command = " ".join(("sessionkit", what)).strip()
        fail(f"`{command}` needs a terminal (input or output is not one); {SCREENLESS}")


def _check_db(ctx: click.Context, may_create: bool) -> None:
    """A database path that leads nowhere is one line naming it, before anything is written:
    a symlink whose target is missing (an unmounted drive) always; a missing file for every
    command that only reads or changes what is there (`may_create`: start, home)."""
    from sessionkit.store.backups import newest_good

    db = _db(ctx)
    if db.is_symlink() and not db.exists():
        import os

        backup = newest_good(db)
        newest = f"newest backup: {backup.describe()}" if backup else "no backup beside it"
        target = os.path.realpath(db)
        why = ("a link that cannot be followed (a loop)" if os.path.lexists(target)
               else "missing (an unmounted drive?)")
        fail(f"{db} links to {target}, which is {why}; nothing was written; {newest}")
    if may_create or db.exists() or db.is_symlink():
        return
    if newest_good(db) is not None:
        return  # the store names the backup to restore (opening.load)
    fail(f"no database: {db} does not exist; nothing was written or created (check --db or "
         f"{paths.DB_ENV})")


def _known_names(store: Any) -> list[str]:
    """Everyone in the database: coaches, clients and group members."""
    names: list[str] = []
    for doc in store.docs():
        for rnd in doc.get("rounds") or ():
            if isinstance(rnd, dict):
                names.extend(str(rnd.get(k) or "") for k in ("coach", "client"))
    try:
        from sessionkit.store.groups import raw_groups

        for group in raw_groups(store):
            names.extend(str(m) for m in group.get("members") or () if isinstance(m, str))
    except (AttributeError, TypeError):
        pass
    return [n for n in names if n.strip()]


def _need_person(option: str, person: str, names: list[str]) -> None:
    """`--person`/`--coach` naming nobody is an error (never an empty export or screen)."""
    from sessionkit.names import closest, name_key
    from sessionkit.plain import one_line

    wanted = name_key(person)
    if any(name_key(n) == wanted for n in names):
        return
    near = closest(person, names)
    hint = f" (did you mean {one_line(near)!r}?)" if near else ""
    fail(f"{option} {one_line(person.strip())!r}: no session with that name{hint}; "
         "nothing was written")


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SessionkitError as err:
            fail(str(err))
        except BrokenPipeError:  # `sessionkit export | head`: the reader left, nothing to say
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_USER)
        except OSError as err:
            fail(f"{err.filename or ''}: {err.strerror or err}".lstrip(": "))

    return wrapper


def _db(ctx: click.Context) -> Path:
    return Path(ctx.obj["db"])


def _open_store(ctx: click.Context, readonly: bool = False,
                may_create: bool = False) -> SessionStore:
    import gc

    from sessionkit.cli_crypt import unlock
    from sessionkit.store import SessionStore

    _check_db(ctx, may_create)
    unlock(ctx)  # an encrypted database: its passphrase first (file, screen or prompt)

    store = SessionStore.open(_db(ctx), readonly=readonly)
    for notice in store.notices:
        say(notice)
    # The loaded database lives as long as the command. Without this, every full collection
    # rescans all its objects: ~0.3 s pauses at 10,000 sessions (bench/review_bench.py).
    gc.freeze()
    return store


def _catalog() -> Any:
    from sessionkit.config.catalog import ModelCatalog

    cat = ModelCatalog.load()
    for problem in cat.problems:
        say(f"skipped a broken model file: {problem}")
    return cat


def _settings() -> Any:
    """The user's settings; a bad value is reported in one line and its default used."""
    from sessionkit.config.settings import load_settings_lenient

    settings, problems = load_settings_lenient()
    for problem in problems:
        say(f"using the default for a bad setting: {problem}")
    return settings


def _run_app(
    ctx: click.Context, settings: Any = None, catalog: Any = None, may_create: bool = True,
    **options: Any
) -> None:
    from sessionkit.cli_crypt import unlock

    _need_terminal(" ".join(ctx.command_path.split()[1:]).strip())
    _check_db(ctx, may_create)
    unlock(ctx, screen=True)  # before anything else: home, live, review, recovery
    settings = settings or _settings()
    catalog = catalog or _catalog()
    store = _open_store(ctx, may_create=may_create)
    if store.readonly and ("start" in options or "group" in options):
        store.close()  # before the call starts, not when the feedback cannot be saved
        fail(f"{_db(ctx)} opened read-only (see above): a live session could not be saved; "
             "nothing was started")
    if "coach" in options and options.get("review"):
        _need_person("--coach", options["coach"], _known_names(store))
    app = None
    try:
        from screens.app import make_app

        app = make_app(store=store, catalog=catalog, settings=settings, **options)
        failed = _run(app)
    finally:
        seen = len(store.notices)
        store.close()  # a failed fold keeps the change log: nothing lost, but say so
        for notice in [*getattr(app, "bank_problems", []), *store.notices[seen:]]:
            say(notice)
        _refresh_index(store)
    _after_app(_db(ctx), failed or getattr(app, "crash", None),
               getattr(app, "return_code", 0) or 0)


def _run(app: Any) -> BaseException | None:
    """Run the app; an error that escapes Textual itself (its driver failing to start, say) is
    returned, so it is told like any crash: exit 1, one line, the crash log."""
    try:
        app.run()
    except (SessionkitError, KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # noqa: BLE001 - told in one line, the traceback in the log
        return err
    return None


def _refresh_index(store: SessionSource) -> None:
    """Keep the review's summary index current for the next start (rebuilt only if stale):
    after the app and after every command that writes (import, forget), from the data the
    closed store still holds."""
    if getattr(store, "opened", True):
        from sessionkit.review.source import refresh

        refresh(store, __version__)


def _run_review(ctx: click.Context, person: str | None) -> None:
    """The review opens on the summary index beside the database, so its first rows show without
    parsing the database (which opens when a session is opened, or the index is stale)."""
    from sessionkit.cli_crypt import unlock
    from sessionkit.review.source import IndexedHistory
    from sessionkit.store.lazy import LazyStore

    _need_terminal(" ".join(ctx.command_path.split()[1:]).strip())
    _check_db(ctx, may_create=False)
    unlock(ctx, screen=True)
    store: Any = LazyStore.hold(_db(ctx))  # Any: make_app's Services still says SessionStore
    app = None
    try:
        history = IndexedHistory(store, _db(ctx), __version__)
        head = history.head()
        if head is None:  # stale: open now, so a damaged file is reported as always
            for notice in store.store().notices:
                say(notice)
        if person is not None:
            _need_person("--person", person,
                         list(head.people) if head is not None else _known_names(store))
        from screens.app import make_app
        from sessionkit.config.catalog import ModelCatalog

        # the review needs no session models and no settings: neither is loaded
        app = make_app(store=store, catalog=ModelCatalog(), review=True, person=person,
                       history=history)
        failed = _run(app)
    finally:
        store.close()
        _refresh_index(store)
    _after_app(_db(ctx), failed or getattr(app, "crash", None),
               getattr(app, "return_code", 0) or 0)


CRASH_LOG = "sessionkit-crash.log"


def _after_app(db: Path, crash: BaseException | None, code: int) -> None:
    """A crashed app exits non-zero with one line (the traceback goes to a log beside the
    database); a stop signal exits with its code (128 + signal)."""
    if crash is not None:
        from sessionkit.plain import one_line

        where = _crash_log(db, crash)
        fail(
            f"the app stopped on an unexpected error ({type(crash).__name__}: "
            f"{one_line(str(crash))[:200]}); {where}. "
            "An unfinished session is offered for resuming at the next start."
        )
    if code:
        sys.exit(code)


def _crash_log(db: Path, crash: BaseException, clock: Clock | None = None) -> str:
    """Append the traceback to the crash log (owner-only), stamped in UTC; say where it went."""
    import traceback

    from sessionkit.clock import SystemClock
    from sessionkit.store.crashlog import append

    text = "".join(traceback.format_exception(crash))
    details = getattr(crash, "details", None)  # the app's own account (the input thread's)
    if isinstance(details, str):
        text += details
    stamp = (clock or SystemClock()).now().isoformat()
    try:  # sealed for an encrypted database: a traceback can quote a note
        path = append(db, f"--- {stamp} sessionkit {__version__}\n{text}")
    except OSError:
        return "the details could not be written down"
    return f"details in {path}"


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


def _home(ctx: click.Context) -> None:
    """The home screen; on a damaged database, first the recovery screen (in a terminal)."""
    from sessionkit.errors import StoreCorrupted

    try:
        _run_app(ctx)
    except StoreCorrupted as err:
        if not _interactive() or not _recovered(ctx, err):
            raise
        _run_app(ctx)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _recovered(ctx: click.Context, err: Any) -> bool:
    """Run the recovery screen; True once the database was restored or salvaged."""
    from screens.recovery import RecoveryApp
    from sessionkit.clock import SystemClock
    from sessionkit.store.recovery import Damage

    app = RecoveryApp(Damage.of(err, _db(ctx)), SystemClock())
    result = app.run()
    _after_app(_db(ctx), app.crash, app.return_code or 0)
    return result is not None


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


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--passphrase-file", "pass_file", type=click.Path(path_type=Path), default=None,
              help="For a hand-off: the pair's passphrase from an owner-only file (first line).")
@click.pass_context
@_guard
def import_cmd(ctx: click.Context, file: Path, pass_file: Path | None) -> None:
    """Import a JSON file written by `sessionkit export --format json`, or a partner's
    hand-off (`sessionkit handoff`), merged by session id."""
    from sessionkit.cli_peers import import_handoff, looks_like_handoff

    if looks_like_handoff(file):
        import_handoff(ctx, file, pass_file)
        return
    from sessionkit.exports.transfer import read_import_all
    from sessionkit.store.groups import raw_groups, save_groups

    sessions, groups = read_import_all(file)  # validated whole before the database is touched
    store = _open_store(ctx, may_create=True)  # restoring a backup fills a new database
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


@main.command()
@click.option("--person", required=True, metavar="NAME",
              help="The name, matched like `--person` elsewhere "
              "(any case, surrounding blanks ignored).")
@click.option("--yes", is_flag=True, help="Erase without asking.")
@click.option("--keep-others", is_flag=True,
              help="Keep the other people's rounds of those sessions (their coaching hours, "
              "their outcomes as a client); NAME becomes 'former partner' in them.")
@click.pass_context
@_guard
def forget(ctx: click.Context, person: str, yes: bool, keep_others: bool) -> None:
    """Erase everything about a person, for good.

    Every session NAME takes part in (coach or client, any round) leaves the database, the
    change log, the live journals and every backup. It asks first, naming how many sessions
    go; --yes skips that (and is needed when not run in a terminal). Refused while a
    sessionkit is open on the database. With no session to erase it says so and exits 1.
    Other people's sessions that only mention NAME in their text are kept, and listed.
    It says what goes for the other people in those sessions (a peer's own rounds: hours as
    coach, outcomes as a client); --keep-others keeps those, NAME as 'former partner'.
    """
    from sessionkit.plain import one_line
    from sessionkit.store.forget import forget as erase
    from sessionkit.store.forget import leftovers, plan, similar

    name = one_line(person).strip()
    if not name:
        fail("--person needs a name", EXIT_USAGE)
    if not _db(ctx).exists() and not (_db(ctx).parent / "backups").is_dir():
        fail(f"no sessions with {name!r}: there is no database at {_db(ctx)}")
    store = _open_store(ctx)
    try:
        found = plan(store, person)
        if not found.found:
            close = similar(store, person)
            hint = f" (did you mean {one_line(close)!r}?)" if close else ""
            fail(f"no sessions with {name!r}{hint}; nothing was changed")
        groups = (f" and {name} from {len(found.groups)} group meeting(s) (the cases {name} "
                  "gave go; elsewhere 'former member')") if found.groups else ""
        what = (f"{len(found.sessions)} session(s) with {name}{groups} from the database, the "
                f"journals and {len(found.backups)} backup(s)")
        found.keep_others = keep_others
        theirs = _others_part(store, person, found.sessions)
        if theirs and keep_others:
            what = (f"{name}'s part of {len(found.sessions)} session(s){groups} from the "
                    f"database, the journals and {len(found.backups)} backup(s), keeping "
                    f"{'; '.join(theirs)} (with {name} as 'former partner', {name}'s own words "
                    "taken out)")
        elif theirs:
            what += (f", and with them {'; '.join(theirs)} (--keep-others keeps those, with "
                     f"{name} as 'former partner')")
        if not yes:
            if not sys.stdin.isatty():
                fail(f"forget would erase {what}; add --yes to do it without a terminal")
            if not click.confirm(f"Erase {what}? This cannot be undone", err=True):
                fail("nothing was changed")
        erase(store, found)
        left = leftovers(store, person)
    finally:
        store.close()
    _refresh_index(store)  # the old index named the person: rebuilt without them
    click.echo(_plain(f"forgot {name}: erased {what}"))
    if found.mentions:
        ids = ", ".join(found.mentions[:5]) + (", …" if len(found.mentions) > 5 else "")
        click.echo(f"sessionkit: kept {len(found.mentions)} session(s) of other people that "
                   f"mention {name} in their text: {ids}", err=True)
    if left:
        say(f"{name} still appears in: {', '.join(map(str, left))}")


def _others_part(store: Any, person: str, ids: set[str]) -> list[str]:
    """What erasing the sessions `ids` removes for the other people in them, one text each."""
    from sessionkit.names import name_key
    from sessionkit.store.forget_peers import others

    docs = [d for d in store.raw_sessions() if str(d.get("id")) in ids]
    return [_plain(p.describe()) for p in others(docs, name_key(person))]


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
        from sessionkit.store import SessionStore

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


def _register_encryption() -> None:
    from sessionkit.cli_crypt import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_register_encryption()


def _register_peers() -> None:
    from sessionkit.cli_peers import register

    register(main, _guard)


_register_peers()
