"""Joining blocks' MP3 frames into one episode file, behind an Info header for its length.

The frames are copied as they are: no decode, no encode. An Info (Xing) frame before them
gives players the exact frame count, and so the duration, of a file that was never encoded
whole (mp3_frames.info_frame).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from tts.errors import AudioError, raise_if_disk_full
from tts.mp3_frames import info_frame


def join_frames(pieces: Sequence[Path], frames: int, out: Path) -> None:
    """Write the `frames` frames of `pieces`, in order, to `out` behind one Info frame."""
    try:
        with pieces[0].open("rb") as first:
            header = first.read(4)
        size = sum(piece.stat().st_size for piece in pieces)
        with out.open("wb") as sink:
            sink.write(info_frame(header, frames, size))
            for piece in pieces:
                with piece.open("rb") as source:
                    shutil.copyfileobj(source, sink, 1 << 20)
    except (OSError, ValueError) as exc:
        error = AudioError(f"could not join the episode's audio into {out}: {exc}")
        raise_if_disk_full(out.parent, error)
        raise error from exc
