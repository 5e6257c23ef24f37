"""Reading a file that must be a regular file: checked before the first byte is read.

A FIFO where a file is expected blocks a read for ever, `/dev/zero` never ends, and a device can
do anything. `read_regular` opens without blocking, checks what it opened (not a path a moment
earlier), refuses anything but a regular file or one larger than the cap, and reads at most the
cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MIB = 1024 * 1024


class NotRegular(ValueError):
    """The path is not a regular file, or larger than allowed: a one-line reason."""


def kind(mode: int) -> str:
    """What a file of `mode` is, for a message."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def open_regular(path: Path, cap: int) -> int:
    """A read-only descriptor of the regular file at `path` (at most `cap` bytes). Raises
    NotRegular, or OSError (FileNotFoundError, PermissionError) from the open itself."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"it is {kind(info.st_mode)}, not a regular file")
        if info.st_size > cap:
            raise NotRegular(f"it is {info.st_size / MIB:,.0f} MiB, more than the "
                             f"{cap / MIB:,.0f} MiB allowed")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of the regular file at `path`, at most `cap` of them (see `open_regular`)."""
    fd = open_regular(path, cap)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:  # it grew since the check
        raise NotRegular(f"it is more than the {cap / MIB:,.0f} MiB allowed")
    return data
