"""Transcripts and chapters from an episode's timed cues: WebVTT, SRT, Podcasting 2.0 JSON.

Cue times come from the real durations of the stitched segments. Long sentences are split
into captions of at most two lines of 65 characters, their time shared by length, so captions
stay readable on a phone.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from tts.episode import Chapter, Cue

LINE = 65
LINES_PER_CAPTION = 2
NARRATOR = "narrator"


def _clock(seconds: float, comma: bool = False) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    sep = "," if comma else "."
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def captions(cues: Sequence[Cue]) -> list[tuple[Cue, list[str]]]:
    """Split each cue into captions of <= 2 lines of <= 65 characters, timed by length."""
    out: list[tuple[Cue, list[str]]] = []
    for cue in cues:
        lines = textwrap.wrap(" ".join(cue.text.split()), LINE, break_long_words=True) or [""]
        groups = [lines[i : i + LINES_PER_CAPTION] for i in range(0, len(lines), LINES_PER_CAPTION)]
        total = sum(len(" ".join(g)) for g in groups) or 1
        start = cue.start
        for i, group in enumerate(groups):
            share = len(" ".join(group)) / total
            end = cue.end if i == len(groups) - 1 else start + (cue.end - cue.start) * share
            out.append((Cue(start, end, cue.speaker, " ".join(group), cue.voice), group))
            start = end
    return out


def _speaker_label(speaker: str) -> str:
    return "Narrator" if speaker == NARRATOR else speaker


def to_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT with a voice tag per speaker (`<v Eli Friedman>`)."""
    parts = ["WEBVTT", ""]
    for cue, lines in captions(cues):
        name = _speaker_label(cue.speaker).replace(">", "")
        parts.append(f"{_clock(cue.start)} --> {_clock(cue.end)}")
        body = "\n".join(_vtt_escape(line) for line in lines)
        parts.append(f"<v {name}>{body}")
        parts.append("")
    return "\n".join(parts)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip: numbered captions; the speaker named when the voice changes."""
    parts = []
    previous = None
    for n, (cue, lines) in enumerate(captions(cues), start=1):
        text = "\n".join(lines)
        if cue.speaker != previous and cue.speaker != NARRATOR:
            text = f"{cue.speaker}: {text}"
        previous = cue.speaker
        parts.append(f"{n}\n{_clock(cue.start, True)} --> {_clock(cue.end, True)}\n{text}\n")
    return "\n".join(parts)


def to_json_transcript(cues: Sequence[Cue]) -> str:
    """The Podcasting 2.0 JSON transcript format (version 1.0.0)."""
    segments = [
        {
            "speaker": _speaker_label(c.speaker),
            "startTime": round(c.start, 3),
            "endTime": round(c.end, 3),
            "body": c.text,
        }
        for c in cues
    ]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=1)


def to_json_chapters(chapters: Sequence[Chapter], title: str | None = None) -> str:
    """The Podcasting 2.0 JSON chapters format (version 1.2.0)."""
    data: dict[str, object] = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title}
            for c in chapters
        ],
    }
    if title:
        data["title"] = title
    return json.dumps(data, ensure_ascii=False, indent=1)
