"""Readers for the transcript formats a feed may link (WebVTT, SubRip and JSON), and an
episode's VTT cues. WebVTT and SRT are simple enough that a dependency would cost more than it
saves."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from feeds.check.context import NS, Context, Episode

# WebVTT writes hh:mm:ss.mmm (hours optional), SubRip hh:mm:ss,mmm; players reject the mix-up.
_VTT_TIME = r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})"
_SRT_TIME = r"(\d+):(\d{2}):(\d{2}),(\d{3})"
_VTT_TIMING = re.compile(rf"^{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t]+.*)?$")
_SRT_TIMING = re.compile(rf"^{_SRT_TIME}[ \t]+-->[ \t]+{_SRT_TIME}[ \t]*$")


@dataclass
class TimedCue:
    start: float
    end: float
    lines: list[str]


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = (int(g or 0) for g in groups)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def parse_vtt(text: str) -> list[TimedCue]:
    """The cues of a WebVTT file; ValueError names the first malformed block."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n{2,}", text.strip("\n")) if b.strip()]
    if not blocks or not re.match(r"^WEBVTT(?:[ \t].*)?$", blocks[0].split("\n")[0]):
        raise ValueError('the file does not start with "WEBVTT"')
    cues = []
    for number, block in enumerate(blocks[1:], 2):
        lines = block.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # a cue identifier
        match = _VTT_TIMING.match(lines[0]) if lines else None
        if not match:
            raise ValueError(f"block {number} has no valid timing line: {block[:60]!r}")
        groups = match.groups()
        cues.append(TimedCue(_seconds(groups[:4]), _seconds(groups[4:]), lines[1:]))
    return cues


def parse_srt(text: str) -> list[TimedCue]:
    """The cues of a SubRip file; ValueError names the first malformed block."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    cues = []
    for number, block in enumerate(re.split(r"\n{2,}", text.strip()), 1):
        lines = block.split("\n")
        match = _SRT_TIMING.match(lines[1]) if len(lines) > 1 else None
        if not lines[0].strip().isdigit() or not match:
            raise ValueError(f"block {number} is not 'N / hh:mm:ss,mmm --> ...': {block[:60]!r}")
        groups = match.groups()
        cues.append(TimedCue(_seconds(groups[:4]), _seconds(groups[4:]), lines[2:]))
    return cues


def _parse_json_transcript(text: str) -> list[TimedCue]:
    data = json.loads(text)
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise ValueError('no "segments" list')
    return [
        TimedCue(float(s["startTime"]), float(s["endTime"]), [str(s.get("body", ""))])
        for s in segments
    ]


# Transcript types this module can parse, by MIME type (html and plain text are not timed).
READERS = {
    "text/vtt": parse_vtt,
    "application/x-subrip": parse_srt,
    "application/srt": parse_srt,
    "application/json": _parse_json_transcript,
}


def vtt_cues(ctx: Context, episode: Episode) -> list[TimedCue] | None:
    """The cues of the episode's first VTT transcript, if it has one that parses."""

    def read() -> list[TimedCue] | None:
        for element in episode.item.findall("podcast:transcript", NS):
            path = ctx.local(element.get("url"))
            if element.get("type") == "text/vtt" and path and path.is_file():
                try:
                    return parse_vtt(path.read_text(encoding="utf-8"))
                except (ValueError, UnicodeDecodeError):
                    return None
        return None

    return episode.cached("vtt", read)
