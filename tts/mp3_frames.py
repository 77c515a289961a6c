"""MPEG audio frames: their length, and where LAME puts the samples it is given.

Blocks of an episode are encoded apart and joined frame by frame (tts/block_audio.py), so
the layout of the samples must be known exactly. LAME delays its input by ENCODER_DELAY
samples and a decoder adds DECODER_DELAY more (together, the 1105 samples of priming a
LAME tag announces). Measured with ffmpeg 5.1's libmp3lame: n samples in make
ceil((n + 1152) / frame) frames (1152 or 576 samples a frame), and sample k of the input
is sample k + PRIMING of the decoded frames. The joined episode's Info header (info_frame)
carries no LAME tag, so a decoder trims nothing: its decoded sample k is sample k of the
timeline the blocks were laid out on.
"""

from __future__ import annotations

import struct

ENCODER_DELAY = 576
DECODER_DELAY = 529
PRIMING = ENCODER_DELAY + DECODER_DELAY

# Layer III bitrates (kbit/s) by index: MPEG-1, then MPEG-2 and 2.5.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def samples_per_frame(sample_rate: int) -> int:
    """1152 for MPEG-1 rates (32 kHz and up), 576 for MPEG-2 and 2.5."""
    return 1152 if sample_rate >= 32000 else 576


# LAME is given this many samples fewer than its frames hold: ceil((n + 1152) / frame) frames
# for n samples, and a margin so the count is never one off.
_SHORT_OF_FRAMES = 1152 + 64


def samples_for(frames: int, sample_rate: int) -> int:
    """How many samples to give LAME so that it makes exactly `frames` frames."""
    return frames * samples_per_frame(sample_rate) - _SHORT_OF_FRAMES


def frames_holding(samples: int, sample_rate: int) -> int:
    """The fewest frames whose input (PRIMING samples in) holds the first `samples` samples
    of a block: the encoder's priming comes first, the margin last."""
    size = samples_per_frame(sample_rate)
    return -(-(samples - PRIMING + _SHORT_OF_FRAMES) // size)


def count_frames(data: bytes) -> int:
    """The Layer III frames in a bare stream (no tags): each header says its frame's length.
    Raises ValueError where the stream is not a run of whole frames."""
    count, pos = 0, 0
    while pos < len(data):
        pos += _frame_length(data, pos)
        count += 1
    if pos != len(data):
        raise ValueError("the stream ends inside a frame")
    return count


def _frame_length(data: bytes, pos: int) -> int:
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        raise ValueError(f"no MPEG frame header at byte {pos}")
    version = (data[pos + 1] >> 3) & 0x3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    layer = (data[pos + 1] >> 1) & 0x3  # 1: Layer III
    bitrate_index = data[pos + 2] >> 4
    rate_index = (data[pos + 2] >> 2) & 0x3
    padding = (data[pos + 2] >> 1) & 0x1
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        raise ValueError(f"not a Layer III frame at byte {pos}")
    bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    rate = _RATES[version][rate_index]
    per_byte = 144 if version == 3 else 72
    return per_byte * bitrate // rate + padding


def info_frame(first_header: bytes, frames: int, stream_bytes: int) -> bytes:
    """A silent frame holding an Info (Xing, constant bitrate) header: the frame count and
    byte count of the `frames` frames after it, from which players know the duration of a
    file that was never encoded whole. Shaped like the stream's first frame (its version,
    rate, bitrate and channels), without padding or CRC."""
    header = bytearray(first_header[:4])
    header[1] |= 0x01  # no CRC
    header[2] &= 0xFD  # no padding
    length = _frame_length(bytes(header), 0)
    mpeg1, mono = (header[1] >> 3) & 0x3 == 3, header[3] >> 6 == 3
    side_info = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    frame = bytearray(length)
    frame[:4] = header
    flags = 0x1 | 0x2  # the frame count and the byte count are present
    tag = b"Info" + struct.pack(">III", flags, frames, length + stream_bytes)
    frame[4 + side_info : 4 + side_info + len(tag)] = tag
    return bytes(frame)
