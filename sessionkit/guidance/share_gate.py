"""The coach-share nudges a coach keeps trusting: warm-up, hysteresis and a rate limit.

The raw reading (`share_state`) says whether the coach's recent share is outside the band. Shown
as it is, it flickers at the band's edge and nags in the contracting opening. The gate adds:

* **warm-up**: nothing before `share_warmup_minutes` of talk (half a short round), in
  `share_state` itself;
* **hysteresis**: once showing, a share nudge clears only when the share is back inside the band
  by `share_clear_margin` (high: below `coach_share_high - margin`; low: above
  `coach_share_low + margin`);
* **rate limit**: a nudge that cleared shows again only `nudge_repeat_minutes` later.

One gate per round (the guide resets it on a role switch). `update()` may be called any number of
times at the same moment: it gives the same answer.
"""

from __future__ import annotations

from sessionkit.config.settings import Settings
from sessionkit.guidance.moment import Moment
from sessionkit.guidance.nudges import share_state


class ShareGate:
    """Which share nudge shows now ("high", "low" or None), remembering when each cleared."""

    def __init__(self) -> None:
        self.showing: str | None = None
        self.cleared_at: dict[str, float] = {}  # state -> round second it last cleared

    def reset(self) -> None:
        self.showing = None
        self.cleared_at.clear()

    def _still(self, state: str, share: float | None, s: Settings) -> bool:
        if share is None:
            return False
        if state == "high":
            return share > s.coach_share_high - s.share_clear_margin
        return share < s.coach_share_low + s.share_clear_margin

    def update(self, m: Moment, s: Settings) -> str | None:
        now = m.elapsed
        if self.showing and not self._still(self.showing, m.talk.recent_coach_share, s):
            self.cleared_at[self.showing] = now
            self.showing = None
        if self.showing is None:
            raw = share_state(m.talk, m.planned, s)
            cleared = self.cleared_at.get(raw) if raw else None
            if raw and (cleared is None or now - cleared >= s.nudge_repeat_minutes * 60):
                self.showing = raw
        return self.showing
