"""RowTable: a virtual table that renders only the rows on screen (Line API).

Textual's DataTable measures every cell when rows are added: 10,000 rows took ~4 s on the
reference machine, and again on every filter. RowTable keeps the caller's list of items and
formats a row only when it is drawn, so setting 10,000 rows costs nothing and a filter is a
list swap. The header line stays put; the cursor row is highlighted; `enter` selects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sessionkit.plain import one_line

Cell = str | tuple[str, str]
"""Cell text, or (text, tone) such as ("72%", "share-good"): a tone is one of TONES, coloured
by the table's CSS (`RowTable > .rowtable--share-good`), never a colour written in Python."""

TONES = ("share-good", "share-fair", "share-low", "done", "muted", "overdue")


@dataclass(frozen=True)
class Column:
    label: str
    width: int = 10
    right: bool = False
    flex: bool = False
    """A flex column takes the width the fixed ones leave (at least `width`)."""
    drop: int = 0
    """Where the flex columns would get less than FLEX_ROOM beyond their widths, droppable
    columns go, the highest `drop` first (0: always shown): at 80 columns the outcome matters
    more than the model's name."""
    want: int = 0
    """A flex column's part of the spare width, in proportion (default 1: equal parts)."""


FLEX_ROOM = 16
"""Spare characters the flex columns should have together before a droppable column goes."""


SHORTER = "\x1f"
"""Between a cell's forms, longest first: the first that fits the column is shown (else the
last, cut): `f"Dev 84% · Chloe 80%{SHORTER}Dev 84% · Chl 80%"`."""


def _fit(text: str, width: int, right: bool) -> str:
    forms = text.split(SHORTER)
    text = next((f for f in forms if len(one_line(f)) <= width), forms[-1])
    text = one_line(text)  # user text: control characters shown, never sent to the terminal
    if len(text) > width:
        text = text[: max(0, width - 1)] + "…" if width > 0 else ""
    return text.rjust(width) if right else text.ljust(width)


class RowTable(ScrollView, can_focus=True):
    """A list of items shown as rows; `format_row(item)` gives the cells of one row."""

    DEFAULT_CSS = """
    RowTable { height: 1fr; overflow-x: hidden; }
    RowTable > .rowtable--header { text-style: bold; color: $text-accent; }
    RowTable > .rowtable--cursor { background: $surface-lighten-2; }
    RowTable:focus > .rowtable--cursor { background: $block-cursor-background;
                                         color: $block-cursor-foreground; }
    RowTable > .rowtable--empty { color: $text-muted; text-style: italic; }
    RowTable > .rowtable--share-good { color: $share-good; }
    RowTable > .rowtable--share-fair { color: $warning; }
    RowTable > .rowtable--share-low { color: $share-low; }
    RowTable > .rowtable--done { color: $client; }
    RowTable > .rowtable--muted { color: $text-muted; }
    RowTable > .rowtable--overdue { color: $error; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowtable--header", "rowtable--cursor", "rowtable--empty",
        *(f"rowtable--{tone}" for tone in TONES),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open"),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
    ]


    class Selected(Message):
        """`enter` (or a second click) on a row."""

        def __init__(self, table: RowTable, index: int, item: Any) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.item = item

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        format_row: Callable[[Any], Sequence[Cell]],
        empty: str = "Nothing to show.",
        *,
        id: str | None = None,  # noqa: A002 - Textual's name
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.format_row = format_row
        self.empty = empty
        self.items: Sequence[Any] = []
        self.cursor = 0
        """Index of the highlighted item."""
        self._cache: dict[int, Sequence[Cell]] = {}
        self._styles: dict[str, Style] = {}

    # -- data ------------------------------------------------------------------------------
    def set_items(self, items: Sequence[Any], keep: Any = None) -> None:
        """Show `items`; the cursor goes to `keep` if it is among them, else to the top."""
        self.items = items
        self._cache.clear()
        index = 0
        if keep is not None:
            index = next((i for i, item in enumerate(items) if item == keep), 0)
        self.virtual_size = Size(self.size.width, len(items) + 1)
        self.set_cursor(index)
        self.refresh()

    @property
    def current(self) -> Any:
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    # -- cursor ----------------------------------------------------------------------------
    def set_cursor(self, index: int) -> None:
        """Highlight row `index` (clamped) and scroll so it shows below the fixed header."""
        self.cursor = max(0, min(index, len(self.items) - 1))
        rows = max(1, self.size.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.set_cursor(self.cursor + direction * max(1, self.size.height - 2))

    def action_move_to(self, index: int) -> None:
        self.set_cursor(index if index >= 0 else len(self.items) - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.cursor, self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.items):
            if index == self.cursor or event.chain > 1:
                self.set_cursor(index)
                self.action_select()
            else:
                self.set_cursor(index)

    # -- rendering -------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.items) + 1)
        self._cache.clear()

    def _widths(self, total: int) -> list[int | None]:
        """Each column's width (None: dropped to leave the flex columns room)."""
        shown = list(range(len(self.columns)))
        droppable = sorted((c.drop, i) for i, c in enumerate(self.columns) if c.drop)
        flex = [i for i, c in enumerate(self.columns) if c.flex]
        while True:
            spare = total - sum(self.columns[i].width for i in shown) - (len(shown) - 1)
            if not droppable or spare >= FLEX_ROOM:
                break
            shown.remove(droppable.pop()[1])
        widths: list[int | None] = [c.width if i in shown else None
                                    for i, c in enumerate(self.columns)]
        weights = [self.columns[i].want or 1 for i in flex]
        for n, i in enumerate(flex):  # the spare in proportion to what each wants
            widths[i] = self.columns[i].width + max(0, spare) * weights[n] // sum(weights)
        return widths

    def _style(self, tone: str) -> Style:
        """The tone's style from the CSS (read once per tone until the theme changes)."""
        if tone not in self._styles:
            full = self.get_component_rich_style(f"rowtable--{tone}") if tone else Style()
            # its colour only: the row's own background (the cursor's) stays
            self._styles[tone] = Style(color=full.color, bold=full.bold, italic=full.italic)
        return self._styles[tone]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()  # a new theme: the tones' colours again

    def _line(self, cells: Sequence[Cell], base: Style, width: int) -> Strip:
        segments: list[Segment] = []
        for i, (col, w) in enumerate(zip(self.columns, self._widths(width), strict=False)):
            if w is None:
                continue
            cell = cells[i]
            text, style = (cell, "") if isinstance(cell, str) else cell
            if segments:
                segments.append(Segment(" ", base))
            segments.append(Segment(_fit(str(text), w, col.right), base + self._style(style)))
        return Strip(segments).adjust_cell_length(width, base)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("rowtable--header")
            return self._line([c.label for c in self.columns], header, width)
        index = int(self.scroll_y) + y - 1
        if not self.items and y == 1:
            empty = base + self.get_component_rich_style("rowtable--empty")
            return Strip([Segment(_fit(self.empty, width, False), empty)])
        if not 0 <= index < len(self.items):
            return Strip.blank(width, base)
        if index not in self._cache:
            self._cache[index] = self.format_row(self.items[index])
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("rowtable--cursor")
        return self._line(self._cache[index], style, width)
