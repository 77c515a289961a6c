"""Pitch and pace changed after synthesis, with ffmpeg, for engines that have no control of
their own (Piper's pitch, hibari's pitch and pace)."""

from __future__ import annotations

import os
import shutil
import subprocess
import wave
from pathlib import Path

from tts.errors import EngineError
from tts.files import temporary_name

# ffmpeg's atempo takes factors from 0.5 to 100; slower than half speed needs a chain.
ATEMPO_MIN, ATEMPO_MAX = 0.5, 100.0


def pitch_factor(pitch: int) -> float:
    """The frequency factor of a 0-100 pitch, 50 being the voice's own: an octave spans 100."""
    return float(2 ** ((pitch - 50) / 100))


def atempo_chain(factor: float) -> list[str]:
    """atempo filters whose product is `factor`, each within what atempo accepts."""
    filters = []
    while factor < ATEMPO_MIN:
        filters.append(f"atempo={ATEMPO_MIN}")
        factor /= ATEMPO_MIN
    while factor > ATEMPO_MAX:
        filters.append(f"atempo={ATEMPO_MAX}")
        factor /= ATEMPO_MAX
    filters.append(f"atempo={factor:.5f}")
    return filters


def shift(path: Path, engine: str, pitch: float = 1.0, tempo: float = 1.0) -> None:
    """Rewrite the WAV at `path` with its frequencies times `pitch` and played `tempo` times
    as fast. Resampling moves the pitch (and the pace with it); atempo then sets the pace
    without touching the pitch, so pitch alone keeps the duration."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise EngineError(
            f"ffmpeg is needed to set a {engine} voice's pitch and pace: apt-get install ffmpeg"
        )
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
    tmp = temporary_name(path, "shift")
    chain = ",".join(
        [f"asetrate={round(rate * pitch)}", f"aresample={rate}", *atempo_chain(tempo / pitch)]
    )
    proc = subprocess.run(
        [ffmpeg, "-nostdin", "-loglevel", "error", "-y", "-i", str(path), "-af", chain,
         "-c:a", "pcm_s16le", "-f", "wav", str(tmp)],
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise EngineError(
            f"ffmpeg could not change the pitch or pace of {path}: {proc.stderr[-300:]}"
        )
    os.replace(tmp, path)
