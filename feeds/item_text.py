"""An episode's description as the feed carries it: plain text, then its chapters' times.

The episode record keeps its description as simple HTML, which the web page shows. Apps do
not agree whether an RSS description is HTML: podcastparser, and the apps built on it, show
it as written, so an entity or a tag there reaches the listener as characters ("China&#x27;s").
Plain text reads the same in every app. Apple Podcasts turns lines that start with a time
("00:00 Title", "1:02:03 Title") into chapter links, so an episode of three or more chapters
lists them after the description.
"""

from __future__ import annotations

from collections.abc import Sequence

from feeds.model import EpisodeRecord, Mark
from feeds.site_description import description_plain

MIN_CHAPTERS = 3  # fewer are not worth a list: the title says what a one-story episode is
APPLE_LIMIT = 4000  # bytes of a description Apple keeps (feeds/check ITEM-10)


def item_description(episode: EpisodeRecord) -> str:
    """The description's text, and the chapter list when the episode has enough chapters
    and the list fits in what Apple keeps (the chapters are in the item and the MP3 anyway)."""
    text = description_plain(episode.description)
    times = "\n".join(chapter_lines(episode.chapter_marks, episode.duration))
    both = "\n\n".join(part for part in (text, times) if part)
    return both if len(both.encode("utf-8")) <= APPLE_LIMIT else text


def chapter_lines(marks: Sequence[Mark], duration: float) -> list[str]:
    """A line "00:00 Title" per chapter (hours shown only in an episode of an hour or more)."""
    if len(marks) < MIN_CHAPTERS:
        return []
    hours = duration >= 3600
    return [f"{clock(mark.start, hours)} {' '.join(mark.title.split())}" for mark in marks]


def clock(seconds: float, hours: bool) -> str:
    """A chapter's start in whole seconds (rounded down: never after the chapter starts)."""
    whole = max(0, int(seconds))
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if hours else f"{h * 60 + m:02d}:{s:02d}"
