"""The client report's scale chart: start → end (0-10) of each session over time, as inline SVG.

No script and no style attributes: the shapes carry classes that the report's stylesheet colours
(light, dark and print alike). Every point has a `<title>`, which browsers show on hover and
screen readers read; the same numbers are in the text of each session as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 26, 10, 10, 24


@dataclass(frozen=True)
class ScalePoint:
    """One round: when, a short date label, and the 0-10 scale at its start and end."""

    ts: float
    label: str
    start: int | None
    end: int | None


def _y(value: int) -> float:
    return TOP + (10 - value) / 10 * (HEIGHT - TOP - BOTTOM)


def _xs(points: Sequence[ScalePoint]) -> list[float]:
    """Positions in proportion to time (a lone point, or all on one day, sit in the middle)."""
    low, high = min(p.ts for p in points), max(p.ts for p in points)
    span = WIDTH - LEFT - RIGHT
    if high <= low:
        return [LEFT + span / 2] * len(points)
    return [LEFT + (p.ts - low) / (high - low) * span for p in points]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _circle(kind: str, x: float, value: int, title: str) -> str:
    return (f'<circle class="{kind}" cx="{_num(x)}" cy="{_num(_y(value))}" r="3.5">'
            f"<title>{escape(title)}</title></circle>")


def scale_svg(points: Sequence[ScalePoint]) -> str:
    """The chart as one `<svg>` element ("" when no round has a scale)."""
    points = [p for p in points if p.start is not None or p.end is not None]
    if not points:
        return ""
    xs = _xs(points)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">How far you were from your outcome, 0 to 10, at the start '
        "(hollow) and at the end (filled) of each session</title>",
    ]
    for value in (0, 5, 10):
        y = _num(_y(value))
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y}" dy="3.5" '
                     f'text-anchor="end">{value}</text>')
    ends = [(x, p.end) for x, p in zip(xs, points, strict=True) if p.end is not None]
    if len(ends) > 1:
        line = " ".join(f"{_num(x)},{_num(_y(v))}" for x, v in ends)
        parts.append(f'<polyline class="trend" points="{line}"/>')
    for x, p in zip(xs, points, strict=True):
        if p.start is not None and p.end is not None:
            kind = "rise" if p.end >= p.start else "fall"
            parts.append(f'<line class="{kind}" x1="{_num(x)}" y1="{_num(_y(p.start))}" '
                         f'x2="{_num(x)}" y2="{_num(_y(p.end))}"/>')
        if p.start is not None:
            parts.append(_circle("start", x, p.start, f"{p.label}: {p.start} at the start"))
        if p.end is not None:
            parts.append(_circle("end", x, p.end, f"{p.label}: {p.end} at the end"))
    baseline = HEIGHT - 6
    parts.append(f'<text class="axis" x="{LEFT}" y="{baseline}">{escape(points[0].label)}</text>')
    if len(points) > 1:
        parts.append(f'<text class="axis" x="{WIDTH - RIGHT}" y="{baseline}" '
                     f'text-anchor="end">{escape(points[-1].label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def legend() -> str:
    """What the dots mean, under the chart: an open dot is the start, a filled one the end."""
    def dot(kind: str) -> str:
        return (f'<svg class="chart-key" viewBox="0 0 10 10" width="10" height="10" '
                f'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
                f'<circle class="{kind}" cx="5" cy="5" r="3.5"/></svg>')

    return (f'<p class="legend muted">{dot("start")} open dot: the scale at the start · '
            f'{dot("end")} filled dot: at the end · 0 to 10, how close to your outcome</p>')
