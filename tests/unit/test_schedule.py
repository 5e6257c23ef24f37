"""The agreed schedule (issue 20): several dates and series, the pair's union, held and missed
times, cancelling and moving with stable calendar ids, and the plan's bounds on the CLI."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.errors import SessionkitError
from sessionkit.models import Round, Session
from sessionkit.review.agenda import change
from sessionkit.schedule import (
    CANCELLED,
    HELD,
    MISSED,
    SKIPPED,
    UPCOMING,
    agreed_list,
    pair_slots,
    parse_agreed,
)
from sessionkit.store import SessionStore
from sessionkit.timefmt import epoch

NOW = datetime(2026, 12, 5, 9, tzinfo=UTC)


def at(day: str, hm: str = "18:30") -> str:
    return f"2026-{day}T{hm}:00+00:00" if day.count("-") == 1 else f"{day}T{hm}:00+00:00"


def session(sid: str, started: str, times: list[str] | None = None) -> Session:
    s = Session(id=sid, started_at=started, status="completed",
                rounds=[Round("Anna", "Ben", started)])
    if times is not None:
        s.set_schedule(agreed_list(sid, [(t, "Europe/Amsterdam") for t in times]))
    return s


def test_several_dates_and_a_series_soonest_first() -> None:
    got = parse_agreed("2027-01-08 18:30 UTC; 2026-12-18 18:30 UTC every 1 week x 3", NOW)
    assert [a for a, _ in got] == [at("12-18"), at("12-25"), at("2027-01-01"), at("2027-01-08")]
    local = parse_agreed("2027-03-19 18:30 Europe/Amsterdam every 2 weeks × 2", NOW)
    assert [a for a, _ in local] == [at("2027-03-19", "17:30"), at("2027-04-02", "16:30")]
    # the same local time across the change to summer time


@pytest.mark.parametrize(("typed", "said"), [
    ("2026-11-30 18:30", "in the past"),
    ("2026-12-18 18:30 UTC; 2026-12-18 18:30 UTC", "given twice"),
    ("2026-12-18 18:30 UTC every 2 weeks x 2; 2027-01-01 18:30 UTC", "given twice"),
    ("2026-12-18 18:30 every 2 weeks", "needs an end"),
    ("every 2 weeks x 3", "needs a first date"),
    ("2026-12-18 18:30 every 2 weeks x 1000", "a series of 2 to 52"),
])
def test_bad_dates_are_refused_in_one_line(typed: str, said: str) -> None:
    with pytest.raises(ValueError, match=said) as err:
        parse_agreed(typed, NOW)
    assert "\n" not in str(err.value)


def test_union_of_the_pairs_sessions_held_missed_and_kept() -> None:
    first = session("s1", at("12-01"), [at("12-15"), at("12-29"), at("2027-01-12")])
    second = session("s2", at("12-16"), [])  # held the 15th a day late, agreed nothing
    items = [(s.id, epoch(s.started_at), s.schedule()) for s in (first, second)]
    states = {s.at: s.state for s in pair_slots(items, epoch(at("2027-01-02")))}
    assert states == {at("12-15"): HELD, at("12-29"): MISSED, at("2027-01-12"): UPCOMING}
    third = session("s3", at("2027-01-03"), [])  # met after the missed one: not overdue
    items.append(("s3", epoch(third.started_at), []))
    states = {s.at: s.state for s in pair_slots(items, epoch(at("2027-01-05")))}
    assert states[at("12-29")] in (HELD, SKIPPED) and states[at("2027-01-12")] == UPCOMING


def test_old_single_date_records_read_as_one_agreed_session() -> None:
    old = session("s1", at("12-01"))
    old.next_session, old.next_session_tz = at("12-15"), "Europe/Amsterdam"
    doc = old.to_dict()
    assert doc["next_sessions"] == [at("12-15")] and "schedule" not in doc
    back = Session.from_dict(doc)
    assert back == old and [a.uid for a in back.schedule()] == ["s1-next"]
    many = session("s2", at("12-01"), [at("12-15"), at("12-29")]).to_dict()
    assert many["next_session"] == at("12-15") and many["next_sessions"] == [at("12-15"),
                                                                             at("12-29")]
    assert Session.from_dict(many).to_dict() == many


def test_cancel_and_move_keep_the_calendar_id(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as st:
        st.save_many([session("s1", at("12-01"), [at("12-15"), at("12-29")]),
                      session("s2", at("12-02"), [at("12-29")])])  # agreed the 29th again
        with pytest.raises(SessionkitError, match="already agreed"):
            change(st, "s1-next", at("12-29"), "Europe/Amsterdam")
        moved = change(st, "s1-next", at("12-16", "19:00"), "Europe/Amsterdam")
        assert moved.sessions == 1 and moved.before.at == at("12-15")
        late = st.get("s1").schedule()[1].uid  # the 29th, agreed in both sessions
        gone = change(st, late, None)
        assert gone.sessions == 2
        with pytest.raises(SessionkitError, match="already cancelled"):
            change(st, late, None)
        with pytest.raises(SessionkitError, match="no agreed session"):
            change(st, "nope", None)
    out = tmp_path / "next.ics"
    result = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "ics",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(out.read_text()).walk(
        "VEVENT")}
    assert str(events["s1-next@sessionkit"]["status"]) == "CONFIRMED"
    assert events["s1-next@sessionkit"]["sequence"] == 1
    assert events["s1-next@sessionkit"].decoded("dtstart") == datetime.fromisoformat(
        at("12-16", "19:00"))
    assert str(events[f"{late}@sessionkit"]["status"]) == CANCELLED.upper()


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--programme", "0", "--programme 0: a number of sessions from 1 to 100"),
    ("--programme", "1000", "--programme 1000: a number of sessions from 1 to 100"),
    ("--cadence", "0", "--cadence 0: a number of days from 1 to 365"),
    ("--cadence", "400", "--cadence 400: a number of days from 1 to 365"),
])
def test_plan_options_out_of_range_name_the_option(tmp_path: Path, option: str, value: str,
                                                   said: str) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "db.json"), "start", "--coach",
                                       "Anna", "--client", "Ben", option, value])
    assert result.exit_code == 2 and said in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "db.json").exists()


def test_schedule_lists_cancels_and_moves_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as st:
        st.save(session("s1", at("12-01"), [at("2030-01-10"), at("2030-01-24")]))
    run = CliRunner().invoke
    listed = run(main, ["--db", str(db), "schedule"])
    assert "Anna & Ben" in listed.output and "id s1-next" in listed.output
    assert listed.output.count(" id ") == 2
    done = run(main, ["--db", str(db), "schedule", "--cancel", "s1-next"])
    assert done.exit_code == 0 and "cancelled the session of Anna & Ben" in done.output
    assert run(main, ["--db", str(db), "schedule"]).output.count(" id ") == 1
    bad = run(main, ["--db", str(db), "schedule", "--move", "s1-next", "--to", "2020-01-01 9:00"])
    assert bad.exit_code == 2 and "--to:" in bad.output and "in the past" in bad.output


def test_markdown_lists_every_agreed_date() -> None:
    import io

    from sessionkit.exports.markdown import write_md

    s = session("s1", at("12-01"), [at("12-15"), at("12-29")])
    out = io.StringIO()
    write_md(iter([s]), out, False)
    assert "Sessions agreed: " in out.getvalue() and out.getvalue().count("Europe/Amsterdam") == 2
