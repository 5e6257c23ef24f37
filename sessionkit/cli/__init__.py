"""The `sessionkit` command (click), one module per command. The composition root: the only
core package that may import `screens`, and only inside the functions that launch the app.

`main` is the entry point (`sessionkit.cli:main`); importing this package registers every
command on it."""

from __future__ import annotations

from sessionkit.cli import crypt, peers
from sessionkit.cli import export as _export
from sessionkit.cli import forget as _forget
from sessionkit.cli import group as _group
from sessionkit.cli import importing as _importing
from sessionkit.cli import review as _review
from sessionkit.cli import start as _start
from sessionkit.cli import tools as _tools
from sessionkit.cli.base import _guard
from sessionkit.cli.root import main

for _command in (*crypt.COMMANDS,):
    main.add_command(_command)
peers.register(main, _guard)

__all__ = ["main"]
# the modules above register their commands by being imported
del _export, _forget, _group, _importing, _review, _start, _tools
