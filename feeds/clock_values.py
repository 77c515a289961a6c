"""Times written to the millisecond, as the feed's Podlove chapters and the book's SMIL
overlays both need them: H:MM:SS.mmm."""

from __future__ import annotations


def millisecond_clock(seconds: float, hour_digits: int = 2) -> str:
    """`seconds` as hours (at least `hour_digits` wide), minutes, seconds and milliseconds."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, millis = divmod(rest, 1000)
    return f"{hours:0{hour_digits}d}:{minutes:02d}:{whole:02d}.{millis:03d}"
