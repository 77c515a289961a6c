"""The data that flows through the text front end: Article -> Script (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

NARRATOR = "narrator"
SEGMENT_KINDS = ("headline", "byline", "caption", "body", "quote", "announcement")
SCRIPT_FORMAT = "talkingpaper.script/1"


@dataclass
class Cut:
    """One line that cleaning removed, and the name of the rule that removed it."""

    rule: str
    text: str


@dataclass
class Article:
    """An article as read (raw lines in `paragraphs`) or as cleaned (story paragraphs only)."""

    source: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date, "2020-06-09"
    outlet: str | None = None
    url: str | None = None
    image_caption: str | None = None
    # Where a followed feed gave it (talkingpaper update): the source's name, the item's
    # guid (never reused for another item) and the feed's language.
    source_name: str | None = None
    guid: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    dropped: list[Cut] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Segment:
    """A stretch of the script spoken by one voice."""

    kind: str
    speaker: str
    text: str  # verbatim from the article (announcements excepted)
    spoken: str = ""  # the text normalised for speech
    paragraph: int = 0
    pause_after: int = 0  # milliseconds of silence after this segment


@dataclass
class Speaker:
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None  # "male" / "female" when the article gives a cue; picks a voice only
    voice: str | None = None
    pitch: int | None = None  # espeak pitch 0-100; part of telling speakers apart


@dataclass
class Script:
    source: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    speakers: dict[str, Speaker] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    language: str | None = None  # BCP-47; declared by the article, or found when it is read

    def to_dict(self) -> dict[str, Any]:
        speakers: dict[str, Any] = {}
        for name, sp in self.speakers.items():
            entry: dict[str, Any] = {"aliases": list(sp.aliases), "voice": sp.voice}
            if sp.gender:
                entry["gender"] = sp.gender
            if sp.pitch is not None:
                entry["pitch"] = sp.pitch
            speakers[name] = entry
        return {
            "format": SCRIPT_FORMAT,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "outlet": self.outlet,
            "language": self.language,
            "speakers": speakers,
            "segments": [asdict(s) for s in self.segments],
        }
