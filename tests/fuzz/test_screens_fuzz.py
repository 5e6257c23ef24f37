"""Hypothesis: generated hostile names and texts through every screen (the walk of
tests/ui/hostile_walk.py). One example in CI (each walks every screen, ~12 s);
`SESSIONKIT_FUZZ_SCREENS=8` for a longer run."""

from __future__ import annotations

import asyncio
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from tests.ui.hostile_walk import walk

# Pieces that break terminals or markup, mixed with ordinary letters.
PIECES = st.sampled_from([
    "\x1b", "\x1b]52;c;", "\x1b[2J", "\x1b]8;;", "\x07", "\x00", "\x08", "\r", "\n", "\t", "\x7f",
    "\x9b", "\x85", "\u202e", "\u2066", "\u2028", "[", "]", "[/]", "[@click=app.quit]", "[$error]",
    "[b]", "\\", "$", "=", "@", "😀",
])
TEXT = st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=3)), min_size=1, max_size=8).map(
    "".join
)
NAME = st.tuples(st.text("abcdefghij", min_size=1, max_size=3), TEXT).map("".join)
"""A name: a few letters (so it is never blank) and then anything."""


@settings(
    max_examples=int(os.environ.get("SESSIONKIT_FUZZ_SCREENS", "1")), deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(coach=NAME, client=NAME, text=TEXT)
def test_generated_hostile_text_on_every_screen(
    catalog: ModelCatalog, coach: str, client: str, text: str
) -> None:
    assume(coach.strip().casefold() != client.strip().casefold())
    assume(text.strip() and not text.strip().startswith("!"))
    asyncio.run(walk(FakeClock(), catalog, coach.strip(), client.strip(), text))
