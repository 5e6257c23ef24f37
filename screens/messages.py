"""Messages shared between screens (past tense: something happened)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SessionSaved(Message):
    """A live session was committed to the store (status completed)."""

    session_id: str
    summary: str


@dataclass
class SaveFailed(Message):
    """A journal or store write failed (None: writing works again)."""

    error: str | None
