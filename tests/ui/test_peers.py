"""Peers first-class (issue 20): each person's own numbers in a swapped session, on the review
list, the partnership card and the HTML report; never one figure averaged over two people."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from rich.console import Console
from textual.widgets import Static

from screens.app import make_app
from screens.partnerships import PartnershipCard, PartnershipsScreen
from screens.review import summary_cells
from screens.widgets.row_table import RowTable
from sessionkit.clock import FakeClock
from sessionkit.exports.html_report import write_html
from sessionkit.models import Round, Session, TalkStats
from sessionkit.store import SessionStore

SIZE = (120, 40)


def swapped(sid: str = "swap0001", day: int = 1) -> Session:
    """Anna coaches Ben (Ben talks 68%), then Ben coaches Anna (Anna talks 37%)."""
    at = f"2026-11-{day:02d}T18:00:00+00:00"
    return Session(
        id=sid, started_at=at, status="completed", swap=True, session_type="peer",
        rounds=[
            Round("Anna", "Ben", at, outcome="Say no to the extra project", scale_start=3,
                  elapsed_seconds=2700, talk=TalkStats(coach_seconds=800, client_seconds=1700),
                  feedback={"scale_end": 6, "most_helpful": "BEN-SAYS: the silence"}),
            Round("Ben", "Anna", at, outcome="Plan the move", scale_start=4,
                  elapsed_seconds=2700, talk=TalkStats(coach_seconds=1575, client_seconds=925),
                  feedback={"scale_end": 7, "coach_worked": "BEN-REFLECTS: fewer questions"}),
        ],
    )


def in_column(cell: str, width: int) -> str:
    """What a review cell shows in a column `width` characters wide."""
    from screens.widgets.row_table import _fit

    return _fit(cell, width, False).rstrip()


def text_of(content: object) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def test_review_row_shows_each_clients_share_and_scale(fake: FakeClock) -> None:
    from sessionkit.review.summary import summarize

    cells = summary_cells(summarize(swapped().to_dict()))
    assert in_column(cells[5][0], 30) == "Ben 68% · Anna 37%"  # not 52%: the two averaged
    assert cells[6] == "3→6·4→7"


def test_long_names_shorten_the_names_never_the_shares() -> None:
    """At 80 columns the cell has 18 characters: names give way, both shares stay whole."""
    from dataclasses import replace

    from screens.review import TALK_WIDTH
    from sessionkit.review.summary import summarize

    long = swapped()
    long.rounds = [replace(long.rounds[0], coach="Maximilian Meyer", client="Benedikt Okafor"),
                   replace(long.rounds[1], coach="Benedikt Okafor", client="Maximilian Meyer")]
    text = summary_cells(summarize(long.to_dict()))[5][0]
    assert in_column(text, 50) == "Benedikt Okafor 68% · Maximilian Meyer 37%"  # room: whole
    assert in_column(text, TALK_WIDTH) == "Ben 68% · Max 37%"


async def test_review_list_and_partnership_card_per_person(fake: FakeClock) -> None:
    store = SessionStore.memory(fake)
    store.save_many([swapped("swap0001", 1), swapped("swap0002", 15)])
    app = make_app(store=store, clock=fake, review=True)
    async with app.run_test(size=SIZE) as pilot:
        row = app.screen.query_one(RowTable)
        assert [in_column(summary_cells(s)[5][0], 30) for s in row.items] == [
            "Ben 68% · Anna 37%"] * 2
        await pilot.press("p")
        assert isinstance(app.screen, PartnershipsScreen)
        card = app.screen.query_one(PartnershipCard)
        shown = "\n".join(text_of(s.render()) for s in card.query(Static))
        assert "Anna as client" in shown and "Ben as client" in shown
        assert "client talk 37%" in shown and "client talk 68%" in shown
        assert "4 → 7" in shown and "3 → 6" in shown
        assert "52%" not in shown and "53%" not in shown
        anna, ben = card.partnership.as_client
        assert (anna.name, anna.share, anna.rounds) == ("Anna", [37, 37], 2)
        assert (ben.name, ben.share, ben.scale_start, ben.scale_end) == (
            "Ben", [68, 68], [3, 3], [6, 6])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_html_report_separates_rounds_as_client_and_as_coach() -> None:
    out = io.StringIO()
    assert write_html([swapped()], out, "Ben") == 1
    page = out.getvalue()
    client_part, _, coach_part = page.partition('<section class="as-coach">')
    assert "When you were the client" in client_part
    assert "Say no to the extra project" in client_part
    assert "Plan the move" not in client_part  # Anna's outcome is in Ben's coaching part
    parser = _Text()
    parser.feed(coach_part)
    coach_text = "".join(parser.parts)
    assert "you coached Anna" in coach_text and "Your share of talk63%" in coach_text
    assert "Anna's scale4 → 7" in coach_text and "BEN-REFLECTS" in coach_text
    assert "BEN-SAYS" not in coach_text
