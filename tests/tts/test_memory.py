"""A one-hour episode is stitched by streaming: memory stays far below 300 MB.

Real espeak-ng speech (a few sentences, repeated to an hour) goes through the real stitch,
loudness and MP3 chain in a child process, whose high-water mark the kernel reports.
(bench/run.py measures the same for a real one-hour bulletin of 16 articles.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

LIMIT_MB = 300

CHILD = r"""
import json, resource, subprocess, sys, wave
from pathlib import Path
from tts.episode import AudioSettings, Part, render_episode

work = Path(sys.argv[1])
sentences = [
    "The city council voted on Tuesday to replace the old river bridge.",
    "Work starts in the spring and will last two years, the mayor said.",
    "Traffic will move to a temporary crossing a mile downstream.",
]
wavs = []
for i, text in enumerate(sentences):
    wav = work / f"{i}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), text], check=True)
    wavs.append(wav)
lengths = []
for wav in wavs:
    with wave.open(str(wav)) as w:
        lengths.append(w.getnframes() / w.getframerate())
parts, seconds = [], 0.0
while seconds < 3900:  # a margin: the engine's silence at each end (~0.15 s) is trimmed
    i = len(parts) % len(wavs)
    # Pauses that vary: no two blocks of the hour are alike, so every block is encoded.
    pause = 400 + 10 * (len(parts) % 17)
    parts.append(Part(wavs[i], "narrator", sentences[i], pause, chapter=None if parts else "Hour"))
    seconds += lengths[i] + pause / 1000
result = render_episode(parts, work / "hour.mp3", AudioSettings())


def high_water_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

print(json.dumps({
    "duration": result.duration,
    "blocks": result.blocks,
    "encoded": result.encoded,
    # VmHWM, not ru_maxrss: the latter survives exec, so it would count the test runner
    # this process was forked from (measured: 928 MB at the end of the suite).
    "self_mb": high_water_mb(),
    "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "parts": len(parts),
}))
"""


def test_an_hour_long_episode_stays_under_300_mb(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    print("one hour:", report)
    assert report["duration"] > 3600, report  # really an hour of audio
    assert report["encoded"] == report["blocks"] > 20, report  # all of it encoded
    assert report["self_mb"] < LIMIT_MB, report  # stitching, tagging, measuring: this process
    assert report["children_mb"] < LIMIT_MB, report  # the largest ffmpeg
    mp3 = tmp_path / "hour.mp3"
    assert mp3.stat().st_size > 3600 * 64_000 / 8 * 0.95  # 64 kbps for the whole hour
