"""Where a voice paused inside one spoken segment: the silences between its words.

Engines pause at a sentence's end and at a comma, a colon, a dash or a parenthesis; the
transcript cuts a long segment at those silences (tts/cue_split.py), so a caption ends where the
voice stopped rather than where a share of the characters ran out.
"""

from __future__ import annotations

import math
from typing import Any

# Measured on the demo (espeak-ng at 165 words a minute, levelled): a comma's pause is 180-250 ms
# and a sentence's 350-400 ms; a stop consonant's closure is silent too, for up to about 150 ms,
# so a shorter silence is no pause.
PAUSE_MIN_MS = 100
# Below the segment's own level (RMS): the levelled speech sits at -20 dBFS.
PAUSE_BELOW_DB = 30.0
# Silence is looked for every STEP_MS: a pause is found within 20 ms, well inside the 100 ms
# a cut leaves before a word.
STEP_MS = 20

Pause = tuple[float, float]  # (start, end), seconds from the start of the episode


def inner_pauses(samples: Any, rate: int, offset: float) -> list[Pause]:
    """The silences of at least PAUSE_MIN_MS inside trimmed 16-bit samples (numpy; the edges
    excluded), in seconds from `offset`, the segment's start in the episode. A window of
    PAUSE_MIN_MS, moved STEP_MS at a time, is silent under PAUSE_BELOW_DB below the
    segment's RMS; overlapping silent windows make one pause (as pydub's detect_silence)."""
    import numpy as np

    window, step = rate * PAUSE_MIN_MS // 1000, rate * STEP_MS // 1000
    if len(samples) < window or not len(samples):
        return []
    squares = np.concatenate(([0.0], np.cumsum(samples.astype(np.float64) ** 2)))
    rms = math.sqrt(squares[-1] / len(samples))
    if rms == 0.0:
        return []
    starts = np.arange(0, len(samples) - window + 1, step)
    power = (squares[starts + window] - squares[starts]) / window
    silent = starts[power <= (rms * 10 ** (-PAUSE_BELOW_DB / 20)) ** 2]
    pauses: list[Pause] = []
    for start in silent:
        begin, end = int(start), int(start) + window
        if pauses and begin <= pauses[-1][1]:
            pauses[-1] = (pauses[-1][0], end)  # overlaps the pause before: the same pause
        else:
            pauses.append((begin, end))
    return [
        (round(offset + a / rate, 3), round(offset + b / rate, 3))
        for a, b in pauses
        if a > 0 and b < len(samples)
    ]
