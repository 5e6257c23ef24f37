"""Next-session parsing: natural input, the user's time zone, clear errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sessionkit.when import describe, local_tz, parse_when

# Wednesday 25 November 2026, 10:00 in Amsterdam (conftest sets TZ=Europe/Amsterdam)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("in 2 weeks", "2026-12-09T09:00:00+00:00"),
        ("in 10 days", "2026-12-05T09:00:00+00:00"),
        ("in 3 hours", "2026-11-25T12:00:00+00:00"),
        ("2026-12-09 17:00", "2026-12-09T16:00:00+00:00"),
        ("2026-12-09T17:00", "2026-12-09T16:00:00+00:00"),
        ("09-12-2026 17:00", "2026-12-09T16:00:00+00:00"),
        ("tue 18:30", "2026-12-01T17:30:00+00:00"),
        ("Tuesday 18:30", "2026-12-01T17:30:00+00:00"),
        ("wed 11:00", "2026-11-25T10:00:00+00:00"),  # later today
        ("wed 9:00", "2026-12-02T08:00:00+00:00"),  # already past today: next week
        ("tomorrow 9:00", "2026-11-26T08:00:00+00:00"),
        ("today 17:00", "2026-11-25T16:00:00+00:00"),
        ("17:00", "2026-11-25T16:00:00+00:00"),
        ("9:30", "2026-11-26T08:30:00+00:00"),
        ("  TUE   18:30 ", "2026-12-01T17:30:00+00:00"),
    ],
)
def test_accepted_forms_in_local_zone(text: str, utc: str) -> None:
    when = parse_when(text, NOW)
    assert when.at == utc
    assert when.tz == "Europe/Amsterdam"


def test_explicit_zone_wins() -> None:
    when = parse_when("tue 18:30 Europe/London", NOW)
    assert (when.at, when.tz) == ("2026-12-01T18:30:00+00:00", "Europe/London")
    assert parse_when("2026-12-09 17:00 utc", NOW).at == "2026-12-09T17:00:00+00:00"


def test_given_zone_parameter() -> None:
    when = parse_when("2026-12-09 17:00", NOW, tz="America/New_York")
    assert (when.at, when.tz) == ("2026-12-09T22:00:00+00:00", "America/New_York")


def test_in_weeks_keeps_wall_time_across_dst() -> None:
    # 10:00 in Amsterdam on 20 March (UTC+1) -> 10:00 on 3 April (UTC+2)
    when = parse_when("in 2 weeks", datetime(2026, 3, 20, 9, 0, tzinfo=UTC))
    assert when.at == "2026-04-03T08:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "say when"),
        ("next week", "cannot read 'next week'"),
        ("2026-02-30 10:00", "is not a date"),
        ("2025-01-01 10:00", "is in the past"),
        ("tue", "add a time"),
        ("tomorrow", "add a time"),
        ("25:00", "is not a time of day"),
        ("tue 18:30 Mars/Base", "unknown time zone 'Mars/Base'"),
        ("t 10:00", "cannot read"),
        ("in 2 weeks please", "cannot read"),
    ],
)
def test_clear_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_when(text, NOW)


def test_describe_in_saved_zone() -> None:
    assert describe("2026-12-09T16:00:00+00:00", "Europe/Amsterdam") == (
        "Wed 9 Dec 2026 17:00 (Europe/Amsterdam)"
    )
    assert parse_when("tue 18:30", NOW).describe() == "Tue 1 Dec 2026 18:30 (Europe/Amsterdam)"


def test_local_tz_follows_tz_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert local_tz() == "Europe/Amsterdam"
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_tz() == "Asia/Tokyo"


# Friday 4 December 2026, 17:47 in Amsterdam: the hint's forms, and what they were read as
FRIDAY = datetime(2026, 12, 4, 16, 47, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "utc", "said"),
    [
        ("next Tuesday 18:30", "2026-12-08T17:30:00+00:00", "Tue 8 Dec 18:30, in 4 days"),
        ("next fri 18:30", "2026-12-11T17:30:00+00:00", "Fri 11 Dec 18:30, in 7 days"),
        ("in 2 weeks 18:30", "2026-12-18T17:30:00+00:00", "Fri 18 Dec 18:30, in 14 days"),
        ("in 3 days at 9:00", "2026-12-07T08:00:00+00:00", "Mon 7 Dec 09:00, in 3 days"),
        ("fri 18:30", "2026-12-04T17:30:00+00:00", "today Fri 4 Dec 18:30, in 43 min"),
        ("sat 9:00", "2026-12-05T08:00:00+00:00", "tomorrow Sat 5 Dec 09:00, in 15 h 13 min"),
        ("2027-01-05 10:00", "2027-01-05T09:00:00+00:00", "Tue 5 Jan 2027 10:00, in 32 days"),
    ],
)
def test_hint_forms_and_what_was_understood(text: str, utc: str, said: str) -> None:
    when = parse_when(text, FRIDAY)
    assert when.at == utc
    assert when.understood(FRIDAY) == said


def test_every_form_in_the_hint_is_accepted() -> None:
    from sessionkit.when import EXAMPLES, HINT

    for form in HINT.split(" · ") + EXAMPLES.removeprefix("e.g. ").split(", "):
        assert parse_when(form, FRIDAY).at > "2026-12-04"


@pytest.mark.parametrize("text", ["in 3 hours 18:30", "next today 9:00"])
def test_forms_that_do_not_make_sense_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_when(text, FRIDAY)


@pytest.mark.parametrize(
    ("typed", "text", "due", "said"),
    [
        ("Call Sam by next tue", "Call Sam", "2026-12-08", "due Tue 8 Dec"),
        ("Draft the plan by fri", "Draft the plan", "2026-12-04", "due today"),
        ("Ask Kim by tomorrow", "Ask Kim", "2026-12-05", "due tomorrow"),
        ("Book it by 2026-12-18", "Book it", "2026-12-18", "due Fri 18 Dec"),
        ("Stand by me", "Stand by me", None, None),
        ("Walk by the river by in 2 weeks", "Walk by the river", "2026-12-18", "due Fri 18 Dec"),
    ],
)
def test_an_action_takes_an_optional_by_date(typed, text, due, said) -> None:
    from sessionkit.when import due_text, split_due

    assert split_due(typed, FRIDAY) == (text, due)
    if due:
        assert due_text(due, FRIDAY) == said


def test_a_due_date_in_the_past_is_refused_and_overdue_is_said() -> None:
    from sessionkit.when import due_text, is_overdue, split_due

    with pytest.raises(ValueError, match="in the past"):
        split_due("Call Sam by 2026-12-01", FRIDAY)
    assert due_text("2026-12-01", FRIDAY) == "OVERDUE since Tue 1 Dec"
    assert is_overdue("2026-12-03", FRIDAY) and not is_overdue("2026-12-04", FRIDAY)
