"""An article's subheads, found in its script: the short unpunctuated lines that part its
sections ("What comes next"). Cleaning keeps them as paragraphs of their own (one short line
between paragraphs of prose is a subhead, see clean/region.py); here they are told from prose
so that each section can be a chapter of the episode."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tts.text.model import NARRATOR, Script, Segment

MAX_CHARS = 80  # a subhead is a line, not a sentence
MAX_WORDS = 12
# A line that ends as a sentence, a list lead-in or a clause does is prose, not a heading.
_CLOSED = re.compile(r"[.!?…:;,\-–—][\"'”’)\]]*$")
_STARTS = re.compile(r"^[\"'“‘(]?[^\W_a-z]")
_LETTER = re.compile(r"[^\W\d_]")  # "1", "2": a listicle's numbers name no section


def subheads(script: Script) -> dict[int, str]:
    """Each subhead's paragraph number and text, in order. A subhead stands alone between
    paragraphs of prose: the line before the story's first paragraph (a kicker) and a run of
    short lines (a list, a menu left by cleaning) are not."""
    paragraphs = _paragraphs(script.segments)
    numbers = sorted(paragraphs)
    short = {n: _heading_like(paragraphs[n]) for n in numbers}
    found: dict[int, str] = {}
    for i, n in enumerate(numbers):
        if not short[n] or i == 0 or i + 1 == len(numbers):
            continue
        before, after = numbers[i - 1], numbers[i + 1]
        if not short[before] and not short[after]:
            found[n] = paragraphs[n][0].text
    return found


def _paragraphs(segments: Sequence[Segment]) -> dict[int, list[Segment]]:
    """The story's paragraphs (paragraph 0 holds the headline and the photo caption)."""
    grouped: dict[int, list[Segment]] = {}
    for segment in segments:
        if segment.paragraph > 0:
            grouped.setdefault(segment.paragraph, []).append(segment)
    return grouped


def _heading_like(paragraph: Sequence[Segment]) -> bool:
    if len(paragraph) != 1:
        return False
    (segment,) = paragraph
    text = segment.text.strip()
    return (
        segment.kind == "body"
        and segment.speaker == NARRATOR
        and len(text) <= MAX_CHARS
        and len(text.split()) <= MAX_WORDS
        and not _CLOSED.search(text)
        and bool(_STARTS.match(text))
        and bool(_LETTER.search(text))
    )
