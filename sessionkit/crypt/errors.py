"""What can go wrong reading an encrypted file, each with a one-line message for a person.

Damage is never reported as a wrong passphrase: the header carries its own checksum and the
data key is authenticated on its own, so "the passphrase did not open the key" is only said
when the header is intact and the key does not unwrap.
"""

from __future__ import annotations

from sessionkit.errors import SessionkitError


class CryptError(SessionkitError):
    """Base: str(err) is one line naming the problem (no path: the caller adds it)."""


class WrongPassphrase(CryptError):
    """The header is intact but the passphrase does not unwrap its data key."""

    def __init__(self, message: str = "wrong passphrase: it does not open this file's key") -> None:
        super().__init__(message)


class DamagedHeader(CryptError):
    """The header cannot be trusted (checksum, marker, impossible parameters, foreign header)."""


class DamagedBody(CryptError):
    """One or more parts of the body fail authentication; `parts` are 1-based part numbers
    (empty when bytes were appended after the end), `total` how many parts the file has."""

    def __init__(self, message: str, parts: tuple[int, ...] = (), total: int = 0) -> None:
        super().__init__(message)
        self.parts = parts
        self.total = total


class Truncated(CryptError):
    """The file is shorter than its header says (cut by a crash, a copy, a full disk)."""


class NewerFormat(CryptError):
    """The file was written by a newer sessionkit (a format version this one does not know)."""
