"""Errors raised by the tts library for problems with its input or its environment."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path


class TTSError(Exception):
    """Base class: the message names the file or program involved and how to fix it."""


class InputError(TTSError):
    """An article or script that cannot be read or makes no episode (empty, binary, ...)."""


class EngineError(TTSError):
    """A speech engine or voice that is missing, or that produced no audio."""


class NoSpeech(EngineError):
    """An engine ran but what it wrote is silent or unreadable: a broken install or voice."""


class AudioError(TTSError):
    """ffmpeg missing or failing, or audio that fails its checks."""


# Below this much free space a failed write is taken to be the disk's fault: engines and
# ffmpeg report a full disk only as a short or empty file, or not at all.
FULL_DISK_BYTES = 256 * 1024


def raise_if_disk_full(folder: Path, cause: BaseException | None = None) -> None:
    """Turn a failure on a full disk into the OSError it really is, naming the folder."""
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return
    if usage.free < FULL_DISK_BYTES:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder)) from cause
