"""The feed's text as a listener's app shows it (issue 17): every text field, read through
feedparser and gPodder's podcastparser, is plain text with no entity, markup or escaped
character the articles did not hold; the chapters are in the item (Podlove Simple Chapters)
and, from three chapters on, listed with their times after the description (Apple Podcasts
makes links of them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import podcastparser
import pytest

from tests.feeds.feed_clients import node_parsers

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # both shows are built for real

MARKS = ("&#", "&amp;", "&lt;", "&gt;", "<", ">")


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string a parser returned, with where it was (`entries[0].summary`)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def _parsed(feed: Path) -> dict[str, Any]:
    """The feed as each parser read it."""
    with feed.open("rb") as f:
        gpodder = podcastparser.parse("http://localhost:8000/feed.xml", f)
    return {"feedparser": feedparser.parse(str(feed)), "podcastparser": gpodder}


def _articles(show: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (show / "content").glob("*.txt"))


def _chapters(show: Path, slug: str) -> list[dict[str, Any]]:
    path = show / "output" / "episodes" / f"{slug}.chapters.json"
    chapters: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["chapters"]
    return chapters


@pytest.fixture(params=["demo_show", "bulletin_show"])
def show(request: pytest.FixtureRequest) -> Path:
    built: Path = request.getfixturevalue(request.param)
    return built


# The fields an app shows as words, as each parser names them: each must have been read.
SHOWN = {
    "feedparser": {
        "feed.title", "feed.subtitle", "feed.summary", "feed.author", "entries[0].title",
        "entries[0].summary", "entries[0].author", "entries[0].psc_chapters.chapters[0].title",
    },
    "podcastparser": {
        "title", "description", "itunes_author", "itunes_owner.name", "episodes[0].title",
        "episodes[0].description", "episodes[0].itunes_author", "episodes[0].chapters[0].title",
    },
}  # fmt: skip


def test_no_parser_reads_an_entity_or_a_tag_the_articles_did_not_hold(show: Path) -> None:
    held = _articles(show)
    for parser, parsed in _parsed(show / "output" / "feed.xml").items():
        read = set()
        for path, text in _strings(parsed):
            if path.endswith("type") or "href" in path or "url" in path or "link" in path:
                continue  # a media type or an address, not text an app shows as words
            read.add(path)
            found = [mark for mark in MARKS if mark in text and mark not in held]
            assert not found, f"{parser} reads {found} in {path}: {text[:200]!r}"
        assert SHOWN[parser] <= read, f"{parser} did not read {SHOWN[parser] - read}"


def test_the_demo_description_says_chinas_as_the_article_does(demo_show: Path) -> None:
    parsed = _parsed(demo_show / "output" / "feed.xml")
    fp, gp = parsed["feedparser"].entries[0], parsed["podcastparser"]["episodes"][0]
    assert "by China's standards" in fp.summary
    assert "by China's standards" in gp["description"]
    assert "Some Of China's Freed" in fp.title == gp["title"]


def test_an_item_carries_its_chapters_as_podlove_simple_chapters(bulletin_show: Path) -> None:
    parsed = _parsed(bulletin_show / "output" / "feed.xml")
    slug = next((bulletin_show / "output" / "episodes").glob("morning-edition-*.mp3")).stem
    chapters = _chapters(bulletin_show, slug)
    assert len(chapters) == 3  # the edition's contents, then each story
    entry = next(e for e in parsed["feedparser"].entries if e.title.startswith("Morning"))
    psc = entry.psc_chapters
    assert psc["version"] == "1.2"
    assert [c["title"] for c in psc["chapters"]] == [c["title"] for c in chapters]
    starts = [c["start_parsed"].total_seconds() for c in psc["chapters"]]
    assert starts == pytest.approx([c["startTime"] for c in chapters], abs=0.0005)
    episode = next(e for e in parsed["podcastparser"]["episodes"] if e["title"] == entry.title)
    # podcastparser keeps whole seconds of the Podlove chapters.
    assert [(c["start"], c["title"]) for c in episode["chapters"]] == [
        (int(c["startTime"]), c["title"]) for c in chapters
    ]


def test_the_npm_parsers_read_the_same_plain_text_and_chapters(bulletin_show: Path) -> None:
    """podcast-partytime and feedsmith, what Podcasting 2.0 apps ingest, agree."""
    feed = bulletin_show / "output" / "feed.xml"
    held = _articles(bulletin_show)
    parsed = node_parsers(feed)
    for parser, seen in parsed.items():
        assert "error" not in seen, seen
        for path, text in _strings(seen):
            if path.startswith("itunesCategory"):
                continue  # partytime writes the category path itself: "News > Daily News"
            found = [mark for mark in MARKS if mark in text and mark not in held]
            assert not found, f"{parser} reads {found} in {path}: {text[:200]!r}"
    slug = next((bulletin_show / "output" / "episodes").glob("morning-edition-*.mp3")).stem
    item = next(i for i in parsed["feedsmith"]["feed"]["items"] if i["title"].startswith("Morn"))
    titles = [c["title"] for c in _chapters(bulletin_show, slug)]
    assert [c["title"] for c in item["psc"]["chapters"]] == titles


def test_three_chapters_are_listed_with_their_times_after_the_description(
    bulletin_show: Path,
) -> None:
    parsed = _parsed(bulletin_show / "output" / "feed.xml")
    slug = next((bulletin_show / "output" / "episodes").glob("morning-edition-*.mp3")).stem
    chapters = _chapters(bulletin_show, slug)
    expected = [
        f"{int(c['startTime']) // 60:02d}:{int(c['startTime']) % 60:02d} {c['title']}"
        for c in chapters
    ]
    episode = next(e for e in parsed["podcastparser"]["episodes"] if e["title"].startswith("Morn"))
    lines = episode["description"].splitlines()
    assert lines[-len(expected) :] == expected
    assert lines[0] == "2 stories, read by synthetic voices."  # the description comes first
    assert expected[0].startswith("00:00 ")


def test_an_episode_of_one_chapter_lists_no_times(demo_show: Path) -> None:
    parsed = _parsed(demo_show / "output" / "feed.xml")
    description = parsed["podcastparser"]["episodes"][0]["description"]
    assert description.endswith("(Read by synthetic voices.)")
