"""The episode record: what a build knows of one made episode, kept beside its MP3 as
output/episodes/SLUG.json. This module alone writes and reads that JSON, and turns a record
into the plain one the feeds library receives."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from feeds.model import Cue as FeedCue
from feeds.model import EpisodeRecord, Mark
from talkingpaper.output import atomic_json, load_json
from tts.cue_split import sentence_cues
from tts.episode import Chapter, Cue, Loudness

EPISODE_FORMAT = "talkingpaper.episode/1"


@dataclass
class Episode:
    key: str  # the plan's key: equal keys mean the MP3 need not be made again
    slug: str
    sources: list[str]  # the articles, as paths
    guid: str
    title: str
    author: str | None
    outlet: str | None
    description: str  # HTML
    audio: str  # path under output/, e.g. "episodes/slug.mp3"
    bytes: int
    duration: float  # seconds
    loudness: Loudness | None
    published: datetime  # timezone-aware
    version: str = ""
    transcripts: list[tuple[str, str]] = field(default_factory=list)  # (path, mime type)
    chapters_file: str | None = None
    cues: list[Cue] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    edition: bool = False  # a bulletin: it stands on its own when its articles are gone
    text_key: str = ""  # what the episode says: a new one on the same guid is a correction
    corrected: date | None = None  # the day its text was last corrected
    date_set: bool = False  # `published` was given by the producer (build --date): kept
    language: str | None = None  # BCP-47: the article's (a bulletin's: the show's)
    epub: str | None = None  # path under output/ of the read-along book

    def to_json(self) -> dict[str, Any]:
        return {
            "format": EPISODE_FORMAT,
            "key": self.key,
            "slug": self.slug,
            "sources": self.sources,
            "guid": self.guid,
            "title": self.title,
            "author": self.author,
            "outlet": self.outlet,
            "description": self.description,
            "audio": self.audio,
            "bytes": self.bytes,
            "duration": self.duration,
            "loudness": asdict(self.loudness) if self.loudness else None,
            "published": self.published.isoformat(),
            "version": self.version,
            "transcripts": [list(t) for t in self.transcripts],
            "chapters_file": self.chapters_file,
            "cues": [asdict(c) for c in self.cues],
            "chapters": [asdict(c) for c in self.chapters],
            "edition": self.edition,
            "text_key": self.text_key,
            "corrected": self.corrected.isoformat() if self.corrected else None,
            "date_set": self.date_set,
            "language": self.language,
            "epub": self.epub,
        }

    @classmethod
    def from_json(cls, data: Any, slug: str = "") -> Episode | None:
        """The record in `data`; None when it is not one of this format (another version's,
        a stray or damaged file), so that episode is made again rather than trusted."""
        if not isinstance(data, dict) or data.get("format") != EPISODE_FORMAT:
            return None
        try:
            return cls(
                key=data.get("key", ""),
                slug=data.get("slug", slug),
                sources=list(data.get("sources", [])),
                guid=data["guid"],
                title=data["title"],
                author=data.get("author"),
                outlet=data.get("outlet"),
                description=data["description"],
                audio=data["audio"],
                bytes=data.get("bytes", 0),
                duration=data["duration"],
                loudness=Loudness(**data["loudness"]) if data.get("loudness") else None,
                published=datetime.fromisoformat(data["published"]),
                version=data.get("version", ""),
                transcripts=[(str(t[0]), str(t[1])) for t in data.get("transcripts", [])],
                chapters_file=data.get("chapters_file"),
                cues=[_cue(c) for c in data["cues"]],
                chapters=[Chapter(c["start"], c["end"], c["title"]) for c in data["chapters"]],
                edition=bool(data.get("edition", False)),
                text_key=str(data.get("text_key", "")),
                corrected=_when(data.get("corrected")),
                date_set=bool(data.get("date_set", False)),
                language=data.get("language") or None,
                epub=data.get("epub") or None,
            )
        except (KeyError, TypeError, ValueError, IndexError):
            return None

    def to_record(self, size: int, epub_size: int | None = None) -> EpisodeRecord:
        """The plain record the feed and the page are made from; `size`: the MP3's bytes now,
        `epub_size` the book's (None: it is not there, so nothing links it)."""
        return EpisodeRecord(
            guid=self.guid,
            title=self.title,
            description=self.description,
            audio=self.audio,
            bytes=size,
            duration=self.duration,
            published=self.published,
            version=self.version,
            author=self.author,
            transcripts=list(self.transcripts),
            chapters=self.chapters_file,
            slug=self.slug,
            # The page's transcript goes sentence by sentence, as a listener chooses where to play.
            cues=[
                FeedCue(s.start, s.end, s.speaker, s.text, s.paragraph)
                for c in self.cues
                for s in sentence_cues(c)
            ],
            chapter_marks=[Mark(c.start, c.end, c.title) for c in self.chapters],
            language=self.language,
            epub=(self.epub, epub_size) if self.epub and epub_size is not None else None,
        )


def _when(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _cue(c: dict[str, Any]) -> Cue:
    voice, paragraph = c.get("voice", ""), c.get("paragraph")
    pauses = [(float(a), float(b)) for a, b in c.get("pauses", [])]
    return Cue(c["start"], c["end"], c["speaker"], c["text"], voice, paragraph, pauses)


def sidecar_path(output: Path, slug: str) -> Path:
    return output / "episodes" / f"{slug}.json"


def load_episode(path: Path) -> Episode | None:
    return Episode.from_json(load_json(path), slug=path.stem)


def save_episode(path: Path, episode: Episode) -> None:
    atomic_json(path, episode.to_json())


def episodes(output: Path) -> list[Episode]:
    """Every episode output/ has a record of, in slug order (other JSON files are not one)."""
    found = (load_episode(p) for p in sorted((output / "episodes").glob("*.json")))
    return [e for e in found if e is not None]


def episode_records(output: Path) -> list[EpisodeRecord]:
    """Every built episode, read from its sidecar; the file's size as it is now."""
    records = []
    for episode in episodes(output):
        audio = output / episode.audio
        if not audio.exists():
            continue
        book = output / episode.epub if episode.epub else None
        book_size = book.stat().st_size if book and book.is_file() else None
        records.append(episode.to_record(audio.stat().st_size, book_size))
    return records
