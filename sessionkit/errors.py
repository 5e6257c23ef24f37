"""Errors the core raises for the user to read: each carries a one-line message."""


class SessionkitError(Exception):
    """Base: str(err) is a one-line message naming the problem and what to do."""


class StoreCorrupted(SessionkitError):
    """The database file is not a valid sessionkit database. It has not been changed.

    `path`, `problem` and `backup` (the newest good backup, or None) let a screen offer recovery.
    """

    def __init__(self, message: str, path: object = None, problem: str = "",
                 backup: object = None) -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem or message
        self.backup = backup


class StoreLocked(SessionkitError):
    """Another sessionkit holds this database."""


class StoreWriteError(SessionkitError):
    """Saving failed (disk full, permissions, I/O). The previous file is intact."""


class StoreReadOnly(SessionkitError):
    """The database was written by a newer sessionkit; it can be read but not changed."""


class ImportInvalid(SessionkitError):
    """An import file was refused whole."""


class UnknownModel(SessionkitError):
    """No session model has that name."""


class DataFileError(SessionkitError):
    """A model, question-bank or settings file is broken (file, line, what is wrong)."""
