"""Hostile names and texts through every screen: plain text, never markup or raw control codes."""

from __future__ import annotations

import pytest

from tests.ui.hostile_walk import walk

NASTY = [  # markup in names and texts; then terminal escapes (OSC 52, clear, OSC 8, CSI, bidi)
    ("[/]Oli", "[@click=app.quit]Ned[/]", "[b]bold?[/b] [$error]x[/] [B]y[/B] \\"),
    ("\x1b]52;c;aGVsbG8=\x07Eve\u202e", "\x1b[2JZoe\x00\x7f",
     "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x9b31m line\none\ttab\r\x08"),
]


@pytest.mark.parametrize(("coach", "client", "text"), NASTY)
async def test_every_screen_shows_hostile_text_as_plain_text(fake, catalog, coach, client,
                                                             text) -> None:
    await walk(fake, catalog, coach, client, text)
