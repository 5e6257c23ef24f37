"""Tick boxes read the same without colour: a ticked box and an empty one draw different glyphs."""

from __future__ import annotations

from textual.app import App, ComposeResult

from screens.widgets.ticks import TICKED, UNTICKED, TickBox, TickList


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Swap roles", id="box")
        yield TickList[str](("Confidentiality agreed", "a", True), ("Expectations", "b", False),
                            id="list")


def _line(widget, y: int) -> str:  # noqa: ANN001
    return widget.render_line(y).text


async def test_a_checkbox_draws_a_tick_only_when_ticked() -> None:
    app = Boxes()
    async with app.run_test(size=(60, 10)) as pilot:
        box = app.query_one("#box", TickBox)
        assert UNTICKED in str(box.render()) and TICKED not in str(box.render())
        box.value = True
        await pilot.pause()
        assert TICKED in str(box.render()) and "X" not in str(box.render())


async def test_a_selection_list_draws_a_tick_only_on_ticked_rows() -> None:
    app = Boxes()
    async with app.run_test(size=(60, 10)) as pilot:
        ticks = app.query_one("#list", TickList)
        assert _line(ticks, 0).startswith(f"▐{TICKED}▌ Confidentiality")
        assert _line(ticks, 1).startswith(f"▐{UNTICKED}▌ Expectations")
        ticks.select("b")
        await pilot.pause()
        assert _line(ticks, 1).startswith(f"▐{TICKED}▌")
