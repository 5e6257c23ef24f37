"""The live sessions' journals beside the database, and the unfinished sessions they hold.

Mixed into SessionStore, which provides the saved rows (`_table`, `_ids`, `sessions`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sessionkit.clock import parse_iso
from sessionkit.errors import StoreWriteError
from sessionkit.models import Session
from sessionkit.reader import check_id
from sessionkit.store.journal import Journal, read_last
from sessionkit.store.sealing import key_for
from sessionkit.store.storage import dump_json


class LiveJournals:
    path: Path | None
    _ids: dict[str, int]
    _journals: dict[str, Journal]
    _memory_journals: dict[str, dict[str, Any]]

    def _table(self) -> dict[str, dict[str, Any]]:
        raise NotImplementedError

    def sessions(self) -> Iterator[Session]:
        raise NotImplementedError

    def raw_sessions(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    @property
    def _stem(self) -> str:
        """Journal files carry the database's name: two databases may share a folder."""
        return self.path.stem if self.path else ""

    def journal_dir(self) -> Path | None:
        return self.path.parent / "journal" if self.path else None

    def journal(self, session_id: str) -> Journal:
        """The journal of a live session (the same object for the same id)."""
        folder = self.journal_dir()
        if folder is None:
            return _MemoryJournal(self._memory_journals, session_id)  # type: ignore[return-value]
        if session_id not in self._journals:
            self._journals[session_id] = Journal(inside(folder, f"{self._stem}-live-", session_id),
                                                 key_for(self.path))
        return self._journals[session_id]

    def _journal_records(self) -> list[tuple[Path | None, dict[str, Any]]]:
        folder = self.journal_dir()
        if folder is None:
            return [(None, r) for r in self._memory_journals.values()]
        if not folder.is_dir():
            return []
        files = sorted(folder.glob(f"{self._stem}-live-*.jsonl"))
        key = key_for(self.path)
        return [(p, r) for p in files if (r := read_last(p, key))]

    def live_records(self) -> list[dict[str, Any]]:
        """The last record of every live journal, sessions' and meetings' alike
        (`store.source.GroupSource`)."""
        return [record for _, record in self._journal_records()]

    def _committed(self, record: dict[str, Any]) -> bool:
        """A journal whose session the database already holds as completed is a leftover
        of a crash between the database write and the journal delete."""
        session_id = record.get("id")
        doc_id = self._ids.get(session_id) if isinstance(session_id, str) else None
        if doc_id is None:
            return False
        return self._table().get(str(doc_id), {}).get("status") == "completed"

    def _drop_stale_journals(self) -> None:
        for path, record in self._journal_records():
            if path is not None and self._committed(record):
                path.unlink(missing_ok=True)

    def pending(self) -> list[Session]:
        """Sessions left in journals by a crash: unfinished, waiting to be resumed or kept."""
        out = []
        for _, record in self._journal_records():
            if self._committed(record):
                continue
            try:
                session = Session.from_dict(record)
            except ValueError:
                continue
            session.status = "unfinished"
            out.append(session)
        return out

    def docs(self) -> list[dict[str, Any]]:
        """Saved sessions as stored dicts, each replaced by its journal's copy, then those only
        in a journal (`store.source.SessionSource`)."""
        docs = {d.get("id"): d for d in self.raw_sessions()}
        for session in self.pending():
            docs[session.id] = session.to_dict()
        return list(docs.values())

    def unfinished(self) -> list[Session]:
        """Sessions in a journal, then saved sessions left `unfinished` (`SessionSource`)."""
        out = {s.id: s for s in self.pending()}
        for doc in self.raw_sessions():
            if doc.get("status") == "unfinished" and doc.get("id") not in out:
                try:
                    out[doc["id"]] = Session.from_dict(doc)
                except ValueError:
                    continue
        return list(out.values())

    def all_sessions(self) -> list[Session]:
        """Saved sessions plus those only in a journal (status `unfinished`), oldest first."""
        saved = {s.id: s for s in self.sessions()}
        for s in self.pending():
            saved[s.id] = s
        return sorted(saved.values(), key=lambda s: parse_iso(s.started_at))


def inside(folder: Path, prefix: str, session_id: str) -> Path:
    """The journal file of `session_id` in `folder`, never anywhere else: the id must be an id
    (checked again here, whatever the caller read) and the resolved path must stay in `folder`.
    Raises StoreWriteError (a NOT SAVED the live screen shows) otherwise."""
    try:
        check_id(session_id, "session id")
    except ValueError as err:
        raise StoreWriteError(f"NOT SAVED: {err}; no journal file can be named after it") from None
    path = folder / f"{prefix}{session_id}.jsonl"
    if path.resolve().parent != folder.resolve():
        raise StoreWriteError(f"NOT SAVED: the journal {path} would be outside {folder}")
    return path


class _MemoryJournal:
    def __init__(self, journals: dict[str, dict[str, Any]], session_id: str) -> None:
        self.journals = journals
        self.session_id = session_id

    def append(self, record: dict[str, Any]) -> None:
        dump_json(record)  # the same refusal of NaN/inf as the real journal
        self.journals[self.session_id] = record

    def read_last(self) -> dict[str, Any] | None:
        return self.journals.get(self.session_id)

    def close(self) -> None:
        pass

    def remove(self) -> None:
        self.journals.pop(self.session_id, None)

