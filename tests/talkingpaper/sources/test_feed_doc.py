"""Feeds as feedparser reads them for `update`: items keyed by guid or canonical link, links
made absolute, dates made sane, and the feeds a page announces."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from talkingpaper.sources.feed_doc import announced_feeds, canonical, parse_feed
from talkingpaper.sources.http import SourceError
from tests.talkingpaper.sources.news_site import FEEDS, filled

BASE = "http://news.example"


def _feed(name: str):  # type: ignore[no-untyped-def]
    data = filled((FEEDS / name).read_text(encoding="utf-8"), BASE).encode()
    return parse_feed(data, f"{BASE}/feeds/{name}")


def test_rss_items_are_keyed_by_guid_each_once() -> None:
    feed = _feed("riverside-news.xml")
    assert feed.title == "Riverside Daily - Business and Politics"
    assert feed.language == "en-us"
    assert [i.key for i in feed.items] == [
        "riverside-business-40211", "riverside-politics-40212", "riverside-local-40213",
    ]  # fmt: skip
    assert feed.unusable == 1  # the item with no link and no text
    assert feed.repeated == 1  # the second item with the first one's guid
    bridge = feed.items[2]
    assert bridge.full_text and "council member Rosa Delgado said" in bridge.full_text
    assert feed.items[0].author == "Jonathan Garber"


def test_atom_links_are_read_against_xml_base_and_dates_are_sane() -> None:
    feed = _feed("valley-wire.xml")
    links = [i.link for i in feed.items]
    assert links[0] == f"{BASE}/pages/macbook-keyboard.html#comments"
    assert links[2] == f"{BASE}/pages/home-depot.html?cmpid=wire"
    now = datetime.now(UTC)
    assert feed.items[0].published and feed.items[0].published <= now  # was 30 h ahead
    assert feed.items[1].published is None  # "last Tuesday afternoon"
    assert feed.items[3].full_text  # Atom <content type="html">


def test_an_item_without_a_guid_is_keyed_by_its_canonical_link() -> None:
    rss = (
        b"<rss version='2.0'><channel><title>T</title><item><title>A</title>"
        b"<link>http://News.Example/a?utm_source=rss&amp;id=7#top</link></item></channel></rss>"
    )
    (item,) = parse_feed(rss, BASE).items
    assert item.key == "http://news.example/a?id=7"
    assert canonical("https://x.example/a?fbclid=1") == canonical("https://x.example/a")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body><p>Welcome</p></body></html>", "not an RSS or Atom feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>a", "broken XML"),
    ],
)
def test_what_is_no_feed_is_a_source_error(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        parse_feed(data, BASE + "/feed")


def test_a_page_announces_its_feeds_in_order() -> None:
    page = (FEEDS / "front-page.html").read_bytes()
    assert announced_feeds(page, BASE + "/") == [
        f"{BASE}/feeds/riverside-news.xml",
        f"{BASE}/feeds/valley-wire.xml",
    ]
    assert announced_feeds(b"<html><head><link rel='stylesheet' href='/s.css'></head>", BASE) == []
