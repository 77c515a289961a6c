"""Writing a published file (feed, page, cover) so that a reader never sees half of it.

The one atomic writer of the `feeds` library, with the same temporary name as `tts`'s
(`.NAME.PID.tmp`, hidden, ending `.tmp`): the build's sweep of leftovers and the server's
refusal of hidden names both rely on it. `feeds` may not import `tts`, hence its own copy.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path`: a client fetching it meanwhile gets the old file or the new."""
    with writing_atomically(path) as fh:
        fh.write(data)


@contextmanager
def writing_atomically(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` in pieces (a book that carries an episode's MP3 is not held in
    memory whole); it takes the place of `path` when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk must not leave half a file behind
        raise
