"""Which file under the served folder a request names, and the Content-Type it goes out with.

It serves regular files under `root` and nothing else: no listings, no hidden files, no path
that leaves `root` by `..`, encoding or symlink; every refusal is the caller's plain 404.
"""

from __future__ import annotations

import hmac
import mimetypes
import re
from pathlib import Path, PurePath
from urllib.parse import unquote_to_bytes

# Types a podcast app, a browser player and a transcript reader each expect (SRV-06).
# Longest suffix first: `.chapters.json` is not plain JSON to a Podcasting 2.0 app.
CONTENT_TYPES: dict[str, str] = {
    ".chapters.json": "application/json+chapters",
    ".mp3": "audio/mpeg",
    ".epub": "application/epub+zip",
    ".m4a": "audio/mp4",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".xml": "application/rss+xml; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
# Feed and page change on every build and must be revalidated; media URLs change with content.
REVALIDATE = (".xml", ".html")


def content_type(name: str) -> str:
    """The Content-Type for a file name; octet-stream when nothing better is known."""
    lower = name.lower()
    for suffix, ctype in CONTENT_TYPES.items():
        if lower.endswith(suffix):
            return ctype
    guessed, _encoding = mimetypes.guess_type(lower, strict=True)
    return guessed or "application/octet-stream"


def resolve_request_path(raw_target: str, root: Path, token: str | None) -> Path | None:
    """The file under `root` a request target names, or None for anything that must be 404.

    Works on the raw target, segment by segment, before decoding: `%2f` then cannot make a
    new separator and `%2e%2e` cannot become a parent. `root` must already be resolved.
    """
    if not raw_target.startswith("/"):
        return None  # absolute-form (http://host/...), `*`, or garbage
    path = raw_target.split("?", 1)[0].split("#", 1)[0]
    segments = path[1:].split("/")
    names: list[str] = []
    for raw in segments:
        try:
            name = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return None  # includes overlong encodings such as %c0%ae
        names.append(name)
    if token is not None:
        if not names or not hmac.compare_digest(names[0].encode(), token.encode()):
            return None
        names = names[1:]
        if not names:
            return None  # "/TOKEN" without the slash: not a file
    if names[-1] == "":
        names[-1] = "index.html"  # "/" (or "/TOKEN/") is the show's page; other dirs are not
        if len(names) > 1:
            return None
    for name in names:
        if not _plain_name(name):
            return None
    candidate = root.joinpath(*names)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    # Symlinks may point elsewhere inside root (not out of it, nor into a hidden folder).
    try:
        inside = resolved.relative_to(root)
    except ValueError:
        return None
    if any(part.startswith(".") for part in inside.parts) or not resolved.is_file():
        return None
    return _version_asked(resolved, raw_target)


# The version an enclosure's URL names (`episodes/SLUG.mp3?v=VERSION`, see feeds.feed).
_VERSION_QUERY = re.compile(r"(?:^|&)v=([0-9a-f]{6,64})(?:&|$)")
VERSIONS = ".versions"


def kept_version(audio: Path, version: str) -> Path:
    """Where a build keeps the previous version of an episode's audio while feeds that name
    it may still be read: hidden, so never served by its own name."""
    return audio.parent / VERSIONS / f"{audio.stem}.{version}{audio.suffix}"


def _version_asked(resolved: Path, raw_target: str) -> Path:
    """A client holding the previous feed asks for the audio of the version it names; while
    the build keeps it, it gets those bytes (the length and duration its feed gave), not the
    file that replaced them. Any other request gets the file itself."""
    query = raw_target.partition("?")[2].partition("#")[0]
    asked = _VERSION_QUERY.search(query)
    if not asked:
        return resolved
    kept = kept_version(resolved, asked.group(1))
    return kept if kept.is_file() and not kept.is_symlink() else resolved


def _plain_name(name: str) -> bool:
    """One ordinary, visible file or folder name: no separators, drives, NULs or dots first."""
    if not name or name.startswith(".") or "\\" in name or "\0" in name or "/" in name:
        return False
    pure = PurePath(name)
    # Catches what this OS treats specially in one segment, e.g. "C:" on Windows.
    return not pure.anchor and pure.parts == (name,)
