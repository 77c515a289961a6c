"""One feed item into one article, as `add` reads a page: the item's page fetched and
extracted, or the feed's own full text (content:encoded) when the page fails or holds only
a teaser of it. The feed's headline, date and guid win over the page's guesses."""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, replace

from talkingpaper.adding import MIN_STORY_WORDS, story_words
from talkingpaper.show import Show
from talkingpaper.sources.config import Source
from talkingpaper.sources.feed_doc import FeedDoc, Item
from talkingpaper.sources.fingerprint import contained
from talkingpaper.sources.http import Fetched, HostSlots, SourceError, fetch
from tts.errors import InputError
from tts.text.model import Article

# The page tells the story of the feed's full text when it holds this share of that text's
# five-word runs (a page adds captions and a line or two; it does not rewrite the story).
TOLD = 0.6
_PAGE_KINDS = ("text/html", "application/xhtml+xml")


class ItemError(SourceError):
    """This item gives no article; `lasting` says whether a later update would fare better."""

    def __init__(self, message: str, lasting: bool) -> None:
        super().__init__(message)
        self.lasting = lasting


@dataclass(frozen=True)
class Story:
    """An item read: the raw article as `add` saves it, and its cleaned paragraphs."""

    article: Article
    paragraphs: list[str]
    from_feed: bool  # read from the feed's own text, not the page


class Clock:
    """Seconds spent fetching and reading items, summed over the threads that do it."""

    def __init__(self) -> None:
        self.fetching = 0.0
        self.reading = 0.0
        self._lock = threading.Lock()

    def add(self, fetching: float, reading: float) -> None:
        with self._lock:
            self.fetching += fetching
            self.reading += reading


def read_item(
    show: Show, source: Source, feed: FeedDoc, item: Item, slots: HostSlots, clock: Clock
) -> Story:
    """The item's story; ItemError naming the item and why it gives none."""
    started = time.perf_counter()
    fetched, page_problem = _fetch_page(item, slots)
    got = time.perf_counter()
    page = _read_page(show, source, item, fetched) if fetched else None
    text = _from_feed_text(show, source, item) if item.full_text else None
    clock.add(got - started, time.perf_counter() - got)
    page_words = _words(page) if page else 0
    chosen = _choose(page, text)
    if chosen is None:
        name = item.title or item.link or item.key
        why = page_problem or f"its page holds no article ({page_words} words)"
        lasting = page_problem is None or "tries again" not in page_problem
        raise ItemError(
            f"{source.name}: {name!r}: {why}, and the feed gives no text of it", lasting
        )
    from_feed = chosen is text
    article = _with_feed_details(chosen.article, source, feed, item, from_feed)
    return Story(article, chosen.paragraphs, from_feed)


def _choose(page: Story | None, text: Story | None) -> Story | None:
    """The page when it tells the story; the feed's own text when the feed gives it in full
    and the page does not tell it (a teaser, a paywall, a consent wall, another page)."""
    if text and _words(text) >= MIN_STORY_WORDS:
        if page and contained(text.paragraphs, page.paragraphs) >= TOLD:
            return page
        return text
    if page and _words(page) >= MIN_STORY_WORDS:
        return page
    return None


def _fetch_page(item: Item, slots: HostSlots) -> tuple[Fetched | None, str | None]:
    if not item.link:
        return None, "it has no link"
    try:
        fetched = fetch(item.link, slots=slots)
    except SourceError as exc:
        return None, str(exc)
    if fetched.content_type not in _PAGE_KINDS:
        return None, f"its link gives {fetched.content_type}, not a web page"
    return fetched, None


def _read_page(show: Show, source: Source, item: Item, fetched: Fetched) -> Story | None:
    return _story(show, source, fetched.data, item.link or fetched.url, fetched.url)


def _from_feed_text(show: Show, source: Source, item: Item) -> Story | None:
    title = html.escape(item.title or "")
    page = (
        f"<html><head><title>{title}</title></head>"
        f"<body><article>{item.full_text}</article></body></html>"
    )
    return _story(show, source, page, item.link or item.key, item.link)


def _story(
    show: Show, source: Source, page: bytes | str, name: str, url: str | None
) -> Story | None:
    """The page read as `add` reads one, with the source's cleaning options; None when it
    holds no article text."""
    # The text rules load only when an item is read: an update with nothing new needs none.
    from tts.text.clean import clean_article
    from tts.text.read import read_html

    try:
        article = read_html(page, source=name, url=url, embeds=source.embeds or show.embeds,
                            keep=show.reading.keep)  # fmt: skip
    except InputError:
        return None
    article.url = article.url or url
    story = clean_article(article, keep=list(show.reading.keep), captions=show.captions)
    return Story(article, story.paragraphs, False)


def _words(story: Story) -> int:
    return story_words(story.paragraphs)


def _with_feed_details(
    article: Article, source: Source, feed: FeedDoc, item: Item, from_feed: bool
) -> Article:
    """The feed's own headline, author and date (an editor wrote them for the feed; a page's
    are guessed), and where the article came from."""
    return replace(
        article,
        title=item.title or article.title,
        author=article.author or item.author,
        published=item.published.isoformat() if item.published else article.published,
        # The feed's own text has no site name of its own (only the page's address).
        outlet=feed.title if from_feed else article.outlet or feed.title,
        url=article.url or item.link,
        source_name=source.name,
        guid=item.key,
        language=source.language or feed.language or article.language,
    )
