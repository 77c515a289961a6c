"""What the published MP3 measures as a player decodes it, shared by the AUD and ID3 rules.

ffmpeg's ebur128 and silencedetect filters run in one pass; the result is cached per episode.
Encoding moves loudness and peaks (TRAPS.md), so the WAV the build normalised proves nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from feeds.check.context import Context, Episode, ToolMissing

SILENCE_DB = -50  # dBFS below which espeak's pauses sit
SILENCE_MIN = 0.25  # seconds: shorter gaps are part of speaking, not pauses
_SUMMARY = {
    "integrated": re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS"),
    "lra": re.compile(r"LRA:\s+(-?[\d.]+) LU\b"),
    "sample_peak": re.compile(r"Sample peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS"),
    "true_peak": re.compile(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS"),
}


@dataclass
class Analysis:
    integrated: float  # LUFS
    lra: float  # LU
    sample_peak: float  # dBFS
    true_peak: float  # dBTP
    decoded: float  # seconds, as far as ffmpeg decoded
    silences: list[tuple[float, float]] = field(default_factory=list)

    @property
    def speaking(self) -> float:
        return self.decoded - sum(end - start for start, end in self.silences)


def program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ToolMissing(f"{name} is not installed (apt-get install ffmpeg)")
    return path


def measure(path: Path, start: float | None = None, end: float | None = None) -> Analysis:
    """Loudness (EBU R128), peaks and silences of `path` (or of start..end seconds of it)."""
    span = [] if start is None else ["-ss", f"{start:.3f}", "-to", f"{end:.3f}"]
    chain = (
        f"ebur128=peak=sample+true:framelog=verbose,"
        f"silencedetect=noise={SILENCE_DB}dB:d={SILENCE_MIN}"
    )
    proc = subprocess.run(
        [
            program("ffmpeg"),
            "-nostdin",
            "-hide_banner",
            *span,
            "-i",
            str(path),
            "-af",
            chain,
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    )
    log = proc.stderr
    summary = log[log.rfind("Summary:") :]
    values: dict[str, float] = {}
    for key, pattern in _SUMMARY.items():
        match = pattern.search(summary)
        if proc.returncode != 0 or not match:
            raise ValueError(f"ffmpeg could not measure {path.name}: {log.strip()[-200:]}")
        values[key] = float(match.group(1))
    times = re.findall(r"time=(\d+):(\d+):([\d.]+)", log)
    decoded = (
        int(times[-1][0]) * 3600 + int(times[-1][1]) * 60 + float(times[-1][2]) if times else 0.0
    )
    silences, opened = [], None
    for kind, value in re.findall(r"silence_(start|end): (-?[\d.]+)", log):
        if kind == "start":
            opened = max(0.0, float(value))
        elif opened is not None:
            silences.append((opened, float(value)))
            opened = None
    if opened is not None:
        silences.append((opened, decoded))
    return Analysis(**values, decoded=decoded, silences=silences)


def analysis(episode: Episode) -> Analysis | None:
    mp3 = episode.mp3
    if not mp3 or not episode.audio:
        return None
    return episode.cached("analysis", lambda: measure(mp3))


def episode_mp3(episode: Episode) -> Path:
    """The MP3 of an episode `_audible` yielded: it has one, which the type cannot say."""
    if episode.mp3 is None:
        raise ValueError(f"{episode.label} has no MP3 under output/")
    return episode.mp3


def audible_episodes(ctx: Context) -> Iterator[Episode]:
    for episode in ctx.episodes:
        if episode.mp3 and episode.audio is None:
            continue  # AUD-01 reports it
        if episode.mp3:
            yield episode
