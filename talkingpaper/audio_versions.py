"""The previous version of each remade episode's audio, kept while feeds naming it are read.

A podcast app reads the feed, then fetches the enclosure minutes later; a build in between
replaces `SLUG.mp3`. The app would get the new bytes under the old feed's length and
duration. So before the build replaces an episode's audio, that audio stays reachable as
the version the old feed names (`?v=VERSION`, served by `feeds.served_files`) for
`GRACE_SECONDS`; the next builds remove it after that.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

from feeds.served_files import VERSIONS, kept_version
from tts.files import temporary_name

# Apps refresh feeds from every few minutes to daily; two days covers them, and costs at
# most one old MP3 per episode remade in that time.
GRACE_SECONDS = 2 * 24 * 3600


def keep_previous(audio: Path, version: str) -> None:
    """Before `audio` is replaced: keep its bytes as `version` (a hard link: no copy)."""
    if not version or not audio.is_file():
        return
    kept = kept_version(audio, version)
    kept.parent.mkdir(exist_ok=True)
    tmp = temporary_name(kept)
    try:
        try:
            os.link(audio, tmp)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(audio, tmp)  # a file system without hard links
        os.replace(tmp, kept)  # an older copy of the same version is replaced whole
    finally:
        tmp.unlink(missing_ok=True)


def retire_current(audio: Path, version: str) -> None:
    """`audio` now holds `version`: a kept copy of it is no longer the one to serve."""
    kept_version(audio, version).unlink(missing_ok=True)


def sweep_expired(episodes: Path, now: float | None = None) -> list[Path]:
    """Remove kept versions older than the grace period. Under the build lock only."""
    folder = episodes / VERSIONS
    if not folder.is_dir():
        return []
    limit = (time.time() if now is None else now) - GRACE_SECONDS
    swept = []
    for entry in folder.iterdir():
        # ctime: when the link was made (the inode's mtime is the old audio's own).
        if entry.is_file() and entry.stat().st_ctime < limit:
            entry.unlink(missing_ok=True)
            swept.append(entry)
    return swept
