"""The text front end top to bottom: read -> clean -> script -> normalise."""

from __future__ import annotations

from pathlib import Path

from tts.text.clean import clean_article
from tts.text.model import Script
from tts.text.normalize import normalize
from tts.text.read import read_article
from tts.text.script import script_article


def script_from_source(source: str | Path) -> Script:
    """Read, clean and script one article; every segment gets its spoken form."""
    article = clean_article(read_article(source))
    result = script_article(article)
    for segment in result.segments:
        segment.spoken = normalize(segment.text)
    return result
