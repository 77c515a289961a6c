"""Transcripts and chapters from an episode's timed cues: WebVTT, SRT, Podcasting 2.0 JSON.

Cue times come from the real durations of the stitched segments. Every format gets the same
captions: one per sentence, a sentence longer than about 8 seconds cut at its clauses, and only
where the voice paused (tts/cue_split.py); a caption's lines are wrapped at 65 characters.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from tts.cue_split import caption_cues
from tts.episode import Chapter, Cue

LINE = 65
NARRATOR = "narrator"


def _clock(seconds: float, comma: bool = False) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    sep = "," if comma else "."
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def captions(cues: Sequence[Cue]) -> list[tuple[Cue, list[str]]]:
    """Every cue's captions, each with its text wrapped into lines of <= 65 characters."""
    return [
        (caption, textwrap.wrap(caption.text, LINE, break_long_words=True) or [""])
        for cue in cues
        for caption in caption_cues(cue)
    ]


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
        for c, _ in captions(cues)
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
