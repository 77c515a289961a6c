"""hibari, a small neural voice that runs offline (hibari-tts, Apache-2.0): an optional extra.

Install: pip install 'talkingpaper[hibari]'. The wheel ships one voice, `heart` (American
English, female, 24 kHz, distilled from Kokoro-82M's af_heart); hibari's other voices are
downloaded from Hugging Face on first use, which talkingpaper never does, so only the voices
in the wheel are offered. Output is made deterministic (fixed seed: otherwise hibari adds
random noise). hibari speaks at its own pace; the rate and the pitch asked for are reached
afterwards with ffmpeg.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import Any, ClassVar

from tts.engines.base import Voice, check_speech, chunk_text
from tts.engines.ffmpeg_shift import pitch_factor, shift
from tts.errors import EngineError
from tts.voices import Casting, Palette

INSTALL = "install it: pip install 'talkingpaper[hibari]'"
NARRATOR = "heart"
# `heart` speaks about this many written words a minute of speech (pauses of a quarter second
# or more left out) at speed 1.0: 210.5 over the bodies of the four news fixtures that
# tests/tts/engines/test_engines.py times (1,144 written words, 326 s of speech), 176 over ten
# other news paragraphs with fewer numbers (a figure is one written word but several spoken).
# hibari's own `speed` moves the pace in uneven steps (0.90-1.15 all gave 172-180 on those
# paragraphs), so the rate is met with ffmpeg's atempo instead.
NATURAL_WPM = 210.5
# Text without punctuation reaches the model as one input, and its memory grows with the
# square of the input (2,000 unpunctuated words took 5 GB): text is cut at gentle breaks first
# (3,000 unpunctuated words in these pieces: under 600 MB for the whole process).
CHUNK_CHARS = 400
# hibari adds random noise to every sentence unless seeded: a fixed seed makes the same text
# the same audio, which the audio cache relies on.
SEED = 0
# `[word](/phonemes/)` is markup to hibari: brackets in article text must not become it.
_MARKUP = re.compile(r"[\[\]]")

# One woman's voice: the narrator keeps its own pitch (about 190 Hz), a woman's words are
# spoken a little higher or lower, a man's clearly lower (down to about 145 Hz; resampling
# lowers the formants too, so the voice sounds larger, not only deeper). Resampling also
# raises them, so women stay at or below 62: pocketsphinx's word errors on ten news sentences
# went from 1.5% at 50 to 11% at 58, 18% at 62 and 24% at 66. The narrator's pitch is never
# reused.
HIBARI = Palette(
    Casting(NARRATOR, 50),
    tuple(Casting(NARRATOR, p) for p in (58, 42, 62, 38, 55, 45)),
    tuple(Casting(NARRATOR, p) for p in (24, 18, 30, 12, 27, 8)),
)

_loaded: dict[str, Any] = {}


def _version() -> str:
    try:
        return importlib.metadata.version("hibari-tts")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _voices() -> dict[str, dict[str, Any]]:
    """hibari's voice registry: name -> facts, with "bundled" for the voices in the wheel."""
    try:
        from hibari.voices import VOICES
    except ImportError as exc:
        raise EngineError(f"the hibari engine is not installed; {INSTALL}") from exc
    return dict(VOICES)


def _bundled() -> dict[str, dict[str, Any]]:
    return {name: facts for name, facts in _voices().items() if facts.get("bundled")}


class HibariEngine:
    name: ClassVar[str] = "hibari"
    revision: ClassVar[str] = f"hibari-tts {_version()}, {NATURAL_WPM} wpm, seed {SEED}"
    # misaki's phonemes, not espeak's `[[...]]`: hibari is given only the respellings.
    takes_phonemes: ClassVar[bool] = False
    palette: ClassVar[Palette] = HIBARI
    own_program: ClassVar[bool] = False

    @classmethod
    def knows_voice(cls, voice: str) -> bool:
        try:
            return voice in _bundled()
        except EngineError:
            return voice == NARRATOR  # the voice every hibari wheel ships

    def __init__(self) -> None:
        _voices()

    def _tts(self, voice: str) -> Any:
        if voice not in _loaded:
            bundled = _bundled()
            if voice not in bundled:
                has = ", ".join(bundled)
                why = (
                    "is downloaded on first use, which talkingpaper never does"
                    if voice in _voices()
                    else "does not exist"
                )
                raise EngineError(f"the hibari voice {voice!r} {why}; hibari has: {has}")
            from hibari import Hibari
            from hibari.voices import voice_path

            model = voice_path(voice, download_missing=False)
            _loaded[voice] = Hibari(voice=voice, model=model, threads=1)
        return _loaded[voice]

    def voices(self) -> list[Voice]:
        return [
            Voice(name, f"{name.title()} ({facts['language']}, hibari)", facts["language"],
                  facts["gender"])
            for name, facts in _bundled().items()
        ]  # fmt: skip

    def synthesize(self, text: str, voice: str, rate: int, path: Path, pitch: int = 50) -> float:
        if not text.strip():
            raise EngineError(f"{path}: refusing to synthesise empty text")
        import numpy as np
        from hibari import write_wav

        tts = self._tts(voice)
        pieces = chunk_text(_MARKUP.sub(" ", text), CHUNK_CHARS)
        audio = np.concatenate([tts(piece, speed=1.0, seed=SEED) for piece in pieces])
        write_wav(str(path), audio)  # 16-bit mono
        tempo = max(rate, 40) / NATURAL_WPM
        if audio.size and (pitch != 50 or abs(tempo - 1) > 0.005):
            shift(path, "hibari", pitch=pitch_factor(pitch), tempo=tempo)
        return check_speech(path, text)
