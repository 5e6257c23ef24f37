"""`no_gc()`: pause Python's cycle collector while building many small acyclic objects.

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
