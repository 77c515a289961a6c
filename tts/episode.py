"""Stitching: segment WAVs + pauses -> one loudness-normalised, tagged MP3 with timed cues.

Audio is streamed into one WAV segment by segment (never the whole episode held in memory
several times), then ffmpeg compresses gently, normalises loudness and encodes MP3 in one
pass. The MP3 is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tts.errors import AudioError, raise_if_disk_full
from tts.files import replace_durably
from tts.pauses import Pause, inner_pauses

# The compressor evens out voices and sentences; then one linear gain, computed from a fast
# measurement of the compressed speech, sets the loudness; a sample-peak limiter at -3.5 dBFS
# follows, because gain alone clips (TRAPS.md) and MP3 encoding raises peaks by up to 1.1 dB.
# loudnorm did the gain's job before, but its dynamic mode works at 192 kHz and took half of
# every build (measured: 6.2 s of a 10.5 s encode for 7.7 min of speech; this chain 4.2 s).
COMPRESSOR = "acompressor=threshold=-30dB:ratio=4:attack=5:release=80:makeup=1"
LOUDNESS_CHAIN = (
    COMPRESSOR + ",volume={gain}dB,aresample={rate},aformat=channel_layouts=mono,"
    "alimiter=limit=0.668:attack=2:release=50:level=disabled"
)
# The limiter and the encoder take 0.3-0.5 LU off the gain's loudness (measured on the demo
# with all three engines), so the gain aims that much higher.
LIMITER_LOSS = 0.4
LOUDNESS_TOLERANCE = 0.5  # LU: re-encode once when the MP3 lands further from the target
TRUE_PEAK_MAX = -1.0  # dBTP
LEAD_IN_MS = 300  # a breath of silence before the first word, well under Apple's ~1 s


@dataclass
class AudioSettings:
    sample_rate: int = 44100
    channels: int = 1
    bitrate: str = "64k"
    loudness: float = -16.0  # LUFS, integrated


@dataclass
class Cue:
    start: float
    end: float
    speaker: str
    text: str
    voice: str = ""
    paragraph: int | None = None  # the article's paragraph, for transcripts laid out as read
    pauses: list[Pause] = field(default_factory=list)  # silences inside it, for cue splitting


@dataclass
class Chapter:
    start: float
    end: float
    title: str


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


@dataclass
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP
    lra: float  # LU


@dataclass
class StitchResult:
    duration: float
    cues: list[Cue] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    loudness: Loudness | None = None


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


def trim_silence(audio: Any) -> Any:
    """Cut leading and trailing silence from a pydub AudioSegment, keeping a short margin."""
    from pydub.silence import detect_leading_silence

    start = detect_leading_silence(audio, silence_threshold=TRIM_THRESHOLD_DB, chunk_size=5)
    end = detect_leading_silence(audio.reverse(), silence_threshold=TRIM_THRESHOLD_DB, chunk_size=5)
    if start + end >= len(audio):
        return audio
    return audio[max(0, start - TRIM_MARGIN_MS) : len(audio) - max(0, end - TRIM_MARGIN_MS)]


# Every segment's speech is brought to one level before stitching: engines and voices speak
# at different levels (Hibari's heart about 5 dB below Piper's joe, espeak-ng's variants
# 2-3 dB apart), and a switch of voice must not be a jump in loudness. The episode's own
# loudness is set after, by one gain.
LEVEL_DBFS = -20.0
MAX_LEVEL_GAIN_DB = 12.0
PEAK_CEILING_DBFS = -1.0


def levelled(audio: Any) -> Any:
    """The segment at LEVEL_DBFS (RMS), its peaks kept under PEAK_CEILING_DBFS."""
    if audio.dBFS == float("-inf"):
        return audio
    gain = min(LEVEL_DBFS - audio.dBFS, PEAK_CEILING_DBFS - audio.max_dBFS)
    gain = max(-MAX_LEVEL_GAIN_DB, min(MAX_LEVEL_GAIN_DB, gain))
    return audio.apply_gain(gain) if abs(gain) >= 0.1 else audio


def stitch_wav(parts: Iterable[Part], out_wav: Path, sample_rate: int = 22050) -> StitchResult:
    """Join parts into one mono 16-bit WAV at `sample_rate`, with their pauses; time the cues."""
    from pydub import AudioSegment

    cues: list[Cue] = []
    chapters: list[Chapter] = []
    position = 0  # frames written so far
    with wave.open(str(out_wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)

        def silence(ms: int) -> None:
            nonlocal position
            frames = int(sample_rate * ms / 1000)
            out.writeframes(b"\0\0" * frames)
            position += frames

        silence(LEAD_IN_MS)
        for part in parts:
            audio = AudioSegment.from_wav(str(part.wav))
            audio = audio.set_channels(1).set_sample_width(2).set_frame_rate(sample_rate)
            audio = levelled(trim_silence(audio))
            start = position / sample_rate
            if part.chapter:
                if chapters:
                    chapters[-1].end = start
                chapters.append(Chapter(start, start, part.chapter))
            out.writeframes(audio.raw_data)
            position += len(audio.raw_data) // 2
            cues.append(
                Cue(start, position / sample_rate, part.speaker, part.text, part.voice,
                    part.paragraph, inner_pauses(audio, start))
            )  # fmt: skip
            silence(part.pause_after)
    duration = position / sample_rate
    if chapters:
        chapters[-1].end = duration
    return StitchResult(duration=duration, cues=cues, chapters=chapters)


def encode_mp3(wav: Path, mp3: Path, settings: AudioSettings) -> Loudness:
    """Compress, normalise loudness, limit and encode MP3 (CBR) into `mp3`; measure the result
    and, when it misses the target or the peak ceiling, encode once more corrected."""
    gain = settings.loudness - _compressed_loudness(wav) + LIMITER_LOSS
    _encode(wav, mp3, settings, gain)
    measured = measure_loudness(mp3)
    miss = settings.loudness - measured.integrated
    over = measured.true_peak - TRUE_PEAK_MAX
    if abs(miss) > LOUDNESS_TOLERANCE or over > 0:
        # The limiter and the encoder move loudness and peaks a little: correct once.
        _encode(wav, mp3, settings, gain + (min(miss, -over - 0.2) if over > 0 else miss))
        measured = measure_loudness(mp3)
    return measured


def _compressed_loudness(wav: Path) -> float:
    """Integrated loudness (LUFS) of the speech after the compressor: the gain's reference."""
    ffmpeg = require_ffmpeg()
    proc = subprocess.run(
        [ffmpeg, "-nostdin", "-hide_banner", "-i", str(wav), "-af", COMPRESSOR + ",ebur128",
         "-f", "null", "-"],
        capture_output=True, text=True,
    )  # fmt: skip
    match = _SUMMARY["integrated"].search(proc.stderr[proc.stderr.rfind("Summary:") :])
    if proc.returncode != 0 or not match:
        raise AudioError(f"ffmpeg could not measure the loudness of {wav}")
    level = float(match.group(1))
    if level == float("-inf") or level < -70:
        raise AudioError(f"{wav}: the episode is silent; the speech engine produced no sound")
    return level


def _encode(wav: Path, mp3: Path, settings: AudioSettings, gain: float) -> None:
    ffmpeg = require_ffmpeg()
    chain = LOUDNESS_CHAIN.format(gain=round(min(max(gain, -30.0), 40.0), 2),
                                  rate=settings.sample_rate)  # fmt: skip
    cmd = [
        ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(wav),
        "-af", chain, "-ar", str(settings.sample_rate), "-ac", str(settings.channels),
        "-codec:a", "libmp3lame", "-b:a", settings.bitrate, "-write_xing", "1",
        "-id3v2_version", "0", "-f", "mp3", str(mp3),
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        error = AudioError(f"ffmpeg could not encode {mp3}: {proc.stderr.strip()[-400:]}")
        raise_if_disk_full(mp3.parent, error)
        raise error


_SUMMARY = {
    "integrated": re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS"),
    "lra": re.compile(r"LRA:\s+(-?[\d.]+) LU\b"),
    "true_peak": re.compile(r"Peak:\s+(-?[\d.]+|-inf) dBFS"),
}


def measure_loudness(path: Path) -> Loudness:
    """EBU R128 integrated loudness, true peak and loudness range of a decoded file."""
    ffmpeg = require_ffmpeg()
    proc = subprocess.run(
        [ffmpeg, "-nostdin", "-hide_banner", "-i", str(path), "-af", "ebur128=peak=true",
         "-f", "null", "-"],
        capture_output=True, text=True,
    )  # fmt: skip
    summary = proc.stderr[proc.stderr.rfind("Summary:") :]
    values = {}
    for key, pattern in _SUMMARY.items():
        match = pattern.search(summary)
        if not match:
            raise AudioError(f"ffmpeg could not measure the loudness of {path}")
        values[key] = float(match.group(1))
    return Loudness(**values)


def probe_duration(path: Path) -> float:
    """Duration in seconds as ffprobe decodes it."""
    ffprobe = shutil.which("ffprobe")
    if not ffprobe:
        raise AudioError("ffprobe is not installed; it comes with ffmpeg: apt-get install ffmpeg")
    proc = subprocess.run(
        [ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode != 0:
        raise AudioError(f"ffprobe could not read {path}: {proc.stderr.strip()[-200:]}")
    return float(json.loads(proc.stdout)["format"]["duration"])


def render_episode(
    parts: list[Part],
    mp3: Path,
    settings: AudioSettings,
    finish: Callable[[Path, StitchResult], None] | None = None,
) -> StitchResult:
    """Stitch parts and encode them to `mp3`; return timing of cues and chapters.

    `finish` runs on the encoded file before it is renamed into place (tags go there), so a
    build killed at any moment leaves either the old complete MP3 or the new one.
    """
    require_ffmpeg()
    mp3.parent.mkdir(parents=True, exist_ok=True)
    # Work beside the target: same file system, so the final rename is atomic.
    with tempfile.TemporaryDirectory(prefix=f".{mp3.name}.", suffix=".tmp", dir=mp3.parent) as tmp:
        wav = Path(tmp) / "episode.wav"
        result = stitch_wav(parts, wav)
        encoded = Path(tmp) / "episode.mp3"
        result.loudness = encode_mp3(wav, encoded, settings)
        if finish:
            finish(encoded, result)
        replace_durably(encoded, mp3)
    return result
