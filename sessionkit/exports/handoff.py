"""A hand-off: one session's shared copy for the partner's laptop (`sessionkit handoff`).

What goes in: the session as `Session.to_dict()` writes it, less every private note, the draft
being typed and what only listening recorded (the audio spans: large, and the coach's own), in
`{"handoff": 1, "schema": SCHEMA, "for": NAME, "made_at": ISO, "session": {...}}`, compressed.
Encrypted (the default) it is sealed with the passphrase the pair agrees on, in the very format
and key derivation of the encrypted database (`sessionkit.crypt`: Argon2id, AES-GCM, chunked and
authenticated), then armoured as base64 text between two marker lines, so it can be pasted into
a call's chat. `--plain` armours the compressed JSON with a SHA-256 of it instead (a cut or
edited file is still refused, but anyone can read it).

Reading (`read_handoff`) refuses in one line, before anything is imported: a file over
`MAX_BYTES`, a cut or altered file, a wrong passphrase, another format or schema version.
Merging (`merge`) is by session id: the same copy twice changes nothing, a newer copy replaces
the shared parts, and the receiver's own private notes on that session stay.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessionkit.errors import SessionkitError
from sessionkit.models import SCHEMA, Note, Session
from sessionkit.names import name_key

FORMAT = 1
"""The hand-off's own format version (inside the armour)."""
MAX_BYTES = 4 * 1024 * 1024
"""A hand-off holds one session (a few KiB); a file larger than this is not one."""
BEGIN, END = "-----BEGIN SESSIONKIT HANDOFF-----", "-----END SESSIONKIT HANDOFF-----"
BEGIN_PLAIN = "-----BEGIN SESSIONKIT HANDOFF (NOT ENCRYPTED)-----"
END_PLAIN = "-----END SESSIONKIT HANDOFF (NOT ENCRYPTED)-----"
WIDTH = 76


class HandoffError(SessionkitError):
    """A hand-off refused whole: one line naming the problem; nothing was imported."""


def shared_copy(session: Session) -> dict[str, Any]:
    """The session as the partner may see it: no private notes, no draft, no audio spans."""
    doc = session.to_dict()
    doc.pop("draft", None)
    doc.pop("handed_at", None)
    for rnd in doc["rounds"]:
        rnd["notes"] = [n for n in rnd["notes"] if not n.get("private")]
        rnd["talk"].pop("heard", None)
        rnd["talk"].pop("listened", None)
    return doc


def build(session: Session, to: str, made_at: str) -> bytes:
    """The plain payload (compressed JSON) for `to`. Raises HandoffError when `to` is not in
    the session or the session is not finished."""
    people = {name_key(r.coach): r.coach for r in session.rounds} | {
        name_key(r.client): r.client for r in session.rounds}
    if name_key(to) not in people:
        names = ", ".join(people.values()) or "nobody"
        raise HandoffError(f"{to!r} is not in session {session.id} ({names}); nothing written")
    if session.status != "completed":
        raise HandoffError(f"session {session.id} is not finished; hand it off once its "
                           "feedback is saved")
    body = {"handoff": FORMAT, "schema": SCHEMA, "for": people[name_key(to)],
            "made_at": made_at, "session": shared_copy(session)}
    return zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":"))
                         .encode("utf-8"), 9)


def _armour(blob: bytes, begin: str, end: str) -> str:
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i:i + WIDTH] for i in range(0, len(text), WIDTH)]
    return "\n".join([begin, *lines, end]) + "\n"


def write_text(payload: bytes, passphrase: str | None, kdf: Any = None) -> str:
    """The file's text: sealed under `passphrase`, or (None) plain with its checksum."""
    if passphrase is None:
        return _armour(hashlib.sha256(payload).digest() + payload, BEGIN_PLAIN, END_PLAIN)
    from sessionkit.crypt.sealed import seal

    return _armour(seal(payload, passphrase, kdf=kdf), BEGIN, END)


def is_handoff(raw: bytes) -> bool:
    """The file starts like a hand-off (either kind)."""
    head = raw.lstrip()[:len(BEGIN_PLAIN)]
    return head.startswith((BEGIN.encode(), BEGIN_PLAIN.encode()))


def encrypted(raw: bytes) -> bool:
    return raw.lstrip().startswith(BEGIN.encode())


def _unarmour(raw: bytes) -> tuple[bytes, bool]:
    try:
        lines = raw.decode("ascii").strip().splitlines()
    except UnicodeDecodeError:
        raise HandoffError("altered: a hand-off is plain ASCII text") from None
    lines = [line.strip() for line in lines if line.strip()]
    sealed = bool(lines) and lines[0] == BEGIN
    if not lines or lines[0] not in (BEGIN, BEGIN_PLAIN):
        raise HandoffError("not a sessionkit hand-off")
    if lines[-1] != (END if sealed else END_PLAIN):
        raise HandoffError("cut short: its last line is missing (copy the whole text, from "
                           "BEGIN to END)")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True), sealed
    except (binascii.Error, ValueError):
        raise HandoffError("altered: its text is not what sessionkit wrote") from None


def read_handoff(path: Path, passphrase: Callable[[], str]) -> tuple[dict[str, Any], Session]:
    """The hand-off at `path`: its header fields and its session, validated. `passphrase` is
    asked only for an encrypted one. Raises HandoffError (one line)."""
    from sessionkit.crypt.errors import CryptError, Truncated, WrongPassphrase
    from sessionkit.regular import NotRegular, read_regular

    try:
        raw = read_regular(path, MAX_BYTES)
    except NotRegular as err:
        raise HandoffError(f"{err}: not a hand-off (one is a few KiB)") from None
    except OSError as err:
        raise HandoffError(f"cannot read it ({err.strerror or err})") from None
    blob, sealed = _unarmour(raw)
    if sealed:
        from sessionkit.crypt.sealed import unseal

        try:
            payload = unseal(blob, passphrase())
        except WrongPassphrase:
            raise HandoffError("wrong passphrase: it does not open this hand-off") from None
        except Truncated:
            raise HandoffError("cut short: part of it is missing") from None
        except CryptError as err:
            raise HandoffError(f"altered or damaged: {err}") from None
    else:
        digest, payload = blob[:32], blob[32:]
        if len(blob) < 33 or hashlib.sha256(payload).digest() != digest:
            raise HandoffError("altered or cut: its checksum does not match")
    return _parse(payload)


def _parse(payload: bytes) -> tuple[dict[str, Any], Session]:
    try:
        inflate = zlib.decompressobj()
        raw = inflate.decompress(payload, 64 * MAX_BYTES)
        if inflate.unconsumed_tail:
            raise HandoffError("too large once unpacked: not a hand-off")
        data = json.loads(raw)
    except (zlib.error, ValueError):
        raise HandoffError("altered: its contents are not a hand-off") from None
    if not isinstance(data, dict) or not isinstance(data.get("session"), dict):
        raise HandoffError("altered: its contents are not a hand-off")
    if data.get("handoff") != FORMAT:
        raise HandoffError(f"hand-off format {data.get('handoff')!r}: this sessionkit reads "
                           f"format {FORMAT}")
    if data.get("schema") != SCHEMA:
        raise HandoffError(f"written for database schema {data.get('schema')!r}; this "
                           f"sessionkit's is {SCHEMA}: both laptops need the same version")
    try:
        session = Session.from_dict(data["session"], "hand-off.session")
    except ValueError as err:
        raise HandoffError(f"altered: {err}") from None
    if any(n.private for r in session.rounds for n in r.notes):
        raise HandoffError("altered: a hand-off never holds private notes")
    return data, session


@dataclass(frozen=True)
class Merged:
    """What importing a hand-off did: "added", "updated" or "unchanged", and the session."""

    outcome: str
    session: Session
    kept_private: int = 0


def merge(existing: Session | None, copy: Session, made_at: str) -> Merged:
    """The receiver's record after taking `copy` (made at `made_at`): new, unchanged (the
    same or an older copy), or the copy's shared parts with the receiver's private notes and
    draft kept."""
    copy.handed_at = made_at
    if existing is None:
        return Merged("added", copy)
    if existing.handed_at is not None and made_at < existing.handed_at:
        return Merged("unchanged", existing)  # an older copy than the one kept
    if shared_copy(existing) == shared_copy(copy):
        return Merged("unchanged", existing)
    kept = 0
    ids = {n.id for r in copy.rounds for n in r.notes}
    for i, rnd in enumerate(existing.rounds):
        own: list[Note] = [n for n in rnd.notes if n.private and n.id not in ids]
        if own and copy.rounds:
            copy.rounds[min(i, len(copy.rounds) - 1)].notes.extend(own)
            kept += len(own)
    copy.draft, copy.draft_kind = existing.draft, existing.draft_kind
    return Merged("updated", copy, kept)
