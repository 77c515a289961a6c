"""How a show reads its articles: the settings the tail of the text pipeline (tts.prepare)
needs, in a module of its own so that loading a show's settings loads no text rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tts.text.announce import Announcements
from tts.text.lexicon import Lexicon


@dataclass(frozen=True)
class Reading:
    """How a show reads its articles: the settings the text pipeline's tail needs."""

    title: str  # the show's title, said in every intro and outro
    engine: str
    narrator_voice: str
    lexicon: Lexicon | None = None
    captions: str = "announce"
    keep: Sequence[str] = ()
    embeds: str = "quote"
    announcements: Announcements = Announcements()  # the show's own intro and outro
    language: str = "en"  # the show's: an article that declares none and is not clearly
    # in another is read in it
