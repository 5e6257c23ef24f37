"""TalkChart: one round's talk time as a share bar and a timeline of turns."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from sessionkit.models import TalkStats
from sessionkit.review.charts import timeline

LABEL = 9
GLYPHS = {"client": "█", "coach": "▒", "silence": "·", "": " "}


class TalkChart(Widget):
    """Share bar (client █ / coach ▒) and who talked when, across the round's length."""

    DEFAULT_CSS = """
    TalkChart { height: 3; width: 1fr; }
    TalkChart > .talk-chart--coach { color: $coach; }
    TalkChart > .talk-chart--client { color: $client; }
    TalkChart > .talk-chart--silence { color: $text-muted; }
    """
    """Coach and client in the app's colours (`$coach`, `$client`: screens/app.py PALETTE)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "talk-chart--coach", "talk-chart--client", "talk-chart--silence"}

    def __init__(self, talk: TalkStats, seconds: float, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.talk = talk
        self.seconds = seconds

    def render(self) -> Text:
        talk = self.talk
        share = talk.client_share
        if share is None:
            return Text("No talk time recorded for this round.", style="italic")
        width = max(10, self.size.width - LABEL - 24)
        client_cells = round(width * share)
        out = Text()
        out.append("share".ljust(LABEL), style="bold")
        paint = {who: self.get_component_rich_style(f"talk-chart--{who}", partial=True)
                 for who in ("coach", "client", "silence")}
        out.append("█" * client_cells, style=paint["client"])
        out.append("▒" * (width - client_cells), style=paint["coach"])
        out.append(f"  client {share:.0%} · coach {1 - share:.0%}\n")
        out.append("turns".ljust(LABEL), style="bold")
        total = max(self.seconds, max((s.start + s.seconds for s in talk.segments), default=0))
        for who in timeline(talk.segments, width, total or None):
            out.append(GLYPHS.get(who, " "), style=paint.get(who, ""))
        out.append(f"  {talk.turns} turns\n")
        end = f"{round(total / 60)}'"
        legend = "█ client  ▒ coach  · silence"
        middle = width - 2 - len(end)
        legend = legend.center(middle) if middle >= len(legend) + 2 else " " * max(0, middle)
        out.append(" " * LABEL + "0'" + legend + end, style=paint["silence"])
        return out
