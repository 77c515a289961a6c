"""Plain records the app hands to the feeds library (feeds never imports tts or the app)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ShowInfo:
    title: str
    description: str
    author: str
    language: str
    base_url: str  # where output/ is served, ending in "/"
    category: str = "News"
    subcategory: str | None = "Daily News"
    explicit: bool = False
    owner_name: str | None = None
    owner_email: str | None = None
    image: str | None = None  # file name of the cover under output/
    link: str | None = None  # the show's home page; defaults to base_url
    guid: str | None = None  # podcast:guid; computed from the feed URL when None

    @property
    def feed_url(self) -> str:
        return self.base_url + "feed.xml"


@dataclass
class EpisodeRecord:
    guid: str
    title: str
    description: str
    audio: str  # path under output/, e.g. "episodes/slug.mp3"
    bytes: int
    duration: float  # seconds
    published: datetime  # timezone-aware
    version: str = ""  # content hash: a changed file gets a new enclosure URL
    author: str | None = None
    transcripts: list[tuple[str, str]] = field(default_factory=list)  # (path, mime type)
    chapters: str | None = None  # path of the JSON chapters file
    slug: str = ""
    cues: list[Cue] = field(default_factory=list)
    chapter_marks: list[Mark] = field(default_factory=list)
    language: str | None = None  # BCP-47, when the episode is not in the show's language
    epub: tuple[str, int] | None = None  # the read-along book: (path under output/, bytes)


@dataclass
class Cue:
    """A timed stretch of the transcript: who speaks, what, when (seconds)."""

    start: float
    end: float
    speaker: str
    text: str
    paragraph: int | None = None  # cues of one paragraph share it


@dataclass
class Mark:
    """A chapter: where it starts and ends (seconds) and its title."""

    start: float
    end: float
    title: str
