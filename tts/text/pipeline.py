"""The text front end top to bottom: read -> clean -> script -> normalise."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tts.text.clean import clean_article
from tts.text.model import Script
from tts.text.normalize import normalize
from tts.text.read import read_article
from tts.text.script import script_article


def script_from_source(
    source: str | Path, captions: str = "announce", keep: Sequence[str] = ()
) -> Script:
    """Read, clean and script one article; every segment gets its spoken form."""
    options = {"captions": captions, "keep": tuple(keep)}
    accepted = inspect.signature(clean_article).parameters
    article = clean_article(
        read_article(source), **{k: v for k, v in options.items() if k in accepted}
    )
    script_options = {"announce_caption": captions == "announce"}
    accepted = inspect.signature(script_article).parameters
    result = script_article(article, **{k: v for k, v in script_options.items() if k in accepted})
    return speak(result)


def speak(script: Script) -> Script:
    """Fill every segment's spoken form (normalised for speech)."""
    return replace(script, segments=[replace(s, spoken=normalize(s.text)) for s in script.segments])
