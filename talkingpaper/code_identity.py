"""What code this process runs: talkingpaper's version and a hash of its sources.

A cluster's workers must speak exactly as the build's own pool would (the cache is keyed
by the text and the engine's settings, not by who spoke it), so a worker running other code,
even the same version number with a file changed, must be refused, not trusted.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

import talkingpaper
import tts

PACKAGES = (talkingpaper, tts)  # the code that decides what a segment sounds like


def version() -> str:
    try:
        return metadata.version("talkingpaper")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


@cache
def code_identity() -> str:
    """`VERSION+HASH`: the version, and the first digits of a hash of every source file of
    talkingpaper and tts (path and bytes)."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        root = Path(package.__file__ or "").parent
        for source in sorted(root.rglob("*.py")):
            digest.update(str(source.relative_to(root.parent)).encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    return f"{version()}+{digest.hexdigest()[:12]}"
