"""Hostile typed text through every export format: nothing crashes, nothing reaches the file raw.

Hypothesis builds sessions whose names, outcomes, notes, phases, feedback, model and id hold
control characters (C0, C1, DEL, bidi overrides, lone surrogates), terminal escape sequences,
Textual and Markdown markup, every kind of line break, spreadsheet formula prefixes and huge
values, and feeds them to each writer. Each format has a checker saying what must hold of its
output; a new format (html, portfolio) adds one entry to CHECKS.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sessionkit.exports.csv_log import MIN_SECONDS, round_seconds
from sessionkit.exports.portfolio import write_portfolio
from sessionkit.exports.run import write
from sessionkit.models import Note, Round, Session
from sessionkit.names import name_key
from sessionkit.plain import has_control
from sessionkit.schedule import DAY, HELD_EARLY_DAYS, HELD_LATE_DAYS
from tests.fuzz.hostile import TEXT_SAMPLES  # the shared classics (OSC 52, markup, bidi, …)

# -- hostile text ------------------------------------------------------------------------------

ESCAPES = [
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52: sets the clipboard
    "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b[2J", "\x1b[31m", "\x9b2J", "\x90q\x9c", "\x07", "\x00", "\x7f", "\u202e", "\u2066",
]
MARKUP = [
    "[/]", "[@click=app.quit]Ned[/]", "[bold red]", "# ", "## ", "- [ ] ", "- [x] ", "* ", "+ ",
    "1. ", "> ", "---", "===", "___", "```", "~~~", "    ", "| a | b |\n|---|---|", "<img src=x>",
    "<!--", "![t](http://evil.example/t.png)", "[l](javascript:alert(1))", "[[Wiki]]", "&#27;",
    "\\", "*", "_", "`",
]
BREAKS = ["\n", "\r\n", "\r", "\v", "\f", "\x85", "\u2028", "\u2029", "\t", "\n\n"]
FORMULAS = ["=", "+", "-", "@", "=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", "-1+1"]

fragments = st.one_of(
    st.sampled_from(ESCAPES + MARKUP + BREAKS + FORMULAS + TEXT_SAMPLES),
    st.text(st.characters(max_codepoint=0x9F), max_size=8),  # C0, ASCII, C1
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=2),
    st.text(max_size=12),
)
hostile = st.lists(fragments, max_size=8).map("".join)
huge = st.builds(lambda t, n: (t or "x") * n, st.sampled_from(ESCAPES + MARKUP + FORMULAS),
                 st.integers(500, 3_000))  # up to ~100 KB in one field
texts = st.one_of(hostile, hostile, hostile, hostile, huge)
names = hostile.filter(lambda s: s.strip() != "")

times = st.datetimes(  # dates the validating reader lets in (1970-2200)
    min_value=datetime(1971, 1, 1), max_value=datetime(2199, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-9, minutes=-30))]),
).map(lambda d: d.isoformat())

notes = st.builds(
    Note, at=times, text=texts, kind=st.sampled_from(["note", "action"]), phase=hostile,
    private=st.booleans(), done=st.booleans(),
)
feedback = st.fixed_dictionaries({}, optional={
    "most_helpful": texts, "less_helpful": texts, "coach_worked": texts, "coach_improve": texts,
    "scale_end": st.integers(0, 10),
})
rounds = st.builds(
    Round, coach=names, client=names, started_at=times, outcome=texts, outcome_measure=hostile,
    elapsed_seconds=st.integers(0, 20_000).map(float), notes=st.lists(notes, max_size=3),
    feedback=feedback,
)
sessions = st.builds(
    Session, id=hostile.filter(bool), started_at=times, model=hostile,
    rounds=st.lists(rounds, min_size=1, max_size=2),
    status=st.sampled_from(["completed", "unfinished"]), next_session=st.none() | times,
    next_session_tz=st.none() | st.sampled_from(["Europe/Amsterdam", "Bad/\x1b[2JZone"]) | hostile,
    session_type=st.sampled_from(["peer", "paid", "pro-bono"]), draft=hostile,
)

# -- what must hold of each format's output ----------------------------------------------------


def _no_raw_control(text: str) -> None:
    assert not has_control(text), [c for c in text if has_control(c)][:5]


def check_json(out: str, given: list[Session], private: bool) -> None:
    _no_raw_control(out)
    back = json.loads(out)["sessions"]
    # the same text, every character of it (a lone surrogate pair reads back joined, as in any JSON)
    assert back == [json.loads(json.dumps(s.to_dict())) for s in given]


def check_md(out: str, given: list[Session], private: bool) -> None:
    _no_raw_control(out)
    tokens = MarkdownIt("commonmark").parse(out)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens)
                if t.type == "heading_open"]
    assert [h for h, _ in headings if h == "h1"] == ["h1"] * len(given)
    assert [h for h, _ in headings if h == "h2"] == ["h2"] * sum(len(s.rounds) for s in given)
    assert {text for h, text in headings if h == "h3"} <= {"Notes", "Actions", "Feedback"}
    assert all("\n" not in text for _, text in headings)  # single-line headings
    forbidden = {"html_block", "blockquote_open", "hr", "ordered_list_open", "code_block",
                 "fence", "table_open"}
    assert not [t.type for t in tokens if t.type in forbidden]
    inline = [t for t in tokens if t.type == "inline"]
    assert not [c.type for t in inline for c in t.children or ()
                if c.type in ("html_inline", "image", "link_open")]
    boxes = [t for t in inline if t.content.startswith(("[ ]", "[x]"))]
    actions = [n for s in given for r in s.rounds for n in r.notes
               if n.kind == "action" and (private or not n.private)]
    assert len(boxes) == len(actions)


def check_csv(out: str, given: list[Session], private: bool) -> None:
    _no_raw_control(out)
    rows = list(csv.reader(io.StringIO(out)))[1:]
    # a round under a minute is not coaching hours (issue 18): left out of the log
    assert len(rows) == sum(1 for s in given if s.status == "completed" for r in s.rounds
                            if round_seconds(r) >= MIN_SECONDS)
    bad = [c for row in rows for c in row if c.lstrip().startswith(("=", "+", "-", "@"))]
    assert not bad


def check_portfolio(out: str, given: list[Session], private: bool) -> None:
    _no_raw_control(out)
    tokens = MarkdownIt("commonmark").parse(out)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings.count("h1") == 1  # the title; user text never starts a heading
    assert not [t.type for t in tokens if t.type in ("html_block", "blockquote_open", "fence")]
    inline = [t for t in tokens if t.type == "inline"]
    assert not [c.type for t in inline for c in t.children or ()
                if c.type in ("html_inline", "image", "link_open")]


def check_ics(out: str, given: list[Session], private: bool) -> None:
    _no_raw_control(out.replace("\r\n", "\n"))  # CRLF ends every line, by RFC 5545
    events = icalendar.Calendar.from_ical(out).walk("VEVENT")
    assert len(events) == len(expected_events(given))


def expected_events(given: list[Session]) -> set[tuple[frozenset[str], float]]:
    """The agreed sessions still ahead, worked out plainly (issue 20): one per pair and agreed
    time; a time is held (no event) by a later session of the same pair that started up to
    HELD_LATE_DAYS after it or HELD_EARLY_DAYS before it."""
    def pair(s: Session) -> frozenset[str]:
        return frozenset((name_key(s.rounds[0].coach), name_key(s.rounds[0].client)))

    def ts(at: str) -> float:
        return datetime.fromisoformat(at).timestamp()

    first_agreed: dict[tuple[frozenset[str], float], float] = {}
    for s in given:
        if s.next_session:
            key = (pair(s), ts(s.next_session))
            first_agreed[key] = min(first_agreed.get(key, ts(s.started_at)), ts(s.started_at))
    return {(who, at) for (who, at), agreed in first_agreed.items()
            if not any(pair(s) == who and ts(s.started_at) > agreed
                       and -HELD_LATE_DAYS * DAY <= at - ts(s.started_at) <= HELD_EARLY_DAYS * DAY
                       for s in given)}


# a quick run in CI; SESSIONKIT_FUZZ_EXAMPLES=2000 for a long one
EXAMPLES = int(os.environ.get("SESSIONKIT_FUZZ_EXAMPLES", "25"))
CHECKS: dict[str, Callable[[str, list[Session], bool], None]] = {
    "json": check_json, "md": check_md, "csv": check_csv, "ics": check_ics,
    "portfolio": check_portfolio,
}


def render(fmt: str, given: list[Session], private: bool) -> tuple[str, int]:
    buf = io.StringIO()
    if fmt == "portfolio":  # one coach's, from the stored records
        person = given[0].rounds[0].coach
        count = write_portfolio([s.to_dict() for s in given], person, buf)
    else:
        count = write(fmt, iter(given), buf, private or fmt == "json")
    return buf.getvalue(), count


@pytest.mark.parametrize("fmt", sorted(CHECKS))
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(given_sessions=st.lists(sessions, min_size=1, max_size=2), private=st.booleans())
def test_hostile_text_through_every_export(
    fmt: str, given_sessions: list[Session], private: bool
) -> None:
    out, count = render(fmt, given_sessions, private)
    out.encode("utf-8")  # what a file or a terminal gets: no lone surrogate left
    CHECKS[fmt](out, given_sessions, private)
    assert count >= 0
