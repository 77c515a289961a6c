"""The episode's loudness, combined from its blocks' meter readings, is what ffmpeg's own
EBU R128 meter says of the whole: one recording measured whole and as readings agree."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tts import loudness_sum
from tts.engines import get_engine

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

TEXT = (
    "The council met on Tuesday. The bridge will close in May, the mayor said, and a "
    "ferry will carry cyclists across. Residents asked why nobody had told them sooner. "
)


def test_readings_combine_to_the_meters_own_summary(tmp_path: Path) -> None:
    wav = tmp_path / "speech.wav"
    get_engine("espeak-ng").synthesize(TEXT * 3, "gmw/en-us", 165, wav)
    # A quieter stretch after a silence: the gates must drop the silence, keep the speech.
    mixed = tmp_path / "mixed.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-i", str(wav), "-filter_complex",
                    "[1:a]volume=-9dB,adelay=4000[q];[0:a][q]concat=n=2:v=0:a=1", str(mixed)],
                   check=True)  # fmt: skip
    log = subprocess.run(["ffmpeg", "-nostdin", "-i", str(mixed), "-af", "ebur128=framelog=info",
                          "-f", "null", "-"], capture_output=True, text=True).stderr  # fmt: skip
    readings = re.findall(r"\bM:\s*(-?[\d.]+|-inf)\s+S:\s*(-?[\d.]+|-inf)", log)
    momentary = [float(m) for m, _ in readings]
    short_term = [float(s) for _, s in readings]
    summary = log[log.rfind("Summary:") :]
    whole = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))  # type: ignore[union-attr]
    lra = float(re.search(r"LRA:\s+(-?[\d.]+) LU", summary).group(1))  # type: ignore[union-attr]
    assert abs(loudness_sum.integrated(momentary) - whole) <= 0.15
    assert abs(loudness_sum.loudness_range(short_term) - lra) <= 0.6
    assert lra > 3  # the quiet half is really in the range: the test can tell


def test_silence_alone_is_at_the_absolute_gate() -> None:
    assert loudness_sum.integrated([-120.0] * 50) == -70.0
    assert loudness_sum.loudness_range([-120.0] * 50) == 0.0
