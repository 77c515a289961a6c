"""A followed feed as talkingpaper reads it: RSS 0.9x-2.0, RSS 1.0 and Atom, parsed by
feedparser (lenient as podcast apps are: a feed with a stray error still gives its items),
and a web page's announced feeds (`<link rel="alternate">`), read by lxml."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from talkingpaper.sources.http import SourceError

FEED_MEDIA_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "cmpid", "ref")


@dataclass(frozen=True)
class Item:
    key: str  # what makes it the same item next time: its guid, else its canonical link
    link: str | None
    title: str | None
    author: str | None
    published: datetime | None  # never in the future
    full_text: str | None  # the feed's own HTML of the story (content:encoded, Atom content)


@dataclass(frozen=True)
class FeedDoc:
    title: str | None
    language: str | None
    link: str | None
    items: list[Item]  # in the feed's order, each guid once
    unusable: int  # items with no link and no text
    repeated: int  # items whose guid an item before them has


def parse_feed(data: bytes, url: str) -> FeedDoc:
    """The feed in data (fetched from url, the base of its relative links); SourceError when
    it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    if not parsed.version and not parsed.entries:
        why = f" ({problem})" if problem else ""
        raise SourceError(f"{url}: this is not an RSS or Atom feed{why}")
    items: list[Item] = []
    seen: set[str] = set()
    unusable = repeated = 0
    for entry in parsed.entries:
        item = _item(entry, url)
        if item is None:
            unusable += 1
        elif item.key in seen:
            repeated += 1
        else:
            seen.add(item.key)
            items.append(item)
    if problem and not items:  # a lenient parse of broken XML that gave nothing usable
        raise SourceError(
            f"{url}: the feed is broken XML ({problem}) and gives no items; tell the site, "
            "the next update tries again"
        )
    feed = parsed.feed
    return FeedDoc(
        title=_text(feed.get("title")),
        language=_text(feed.get("language")),
        link=_absolute(feed.get("link"), url),
        items=items,
        unusable=unusable,
        repeated=repeated,
    )


def _item(entry: dict, base: str) -> Item | None:
    link = _absolute(entry.get("link"), base)
    full = _full_text(entry)
    if not link and not full:
        return None
    guid = _text(entry.get("id"))
    key = guid or canonical(link or "")
    if not key:
        return None
    return Item(
        key=key,
        link=link,
        title=_text(entry.get("title")),
        author=_text(entry.get("author")),
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        full_text=full,
    )


def _full_text(entry: dict) -> str | None:
    """content:encoded or Atom <content> when it holds HTML; the summary is a teaser."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return str(value)
    return None


def _date(parsed: object) -> datetime | None:
    """feedparser's UTC struct_time as a datetime; a date ahead of now is now (a feed's clock
    or time zone is wrong), an impossible one is none."""
    if parsed is None:
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)  # type: ignore[arg-type]
    except (OverflowError, ValueError, TypeError):
        return None
    if moment.year < 1900:
        return None
    return min(moment, datetime.now(UTC).replace(microsecond=0))


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _absolute(link: object, base: str) -> str | None:
    if not link or not isinstance(link, str):
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def canonical(link: str) -> str:
    """An article's address without what differs between two links to it: the fragment,
    tracking parameters, the host's case."""
    if not link:
        return ""
    parts = urlsplit(link)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def announced_feeds(html: bytes, url: str) -> list[str]:
    """The feeds a web page announces with <link rel="alternate" type="...rss+xml">, in the
    page's order (the first is the site's main feed)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = url
    for href in root.xpath("//base/@href")[:1]:
        base = urljoin(url, str(href))
    found = []
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_MEDIA_TYPES:
            target = _absolute(link.get("href"), base)
            if target and target not in found:
                found.append(target)
    return found
