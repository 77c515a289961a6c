"""The one small interface every speech engine implements, and the checks on what it writes."""

from __future__ import annotations

import array
import math
import re
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from tts.errors import NoSpeech
from tts.voices import Palette

# Speech quieter than this RMS (16-bit) over the whole file is taken as silence: real speech
# from every engine we ship sits above 1,000; a broken engine writes zeros or near zeros.
SILENCE_RMS = 100


# espeak-ng's rate parameter undercounts: at -s 165 it speaks 180 words a minute of speech
# (written words / non-silent seconds) over the 15 real articles of the shared fixtures (4,335
# words; 163-212 by article). Our rate means what a listener hears, so it is scaled here.
ESPEAK_SPEECH_PER_UNIT = 1.09


def espeak_rate(words_per_minute: int) -> int:
    """The espeak-ng rate parameter that gives `words_per_minute` of speech."""
    return max(80, round(words_per_minute / ESPEAK_SPEECH_PER_UNIT))


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers. `id` is what `synthesize` accepts."""

    id: str
    name: str
    language: str | None = None
    gender: str | None = None  # "male" / "female" / None


class Engine(Protocol):
    """What an engine is, declared on its class so that callers can read it without starting
    the engine (which may not be installed), and what it does."""

    name: ClassVar[str]
    # Changes whenever the same (text, voice, rate, pitch) would sound different: part of the
    # audio cache key, so a new rate mapping or model never reuses old audio.
    revision: ClassVar[str]
    # Whether spoken text may carry espeak's inline phonemes (`[[S'i:]]`) from a show's
    # lexicon; an engine without them is given only the lexicon's respellings.
    takes_phonemes: ClassVar[bool]
    # The voices casting gives a script's narrator and speakers.
    palette: ClassVar[Palette]
    # Whether each segment is spoken by a program run of its own (nothing shared in this
    # process), so that threads speak in parallel and no worker process need be started.
    own_program: ClassVar[bool]

    @classmethod
    def knows_voice(cls, voice: str) -> bool:
        """Whether `voice` can name one of this engine's voices, judged by its form alone: a
        show's narrator written for another engine gives way to the palette's narrator."""
        ...

    def voices(self) -> list[Voice]: ...

    def synthesize(self, text: str, voice: str, rate: int, path: Path, pitch: int = 50) -> float:
        """Speak `text` into a WAV file at `path`; return its duration in seconds."""
        ...


def wav_stats(path: Path) -> tuple[float, float, int]:
    """Return (duration seconds, RMS, sample rate) of a 16-bit PCM WAV file."""
    with wave.open(str(path), "rb") as w:
        rate, frames, width = w.getframerate(), w.getnframes(), w.getsampwidth()
        data = w.readframes(frames)
    if width != 2 or frames == 0:
        return 0.0, 0.0, rate
    samples = array.array("h", data)
    # Sample every 8th value: enough to tell speech from silence, 8x cheaper.
    sub = samples[::8]
    rms = math.sqrt(sum(s * s for s in sub) / len(sub)) if sub else 0.0
    return frames / rate, rms, rate


def check_speech(path: Path, text: str) -> float:
    """Raise NoSpeech unless `path` holds audible audio of a plausible length for `text`."""
    try:
        duration, rms, _ = wav_stats(path)
    except (OSError, EOFError, wave.Error) as exc:
        # The path is a temporary name in the cache, of no use to the reader: not named.
        raise NoSpeech(f"the speech engine wrote no readable audio ({exc})") from exc
    if duration <= 0 or rms < SILENCE_RMS:
        raise NoSpeech(
            f"the speech engine returned silence for {text[:60]!r}; "
            "check that the voice exists (talkingpaper voices)"
        )
    return duration


_BREAKS = (re.compile(r"(?<=[.!?;:])\s+"), re.compile(r"(?<=,)\s+"), re.compile(r"\s+"))


def chunk_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters at the gentlest break available."""
    if len(text) <= limit:
        return [text]
    for pattern in _BREAKS:
        parts = pattern.split(text)
        if all(len(p) <= limit for p in parts) or pattern is _BREAKS[-1]:
            break
    chunks: list[str] = []
    current = ""
    for part in parts:
        while len(part) > limit:  # one unbroken run longer than the limit
            if current:
                chunks.append(current)
                current = ""
            chunks.append(part[:limit])
            part = part[limit:]
        if current and len(current) + 1 + len(part) > limit:
            chunks.append(current)
            current = part
        else:
            current = f"{current} {part}" if current else part
    if current:
        chunks.append(current)
    return [c for c in chunks if c.strip()]
