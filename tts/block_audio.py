"""One block of an episode: its parts stitched, its loudness set, encoded once to MP3 frames.

The block is laid out so that its frames, joined to the frames of the blocks around it,
play the episode's timeline exactly: it starts with a short silence (the lead) that the
encoder's priming covers, and it is rounded to whole frames by its trailing pause, so a join
falls in silence and adds nothing. Its gain comes from its own loudness, measured as it is
compressed, so the single encode needs no measurement after it, and no other block's
loudness: an edit elsewhere never changes this block's audio.

Two ffmpeg runs for a batch of blocks, each block with its own filters and encoder: the
compressor with an EBU R128 meter, then gain, limiter and LAME. A block's frames and its
layout (where each part is spoken, the pauses inside them, the meter's readings) are cached
under the block's key.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from tts import loudness_sum
from tts.blocks import Block
from tts.episode_audio import (
    COMPRESSOR,
    LIMITER,
    LIMITER_LOSS,
    AudioSettings,
    part_samples,
    require_ffmpeg,
    wav_rate,
)
from tts.errors import AudioError, raise_if_disk_full
from tts.files import write_atomic
from tts.mp3_frames import (
    PRIMING,
    count_frames,
    frames_holding,
    samples_for,
    samples_per_frame,
)
from tts.pauses import inner_pauses

LEAD_IN_MS = 300  # a breath of silence before the first word, well under Apple's ~1 s
BLOCK_LEAD_MS = 60  # a later block's own silence before its first word: covers PRIMING


@dataclass
class BlockAudio:
    """An encoded block's layout: positions are samples from the block's first decoded
    sample; pauses are seconds from the block's start."""

    frames: int
    sample_rate: int
    spans: list[tuple[int, int]]  # each part's speech
    pauses: list[list[tuple[float, float]]]  # silences inside each part
    momentary: list[float] = field(default_factory=list)  # LUFS, 400 ms windows every 100 ms
    short_term: list[float] = field(default_factory=list)  # LUFS, 3 s windows every 100 ms
    gain: float = 0.0

    @property
    def samples(self) -> int:
        return self.frames * samples_per_frame(self.sample_rate)


def cached_block(cache: Path, block: Block) -> BlockAudio | None:
    """The block's layout when its frames are in the cache, else None."""
    meta = _layout_path(cache, block)
    if not (meta.exists() and frames_path(cache, block).exists()):
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        data["spans"] = [tuple(s) for s in data["spans"]]
        data["pauses"] = [[tuple(p) for p in ps] for ps in data["pauses"]]
        return BlockAudio(**data)
    except (ValueError, TypeError, KeyError):
        return None  # a damaged entry is made again


def frames_path(cache: Path, block: Block) -> Path:
    return cache / f"{block.key}.mp3"


def _layout_path(cache: Path, block: Block) -> Path:
    return cache / f"{block.key}.json"


def encode_blocks(
    blocks: Sequence[Block], settings: AudioSettings, cache: Path
) -> list[BlockAudio]:
    """Stitch, compress, level and encode the blocks into the cache; return their layouts.
    Each block has its own filters and encoder, but all share two ffmpeg processes: an
    ffmpeg start costs some 60 ms of CPU, as much as encoding 10 s of speech."""
    rate = settings.sample_rate
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".blocks.", suffix=".tmp", dir=cache) as tmp:
        work = Path(tmp)
        stitched = []
        for n, block in enumerate(blocks):
            with (work / f"{n}.s16le").open("wb") as sink:  # a part at a time in memory
                stitched.append(_stitch(block, rate, sink))
        layouts = [s.layout for s in stitched]
        for layout, (momentary, short_term) in zip(layouts, _compress(work, stitched, rate),
                                                   strict=True):  # fmt: skip
            level = loudness_sum.integrated(momentary)
            gain = 0.0 if level <= loudness_sum.ABSOLUTE_GATE else settings.loudness - level
            layout.gain = round(min(max(gain + LIMITER_LOSS, -30.0), 40.0), 2)
            # What the listener hears: the readings moved by the gain, less the limiter's
            # and the encoder's share (LIMITER_LOSS).
            moved = layout.gain - LIMITER_LOSS
            layout.momentary = [round(m + moved, 2) for m in momentary]
            layout.short_term = [round(m + moved, 2) for m in short_term]
        _encode(work, stitched, rate, settings.bitrate)
        for n, (block, layout) in enumerate(zip(blocks, layouts, strict=True)):
            mp3 = (work / f"{n}.mp3").read_bytes()
            made = count_frames(mp3)
            if made != layout.frames:  # the layout would misplace every later word
                raise AudioError(
                    f"the MP3 encoder made {made} frames of a block laid out for {layout.frames}"
                )
            _store(cache, block, mp3, layout)
    return layouts


@dataclass
class _Stitched:
    """A block stitched (16-bit mono at the rate its parts were spoken in, from its first
    sample, padded at the end), and where LAME's share of it lies once it is brought to the
    episode's rate."""

    rate: int
    fed: tuple[int, int]  # the samples (at the episode's rate) LAME is given
    layout: BlockAudio


def _stitch(block: Block, out_rate: int, sink: BinaryIO) -> _Stitched:
    """Lay the block out: its lead, each part's speech and pause, its trail rounded to whole
    frames. Stitched at the parts' own rate (the highest of them), so ffmpeg's resampler,
    not a Python one, brings it to the episode's rate."""
    rate = max(wav_rate(part.wav) for part in block.parts)
    lead = _samples(LEAD_IN_MS if block.first else BLOCK_LEAD_MS, rate)
    sink.write(b"\0\0" * lead)
    position = lead
    spans: list[tuple[int, int]] = []
    pauses: list[list[tuple[float, float]]] = []
    for i, part in enumerate(block.parts):
        samples = part_samples(part.wav, rate)
        spans.append(
            (_scale(position, rate, out_rate), _scale(position + len(samples), rate, out_rate))
        )
        pauses.append(inner_pauses(samples, rate, position / rate))
        sink.write(samples.tobytes())
        position += len(samples)
        if i + 1 < len(block.parts):
            sink.write(b"\0\0" * _samples(part.pause_after, rate))
            position += _samples(part.pause_after, rate)
    pause = block.parts[-1].pause_after
    trail = _samples(pause if block.last else pause - BLOCK_LEAD_MS, out_rate)
    size, end = samples_per_frame(out_rate), _scale(position, rate, out_rate)
    # Rounded down: a pause the script asks for is never made longer by the join.
    frames = max((end + trail) // size, frames_holding(end, out_rate))
    fed = samples_for(frames, out_rate)  # LAME makes exactly `frames` of these
    # Silence to the end of LAME's share, and a little more for the resampler's filter.
    total = math.ceil((PRIMING + fed) * rate / out_rate) + rate // 100
    sink.write(b"\0\0" * (total - position))
    layout = BlockAudio(frames, out_rate, spans, pauses)
    return _Stitched(rate, (PRIMING, PRIMING + fed), layout)


def _scale(position: int, rate: int, out_rate: int) -> int:
    return round(position * out_rate / rate)


def _samples(ms: int, rate: int) -> int:
    return max(0, round(rate * ms / 1000))


_FRAME_LOG = re.compile(r"\[ebur128@b(\d+) @ [^\]]*\] t:.*?\bM:\s*(-?[\d.]+|-inf|nan)\s+"
                        r"S:\s*(-?[\d.]+|-inf|nan)")  # fmt: skip


def _ffmpeg(args: Sequence[str], what: str) -> str:
    cmd = [require_ffmpeg(), "-nostdin", "-hide_banner", "-y", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        raise AudioError(f"ffmpeg could not {what}: {proc.stderr.strip()[-400:]}")
    return proc.stderr


def _graph(
    work: Path, fmt: str, rates: Sequence[int], chains: Sequence[str], output: Sequence[str]
) -> list[str]:
    """ffmpeg arguments running chains[n] on block n's samples (work/n.fmt, at rates[n]) and
    writing its result with the `output` options to work/n.<last option>."""
    args: list[str] = []
    for n, rate in enumerate(rates):
        args += ["-f", fmt, "-ar", str(rate), "-ac", "1", "-i", str(work / f"{n}.{fmt}")]
    graph = ";".join(f"[{n}:a]{chain}[o{n}]" for n, chain in enumerate(chains))
    args += ["-filter_complex", graph]
    for n in range(len(chains)):
        args += ["-map", f"[o{n}]", *output[:-1], str(work / f"{n}.{output[-1]}")]
    return args


def _compress(
    work: Path, blocks: Sequence[_Stitched], rate: int
) -> list[tuple[list[float], list[float]]]:
    """Compress each block at its own rate (into n.f32le) and read its meter: the momentary
    and short-term loudness every 100 ms, from which its integrated loudness is gated
    (loudness_sum). The lead and the trail are silence, which the meter's gate drops."""
    chains = [f"{COMPRESSOR},ebur128@b{n}=framelog=info" for n in range(len(blocks))]
    rates = [b.rate for b in blocks]
    log = _ffmpeg(_graph(work, "s16le", rates, chains, ["-f", "f32le", "f32le"]),
                  "compress the episode's audio")  # fmt: skip
    readings: list[tuple[list[float], list[float]]] = [([], []) for _ in blocks]
    for block, m, s in _FRAME_LOG.findall(log):
        readings[int(block)][0].append(_lufs(m))
        readings[int(block)][1].append(_lufs(s))
    return readings


def _encode(work: Path, blocks: Sequence[_Stitched], rate: int, bitrate: str) -> None:
    """Each block brought to the episode's rate, cut to LAME's share, with its gain and the
    limiter, then its own encoder: its MP3 frames in n.mp3."""
    chains = [
        f"aresample={rate},atrim=start_sample={b.fed[0]}:end_sample={b.fed[1]},"
        f"asetpts=N/SR/TB,volume={b.layout.gain}dB,{LIMITER}"
        for b in blocks
    ]
    output = ["-c:a", "libmp3lame", "-b:a", bitrate, "-write_xing", "0", "-id3v2_version", "0",
              "-f", "mp3", "mp3"]  # fmt: skip
    _ffmpeg(_graph(work, "f32le", [b.rate for b in blocks], chains, output),
            "encode the episode's audio")  # fmt: skip


def _lufs(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else -120.0


def _store(cache: Path, block: Block, mp3: bytes, audio: BlockAudio) -> None:
    """Frames first, then the layout that vouches for them: a killed build leaves no entry
    that reads as whole."""
    for path, data in (
        (frames_path(cache, block), mp3),
        (_layout_path(cache, block), json.dumps(asdict(audio)).encode("utf-8")),
    ):
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise_if_disk_full(cache, AudioError(f"could not write {path}: {exc}"))
            raise
