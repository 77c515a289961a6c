"""The hibari engine speaks, deterministically, at the rate and pitch asked for, understood by
a recogniser, with only the voices its wheel ships and no markup from article text."""

from __future__ import annotations

import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from tests.audio import duration, median_f0
from tests.tts.engines.test_engines import (
    NEWS,
    words_per_minute,
)
from tts.engines import engine_class, get_engine
from tts.engines import hibari_engine as hibari_module
from tts.errors import EngineError


@pytest.mark.ffmpeg
def test_hibari_speaks_a_sentence_as_16_bit_mono_speech(tmp_path: Path) -> None:
    path = tmp_path / "s.wav"
    seconds = get_engine("hibari").synthesize(NEWS[2], "heart", 165, path)
    words = len(NEWS[2].split())
    assert words / 190 * 60 * 0.8 < seconds < words / 140 * 60 * 1.4
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 24000)


@pytest.mark.ffmpeg
def test_hibari_is_deterministic(tmp_path: Path) -> None:
    # unseeded, hibari adds fresh noise on every call and the bytes differ
    engine = get_engine("hibari")
    a, b = tmp_path / "a.wav", tmp_path / "b.wav"
    engine.synthesize(NEWS[1], "heart", 165, a)
    engine.synthesize(NEWS[1], "heart", 165, b)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.ffmpeg
def test_a_fast_rate_is_heard_fast(tmp_path: Path) -> None:
    wpm = words_per_minute("hibari", "heart", 450, tmp_path)
    assert 405 <= wpm <= 495, wpm


@pytest.mark.ffmpeg
@pytest.mark.parametrize("pitch", [8, 62])
def test_pitch_moves_the_voice_and_keeps_the_duration(pitch: int, tmp_path: Path) -> None:
    engine = get_engine("hibari")
    plain, pitched = tmp_path / "plain.wav", tmp_path / "pitched.wav"
    engine.synthesize(NEWS[3], "heart", 165, plain)
    engine.synthesize(NEWS[3], "heart", 165, pitched, pitch=pitch)
    assert duration(pitched) == pytest.approx(duration(plain), rel=0.03)
    ratio = median_f0(pitched) / median_f0(plain)
    assert ratio == pytest.approx(2 ** ((pitch - 50) / 100), rel=0.08), ratio


def test_only_the_voices_in_the_wheel_are_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    from hibari.voices import VOICES

    bundled = {name for name, facts in VOICES.items() if facts.get("bundled")}
    assert "heart" in bundled
    offered = {v.id for v in get_engine("hibari").voices()}
    assert offered == bundled
    # a voice the registry adds later, to be downloaded, is not offered either
    invented = {**VOICES["heart"], "bundled": False, "file": "invented.onnx"}
    monkeypatch.setitem(VOICES, "invented", invented)
    assert "invented" not in {v.id for v in get_engine("hibari").voices()}
    assert not engine_class("hibari").knows_voice("invented")


def test_an_unknown_voice_names_the_voices_there_are(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match=r"'nobody'.*hibari has: heart"):
        get_engine("hibari").synthesize("Hello.", "nobody", 165, tmp_path / "x.wav")


def test_a_voice_that_would_download_is_refused_without_a_download(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import hibari.voices
    from hibari.voices import VOICES

    def download(*args: Any) -> None:
        raise AssertionError("hibari was asked to download a voice")

    monkeypatch.setattr(hibari.voices, "download", download)
    monkeypatch.setenv("HIBARI_HOME", str(tmp_path))  # no cached copy either
    downloadable = next(name for name, facts in VOICES.items() if not facts.get("bundled"))
    with pytest.raises(EngineError, match="downloaded on first use.*hibari has: heart"):
        get_engine("hibari").synthesize("Hello.", downloadable, 165, tmp_path / "x.wav")


class Recorder:
    """Stands in for a loaded hibari voice: keeps the text it is given, returns a tone."""

    sample_rate = 24000

    def __init__(self) -> None:
        self.given: list[str] = []

    def __call__(self, text: str, speed: float = 1.0, seed: int | None = None) -> Any:
        import numpy as np

        self.given.append(text)
        return (0.3 * np.sin(np.arange(2400) / 5)).astype(np.float32)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    voice = Recorder()
    monkeypatch.setitem(hibari_module._loaded, "heart", voice)
    return voice


def test_brackets_in_article_text_never_reach_hibari_as_markup(
    recorder: Recorder, tmp_path: Path
) -> None:
    # hibari reads "[word](/phonemes/)" as a word with its own phonemes
    engine = get_engine("hibari")
    text = "Crews said [sic] the [bridge](/kˈæt/) stood."
    engine.synthesize(text, "heart", int(hibari_module.NATURAL_WPM), tmp_path / "x.wav")
    given = " ".join(recorder.given).split()
    assert given == ["Crews", "said", "sic", "the", "bridge", "(/kˈæt/)", "stood."]


def test_long_unpunctuated_text_reaches_hibari_in_pieces(
    recorder: Recorder, tmp_path: Path
) -> None:
    text = " ".join(["river bridge council vote"] * 400)  # 1,600 words, no punctuation
    rate = int(hibari_module.NATURAL_WPM)
    get_engine("hibari").synthesize(text, "heart", rate, tmp_path / "x.wav")
    assert max(len(piece) for piece in recorder.given) <= hibari_module.CHUNK_CHARS
    assert " ".join(recorder.given).split() == text.split()  # no word lost


def test_a_missing_package_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hibari", None)  # as if hibari-tts were not installed
    monkeypatch.setitem(sys.modules, "hibari.voices", None)
    with pytest.raises(EngineError, match=r"pip install 'talkingpaper\[hibari\]'"):
        get_engine("hibari")
    hibari = engine_class("hibari")  # its facts are still read
    assert hibari.palette.narrator.voice == "heart" and hibari.knows_voice("heart")
    assert not hibari.takes_phonemes
