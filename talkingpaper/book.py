"""An episode's read-along book (output/episodes/SLUG.epub): its script and the times its
segments were spoken at, handed to feeds.epub as a plain Book.

The book's unit is the script's segment, timed by the stitching (one cue per segment, before
any caption is split for the screen), so each sentence of the book is one clip of the MP3.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

from feeds.epub import write_epub
from feeds.epub_model import Book, Sentence, Story
from talkingpaper.plan import Line, Prepared, article_sources
from tts.episode import Cue
from tts.text.model import NARRATOR


def epub_path(output: Path, slug: str) -> Path:
    return output / "episodes" / f"{slug}.epub"


def _sentence(line: Line, cue: Cue) -> Sentence:
    segment = line.segment
    speaker = None if segment.speaker == NARRATOR else segment.speaker
    kind = "subhead" if line.subhead else segment.kind
    return Sentence(cue.text, cue.start, cue.end, kind, speaker, line.paragraph)


def _chapters(lines: Sequence[Line], cues: Sequence[Cue]) -> list[list[Sentence]]:
    """The sentences cut where the audio's chapters start (a bulletin's opening, each
    article), not at an article's subheads, which stay headings inside it; what follows the
    last article (a bulletin's close) stays with it, as in the MP3's chapters."""
    groups: list[list[Sentence]] = []
    for line, cue in zip(lines, cues, strict=True):
        if (line.chapter is not None and not line.subhead) or not groups:
            groups.append([])
        groups[-1].append(_sentence(line, cue))
    return groups


def episode_book(
    prep: Prepared, cues: Sequence[Cue], *, guid: str, show: str, language: str,
    mp3: Path, cover: Path | None, corrected: date | None = None,
) -> Book:  # fmt: skip
    """The book of the episode `prep` describes, its sentences timed by `cues`; a corrected
    episode's book is modified on the day of the correction."""
    groups = _chapters(prep.lines, cues)
    edition = prep.plan.edition
    # A bulletin opens with its own intro (a chapter of its own) and closes with its outro.
    opening = groups.pop(0) if edition else []
    closing = [groups[-1].pop()] if edition else []
    sources = article_sources(prep.plan) if prep.plan.edition else []
    stories = [
        Story(
            headline=script.title or prep.title,
            sentences=sentences,
            source=sources[i] if i < len(sources) else None,
            language=script.language if script.language != language else None,
        )
        for i, (script, sentences) in enumerate(zip(prep.scripts, groups, strict=True))
    ]
    return Book(
        identifier=guid,
        title=prep.title,
        show=show,
        language=language,
        published=prep.published,
        audio=mp3,
        stories=stories,
        authors=sorted({s.author for s in prep.scripts if s.author}),
        opening=opening,
        closing=closing,
        edition=edition,
        cover=cover,
        modified=_modified(prep.published, corrected),
    )


def _modified(published: datetime, corrected: date | None) -> datetime | None:
    if corrected is None:
        return None  # the book is as first published
    return max(published, datetime.combine(corrected, time(12), UTC))


def write_book(book: Book, output: Path, slug: str) -> str:
    """Write the episode's book beside its MP3; its path under output/."""
    write_epub(book, epub_path(output, slug))
    return f"episodes/{slug}.epub"
