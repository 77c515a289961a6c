"""The text front end top to bottom: read -> clean -> script. The spoken form (normalise,
then the show's lexicon) is filled once, by `tts.prepare`, for every caller."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tts.text.clean.article import clean_article
from tts.text.model import Article, Script
from tts.text.read.article import read_article
from tts.text.script.segments import script_article


def article_from_source(
    source: str | Path,
    captions: str = "announce",
    keep: Sequence[str] = (),
    embeds: str = "quote",
) -> Article:
    """Read and clean one article (a file path or a URL); `keep` reaches the clean-up of an
    HTML page as well as the cleaning of its text."""
    article = read_article(source, embeds=embeds, keep=tuple(keep))
    return clean_article(article, keep=tuple(keep), captions=captions)


def script_from_source(
    source: str | Path,
    captions: str = "announce",
    keep: Sequence[str] = (),
    embeds: str = "quote",
) -> Script:
    """Read, clean and script one article (spoken forms not yet filled: see tts.prepare)."""
    article = article_from_source(source, captions, keep, embeds)
    return script_article(article, announce_caption=captions == "announce")
