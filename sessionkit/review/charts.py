"""Numbers behind the review's talk chart (the widget only draws them)."""

from __future__ import annotations

from collections.abc import Sequence

from sessionkit.models import Segment

SPEAKERS = ("coach", "client", "silence")


def timeline(segments: Sequence[Segment], columns: int, total: float | None = None) -> list[str]:
    """Who held each of `columns` equal slices of the round: "coach", "client", "silence" or "".

    A slice goes to whoever spoke longest in it ("" when nothing was recorded there).
    `total` is the round length in seconds (default: the end of the last segment).
    """
    if columns <= 0:
        return []
    end = total if total is not None else max((s.start + s.seconds for s in segments), default=0)
    if end <= 0:
        return [""] * columns
    step = end / columns
    held = [dict.fromkeys(SPEAKERS, 0.0) for _ in range(columns)]
    for seg in segments:
        a, b = seg.start, min(seg.start + seg.seconds, end)
        col = int(a // step)
        while a < b and col < columns:
            edge = min(b, (col + 1) * step)
            held[col][seg.who] = held[col].get(seg.who, 0.0) + edge - a
            a, col = edge, col + 1
    out = []
    for slot in held:
        who = max(SPEAKERS, key=lambda k: slot[k])
        out.append(who if slot[who] > 0 else "")
    return out
