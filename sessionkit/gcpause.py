"""`no_gc()`: pause Python's cycle collector while building many small acyclic objects;
`until_shown()`: pause it while an app starts, until its first frame is shown.

JSON makes no cycles, and at 10,000 sessions each automatic full collection rescans millions of
fresh objects: pausing it halves (de)serialising and made the review's index build ~3x faster
(bench/review_bench.py). Used by the store, the summary index file and the history index.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """The collector off inside the block, back as it was after it (also on an error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_paused_until_shown = False


@contextmanager
def until_shown() -> Iterator[None]:
    """Around starting an app: the collector off until `shown()` says the first frame is on the
    screen, or until the block ends (an error, the app never drawn), whichever comes first.

    Before its first frame the app builds ~40,000 objects that live as long as it does (Textual's
    modules, the stylesheet, the screen's widgets): ~150 collections scan them and free next to
    nothing, ~15 ms of `sessionkit start` (bench/live_screen.py). After the first frame the
    collector runs as usual and frees the little startup left behind."""
    global _paused_until_shown
    pause = gc.isenabled() and not _paused_until_shown
    if pause:
        gc.disable()
        _paused_until_shown = True
    try:
        yield
    finally:
        if pause:
            shown()


def shown() -> None:
    """The app's first frame is on the screen: the collector runs again if `until_shown` paused
    it (otherwise nothing changes: tests build apps without it)."""
    global _paused_until_shown
    if _paused_until_shown:
        _paused_until_shown = False
        gc.enable()
