"""Which bytes answer a request for a file: as stored, with its links rewritten, or gzipped.

Audio and images go out as stored (streamed with sendfile, never read into memory). Text the
build writes is small; it is read whole so its links can name the address the client used
(`published_links`) and, when the client accepts gzip and asks for no range, compressed.
Every variant has its own strong ETag, so a validator or an If-Range never matches bytes it
does not describe; ranges are always taken of the identity bytes (RFC 9110 14.2, 8.8.3).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from dataclasses import dataclass
from typing import BinaryIO

from feeds.http_ranges import make_etag
from feeds.published_links import REWRITTEN_SUFFIXES, rewrite

# Text worth compressing; media formats are compressed already.
COMPRESSIBLE_SUFFIXES = (".xml", ".html", ".json", ".vtt", ".srt", ".css", ".js", ".txt")
# Larger text is streamed as stored: no show writes a feed or page this big, and a thread
# must not hold a huge file in memory for one client.
MAX_IN_MEMORY = 16 * 1024 * 1024
_CODING = re.compile(r"\s*([A-Za-z0-9*_.+-]+)\s*(?:;\s*q\s*=\s*([0-9.]{1,6})\s*)?")


@dataclass(frozen=True)
class Body:
    """The representation chosen for one response."""

    size: int
    etag: str
    data: bytes | None  # None: stream `size` bytes of the open file
    gzipped: bool = False
    vary: tuple[str, ...] = ()


def accepts_gzip(header: str | None) -> bool:
    """True when Accept-Encoding gives gzip (or `*`) a non-zero quality (RFC 9110 12.5.3)."""
    if not header:
        return False
    named: dict[str, float] = {}
    for item in header.split(","):
        match = _CODING.fullmatch(item)
        if match is None:
            continue  # one malformed member does not void the others
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        named.setdefault(match.group(1).lower(), quality)
    for coding in ("gzip", "x-gzip"):
        if coding in named:
            return named[coding] > 0
    return named.get("*", 0) > 0


def _tag(etag: str, extra: str) -> str:
    return f'{etag[:-1]}-{extra}"'


def choose_body(
    file: BinaryIO,
    name: str,
    new_base: str | None,
    bases: list[str],
    accept_encoding: str | None,
    ranged: bool,
) -> Body:
    """The bytes to send for the open `file` (named `name`) and their ETag.

    `new_base` replaces each of `bases` in the text the build writes; `ranged` (the request
    has a Range header) keeps the identity bytes, so a range is a range of what a plain GET
    returns.
    """
    stat = os.fstat(file.fileno())
    etag = make_etag(stat.st_size, stat.st_mtime_ns)
    lower = name.lower()
    compressible = lower.endswith(COMPRESSIBLE_SUFFIXES)
    links = lower.endswith(REWRITTEN_SUFFIXES) and new_base is not None and bool(bases)
    if not (compressible or links) or stat.st_size > MAX_IN_MEMORY:
        return Body(stat.st_size, etag, None)
    data = file.read(stat.st_size + 1)[: stat.st_size]  # a file growing under us: its old size
    vary: tuple[str, ...] = ()
    if links and new_base is not None:
        vary = ("Host",)
        rewritten = rewrite(data, bases, new_base)
        if rewritten != data:
            data = rewritten
            etag = _tag(etag, hashlib.sha256(new_base.encode()).hexdigest()[:12])
    if not compressible:
        return Body(len(data), etag, data, vary=vary)
    vary = (*vary, "Accept-Encoding")
    if ranged or not accepts_gzip(accept_encoding):
        return Body(len(data), etag, data, vary=vary)
    # mtime=0: the same text always compresses to the same bytes, as a strong ETag promises.
    packed = gzip.compress(data, compresslevel=6, mtime=0)
    return Body(len(packed), _tag(etag, "gzip"), packed, gzipped=True, vary=vary)
