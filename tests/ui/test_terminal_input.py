"""Bytes from the terminal that are not UTF-8 never stop the app (issue 18): Textual's input
thread decodes with `screens.textual_hooks._lenient`, which replaces them and says so; and an
input thread that stops on any other error is a crash told with the crash log, exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from screens.app import SessionkitApp
from screens.textual_hooks import _HEARD, InputStopped, _lenient, lenient_input
from sessionkit.cli import main
from sessionkit.cli.base import CRASH_LOG


@pytest.mark.parametrize("sent", [b"\xe9x", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"a\xe9"])
def test_undecodable_bytes_are_replaced_and_heard(sent: bytes) -> None:
    heard: list[int] = []
    listener = lambda: heard.append(1)  # noqa: E731
    _HEARD.append(listener)
    try:
        decoder = _lenient("utf-8")()  # as Textual calls it: getincrementaldecoder("utf-8")()
        text = decoder.decode(sent, final=False) + decoder.decode(b"", final=True)
    finally:
        _HEARD.remove(listener)
    assert "\ufffd" in text and heard


def test_utf8_and_a_typed_replacement_character_are_left_alone() -> None:
    heard: list[int] = []
    listener = lambda: heard.append(1)  # noqa: E731
    _HEARD.append(listener)
    try:
        decoder = _lenient("utf-8")()
        assert decoder.decode("Zoë \ufffd".encode()) == "Zoë \ufffd"
        assert decoder.decode(b"\xc3") == "" and decoder.decode(b"\xab") == "\u00eb"  # split
    finally:
        _HEARD.remove(listener)
    assert heard == []


def test_the_driver_uses_the_lenient_decoder() -> None:
    import textual.drivers.linux_driver as driver

    lenient_input()
    assert driver.getincrementaldecoder is _lenient


async def test_the_app_tells_of_replaced_input(store: Any, catalog: Any) -> None:
    from screens.app import make_app

    app = make_app(store=store, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        decoder = _lenient("utf-8")()
        decoder.decode(b"\xe9x")  # the tmux case: send-keys -H e9, then x
        await pilot.pause()
        await pilot.pause()
        assert any("not UTF-8" in str(n.message) for n in app._notifications)
    assert app.crash is None


def test_an_input_thread_that_stops_is_a_crash_with_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """Textual's input thread calls `panic` with its traceback: exit 1, one line, the log."""
    run = SessionkitApp.run

    def run_and_panic(self: SessionkitApp, *args: Any, **kwargs: Any) -> Any:
        async def drive(pilot: Any) -> None:
            await pilot.pause()
            try:
                raise UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte")
            except UnicodeDecodeError:
                import rich.traceback

                self.panic(rich.traceback.Traceback())
        return run(self, *args, headless=True, size=(100, 30), auto_pilot=drive, **kwargs)

    monkeypatch.setattr(SessionkitApp, "run", run_and_panic)
    db = tmp_path / "data" / "sessionkit.json"
    result = CliRunner().invoke(main, ["--db", str(db)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "InputStopped" in lines[0] and "invalid continuation" in lines[0]
    log = (db.parent / CRASH_LOG).read_text()
    assert "UnicodeDecodeError" in log and "invalid continuation byte" in log
    assert issubclass(InputStopped, Exception)


def test_an_error_that_escapes_textual_is_a_crash_with_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """The driver failing before the app runs (no crash recorded by the app): still exit 1,
    one line, the traceback in the crash log, never a traceback on the terminal."""
    def broken(self: SessionkitApp, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the terminal driver could not start")

    monkeypatch.setattr(SessionkitApp, "run", broken)
    db = tmp_path / "data" / "sessionkit.json"
    result = CliRunner().invoke(main, ["--db", str(db)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "RuntimeError: the terminal driver could not start" in lines[0]
    assert "RuntimeError" in (db.parent / CRASH_LOG).read_text()
