"""Voices at different levels are stitched at one level: a switch of voice (or of engine) is
not a jump in loudness."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tts.engines import get_engine
from tts.episode import AudioSettings, Part, render_episode
from tts.episode_audio import part_samples

pytestmark = pytest.mark.espeak_ng

SENTENCE = "The council voted on Tuesday to repair the old bridge over the river."


def rms_dbfs(samples: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(samples.astype(np.float64) ** 2)) / 32768))


def test_a_quiet_voice_and_a_loud_one_are_heard_at_one_level(tmp_path: Path) -> None:
    from pydub import AudioSegment

    engine = get_engine("espeak-ng")
    loud, quiet = tmp_path / "loud.wav", tmp_path / "quiet.wav"
    engine.synthesize(SENTENCE, "gmw/en-us", 165, loud)
    engine.synthesize(SENTENCE, "gmw/en-gb-x-rp+f3", 165, quiet)
    softer = AudioSegment.from_wav(str(quiet)).apply_gain(-10)  # a voice 10 dB down
    softer.export(str(quiet), format="wav")
    parts = [Part(loud, "narrator", SENTENCE, 500), Part(quiet, "Ann Lee", SENTENCE, 0)]
    result = render_episode(parts, tmp_path / "episode.mp3", AudioSettings())
    episode = AudioSegment.from_file(str(tmp_path / "episode.mp3"))  # as a player decodes it
    stitched = [rms_dbfs(part_samples(p.wav, 22050)) for p in parts]  # as they are joined
    assert abs(stitched[0] - stitched[1]) < 1.0, stitched
    # The compressor then works on each voice's own dynamics: still no jump a listener hears.
    levels = [episode[int(c.start * 1000) : int(c.end * 1000)].dBFS for c in result.cues]
    assert abs(levels[0] - levels[1]) < 1.5, levels
    assert episode.max_dBFS <= -1.0  # nothing pushed into clipping
