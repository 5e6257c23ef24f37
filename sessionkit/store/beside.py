"""Files kept beside the database that are not the store's own (no TinyDB needed to name them)."""

from __future__ import annotations

from pathlib import Path


def index_path(path: Path) -> Path:
    """The review's summary index beside the database (sessionkit.review.index_file)."""
    return path.with_name(path.stem + ".index")


def drop_index(path: Path) -> None:
    """A rewritten database drops its summary index: it must not outlive what it summarised
    (after `forget`, say). The review rebuilds it."""
    try:
        index_path(path).unlink()
    except OSError:
        pass
