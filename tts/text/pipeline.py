"""The text front end top to bottom: read -> clean -> script -> normalise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tts.text.clean.article import clean_article
from tts.text.lexicon import Lexicon, apply_lexicon
from tts.text.model import Article, Script
from tts.text.normalize.spoken import normalize
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
    """Read, clean and script one article; every segment gets its spoken form."""
    article = article_from_source(source, captions, keep, embeds)
    return speak(script_article(article, announce_caption=captions == "announce"))


def speak(script: Script, lexicon: Lexicon | None = None, phonemes: bool = True) -> Script:
    """Fill every segment's spoken form: normalised for speech, then the show's lexicon."""

    def spoken(text: str) -> str:
        said = normalize(text)
        return apply_lexicon(said, lexicon, phonemes=phonemes) if lexicon else said

    return replace(script, segments=[replace(s, spoken=spoken(s.text)) for s in script.segments])
