"""Writing a file so that a kill, a full disk or a power cut never leaves half of it.

The one atomic writer of the `tts` library: write under a temporary name beside the target
(`.NAME.PID.tmp`; every temporary file or folder of ours is a hidden name ending in `.tmp`,
or `.tmp.wav` for audio, the one pattern a build's sweep of leftovers looks for), flush it to the
disk, rename it over the target, then flush the folder so the rename itself survives a
power cut. A zero-length file under a final name is what a rename without the first flush
can leave after a crash.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# What `temporary_name` (and every writer's temporary folder) is called.
TEMPORARY = re.compile(r"^\..+\.tmp(\.wav)?$")


def temporary_name(path: Path, part: str = "") -> Path:
    """Where `path` (or one `part` of it: a chunk, a pitch-shifted copy) is written before it
    is renamed into place. A WAV keeps its suffix: programs that write audio (espeak-ng's
    `-w`, ffmpeg) choose the format by it."""
    label = f".{part}" if part else ""
    audio = ".wav" if path.suffix == ".wav" else ""
    return path.with_name(f".{path.name}.{os.getpid()}{label}.tmp{audio}")


def replace_durably(written: Path, path: Path) -> None:
    """Rename a written file over `path`, its data and the rename both on the disk."""
    with open(written, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(written, path)
    _sync_folder(path.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path`: the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        tmp.write_bytes(data)
        replace_durably(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk must not leave a partial file behind
        raise


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder that cannot be opened (some file systems): the rename stands
    try:
        os.fsync(fd)
    except OSError:
        pass  # fsync on a folder is refused by some file systems; nothing more to do
    finally:
        os.close(fd)
