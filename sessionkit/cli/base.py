"""What every command shares: one-line errors, the database checks, opening the store,
running the app and telling a crash. The only core module that imports `screens` (inside
the functions that launch the app)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sessionkit import __version__, paths
from sessionkit.errors import SessionkitError

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


def _restore_target(ctx: click.Context) -> bool:
    """May `import` fill the database? Yes: restoring a backup on a new laptop, or a partner's
    first hand-off, starts one (checked as for start and home: never through a link to a
    missing drive). Returns whether it is new, so the command says where it was created and
    a mistyped `--db` is seen at once rather than found empty later."""
    db = _db(ctx)
    if db.exists() or db.is_symlink():
        _check_db(ctx, may_create=False)
        return False
    _check_db(ctx, may_create=True)
    return True


def _known_names(store: SessionSource) -> list[str]:
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

    from sessionkit.cli.crypt import unlock
    from sessionkit.store.store import SessionStore

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
    from sessionkit.cli.crypt import unlock
    from sessionkit.gcpause import until_shown

    _need_terminal(" ".join(ctx.command_path.split()[1:]).strip())
    _check_db(ctx, may_create)
    unlock(ctx, screen=True)  # before anything else: home, live, review, recovery
    with until_shown():  # no cycle collection before the first frame (the app says when)
        _launch(ctx, settings, catalog, may_create, options)


def _launch(ctx: click.Context, settings: Any, catalog: Any, may_create: bool,
            options: dict[str, Any]) -> None:
    """`_run_app` once the database is unlocked: the settings, models and store, then the app."""
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
    from sessionkit.cli.crypt import unlock
    from sessionkit.review.source import IndexedHistory
    from sessionkit.store.lazy import LazyStore

    _need_terminal(" ".join(ctx.command_path.split()[1:]).strip())
    _check_db(ctx, may_create=False)
    unlock(ctx, screen=True)
    store = LazyStore.hold(_db(ctx))
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
