"""Joining blocks' MP3 frames into one episode file, with an Info header for its length.

The frames are copied as they are: no decode, no encode. ffmpeg then copies the joined
stream once more to put an Info (Xing) frame before it, which gives players the exact
frame count, and so the duration and a seek table, of a file that was never encoded whole.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from tts.episode_audio import require_ffmpeg
from tts.errors import AudioError, raise_if_disk_full


def join_frames(pieces: Sequence[Path], out: Path) -> None:
    """Write the frames of `pieces`, in order, to `out` behind one Info header."""
    joined = out.with_name(out.name + ".frames")
    try:
        with joined.open("wb") as sink:
            for piece in pieces:
                with piece.open("rb") as source:
                    shutil.copyfileobj(source, sink, 1 << 20)
        cmd = [require_ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
               "-f", "mp3", "-i", str(joined), "-c:a", "copy", "-write_xing", "1",
               "-id3v2_version", "0", "-f", "mp3", str(out)]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            error = AudioError(f"ffmpeg could not join the episode's audio into {out}: "
                               f"{proc.stderr.strip()[-400:]}")  # fmt: skip
            raise_if_disk_full(out.parent, error)
            raise error
    except OSError as exc:
        raise_if_disk_full(out.parent, AudioError(f"could not write {out}: {exc}"))
        raise
    finally:
        joined.unlink(missing_ok=True)
