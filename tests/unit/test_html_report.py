"""The client's HTML report: golden file, escaping, privacy, the CLI contract.

Regenerate the golden file after an intended change with
`SESSIONKIT_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_html_report.py` and read the diff.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.errors import SessionkitError
from sessionkit.exports.run import export, select, write
from sessionkit.store import SessionStore
from tests.golden.fixture import hostile, sessions

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "report.html"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or a.get("class") == cls)]


@pytest.fixture
def store() -> Iterator[SessionStore]:
    st = SessionStore.memory()
    st.save_many([*sessions(), hostile()])
    yield st


def report(store: SessionStore, person: str = "Ana", include_private: bool = False) -> str:
    buf = io.StringIO()
    write("html", select(store, person=person), buf, include_private, person=person)
    return buf.getvalue()


def test_golden(store: SessionStore) -> None:
    page = report(store)
    if os.environ.get("SESSIONKIT_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(page.encode("utf-8"))
    assert page == GOLDEN.read_bytes().decode("utf-8")


def test_structure_is_self_contained_and_forbids_every_request(store: SessionStore) -> None:
    page = Tags(report(store))
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "form", "base"}
    policy = [a for a in page.named("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert len(policy) == 1
    rules = str(policy[0]["content"])
    assert "default-src 'none'" in rules and "'unsafe-inline'" not in rules
    assert [a["name"] for a in page.named("meta") if a.get("name")][:2] == [
        "referrer", "viewport"]
    assert not [a for _, a in page.tags if any(k.startswith("on") or k == "style" for k in a)]
    # Ana was the client in round 2 of the peer session and in the hostile one: newest first
    assert [a["id"] for a in page.named("article") if "id" in a] == ["s-odd00004", "s-peer0001"]
    # and, in a part of its own, the rounds Ana coached (round 1 of the peer session included)
    assert len(page.named("article", "coached")) == 3
    # two rounds with a scale, and the legend's key (an open and a filled dot)
    assert len(page.named("circle", "start")) == 3 and len(page.named("circle", "end")) == 3
    assert len(page.named("p", "legend muted")) == 1
    assert len(page.named("line", "fall")) == 1 and len(page.named("line", "rise")) == 1


def test_user_text_stays_text(store: SessionStore) -> None:
    raw = report(store)
    page = Tags(raw)
    shown = "".join(page.text)
    assert '<script>alert("x")</script> stop the ␛[2J noise' in shown
    assert '<b>Bob</b> & "Co"' in shown and "line two <img src=x onerror=alert(1)>" in shown
    assert "Ask ␛]52;c;aGk=␇ for help" in shown and "\ufffdwhen\ufffd" in shown
    assert "\x1b" not in raw and "\u202e" not in raw and "<script" not in raw.replace(
        "&lt;script", "")


def test_private_notes_only_when_asked(store: SessionStore) -> None:
    assert "SECRET" not in report(store)
    with_private = report(store, include_private=True)
    assert "SECRET-NOTE &lt;i&gt;x&lt;/i&gt;" in with_private
    assert "SECRET-ACTION" not in with_private  # Zoë's round's private action is not Ana's


def test_a_coach_is_not_reported_as_a_client(store: SessionStore) -> None:
    coach = '<b>Bob</b> & "Co"'
    raw = report(store, person=coach)
    page = Tags(raw)
    assert [a for a in page.named("article") if "id" in a] == [] and not page.named("svg")
    assert "<b>" not in raw and len(page.named("article", "coached")) == 1  # Bob coached one
    assert f"Coaching sessions of {coach}" in "".join(page.text)
    assert "No sessions yet where you were the client." in "".join(page.text)


def test_html_needs_a_person(store: SessionStore, tmp_path: Path) -> None:
    with pytest.raises(SessionkitError, match="--person NAME"):
        export(store, "html", tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


def test_cli_writes_the_report_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as st:
        st.save_many([*sessions(), hostile()])
    out = tmp_path / "ana.html"
    result = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "html",
                                       "--person", "ana", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    assert "<h1>Coaching sessions of ana</h1>" in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "html"])
    assert missing.exit_code != 0
    assert missing.stderr.count("\n") == 1 and "--person NAME" in missing.stderr


def test_scale_dates_due_and_legend_read_plainly() -> None:
    """No `? → 9`; a done action's date stands apart from its text; due and overdue actions
    say so (by the day the report is written); the chart has a legend."""
    import io
    from datetime import UTC, datetime

    from sessionkit.exports.html_report import write_html
    from sessionkit.models import Note, Round, Session

    at = "2026-11-20T09:00:00+00:00"
    rnd = Round("Kim", "Ana", at, outcome="Clarity", scale_start=None, feedback={"scale_end": 9},
                notes=[Note(at, "Call Sam", "action", done=True,
                            done_at="2026-11-22T10:00:00+00:00"),
                       Note(at, "Draft the plan", "action", due="2026-11-30"),
                       Note(at, "Book the room", "action", due="2026-12-10")])
    session = Session(at, rounds=[rnd], status="completed")
    out = io.StringIO()
    write_html([session], out, "Ana", now=datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    page = out.getvalue()
    assert "? →" not in page and "9 at the end" in page and "no scale at the start" in page
    done = page.split('<li class="action done">')[1].split("</li>")[0]
    assert done.index('<span class="text">Call Sam</span>') < done.index("(done ")
    assert '<span class="overdue">overdue since <time datetime="2026-11-30">' in page
    assert '<span class="due">due <time datetime="2026-12-10">Thu 10 Dec 2026</time>' in page
    assert "1 overdue." in page
    assert "open dot: the scale at the start" in page and "filled dot: at the end" in page
