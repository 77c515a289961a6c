"""Where a voice paused inside one spoken segment: the silences between its words.

Engines pause at a sentence's end and at a comma, a colon, a dash or a parenthesis; the
transcript cuts a long segment at those silences (tts/cue_split.py), so a caption ends where the
voice stopped rather than where a share of the characters ran out.
"""

from __future__ import annotations

from typing import Any

# Measured on the demo (espeak-ng at 165 words a minute, levelled): a comma's pause is 180-250 ms
# and a sentence's 350-400 ms; a stop consonant's closure is silent too, for up to about 150 ms,
# so a shorter silence is no pause.
PAUSE_MIN_MS = 100
# Below the segment's own level (RMS): the levelled speech sits at -20 dBFS.
PAUSE_BELOW_DB = 30.0
# pydub looks for silence every STEP_MS: the demo's 7.9 minutes take 0.4 s at 20 ms, 0.75 s at
# 10 ms, and a pause is found within 20 ms, well inside the 100 ms a cut leaves before a word.
STEP_MS = 20

Pause = tuple[float, float]  # (start, end), seconds from the start of the episode


def inner_pauses(audio: Any, offset: float) -> list[Pause]:
    """The silences of at least PAUSE_MIN_MS inside a trimmed pydub AudioSegment (its edges
    excluded), in seconds from `offset`, the segment's start in the episode."""
    from pydub.silence import detect_silence

    if audio.dBFS == float("-inf"):
        return []
    found = detect_silence(
        audio,
        min_silence_len=PAUSE_MIN_MS,
        silence_thresh=audio.dBFS - PAUSE_BELOW_DB,
        seek_step=STEP_MS,
    )
    return [
        (round(offset + start / 1000, 3), round(offset + end / 1000, 3))
        for start, end in found
        if start > 0 and end < len(audio)
    ]
