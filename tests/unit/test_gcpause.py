"""The cycle collector pauses: around a block (`no_gc`), and while an app starts (`until_shown`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sessionkit.gcpause import no_gc, shown, until_shown


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    shown()
    gc.enable()


def test_no_gc_restores_what_was_there() -> None:
    with no_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with no_gc():
        pass
    assert not gc.isenabled()


def test_the_first_frame_turns_the_collector_back_on_before_the_block_ends() -> None:
    with until_shown():
        assert not gc.isenabled()
        with no_gc():  # a store load inside keeps it off, and leaves it off
            pass
        assert not gc.isenabled()
        shown()
        assert gc.isenabled()
        with no_gc():  # after the first frame: as usual
            assert not gc.isenabled()
        assert gc.isenabled()
    assert gc.isenabled()


def test_an_app_that_never_draws_still_gets_the_collector_back() -> None:
    with pytest.raises(RuntimeError):
        with until_shown():
            raise RuntimeError("the driver failed to start")
    assert gc.isenabled()


def test_shown_without_a_pause_changes_nothing() -> None:
    gc.disable()
    shown()  # an app built by a test, or a second app in the same command
    assert not gc.isenabled()


def test_a_block_inside_another_does_not_end_the_outer_pause() -> None:
    with until_shown():
        with until_shown():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
