"""Where a passphrase comes from: an owner-only file (scripts) or the terminal, never the command
line or the environment (both are visible to other programs: `ps`, /proc/<pid>/environ)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from sessionkit.errors import SessionkitError

MIN_LENGTH = 8


class PassphraseError(SessionkitError):
    """No usable passphrase (a file others can read, an empty line, no terminal)."""


def from_file(path: Path) -> str:
    """The first line of `path` (its line ending dropped). Refused unless it is a regular file
    that only its owner (this user) can read or write."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise PassphraseError(f"cannot read the passphrase file {path} ({err.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise PassphraseError(f"the passphrase file {path} is not a regular file")
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        raise PassphraseError(f"the passphrase file {path} can be read by others (mode "
                              f"{mode:04o}); refused: make it owner-only with chmod 600 {path}")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise PassphraseError(f"the passphrase file {path} belongs to another user; refused")
    try:
        with open(path, "rb") as handle:
            first = handle.readline(4096)
        line = first.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise PassphraseError(f"the passphrase file {path} is not UTF-8 text") from None
    except OSError as err:
        raise PassphraseError(f"cannot read the passphrase file {path} ({err.strerror})") from None
    if not line:
        raise PassphraseError(f"the passphrase file {path} has an empty first line")
    return line


def check_new(passphrase: str) -> None:
    """A new passphrase must be long enough to be worth the encryption."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"a passphrase needs at least {MIN_LENGTH} characters "
                              "(a few words are easiest to remember)")


def ask_new(prompt: Callable[[str], str]) -> str:
    """A new passphrase typed twice (`prompt` reads one hidden line)."""
    first = prompt("New passphrase")
    check_new(first)
    if prompt("The same passphrase again") != first:
        raise PassphraseError("the two passphrases differ; nothing was changed")
    return first
