"""Questions & reframes pane: the guide's suggestions for this moment, each with why it is shown,
under the phase's aim. `u` (in the pane's subtitle) marks the first one as asked."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content

from screens.widgets.line import Line
from sessionkit.live.session import LiveSnapshot
from sessionkit.plain import one_line, plain


def suggestions_text(snap: LiveSnapshot, mark: Any = "", muted: Any = "") -> Content:
    if not snap.suggestions:
        return Content.assemble(("No suggestion right now: listen.", muted))
    parts: list[Any] = []
    for i, s in enumerate(snap.suggestions):
        parts += ["\n" if i else "", ("↻" if s.kind == "reframe" else "?", mark), " ",
                  (plain(s.text, multiline=False), "bold") if i == 0 else plain(s.text)]
        if s.reason:
            parts.append((f"\n  why: {one_line(s.reason)}", muted))
    return Content.assemble(*parts)


class QuestionsPane(VerticalScroll, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"questions--mark", "questions--muted"}

    def compose(self) -> ComposeResult:
        yield Line(id="aim")
        yield Line(id="suggestions")

    def on_mount(self) -> None:
        self.border_title = "Questions & reframes"
        self.border_subtitle = "u = asked the first one"
        self._aim = self.query_one("#aim", Line)
        self._list = self.query_one("#suggestions", Line)

    def show(self, snap: LiveSnapshot) -> None:
        mark = self.get_visual_style("questions--mark", partial=True)
        muted = self.get_visual_style("questions--muted", partial=True)
        self._aim.set(Content.assemble((one_line(snap.phase_aim), muted)))
        self._aim.display = bool(snap.phase_aim)
        self._list.set(suggestions_text(snap, mark, muted))
