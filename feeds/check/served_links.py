"""SRV-10: every link of the feed as the server sends it reaches a file, fetched as written.

The other SRV rules map the built feed's URLs onto the server under test to probe its byte
handling; that mapping is also what hid a feed whose links pointed at localhost:8000 while the
server listened elsewhere, or lacked the token. Here the feed is fetched from the server and
each enclosure, image, transcript, chapters and book URL in it is asked for exactly as an app
would.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from lxml import etree

from feeds.check.context import NS, PODCAST_NS_OLD, Context, Issue, Rule
from feeds.check.serving import Response, _reachable, _request

FIX = (
    "serve the show with talkingpaper serve (it writes the address each app used into the "
    "feed), or set show.base_url to the address output/ is served at and rebuild"
)
# (element path, attribute or None for the element's text) for every link an app follows.
_LINKS = (
    ("itunes:image", "href"),
    ("image/url", None),
    ("item/enclosure", "url"),
    ("item/itunes:image", "href"),
    ("item/podcast:transcript", "url"),
    ("item/podcast:chapters", "url"),
    ("item/podcastgh:chapters", "url"),
    ("item/podcast:alternateEnclosure/podcast:source", "uri"),
)
_LOOPBACK = ("localhost", "127.0.0.1", "::1")
_PARALLEL = 6


def served_feed_url(server: str) -> str:
    """The feed URL on a server given as its base URL (or as the feed URL itself)."""
    if urlsplit(server).path.endswith(".xml"):
        return server
    return (server if server.endswith("/") else server + "/") + "feed.xml"


def _feed_links(body: bytes) -> list[str] | None:
    """Every linked URL of a feed, in feed order without repeats; None if it is not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        channel = etree.fromstring(body, parser).find("channel")
    except etree.XMLSyntaxError:
        return None
    if channel is None:
        return None
    spaces = {**NS, "podcastgh": PODCAST_NS_OLD}
    found: list[str] = []
    for path, attribute in _LINKS:
        for element in channel.findall(path, spaces):
            value = element.get(attribute) if attribute else element.text
            if value and value.strip():
                found.append(value.strip())
    return list(dict.fromkeys(found))


def _answers(url: str) -> str | None:
    """None when the URL answers 200 (HEAD, or 200/206 to a one-byte GET); else why not."""
    try:
        head: Response = _request(url, "HEAD")
        if head.status == 200:
            return None
        # Some servers refuse HEAD; an app's player asks for the first bytes anyway.
        first = _request(url, headers={"Range": "bytes=0-0"})
    except OSError as exc:
        return f"no answer ({exc.strerror or exc})"
    if first.status in (200, 206):
        return None
    return f"HEAD -> {head.status}, GET bytes=0-0 -> {first.status}"


def _links_reach(ctx: Context) -> Iterator[Issue]:
    if not ctx.server or not _reachable(ctx):
        return  # SRV-01 reports a server that does not answer
    feed_url = served_feed_url(ctx.server)
    try:
        feed = _request(feed_url)
    except OSError as exc:
        yield Issue(f"GET {feed_url}: no answer ({exc})", FIX)
        return
    links = _feed_links(feed.body) if feed.status == 200 else None
    if links is None:
        yield Issue(f"GET {feed_url} -> {feed.status}, not an RSS feed", FIX)
        return
    server_host = urlsplit(feed_url).hostname or ""

    def problem(url: str) -> str | None:
        host = urlsplit(url).hostname or ""
        if host in _LOOPBACK and server_host not in _LOOPBACK:
            # It may answer here, on the server's own machine, but never on a phone.
            return (
                f"names {host}, while the feed is served at {server_host}: "
                "no other device can reach it"
            )
        return _answers(url)

    # A few at a time: a long feed over a slow link should not take a round trip per link.
    with ThreadPoolExecutor(max_workers=_PARALLEL) as pool:
        found = list(zip(links, pool.map(problem, links), strict=True))
    broken = [(url, why) for url, why in found if why is not None]
    for url, why in broken[:5]:
        yield Issue(f"{url} in the feed from {feed_url}: {why}", FIX)
    if len(broken) > 5:
        yield Issue(f"and {len(broken) - 5} more links of the feed do not answer 200", FIX)


RULES: list[Rule] = [
    Rule("SRV-10", "error", "every link of the served feed answers 200", _links_reach),
]
