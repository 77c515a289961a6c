"""Byte ranges and validators (RFC 9110 sections 13 and 14) as pure functions.

Kept apart from the server so each rule can be tested on strings alone. Only what a podcast
server needs: one byte range per response, strong ETags, HTTP-dates at one-second resolution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime


class RangeNotSatisfiable(Exception):
    """The Range header is valid but selects no byte of the file: answer 416."""


@dataclass(frozen=True)
class ByteRange:
    """Bytes `start` to `end` of a file, both inclusive, as in a Content-Range header."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


# One range-spec: "first-last", "first-" or "-suffix". Digits only: RFC 9110 allows no sign
# and no space inside a range-spec, and anything else makes the whole header invalid.
_RANGE_SPEC = re.compile(r"(\d*)-(\d*)")
# Python refuses int() on very long digit strings; no file is that big anyway.
_MAX_DIGITS = 30


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one byte range `header` asks for in a file of `size` bytes, or None to send it all.

    None covers a missing or malformed header, another unit, and a request for several ranges:
    RFC 9110 lets a server ignore Range, and a full 200 is simpler and safer than a
    multipart/byteranges body no podcast app asks for. Raises RangeNotSatisfiable for 416.
    """
    if not header:
        return None
    unit, sep, specs = header.partition("=")
    if not sep or unit.strip().lower() != "bytes":
        return None
    parts = [p.strip() for p in specs.split(",")]
    # Empty list elements are allowed by the list syntax (RFC 9110 5.6.1) but count for nothing.
    parts = [p for p in parts if p]
    if len(parts) != 1:
        return None
    match = _RANGE_SPEC.fullmatch(parts[0])
    if match is None:
        return None
    first, last = match.groups()
    if len(first) > _MAX_DIGITS or len(last) > _MAX_DIGITS:
        return None
    if first:
        start = int(first)
        end = int(last) if last else size - 1
        if last and end < start:
            return None  # "5-2" is invalid syntax, not an unsatisfiable range
        if start >= size:
            raise RangeNotSatisfiable
        return ByteRange(start, min(end, size - 1))
    if not last:
        return None  # a lone "-"
    suffix = int(last)
    if suffix == 0:
        raise RangeNotSatisfiable
    if size == 0:
        # A non-zero suffix of an empty file is satisfiable but selects nothing that a
        # Content-Range could name: send the (empty) whole.
        return None
    return ByteRange(max(size - suffix, 0), size - 1)


def make_etag(size: int, mtime_ns: int) -> str:
    """A strong ETag from size and modification time: a rebuilt file gets a new one."""
    return f'"{size:x}-{mtime_ns:x}"'


def http_date(timestamp: float) -> str:
    """An IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`."""
    return formatdate(timestamp, usegmt=True)


def parse_http_date(value: str) -> int | None:
    """Seconds since the epoch for an HTTP-date, or None if it is not one."""
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        # RFC 9110 dates are always GMT; a zone-less parse means a malformed header.
        return None
    return int(parsed.timestamp())


_ENTITY_TAG = re.compile(r'\s*(W/)?("[^"]*")\s*(?:,|$)')


def _entity_tags(value: str) -> list[tuple[bool, str]] | None:
    """The (weak, opaque-tag) pairs of an If-None-Match list, or None if it is malformed."""
    tags: list[tuple[bool, str]] = []
    pos = 0
    value = value.strip()
    while pos < len(value):
        match = _ENTITY_TAG.match(value, pos)
        if match is None:
            return None
        tags.append((bool(match.group(1)), match.group(2)))
        pos = match.end()
    return tags


def none_match(header: str, etag: str) -> bool:
    """True when If-None-Match names this representation (weak comparison): answer 304."""
    if header.strip() == "*":
        return True
    tags = _entity_tags(header)
    return tags is not None and any(opaque == etag for _weak, opaque in tags)


def modified_since(header: str, mtime: float) -> bool:
    """False when If-Modified-Since shows the client's copy is current: answer 304.

    An invalid date means the condition is ignored (RFC 9110 13.1.3), so the file is "modified".
    """
    since = parse_http_date(header)
    return since is None or int(mtime) > since


def if_range_holds(header: str, etag: str, mtime: float) -> bool:
    """True when If-Range still describes the file, so its Range may be honoured.

    An ETag must match strongly (a weak one never does); a date must equal Last-Modified exactly
    (RFC 9110 13.1.5). Anything else means the client's partial copy is stale: send it all.
    """
    value = header.strip()
    if value.startswith('"'):
        return value == etag
    if value.startswith("W/"):
        return False
    date = parse_http_date(value)
    return date is not None and date == int(mtime)
