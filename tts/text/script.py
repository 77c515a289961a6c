"""Scripting: a cleaned Article becomes a Script of segments, each with a speaker."""

from __future__ import annotations

import re

from tts.text.model import NARRATOR, Article, Script, Segment

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def split_sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def script_article(article: Article) -> Script:
    """Narrate every sentence (first level: no quote detection yet)."""
    segments: list[Segment] = []
    if article.title:
        segments.append(Segment("headline", NARRATOR, article.title, paragraph=0))
    for index, paragraph in enumerate(article.paragraphs, start=1):
        if paragraph == article.title:
            continue
        for sentence in split_sentences(paragraph):
            segments.append(Segment("body", NARRATOR, sentence, paragraph=index))
    return Script(
        source=article.source,
        title=article.title,
        author=article.author,
        published=article.published,
        outlet=article.outlet,
        segments=segments,
    )
