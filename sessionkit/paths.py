"""Where sessionkit keeps its files. Every path comes from here (tests point it at tmp_path)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "sessionkit"
DB_ENV = "SESSIONKIT_DB"
CONFIG_ENV = "SESSIONKIT_CONFIG_DIR"


def default_db_path() -> Path:
    """The database: `SESSIONKIT_DB` if set, else `sessionkit.json` in the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "sessionkit.json"


def config_dir() -> Path:
    """User config: settings.toml and the user's own models/ and banks."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The shipped data files: in the wheel (`sessionkit/_data`) or the source tree (`data/`)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_data"
    if packaged.is_dir():
        return packaged
    return here.parent / "data"


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to a new owner-only file (never over an existing one: FileExistsError),
    flushed to disk before it returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
