"""The audio of one part, ready to stitch, and the settings and filters every block shares.

A segment's WAV (any engine, any rate) is brought to the episode's rate, mono 16-bit, its
engine's own silence trimmed and its speech levelled, so that voices and engines sound at
one level. The compressor and limiter are the episode's sound; their order and settings are
explained at their definitions.
"""

from __future__ import annotations

import math
import shutil
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tts.errors import AudioError

# The compressor evens out voices and sentences; then one linear gain, from the compressed
# block's own loudness, sets the loudness; a sample-peak limiter at -4.4 dBFS follows,
# because gain alone clips (TRAPS.md) and MP3 encoding raises peaks: nothing measures the
# MP3 after it is made, so the ceiling leaves room for the encoder's overshoot (measured:
# at -3.5 dBFS an episode encoded whole peaked at -0.6 dBTP; at -4.4 dBFS, -1.6). The
# limiter compensates its look-ahead (latency=1), so no sample moves in time.
COMPRESSOR = "acompressor=threshold=-30dB:ratio=4:attack=5:release=80:makeup=1"
LIMITER = "alimiter=limit=0.6:attack=2:release=50:level=disabled:latency=1"
# The limiter and the encoder take loudness off the gain's (measured: 0.8-1.0 LU on the demo
# and on an invented story, espeak-ng and pyttsx3), so the gain aims higher: the MP3s measured
# -16.5 LUFS and -1.6/-1.7 dBTP; aiming 0.4 LU higher still gave -16.3 LUFS but -1.2 dBTP.
LIMITER_LOSS = 0.8


@dataclass
class AudioSettings:
    sample_rate: int = 44100
    channels: int = 1
    bitrate: str = "64k"
    loudness: float = -16.0  # LUFS, integrated


@dataclass
class Part:
    """One stretch of speech to stitch: its WAV, who speaks, the words, the pause after."""

    wav: Path
    speaker: str
    text: str
    pause_after: int = 0
    chapter: str | None = None  # a new chapter starts at this part
    voice: str = ""
    paragraph: int | None = None


def require_ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if not path:
        raise AudioError(
            "ffmpeg is not installed; install it (Debian/Ubuntu: sudo apt-get install ffmpeg, "
            "macOS: brew install ffmpeg)"
        )
    return path


# Engines pad each utterance with their own silence (espeak-ng about 0.3-0.4 s); trimmed to a
# short margin so that the pauses between segments are the ones the script asks for.
TRIM_THRESHOLD_DB = -50.0
TRIM_MARGIN_MS = 40


def trim_silence(samples: Any, rate: int) -> Any:
    """Cut leading and trailing silence from 16-bit samples (a numpy array), keeping a short
    margin: silence is a 5 ms stretch under TRIM_THRESHOLD_DB (RMS, of full scale)."""
    import numpy as np

    chunk = max(1, rate * 5 // 1000)
    count = -(-len(samples) // chunk)
    if not count:
        return samples
    padded = np.zeros(count * chunk, dtype=np.float64)
    padded[: len(samples)] = samples
    power = np.mean(padded.reshape(count, chunk) ** 2, axis=1)
    power[-1] *= chunk / (len(samples) - (count - 1) * chunk)  # the last chunk's own mean
    loud = np.flatnonzero(power >= (32768 * 10 ** (TRIM_THRESHOLD_DB / 20)) ** 2)
    if not len(loud):
        return samples
    margin = rate * TRIM_MARGIN_MS // 1000
    start = max(0, int(loud[0]) * chunk - margin)
    end = min(len(samples), (int(loud[-1]) + 1) * chunk + margin)
    return samples[start:end]


# Every segment's speech is brought to one level before stitching: engines and voices speak
# at different levels (Hibari's heart about 5 dB below Piper's joe, espeak-ng's variants
# 2-3 dB apart), and a switch of voice must not be a jump in loudness. The episode's own
# loudness is set after, by one gain.
LEVEL_DBFS = -20.0
MAX_LEVEL_GAIN_DB = 12.0
PEAK_CEILING_DBFS = -1.0


def levelled(samples: Any) -> Any:
    """The segment at LEVEL_DBFS (RMS), its peaks kept under PEAK_CEILING_DBFS."""
    import numpy as np

    as_float = samples.astype(np.float64)
    rms = float(np.sqrt(np.mean(as_float**2))) if len(samples) else 0.0
    if rms == 0.0:
        return samples
    level = 20 * math.log10(rms / 32768)
    peak = 20 * math.log10(float(np.max(np.abs(as_float))) / 32768)
    gain = min(LEVEL_DBFS - level, PEAK_CEILING_DBFS - peak)
    gain = max(-MAX_LEVEL_GAIN_DB, min(MAX_LEVEL_GAIN_DB, gain))
    if abs(gain) < 0.1:
        return samples
    return np.clip(as_float * 10 ** (gain / 20), -32768, 32767).astype(np.int16)


def wav_rate(wav: Path) -> int:
    """A WAV's sample rate, from its header."""
    with wave.open(str(wav)) as reader:
        return reader.getframerate()


def part_samples(wav: Path, sample_rate: int) -> Any:
    """The part's speech as 16-bit mono samples (numpy) at `sample_rate`, trimmed and
    levelled. pydub reads and converts; numpy measures."""
    import numpy as np
    from pydub import AudioSegment

    audio = AudioSegment.from_wav(str(wav))
    audio = audio.set_channels(1).set_sample_width(2).set_frame_rate(sample_rate)
    samples = np.frombuffer(audio.raw_data, dtype=np.int16)
    return levelled(trim_silence(samples, sample_rate))
