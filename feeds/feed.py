"""The podcast feed: RSS 2.0 with the iTunes tags podcast apps require, written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from feeds.item_text import item_description
from feeds.model import EpisodeRecord, ShowInfo

AI_DISCLOSURE = "true"
TIMED = {"text/vtt", "application/x-subrip", "application/srt"}
EPUB_TYPE = "application/epub+zip"


def _duration(seconds: float) -> str:
    # Apple wants whole seconds; an integer is the least ambiguous form.
    return str(round(seconds))


def enclosure_url(show: ShowInfo, episode: EpisodeRecord) -> str:
    """The audio URL; its query names the content version so changed audio gets a new URL."""
    url = show.base_url + quote(episode.audio)
    return f"{url}?v={episode.version}" if episode.version else url


def render_feed(
    show: ShowInfo, episodes: Sequence[EpisodeRecord], built: datetime | None = None
) -> bytes:
    """Return the feed XML for `show` listing `episodes` newest first."""
    from feedgen.feed import FeedGenerator

    from feeds import chapters_ns, podcast_ns

    fg = FeedGenerator()
    fg.load_extension("podcast")
    podcast_ns.load(fg)
    chapters_ns.load(fg)
    fg.title(show.title)
    fg.description(show.description)
    fg.language(show.language)
    fg.author({"name": show.author, **({"email": show.owner_email} if show.owner_email else {})})
    # feedgen uses the LAST link() as <link>: self first, the home page last (TRAPS.md).
    fg.link(href=show.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=show.link or show.base_url, rel="alternate")
    fg.generator("talkingpaper")
    fg.lastBuildDate(built or datetime.now(UTC))
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_summary(show.description)
    fg.podcast.itunes_type("episodic")
    if show.category:
        fg.podcast.itunes_category(show.category, show.subcategory)
    if show.owner_email:
        fg.podcast.itunes_owner(name=show.owner_name or show.author, email=show.owner_email)
    image_url = show.base_url + quote(show.image) if show.image else None
    if image_url:
        fg.image(url=image_url, title=show.title, link=show.link or show.base_url)
    fg.podcastindex.tags = podcast_ns.ChannelTags(
        guid=show.guid,
        locked=True,
        owner_email=show.owner_email,
        explicit=show.explicit,
        image=image_url,
        ai_disclosure=AI_DISCLOSURE,
    )

    # feedgen prepends each new entry; add oldest first so the feed lists newest first.
    for episode in sorted(episodes, key=lambda e: (e.published, e.guid)):
        _add_item(fg, show, episode)
    return fg.rss_str(pretty=True)


def _add_item(fg: Any, show: ShowInfo, episode: EpisodeRecord) -> None:
    """One episode as an <item>: enclosure, iTunes fields, transcripts, chapters, people."""
    from feeds import podcast_ns

    fe = fg.add_entry()
    fe.id(episode.guid)
    fe.guid(episode.guid, permalink=False)
    fe.title(episode.title)
    fe.description(item_description(episode))  # plain text: apps differ on HTML there
    fe.published(episode.published)
    fe.enclosure(enclosure_url(show, episode), str(episode.bytes), "audio/mpeg")
    fe.podcast.itunes_duration(_duration(episode.duration))
    fe.podcast.itunes_episode_type("full")
    if episode.author:
        fe.podcast.itunes_author(episode.author)
    fe.podcastindex.tags = podcast_ns.ItemTags(
        explicit=show.explicit,
        transcripts=[
            podcast_ns.Transcript(
                show.base_url + quote(path),
                mime,
                language=episode.language or show.language,
                rel="captions" if mime in TIMED else None,
            )
            for path, mime in episode.transcripts
        ],
        chapters=show.base_url + quote(episode.chapters) if episode.chapters else None,
        people=[(episode.author, "author")] if episode.author else [],
        alternates=_book(show, episode),
    )
    fe.psc.marks = episode.chapter_marks


def _book(show: ShowInfo, episode: EpisodeRecord) -> list[Any]:
    """The read-along EPUB as an alternate enclosure (a new URL when the audio changes)."""
    from feeds import podcast_ns

    if not episode.epub:
        return []
    path, size = episode.epub
    url = show.base_url + quote(path) + (f"?v={episode.version}" if episode.version else "")
    language = episode.language or show.language
    return [podcast_ns.Alternate(url, EPUB_TYPE, size, "Read along (EPUB 3)", language)]
