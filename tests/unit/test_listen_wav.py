"""The WAV reader takes recordings as recorders and call tools write them: any PCM depth, float,
A-law/u-law, extensible headers, stereo, 8-48 kHz; anything else is one line saying how to
convert. Each format of the same voice decodes to (nearly) the same 16 kHz samples."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from sessionkit.listen import frames, wavfile
from sessionkit.listen.frames import ListenError
from sessionkit.listen.spec import demo_call
from sessionkit.listen.wav import WavReplay, read_wav

np = pytest.importorskip("numpy")

GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


def riff(path: Path, tag: int, rate: int, channels: int, bits: int, data: bytes,
         extensible: bool = False, junk: bool = False, size: int | None = None) -> Path:
    """A WAV file written by hand, so every header shape can be made."""
    block = channels * bits // 8
    head = struct.pack("<HHIIHH", 0xFFFE if extensible else tag, channels, rate, rate * block,
                       block, bits)
    if extensible:
        head += struct.pack("<HHI", 22, bits, 0) + struct.pack("<H", tag) + GUID_TAIL
    chunks = b"fmt " + struct.pack("<I", len(head)) + head
    if junk:  # what some recorders put first: an odd-sized chunk (padded to even)
        chunks = b"LIST" + struct.pack("<I", 5) + b"INFO!" + b"\x00" + chunks
    chunks += b"data" + struct.pack("<I", len(data) if size is None else size) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)
    return path


@pytest.fixture(scope="module")
def voice() -> np.ndarray:
    """Ten seconds of the bundled call's client channel, as floats in [-1, 1)."""
    return np.frombuffer(read_wav(demo_call()[1]), "<i2")[: 10 * 16000].astype(np.float64) / 32768


def encode(x: np.ndarray, kind: str) -> tuple[int, int, bytes]:
    if kind == "pcm8":
        return wavfile.PCM, 8, np.clip(np.round(x * 128 + 128), 0, 255).astype(np.uint8).tobytes()
    if kind in ("pcm16", "pcm24", "pcm32"):
        bits = int(kind[3:])
        v = np.clip(np.round(x * 2 ** (bits - 1)), -(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
        b = v.astype("<i4").view(np.uint8).reshape(-1, 4)[:, : bits // 8]
        return wavfile.PCM, bits, b.tobytes()
    if kind == "float32":
        return wavfile.FLOAT, 32, x.astype("<f4").tobytes()
    if kind == "float64":
        return wavfile.FLOAT, 64, x.astype("<f8").tobytes()
    law = {"mulaw": wavfile.MULAW, "alaw": wavfile.ALAW}[kind]
    table = np.asarray(wavfile._LAW[law], dtype=np.float64)
    order = np.argsort(table)
    idx = np.searchsorted(table[order], x * 32768).clip(0, 255)
    return law, 8, order[idx].astype(np.uint8).tobytes()


def snr(ref: np.ndarray, got: np.ndarray) -> float:
    n = min(len(ref), len(got))
    err = ref[:n] - got[:n]
    return 10 * np.log10(np.sum(ref[:n] ** 2) / max(np.sum(err**2), 1e-12))


KINDS = ["pcm8", "pcm16", "pcm24", "pcm32", "float32", "float64", "mulaw", "alaw"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("extensible", [False, True])
def test_every_common_format_decodes_to_the_same_voice(tmp_path: Path, voice: np.ndarray,
                                                       kind: str, extensible: bool) -> None:
    tag, bits, data = encode(voice, kind)
    path = riff(tmp_path / "x.wav", tag, 16000, 1, bits, data, extensible=extensible, junk=True)
    got = np.frombuffer(read_wav(path), "<i2").astype(np.float64) / 32768
    assert snr(voice, got) > (25 if kind in ("pcm8", "mulaw", "alaw") else 60)


@pytest.mark.parametrize("kind", ["pcm16", "pcm24", "float32", "mulaw"])
def test_plain_python_reads_the_same_as_numpy(tmp_path: Path, voice: np.ndarray, kind: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    tag, bits, data = encode(voice[:16000], kind)
    path = riff(tmp_path / "x.wav", tag, 16000, 2, bits, data * 1)  # mono data as 2 channels
    with_np = np.frombuffer(read_wav(path), "<i2").astype(np.int32)
    monkeypatch.setattr(frames, "_np", None)  # decoding and resampling in plain Python
    plain = np.frombuffer(read_wav(path), "<i2").astype(np.int32)
    assert len(plain) == len(with_np) and np.max(np.abs(plain - with_np)) <= 1


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000, 96000])
def test_other_rates_come_out_at_16k_with_the_voice_intact(tmp_path: Path, voice: np.ndarray,
                                                           rate: int) -> None:
    t = np.arange(0, len(voice) / 16000, 1 / rate)
    x = np.interp(t * 16000, np.arange(len(voice)), voice)
    tag, bits, data = encode(x, "pcm24")
    got = np.frombuffer(read_wav(riff(tmp_path / "x.wav", tag, rate, 1, bits, data)), "<i2")
    assert abs(len(got) - len(voice)) <= 512 + 16000 * 0.01
    # below 8 kHz nothing is lost (an 8 kHz recording keeps what it had: up to 4 kHz)
    assert snr(voice, got.astype(np.float64) / 32768) > (10 if rate == 8000 else 20)


def test_what_lies_above_8k_does_not_fold_into_the_voice_band(tmp_path: Path) -> None:
    """A 13 kHz whistle in a 48 kHz recording would alias to 3 kHz without the low-pass."""
    t = np.arange(48000) / 48000
    tag, bits, data = encode(0.5 * np.sin(2 * np.pi * 13000 * t), "pcm16")
    got = np.frombuffer(read_wav(riff(tmp_path / "x.wav", tag, 48000, 1, bits, data)), "<i2")
    level = 20 * np.log10(np.sqrt(np.mean(got[200:-200].astype(np.float64) ** 2)) / 32768 + 1e-9)
    assert level < -40


def test_a_recorder_that_never_wrote_the_size_is_read_to_the_end(tmp_path: Path,
                                                                 voice: np.ndarray) -> None:
    tag, bits, data = encode(voice, "pcm16")
    path = riff(tmp_path / "x.wav", tag, 16000, 1, bits, data, size=0)
    assert len(read_wav(path)) >= len(voice)


@pytest.mark.parametrize(
    ("make", "says"),
    [(lambda p: riff(p, 0x55, 16000, 1, 16, b"\x00" * 100), "MP3 audio is not read"),
     (lambda p: riff(p, 0x11, 16000, 1, 4, b"\x00" * 100), "IMA ADPCM"),
     (lambda p: riff(p, wavfile.PCM, 4000, 1, 16, b"\x00" * 100), "too low for speech"),
     (lambda p: riff(p, wavfile.PCM, 16000, 0, 16, b"\x00" * 100), "broken WAV header"),
     (lambda p: riff(p, wavfile.FLOAT, 16000, 1, 16, b"\x00" * 100), "16-bit samples of this kind"),
     (lambda p: p.write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt "), "no audio data"),
     (lambda p: p.write_text("hello, not audio"), "no RIFF/WAVE header"),
     (lambda p: p.mkdir(), "a folder")],
)
def test_what_cannot_be_read_is_one_line_with_how_to_convert(tmp_path: Path, make, says: str
                                                             ) -> None:
    bad = tmp_path / "bad.wav"
    make(bad)
    ok = riff(tmp_path / "ok.wav", wavfile.PCM, 16000, 1, 16, b"\x00" * 3200)
    with pytest.raises(ListenError) as err:
        WavReplay(bad, ok)
    line = str(err.value)
    assert says in line and "\n" not in line and str(bad) in line
    with pytest.raises(ListenError):
        WavReplay(ok, bad)  # the call file is checked too (and the mic file is closed again)


def test_a_float_frame_is_the_samples_over_32768_in_one_reused_buffer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the VAD model reads: each frame written over the last, in the buffer it reads in
    place; numpy and plain Python give the same floats."""
    from array import array

    edges = (-32768, 32767, 0, 1, -1)
    first = array("h", [edges[i % 5] * (i % 3 != 2) for i in range(frames.FRAME)])
    second = array("h", reversed(first))
    for numpy_there in (True, False):
        if not numpy_there:
            monkeypatch.setattr(frames, "_np", None)
        samples = frames.FloatFrame()
        buffer = samples.fill(first)
        assert buffer is samples.buffer and list(buffer) == [s / 32768 for s in first]
        assert samples.fill(second) is buffer and list(buffer) == [s / 32768 for s in second]
