"""Writing a published file (feed, page, cover) so that a reader never sees half of it.

The one atomic writer of the `feeds` library, with the same temporary name as `tts`'s
(`.NAME.PID.tmp`, hidden, ending `.tmp`): the build's sweep of leftovers and the server's
refusal of hidden names both rely on it. `feeds` may not import `tts`, hence its own copy.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path`: a client fetching it meanwhile gets the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk must not leave half a file behind
        raise
