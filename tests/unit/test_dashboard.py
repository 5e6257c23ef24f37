"""The home dashboard's core: counts, next and overdue sessions, open actions of the person
about to be seen, recent sessions; and the pair's last kind of session (carry.last_kind)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sessionkit.clock import FakeClock, iso
from sessionkit.demo import generate
from sessionkit.models import UNSPECIFIED, Note, Round, Session
from sessionkit.review import carry
from sessionkit.review.dashboard import build, open_actions_for
from sessionkit.review.history import HistoryIndex
from sessionkit.store import SessionStore

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def session(coach: str, client: str, days_ago: float, *, status: str = "completed",
            next_in_days: float | None = None, kind: str = "peer",
            actions: tuple[tuple[str, bool], ...] = ()) -> Session:
    start = NOW - timedelta(days=days_ago)
    rnd = Round(coach=coach, client=client, started_at=iso(start), outcome=f"{client}'s aim")
    for text, done in actions:
        rnd.notes.append(Note(at=iso(start), text=text, kind="action", done=done))
    s = Session(started_at=iso(start), rounds=[rnd], status=status, session_type=kind)
    if next_in_days is not None:
        s.next_session = iso(NOW + timedelta(days=next_in_days))
    return s


def index(*sessions: Session) -> HistoryIndex:
    return HistoryIndex.build(s.to_dict() for s in sessions)


def test_unfinished_sessions_are_not_counted_as_saved() -> None:
    dash = build(index(session("Ana", "Ben", 3), session("Ana", "Chloe", 1, status="unfinished")),
                 NOW)
    assert (dash.completed, dash.unfinished) == (1, 1)


def test_next_sessions_put_overdue_pairs_first_then_the_soonest() -> None:
    dash = build(index(
        session("Ana", "Ben", 20, next_in_days=-3),  # planned three days ago, nothing since
        session("Ana", "Chloe", 10, next_in_days=4),
        session("Dev", "Emeka", 5, next_in_days=1),
        session("Farah", "Gus", 2),  # nothing scheduled, recent: not listed
    ), NOW)
    assert [p.names for p in dash.coming] == [("Ana", "Ben"), ("Dev", "Emeka"), ("Ana", "Chloe")]
    assert dash.coming[0].flagged and dash.coming[0].status == "overdue"
    assert dash.next_pair == ("Dev", "Emeka")  # the soonest still ahead


def test_no_contact_pairs_need_attention_too() -> None:
    dash = build(index(session("Ana", "Ben", 30)), NOW)
    assert [p.status for p in dash.coming] == ["no contact"]
    assert dash.next_pair is None


def test_recent_sessions_newest_first_and_limited() -> None:
    sessions = [session("Ana", "Ben", d) for d in range(1, 12)]
    dash = build(index(*sessions), NOW, recent=3)
    assert [s.id for s in dash.recent] == [sessions[0].id, sessions[1].id, sessions[2].id]


def test_open_actions_of_the_client_about_to_be_seen() -> None:
    idx = index(
        session("Ana", "Ben", 20, actions=(("old done", True), ("call HR", False))),
        session("Ana", "Ben", 6, actions=(("draft the letter", False),)),
        session("Ben", "Ana", 5, actions=(("Ana's own step", False),)),  # Ben coaching Ana
        session("Chloe", "Ben", 4, actions=(("with Chloe", False),)),
    )
    texts = [a.text for a in open_actions_for(idx, "  ben ")]
    assert texts == ["with Chloe", "draft the letter", "call HR"]  # newest first, open only
    pair = [a.text for a in open_actions_for(idx, "Ana", coach="Ben")]
    assert pair == ["Ana's own step", "draft the letter", "call HR"]  # both, in this pair only
    assert open_actions_for(idx, "") == []


def test_demo_data_gives_a_full_dashboard() -> None:
    dash = build(HistoryIndex.build(s.to_dict() for s in generate(24)), NOW)
    assert dash.completed == 24 and dash.unfinished == 0
    assert dash.coming and len(dash.recent) == 8


def test_last_kind_is_the_pairs_latest_given_kind() -> None:
    store = SessionStore.memory(FakeClock())
    assert carry.last_kind(store, "Ana", "Ben") is None
    store.save_many([
        session("Ana", "Ben", 30, kind="pro-bono"),
        session("Ben", "Ana", 10, kind="paid"),
        session("Ana", "Ben", 5, kind=UNSPECIFIED),  # nobody said: does not count
        session("Ana", "Chloe", 1, kind="peer"),
    ])
    assert carry.last_kind(store, "ana", "BEN") == "paid"
    assert carry.last_kind(store, "Ben", "Dev") is None
