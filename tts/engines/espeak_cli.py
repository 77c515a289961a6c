"""The `espeak-ng` program as an engine: deterministic output and several times faster than
pyttsx3 (measured: 0.17 s against 0.92 s for 1,000 words). The same voices and variants."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import ClassVar

from tts.engines.base import ESPEAK_SPEECH_PER_UNIT, Voice, check_speech, espeak_rate
from tts.engines.voice_names import unknown_voice
from tts.errors import EngineError
from tts.voices import ESPEAK, Palette

INSTALL = "install it: sudo apt-get install espeak-ng (macOS: brew install espeak-ng)"


class EspeakEngine:
    name: ClassVar[str] = "espeak-ng"
    revision: ClassVar[str] = f"espeak-ng rate x{ESPEAK_SPEECH_PER_UNIT}"
    takes_phonemes: ClassVar[bool] = True
    palette: ClassVar[Palette] = ESPEAK
    own_program: ClassVar[bool] = True

    @classmethod
    def knows_voice(cls, voice: str) -> bool:
        return True  # any name: whether espeak-ng has it is checked when it speaks

    def __init__(self) -> None:
        program = shutil.which("espeak-ng")
        if not program:
            raise EngineError(f"the espeak-ng program is not installed; {INSTALL}")
        self.program = program
        self._voices: list[Voice] | None = None
        self._variants: set[str] | None = None

    def _run(self, *args: str, text: str | None = None) -> str:
        proc = subprocess.run(
            [self.program, *args], input=text, capture_output=True, text=True, timeout=600
        )
        if proc.returncode != 0:
            raise EngineError(f"espeak-ng failed: {proc.stderr.strip()[-300:]}")
        return proc.stdout

    def voices(self) -> list[Voice]:
        if self._voices is None:
            # Filled aside, then published whole: threads share this engine (own_program), and
            # one must never see the list half made.
            voices = []
            for line in self._run("--voices").splitlines()[1:]:
                cols = line.split()
                if len(cols) >= 5:
                    gender = {"M": "male", "F": "female"}.get(cols[2].split("/")[-1])
                    voices.append(Voice(cols[4].lower(), cols[3], cols[1], gender))
            self._voices = voices
        return self._voices

    def variants(self) -> set[str]:
        if self._variants is None:
            lines = self._run("--voices=variant").splitlines()[1:]
            self._variants = {
                line.split()[4].split("/")[-1].lower() for line in lines if len(line.split()) >= 5
            }
        return self._variants

    def check_voice(self, voice: str) -> None:
        base, _, variant = voice.lower().partition("+")
        ids = {v.id for v in self.voices()}
        if base not in ids and f"gmw/{base}" not in ids:
            raise unknown_voice("espeak-ng", base, ids)
        if variant and variant not in self.variants():
            raise EngineError(f"no espeak-ng variant {variant!r} (in voice {voice!r})")

    def synthesize(self, text: str, voice: str, rate: int, path: Path, pitch: int = 50) -> float:
        if not text.strip():
            raise EngineError(f"{path}: refusing to synthesise empty text")
        self.check_voice(voice)
        # Text on stdin: no argument-length limit, and a leading "-" is not an option.
        self._run(
            "-v", voice, "-s", str(espeak_rate(rate)), "-p", str(pitch), "-w", str(path), text=text
        )
        return check_speech(path, text)
