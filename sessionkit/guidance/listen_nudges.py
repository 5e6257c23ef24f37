"""The listening nudges: `Wait for the answer` and `Interrupting` (PRODUCT.md).

Both count events listening hears (live/conversation.py): a coach re-entry (the coach speaks
again after 1 s or more of silence, the client silent in between) and a coach interruption.
`listen_nudge_count` of them within `listen_nudge_minutes` fire the nudge; it shows for
`nudge_show_seconds`. Rate-limited: the events that fired it do not count again, and it does
not fire again within `nudge_repeat_minutes`. Pure: the same times give the same answer, so a
resumed round shows them exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessionkit.config.nudge_labels import INTERRUPTING, WAIT
from sessionkit.config.settings import Settings
from sessionkit.guidance.moment import Moment, Nudge


def fired(times: Sequence[float], s: Settings) -> list[float]:
    """When the nudge fired, for events at `times` (round seconds, in order)."""
    window, repeat = s.listen_nudge_minutes * 60, s.nudge_repeat_minutes * 60
    out: list[float] = []
    since: list[float] = []  # events not yet used by a firing
    for t in sorted(times):
        since = [x for x in since if t - x <= window] + [t]
        if len(since) >= s.listen_nudge_count and (not out or t - out[-1] >= repeat):
            out.append(t)
            since = []
    return out


def _showing(times: Sequence[float], m: Moment, s: Settings) -> bool:
    fires = [t for t in fired(times, s) if t <= m.elapsed]
    return bool(fires) and m.elapsed - fires[-1] < s.nudge_show_seconds


def listening_nudges(m: Moment, s: Settings) -> list[Nudge]:
    talk = m.talk
    n, minutes = s.listen_nudge_count, f"{s.listen_nudge_minutes:g} min"
    out = []
    if _showing(talk.reentry_times, m, s):
        out.append(Nudge(WAIT, f"you spoke again into the silence {n} times in {minutes}: "
                               "ask once, then let the silence work"))
    if _showing(talk.interruption_times, m, s):
        out.append(Nudge(INTERRUPTING, f"you cut in {n} times in {minutes}: "
                                       "let them finish, then answer"))
    return out
