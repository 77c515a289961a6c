"""Stitching: segment WAVs + pauses -> one loudness-normalised, tagged MP3 with timed cues.

The episode is cut into blocks of whole paragraphs (tts/blocks.py). Each block is stitched,
compressed, set to the loudness target by its own measured loudness and encoded to MP3
frames once (tts/block_audio.py), in parallel, as soon as its segments are spoken; blocks
are cached by content, so an edit re-encodes only the blocks it touched. The frames are
joined behind one Info header (tts/mp3_join.py) into a temporary name and renamed into
place. Cues, chapters and the loudness come from the blocks' layouts and meter readings:
nothing is measured or encoded twice.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tts import loudness_sum
from tts.block_audio import BlockAudio, cached_block, encode_blocks, frames_path
from tts.blocks import Block, plan_blocks
from tts.episode_audio import AudioSettings, Part, require_ffmpeg, trim_silence
from tts.errors import AudioError
from tts.files import replace_durably
from tts.mp3_join import join_frames
from tts.pauses import Pause

__all__ = [
    "AudioSettings", "Chapter", "Cue", "Loudness", "Part", "StitchResult", "measure_loudness",
    "probe_duration", "render_episode", "require_ffmpeg", "trim_silence",
]  # fmt: skip


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
class Loudness:
    integrated: float  # LUFS
    true_peak: float | None  # dBTP; None where not measured (the build meters sample peaks)
    lra: float  # LU


@dataclass
class StitchResult:
    duration: float
    cues: list[Cue] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    loudness: Loudness | None = None
    encoded: int = 0  # blocks encoded for this episode (the others came from the cache)
    blocks: int = 0


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
    *,
    cache: Path | None = None,
    ready: Callable[[Sequence[Part]], None] | None = None,
    encoders: int = 1,
) -> StitchResult:
    """Encode the parts' blocks (or take them from `cache`) and join them into `mp3`;
    return the timing of cues and chapters.

    `ready` is called with a block's parts before they are read (the build waits there for
    their speech); `encoders` blocks are encoded at once. The cache's keys name the parts'
    WAVs, so only WAVs named by their content may share one. `finish` runs on the joined
    file before it is renamed into place (tags go there), so a build killed at any moment
    leaves either the old complete MP3 or the new one.
    """
    if not parts:
        raise AudioError(f"{mp3}: an episode needs at least one segment")
    require_ffmpeg()
    mp3.parent.mkdir(parents=True, exist_ok=True)
    # Work beside the target: same file system, so the final rename is atomic.
    with tempfile.TemporaryDirectory(prefix=f".{mp3.name}.", suffix=".tmp", dir=mp3.parent) as tmp:
        store = cache or Path(tmp) / "blocks"
        blocks = plan_blocks(parts, settings)
        audio, encoded = _block_audio(blocks, settings, store, ready, encoders)
        encoded_mp3 = Path(tmp) / "episode.mp3"
        frames = sum(layout.frames for layout in audio)
        join_frames([frames_path(store, b) for b in blocks], frames, encoded_mp3)
        result = _assemble(blocks, audio, settings.sample_rate)
        result.encoded, result.blocks = encoded, len(blocks)
        if finish:
            finish(encoded_mp3, result)
        replace_durably(encoded_mp3, mp3)
    return result


# Blocks in one ffmpeg run: each holds an encoder and its buffers, and a batch cannot be
# shared once sent, so batches stay small while more blocks may come.
MAX_BATCH = 4  # a one-hour bulletin: two ffmpeg runs of 8 blocks held 61 and 57 MB
BATCH_WHILE_SPEAKING = 3


def _block_audio(
    blocks: Sequence[Block],
    settings: AudioSettings,
    store: Path,
    ready: Callable[[Sequence[Part]], None] | None,
    encoders: int,
) -> tuple[list[BlockAudio], int]:
    """Each block's layout: from the cache, or encoded as its parts are ready. The blocks
    ready while every encoder is busy wait, and go together to the next free one (a few
    at a time); once all are ready, the rest are shared out evenly among the encoders."""
    found: dict[str, BlockAudio] = {}
    taken: set[str] = set()  # cached, waiting or sent: a block repeated in an episode goes once
    waiting: list[Block] = []
    running: list[tuple[list[Block], Future[list[BlockAudio]]]] = []
    slots = threading.BoundedSemaphore(max(1, encoders))

    def encode(batch: list[Block]) -> list[BlockAudio]:
        try:
            return encode_blocks(batch, settings, store)
        finally:
            slots.release()

    def send(all_ready: bool) -> None:
        batches = _shares(waiting, encoders) if all_ready else [waiting[:BATCH_WHILE_SPEAKING]]
        for batch in batches:
            if not batch or not slots.acquire(blocking=all_ready):
                return
            del waiting[: len(batch)]
            running.append((batch, pool.submit(encode, batch)))

    with ThreadPoolExecutor(max_workers=max(1, encoders)) as pool:
        try:
            for block in blocks:
                if block.key in taken:
                    continue
                taken.add(block.key)
                cached = cached_block(store, block)
                if cached is not None:
                    found[block.key] = cached
                    continue
                if ready:
                    ready(block.parts)
                waiting.append(block)
                send(all_ready=False)
            send(all_ready=True)
            for batch, future in running:
                found.update(zip([b.key for b in batch], future.result(), strict=True))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # Ctrl-C or a failure: stop here
            raise
    return [found[b.key] for b in blocks], sum(len(batch) for batch, _ in running)


def _shares(waiting: Sequence[Block], encoders: int) -> list[list[Block]]:
    """The blocks left once all are ready, cut into one run per encoder of about the same
    length of speech, so the encoders end together."""
    sizes = [sum(len(p.text) for p in b.parts) for b in waiting]
    target = sum(sizes) / max(1, encoders)
    shares: list[list[Block]] = [[]]
    taken = 0.0
    for block, size in zip(waiting, sizes, strict=True):
        full = taken + size / 2 > target * len(shares) or len(shares[-1]) == MAX_BATCH
        if shares[-1] and full:
            shares.append([])
        shares[-1].append(block)
        taken += size
    return shares


def _assemble(blocks: Sequence[Block], audio: Sequence[BlockAudio], rate: int) -> StitchResult:
    """Cues, chapters, duration and loudness of the joined frames, decoded whole (their Info
    header asks a decoder to trim nothing)."""
    cues: list[Cue] = []
    chapters: list[Chapter] = []
    offset = 0  # where the block starts, in samples of the decoded episode
    momentary: list[float] = []
    short_term: list[float] = []
    for block, layout in zip(blocks, audio, strict=True):
        shift = offset / rate
        for part, (start, end), pauses in zip(block.parts, layout.spans, layout.pauses,
                                              strict=True):  # fmt: skip
            begin = round((offset + start) / rate, 3)
            if part.chapter:
                if chapters:
                    chapters[-1].end = begin
                chapters.append(Chapter(begin, begin, part.chapter))
            cues.append(
                Cue(begin, round((offset + end) / rate, 3), part.speaker, part.text, part.voice,
                    part.paragraph, [(round(a + shift, 3), round(b + shift, 3)) for a, b in pauses])
            )  # fmt: skip
        offset += layout.samples
        momentary += layout.momentary
        short_term += layout.short_term
    duration = round(offset / rate, 3)  # as the record keeps it: the last chapter ends there
    if chapters:
        chapters[-1].end = duration
    loudness = Loudness(loudness_sum.integrated(momentary), None,
                        loudness_sum.loudness_range(short_term))  # fmt: skip
    return StitchResult(duration=duration, cues=cues, chapters=chapters, loudness=loudness)
