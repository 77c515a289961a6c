"""An episode's audio cut into blocks of whole paragraphs, each encoded once and cached.

A changed paragraph must re-encode only its own stretch of the episode, so the cuts may not
depend on where a block starts in the episode: they are chosen by content, as rsync and borg
choose theirs. A block ends after a paragraph (a long pause, never inside a sentence) whose
own audio key hashes to a chosen residue, once the block has its minimum length; an edit
moves at most the cuts around it, and the blocks after the next untouched cut are the same
blocks, with the same keys, as before.

Lengths are judged by the spoken characters (known before anything is spoken): 165 words a
minute is about 15 characters a second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tts.episode_audio import AudioSettings, Part

# A cut only where the script leaves a paragraph's pause (700 ms), a caption's or a
# headline's: room for the next block's lead (BLOCK_LEAD) and the frame rounding.
MIN_CUT_PAUSE_MS = 600
# A block past MAX_CHARS takes a sentence's pause instead; past twice that, any gap (a script
# of unbroken speech): the join then adds at most BLOCK_LEAD_MS and a frame of silence.
LONG_CUT_PAUSE_MS = 250
# Blocks share an ffmpeg run (tts/block_audio.py), so a short one costs little more than its
# audio; a cut at every paragraph end past MIN_CHARS keeps what an edit re-encodes to about
# one paragraph (demo: 1.04 s for one paragraph changed with 1-in-2 cuts past 300 characters,
# 0.89 s with these).
MIN_CHARS = 200  # about 13 s
MAX_CHARS = 2400  # about 2.5 min: the most one edit re-encodes, and a block's memory
CUT_ONE_IN = 1  # of the paragraph ends past MIN_CHARS, the share that cut (by hash)
BLOCK_VERSION = "5"  # bump when a block's audio is made differently


@dataclass(frozen=True)
class Block:
    """Consecutive parts encoded together; `first` and `last` place it in the episode."""

    parts: tuple[Part, ...]
    first: bool
    last: bool
    key: str


def plan_blocks(parts: Sequence[Part], settings: AudioSettings) -> list[Block]:
    """Cut the episode's parts into blocks, each keyed by everything its audio depends on."""
    groups: list[list[Part]] = [[]]
    chars = 0
    for i, part in enumerate(parts):
        groups[-1].append(part)
        chars += len(part.text)
        following = parts[i + 1] if i + 1 < len(parts) else None
        if following is not None and _cut_after(part, following, chars):
            groups.append([])
            chars = 0
    last = len(groups) - 1
    return [
        Block(tuple(g), n == 0, n == last, _key(g, n == 0, n == last, settings))
        for n, g in enumerate(groups)
    ]


def _cut_after(part: Part, following: Part, chars: int) -> bool:
    if chars >= 2 * MAX_CHARS or (chars >= MAX_CHARS and part.pause_after >= LONG_CUT_PAUSE_MS):
        return True  # no block grows unbounded: a block is held in memory as it is stitched
    if part.pause_after < MIN_CUT_PAUSE_MS:
        return False  # inside a paragraph, or too short a pause to hold a join
    if following.chapter:
        return True  # a chapter starts with its own block
    if chars < MIN_CHARS:
        return False
    digest = hashlib.sha256(part.wav.name.encode("utf-8")).digest()
    return digest[0] % CUT_ONE_IN == 0


def _key(parts: Sequence[Part], first: bool, last: bool, settings: AudioSettings) -> str:
    """The block's identity: the segments' audio (their cache names are content hashes),
    the pauses, its place at either end, and the audio settings."""
    h = hashlib.sha256(BLOCK_VERSION.encode())
    h.update(f"|{settings.sample_rate}|{settings.bitrate}|{settings.loudness}|".encode())
    h.update(f"{first}|{last}|".encode())
    for part in parts:
        h.update(f"{part.wav.name}|{part.pause_after}\n".encode())
    return h.hexdigest()[:24]
