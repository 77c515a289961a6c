"""An edited episode re-encodes only the blocks it touched, and the joined MP3 plays as if it
had been encoded whole: real espeak-ng speech, real ffmpeg and LAME."""

from __future__ import annotations

import hashlib
import math
import subprocess
from pathlib import Path

import pytest

from tts.block_audio import encode_blocks, frames_path
from tts.blocks import Block, plan_blocks
from tts.engines import get_engine
from tts.episode import (
    AudioSettings,
    Part,
    StitchResult,
    measure_loudness,
    probe_duration,
    render_episode,
)
from tts.mp3_frames import count_frames

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

SUBJECTS = [
    "The city council",
    "The harbour board",
    "The school governors",
    "The mayor's office",
    "A group of residents",
    "The regional court",
    "The library trustees",
    "The ferry company",
]
ACTIONS = ["voted on Tuesday to repair the old river bridge before the winter storms",
           "said the work would start in the spring and last about two years",
           "asked for a second opinion on the cost of the temporary crossing downstream",
           "published the plans online, with a map of the roads that will close"]  # fmt: skip


def speak(text: str, folder: Path) -> Path:
    wav = folder / (hashlib.sha256(text.encode()).hexdigest()[:24] + ".wav")
    if not wav.exists():
        get_engine("espeak-ng").synthesize(text, "gmw/en-us", 175, wav)
    return wav


def story(folder: Path, paragraphs: int = 14, edit: int | None = None) -> list[Part]:
    parts = []
    for p in range(paragraphs):
        for s in range(2):
            text = f"{SUBJECTS[(p + s) % 8]} {ACTIONS[(p * 2 + s) % 4]}, paragraph {p + 1}."
            if p == edit and s == 1:
                text += " Their families were not told."
            pause = 700 if s == 1 else 350
            parts.append(Part(speak(text, folder), "narrator", text, pause, paragraph=p,
                              chapter="Story" if p == s == 0 else None))  # fmt: skip
    return parts


def decoded(mp3: Path) -> tuple[bytes, str]:
    run = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1",
                          "-ar", "44100", "-"], capture_output=True)  # fmt: skip
    return run.stdout, run.stderr.decode()


def rms_db(pcm: bytes, start: float, end: float) -> float:
    a, b = int(start * 44100) * 2, int(end * 44100) * 2
    samples = memoryview(pcm[a:b]).cast("h")
    power = sum(x * x for x in samples) / max(1, len(samples))
    return 10 * math.log10(power / 32768**2) if power else -120.0


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[StitchResult, StitchResult, Path]:
    work = tmp_path_factory.mktemp("blocks")
    cache = work / "blocks"
    first = render_episode(story(work), work / "v1.mp3", AudioSettings(), cache=cache, encoders=2)
    second = render_episode(story(work, edit=7), work / "v2.mp3", AudioSettings(), cache=cache)
    return first, second, work


def test_an_edit_re_encodes_only_its_own_block(edited: tuple) -> None:
    first, second, _ = edited
    assert first.blocks >= 3 and first.encoded == first.blocks
    assert second.encoded == 1, (second.encoded, second.blocks)


def test_the_joined_episode_decodes_cleanly_to_the_length_of_its_parts(edited: tuple) -> None:
    _, second, work = edited
    pcm, errors = decoded(work / "v2.mp3")
    assert errors == ""
    blocks = plan_blocks(story(work, edit=7), AudioSettings())
    frames = sum(count_frames(frames_path(work / "blocks", b).read_bytes()) for b in blocks)
    # Every frame of every part decodes, and nothing is added or lost at the joins.
    assert len(pcm) // 2 == frames * 1152
    assert abs(second.duration - len(pcm) / 2 / 44100) < 0.001
    probed = probe_duration(work / "v2.mp3")  # as a player reads it, from the Info header
    assert abs(probed - frames * 1152 / 44100) < 1152 / 44100


def test_every_cue_starts_where_its_speech_starts(edited: tuple) -> None:
    _, second, work = edited
    pcm, _ = decoded(work / "v2.mp3")
    for cue in second.cues:
        before, after = (
            rms_db(pcm, cue.start - 0.15, cue.start - 0.05),
            rms_db(pcm, cue.start + 0.05, cue.start + 0.4),
        )
        assert after - before > 20, (cue.text, before, after)


def test_its_loudness_is_that_of_the_episode_encoded_whole(edited: tuple) -> None:
    _, second, work = edited
    parts = story(work, edit=7)
    whole = Block(tuple(parts), True, True, "whole")  # one block: one gain for the whole episode
    encode_blocks([whole], AudioSettings(), work / "whole")
    reference = work / "whole.mp3"
    reference.write_bytes(frames_path(work / "whole", whole).read_bytes())
    joined, single = measure_loudness(work / "v2.mp3"), measure_loudness(reference)
    assert abs(joined.integrated - single.integrated) <= 0.5, (joined, single)
    assert abs(joined.integrated - -16.0) <= 1.0 and joined.true_peak <= -1.0
    assert (
        second.loudness is not None and abs(second.loudness.integrated - joined.integrated) <= 1.0
    )
