"""The plain record of an episode as a book: what the app hands to feeds.epub (feeds never
imports tts or the app). Every sentence is one segment the audio speaks, with its times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Sentence:
    """One segment of the script as it was spoken: its words and where they are in the MP3."""

    text: str
    start: float  # seconds into the MP3
    end: float
    kind: str = "body"  # the script's: announcement, caption, body, quote (subhead: a heading)
    speaker: str | None = None  # who is quoted; None for the narrator
    paragraph: int = 0  # the sentences of one paragraph share it


@dataclass
class Story:
    """One article: its headline, and its sentences in the order they are spoken."""

    headline: str
    sentences: list[Sentence]
    source: str | None = None  # the followed source a bulletin groups it under
    language: str | None = None  # BCP-47, when it is not the book's


@dataclass
class Book:
    identifier: str  # a UUID: the episode's guid, so a rebuilt book is the same publication
    title: str  # the headline, or a bulletin's edition name
    show: str  # the publisher
    language: str  # BCP-47
    published: datetime
    audio: Path  # the episode's MP3, carried in the book
    stories: list[Story]
    authors: list[str] = field(default_factory=list)
    opening: list[Sentence] = field(default_factory=list)  # a bulletin's intro, first
    closing: list[Sentence] = field(default_factory=list)  # and its outro, last
    edition: bool = False  # a bulletin: the edition is the top heading, stories under it
    cover: Path | None = None  # the show's cover (JPEG or PNG)
    modified: datetime | None = None  # dcterms:modified (a correction's); `published` if None

    @property
    def sentences(self) -> list[Sentence]:
        stories = (s for story in self.stories for s in story.sentences)
        return [*self.opening, *stories, *self.closing]
