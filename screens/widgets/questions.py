"""Questions & reframes pane: the guide's suggestions for this moment, each with why it is shown."""

from __future__ import annotations

from textual.containers import VerticalScroll

from screens.widgets.line import Line
from screens.widgets.safe import escape
from sessionkit.live.session import LiveSnapshot


def suggestions_text(snap: LiveSnapshot) -> str:
    lines = []
    if not snap.suggestions:
        lines.append("[dim]No suggestion right now: listen.[/]")
    for i, s in enumerate(snap.suggestions):
        mark = "↻" if s.kind == "reframe" else "?"
        style = "b" if i == 0 else ""
        text = f"[{style}]{escape(s.text)}[/]" if style else escape(s.text)
        lines.append(f"[$accent]{mark}[/] {text}")
        if s.reason:
            lines.append(f"  [dim]why: {escape(s.reason)}[/]")
    if snap.suggestions:
        lines.append("[dim]u = asked the first one[/]")
    return "\n".join(lines)


class QuestionsPane(VerticalScroll, can_focus=False):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Line(id="aim")
        yield Line(id="suggestions")

    def show(self, snap: LiveSnapshot) -> None:
        aim = f"[dim i]{escape(snap.phase_aim)}[/]" if snap.phase_aim else ""
        self.query_one("#aim", Line).set(aim)
        self.query_one("#suggestions", Line).set(suggestions_text(snap))
