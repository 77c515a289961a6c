"""Measurements on real audio for the tests: pitch and duration from WAV files."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def samples(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(float)
    return data, rate


def median_f0(path: Path) -> float:
    """Median fundamental frequency (Hz) of the voiced 40 ms frames, by autocorrelation."""
    x, rate = samples(path)
    frame = int(0.04 * rate)
    found = []
    for i in range(0, len(x) - frame, frame):
        s = x[i : i + frame]
        if np.sqrt((s**2).mean()) < 1000:
            continue
        s = s - s.mean()
        ac = np.correlate(s, s, "full")[frame - 1 :]
        lo, hi = int(rate / 400), int(rate / 60)
        found.append(rate / (lo + int(np.argmax(ac[lo:hi]))))
    return float(np.median(found)) if found else 0.0


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()
