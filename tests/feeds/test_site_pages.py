"""The site as a whole: a page per episode, listing pages of bounded size, the pager, the
subscribe links, and `write_pages` keeping output/ in step with the episodes."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feeds.model import Cue, EpisodeRecord, Mark, ShowInfo
from feeds.site import page_paths, render_pages, write_pages
from feeds.site_index import PER_PAGE, _shown_pages
from feeds.site_subscribe import app_links
from tests.feeds.test_site import Node, find, parse

SHOW = ShowInfo("The Harbour Bulletin", "Local news read aloud.", "Desk", "en", "http://h:8000/")
LIMIT = 40_000  # bytes: a listing page of 20 episodes, or one episode's page, stays under it


def invented(n: int, cues: int = 80) -> EpisodeRecord:
    """Episode `n`, published n days after the first, with a transcript of `cues` sentences
    (80 sentences is about a six-minute article, the length the issue's show had)."""
    said = [
        Cue(
            i * 5.0,
            i * 5.0 + 5.0,
            "narrator" if i % 3 else "a harbour official",
            f"Sentence {i} of story {n} tells how the ferry timetable changed this week.",
            i // 4,
        )
        for i in range(cues)
    ]
    return EpisodeRecord(
        guid=f"urn:test:{n}",
        title=f"Story {n}: the ferry timetable changes",
        description="<p>" + " ".join(["The ferry runs later on weekdays."] * 12) + "</p>",
        audio=f"episodes/story-{n}.mp3",
        bytes=3_000_000,
        duration=cues * 5.0,
        published=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=n),
        transcripts=[(f"episodes/story-{n}.vtt", "text/vtt")],
        slug=f"story-{n}",
        cues=said,
        chapter_marks=[Mark(0.0, cues * 2.5, "First half"), Mark(cues * 2.5, cues * 5.0, "End")],
    )


def sizes(pages: dict[str, str]) -> dict[str, int]:
    return {name: len(html.encode("utf-8")) for name, html in pages.items()}


def test_fifty_episodes_keep_every_page_small() -> None:
    pages = render_pages(SHOW, [invented(n) for n in range(50)])
    size = sizes(pages)
    listing = {name: n for name, n in size.items() if not name.startswith("episodes/")}
    assert sorted(listing) == ["index.html", "page-2.html", "page-3.html"]
    assert max(size.values()) < LIMIT, size
    # One episode's page holds one transcript: the same size however many episodes exist.
    alone = sizes(render_pages(SHOW, [invented(7)]))["episodes/story-7.html"]
    assert abs(size["episodes/story-7.html"] - alone) < 300
    print(f"\n50 episodes: index.html {size['index.html']} B, one episode's page {alone} B")


def test_the_front_page_does_not_grow_with_the_show() -> None:
    fifty = sizes(render_pages(SHOW, [invented(n) for n in range(50)]))["index.html"]
    many = render_pages(SHOW, [invented(n, cues=2) for n in range(600)])
    assert PER_PAGE == 20 and len(many) == 600 + 30  # a page per episode, 30 listing pages
    # Only the numbers in the text and the pager grow, by a few bytes.
    assert abs(len(many["index.html"].encode()) - fifty) < 400
    assert max(len(html.encode()) for html in many.values()) < LIMIT


def test_each_episode_page_holds_its_own_transcript_and_the_listing_none() -> None:
    episodes = [invented(n, cues=6) for n in range(3)]
    pages = render_pages(SHOW, episodes)
    for episode in episodes:
        own = pages[f"episodes/{episode.slug}.html"]
        box = next(d for d in find(parse(own), "div") if d.has_class("transcript"))
        assert [span.text() for span in box.iter("span")] == [c.text for c in episode.cues]
        for other in episodes:
            if other is not episode:
                assert other.cues[0].text not in own
    for episode in episodes:
        assert episode.cues[0].text not in pages["index.html"]


def _listed(page: Node) -> list[str]:
    return [a.attrs["id"] or "" for a in find(page, "article")]


def _pager_links(page: Node) -> dict[str, str]:
    (nav,) = [n for n in find(page, "nav") if n.has_class("pager")]
    return {a.words(): a.attrs["href"] or "" for a in nav.iter("a")}


def test_listing_pages_split_the_episodes_newest_first_and_link_each_other() -> None:
    pages = render_pages(SHOW, [invented(n) for n in range(50)])
    newest_first = [f"ep-story-{n}" for n in range(49, -1, -1)]
    names = ["index.html", "page-2.html", "page-3.html"]
    listed = [_listed(parse(pages[name])) for name in names]
    assert listed == [newest_first[:20], newest_first[20:40], newest_first[40:]]
    assert "Episodes 21 to 40 of 50, newest first." in parse(pages["page-2.html"]).words()

    middle = _pager_links(parse(pages["page-2.html"]))
    assert middle == {
        "Newer episodes": "index.html", "Page 1": "index.html", "Page 2": "page-2.html",
        "Page 3": "page-3.html", "Older episodes": "page-3.html",
    }  # fmt: skip
    tree = parse(pages["page-2.html"])
    assert [a.attrs.get("rel") for a in tree.iter("a") if a.attrs.get("rel")] == ["prev", "next"]
    (current,) = [a for a in tree.iter("a") if a.attrs.get("aria-current") == "page"]
    assert current.words() == "Page 2"
    assert "Newer episodes" not in _pager_links(parse(pages["index.html"]))
    assert "Older episodes" not in _pager_links(parse(pages["page-3.html"]))
    # Every link between the site's own pages leads to a page that exists, to an id on it.
    for name, html in pages.items():
        base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for a in parse(html).iter("a"):
            target = a.attrs.get("href") or ""
            if not target.endswith(".html") and ".html#" not in target:
                continue
            path, _, anchor = os.path.normpath(base + target).partition("#")
            assert path in pages, (name, target)
            assert not anchor or f'id="{anchor}"' in pages[path], (name, target)


def test_an_episode_page_leads_back_to_its_listing_page_and_to_its_neighbours() -> None:
    pages = render_pages(SHOW, [invented(n) for n in range(50)])
    tree = parse(pages["episodes/story-25.html"])  # the 25th newest: on page 2
    (nav,) = find(tree, "nav")
    links = {a.words(): a.attrs["href"] for a in nav.iter("a")}
    assert links == {
        "Newer episode: Story 26: the ferry timetable changes": "../episodes/story-26.html",
        "All episodes": "../page-2.html#ep-story-25",
        "Older episode: Story 24: the ferry timetable changes": "../episodes/story-24.html",
    }
    assert find(parse(pages["episodes/story-49.html"]), "a", rel="prev") == []
    assert find(parse(pages["episodes/story-0.html"]), "a", rel="next") == []


@pytest.mark.parametrize(("page", "pages"), [(1, 1), (1, 3), (2, 3), (50, 100), (100, 100)])
def test_the_pager_shows_a_handful_of_page_numbers(page: int, pages: int) -> None:
    shown = _shown_pages(page, pages)
    numbers = [n for n in shown if n is not None]
    assert numbers == sorted(set(numbers)) and {1, page, pages} <= set(numbers)
    assert len(shown) <= 9
    # A gap is marked wherever numbers are skipped, and only there.
    for a, b in zip(shown, shown[1:], strict=False):
        if a is not None and b is not None:
            assert b == a + 1


def test_subscribe_links_carry_the_feed_address() -> None:
    secure = ShowInfo("Q&A weekly", "d", "a", "en", "https://news.example/pod/")
    assert app_links(secure) == [
        ("Open in your podcast app", "feed://news.example/pod/feed.xml"),
        ("Apple Podcasts", "pcast://news.example/pod/feed.xml"),
        (
            "AntennaPod",
            "https://antennapod.org/deeplink/subscribe"
            "?url=https%3A%2F%2Fnews.example%2Fpod%2Ffeed.xml&title=Q%26A+weekly",
        ),
    ]
    # A token in the address and odd characters survive; nothing ends up unescaped in HTML.
    odd = ShowInfo("T", "d", "a", "en", 'http://10.0.0.2:8123/s3cr3t/"x y"/')
    links = dict(app_links(odd))
    assert links["Apple Podcasts"] == "pcast://10.0.0.2:8123/s3cr3t/%22x%20y%22/feed.xml"
    html = render_pages(odd, [])["index.html"]
    parse(html)
    assert 'value="http://10.0.0.2:8123/s3cr3t/&quot;x y&quot;/feed.xml"' in html


def test_write_pages_writes_the_site_and_removes_what_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "output"
    episodes = out / "episodes"
    episodes.mkdir(parents=True)
    # Files the build owns beside the pages, which must be left alone.
    others = ["story-1.mp3", "story-1.json", "story-1.vtt", "notes.html", ".story-1.html.9.tmp"]
    for name in others:
        (episodes / name).write_text("kept")
    html_transcript = invented(2, cues=3)
    html_transcript.transcripts.append(("episodes/notes.html", "text/html"))

    records = [invented(0, cues=3), invented(1, cues=3), html_transcript]
    written = write_pages(out, SHOW, records, per_page=2)
    names = sorted(p.relative_to(out).as_posix() for p in written)
    assert names == [
        "episodes/story-0.html", "episodes/story-1.html", "episodes/story-2.html",
        "index.html", "page-2.html",
    ]  # fmt: skip
    assert all(p.is_file() for p in written)
    # Written again from the same episodes, no page is touched: browsers hear "not modified".
    before = {p: p.stat().st_mtime_ns for p in written}
    assert write_pages(out, SHOW, records, per_page=2) == written
    assert {p: p.stat().st_mtime_ns for p in written} == before

    # Story 1 is removed: its page goes, and with two episodes left so does page 2.
    left = [records[0], records[2]]
    written = write_pages(out, SHOW, left, per_page=2)
    assert not (episodes / "story-1.html").exists() and not (out / "page-2.html").exists()
    assert sorted(p.name for p in episodes.iterdir()) == sorted(
        [*others, "story-0.html", "story-2.html"]
    )
    assert "Story 1:" not in (out / "index.html").read_text(encoding="utf-8")
    assert "story-1.html" not in (episodes / "story-0.html").read_text(encoding="utf-8")
    assert [p for p in out.rglob("*") if re.fullmatch(r"\.index\.html\..*\.tmp", p.name)] == []


def test_page_paths_name_the_pages_render_pages_writes() -> None:
    episodes = [invented(n, cues=1) for n in range(3)] + [invented(9, cues=1)]
    episodes[3].slug = episodes[0].slug  # two episodes claiming one slug still get two pages
    paths = page_paths(episodes)
    assert sorted(paths.values()) == sorted(p for p in render_pages(SHOW, episodes) if "/" in p)
    assert paths["urn:test:1"] == "episodes/story-1.html"
    assert len(set(paths.values())) == 4
