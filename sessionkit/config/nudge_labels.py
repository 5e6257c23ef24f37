"""The nudge vocabulary, in one place: the labels PRODUCT.md fixes (a contract: exports, the
coach's own view and `muted_nudges` settings name them), grouped by kind.

Everything that names a nudge imports it from here: the rules that raise them
(`guidance/nudges.py`, `guidance/listen_nudges.py`), the settings that mute them, the live
session that records a time cue once per round, the evidence that leaves time cues out.
"""

from __future__ import annotations

MONOLOGUE = "Monologue"
SHARE_HIGH = "Coach share high"
SHARE_LOW = "Coach share low"
MECHANICAL = "Mechanical pattern"
HALF_TIME = "Half-time check"
NEXT_STEPS = "Next steps"
EVALUATE = "Evaluate"
OVER_TIME = "Over time"
WAIT = "Wait for the answer"
INTERRUPTING = "Interrupting"

TALK = (MONOLOGUE, SHARE_HIGH, SHARE_LOW, MECHANICAL)
"""About how the talk goes: they show while their condition holds."""
TIME_CUES = (HALF_TIME, NEXT_STEPS, EVALUATE, OVER_TIME)
"""About round time: recorded at most once per round; not behaviour (evidence leaves them out)."""
LISTENING = (WAIT, INTERRUPTING)
"""Counted from what listening hears, only while it is on."""
NUDGE_LABELS = TALK + TIME_CUES + LISTENING
"""Every label, in the order PRODUCT.md lists them."""
