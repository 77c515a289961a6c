"""`talkingpaper update` against a news site on 127.0.0.1 (real pages, feeds shaped like real
ones), without speaking: what is saved, what each source's line says, what the next update
asks and does not save again."""

from __future__ import annotations

import json
from pathlib import Path

from tests.talkingpaper.sources.conftest import articles, follow_both, run
from tests.talkingpaper.sources.news_site import NewsSite
from tts.text.article_file import read_front_matter


def test_an_update_saves_each_new_story_once_with_its_front_matter(
    show: Path, site: NewsSite
) -> None:
    follow_both(show, site)
    result = run(show, "update", "--no-build")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        "Riverside Daily - Business and Politics: 3 new (1 with no link and no text, skipped, "
        "1 repeating another item's guid, skipped)"
    ) in lines
    assert "Valley Wire: 3 new (1 already read from another source)" in lines
    saved = {read_front_matter(p)["title"]: read_front_matter(p) for p in articles(show)}
    assert sorted(saved) == [
        "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020",
        "Council delays vote on the Fifth Street bridge",
        "Home Depot sales miss, shares plunge",
        "Lawan moves motion for Senate adjournment",
        "South Dakota meth campaign is working, governor says",
        "Stock car standings after the autumn race",
    ]
    depot = saved["Home Depot sales miss, shares plunge"]
    assert depot["source"] == "Riverside Daily - Business and Politics"
    assert depot["guid"] == "riverside-business-40211"
    assert depot["author"] == "Jonathan Garber"
    assert depot["language"] == "en-us"
    # The Atom entry's relative link is read against its xml:base, without the fragment.
    assert site.asked("/pages/macbook-keyboard.html") == 1


def test_the_page_is_read_and_the_feeds_text_only_when_the_page_fails(
    show: Path, site: NewsSite
) -> None:
    follow_both(show, site)
    run(show, "update", "--no-build")
    by_title = {read_front_matter(p)["title"]: p for p in articles(show)}
    page = by_title["Home Depot sales miss, shares plunge"].read_text(encoding="utf-8")
    assert "Home Depot reported third-quarter earnings" in page  # from the real page
    gone = by_title["Council delays vote on the Fifth Street bridge"].read_text(encoding="utf-8")
    assert "council member Rosa Delgado said" in gone  # its page is a 404: content:encoded
    table = by_title["Stock car standings after the autumn race"].read_text(encoding="utf-8")
    assert "The autumn race at the Lakeside oval" in table  # its page is a results table
    assert "Kyle Busch" not in table


def test_the_next_update_asks_conditionally_and_saves_nothing_again(
    show: Path, site: NewsSite
) -> None:
    follow_both(show, site)
    run(show, "update", "--no-build")
    first = {p: p.stat().st_mtime_ns for p in articles(show)}
    result = run(show, "update", "--no-build")
    assert result.exit_code == 0, result.output
    assert "Riverside Daily - Business and Politics: unchanged" in result.output
    assert "Valley Wire: unchanged" in result.output
    asked = [h for path, h in site.requests if path == "/feeds/valley-wire.xml"]
    first_update, second_update = asked[-2:]  # (follow asked first)
    assert "If-None-Match" not in first_update
    assert second_update["If-None-Match"].startswith('"')
    assert second_update["If-Modified-Since"] == "Tue, 01 Dec 2026 06:00:00 GMT"
    assert second_update["User-Agent"].startswith("talkingpaper/")
    assert {p: p.stat().st_mtime_ns for p in articles(show)} == first


def test_a_feed_that_changes_gives_only_its_new_items(show: Path, site: NewsSite) -> None:
    follow_both(show, site)
    run(show, "update", "--no-build")
    feed = (site.routes["/feeds/valley-wire.xml"][2]).decode()  # type: ignore[index]
    entry = feed[feed.index("<entry>") : feed.index("</entry>") + 8]
    added = entry.replace("tech-9081", "tech-9999").replace(
        "macbook-keyboard.html#comments", "senate-adjourns.html"
    )
    site.add("/feeds/valley-wire.xml", feed.replace("<entry>", added + "<entry>", 1))
    result = run(show, "update", "--no-build")
    assert result.exit_code == 0, result.output
    # A new guid, but the story Riverside gave before: read once.
    assert "Valley Wire: 0 new (1 already read from another source)" in result.output
    assert len(articles(show)) == 6


def test_sources_lists_each_with_its_last_update(show: Path, site: NewsSite) -> None:
    follow_both(show, site)
    before = run(show, "sources")
    assert "never updated" in before.output
    run(show, "update", "--no-build")
    after = run(show, "sources").output
    assert "Valley Wire  " + site.base + "/feeds/valley-wire.xml" in after
    assert "updated just now, 3 new last time, 3 in all" in after


def test_the_state_names_every_item_seen(show: Path, site: NewsSite) -> None:
    follow_both(show, site)
    run(show, "update", "--no-build")
    state = json.loads((show / "content" / ".sources.json").read_text(encoding="utf-8"))
    notes = {key: item.get("note") for key, item in state["items"].items()}
    assert notes["riverside-business-40211"] is None
    assert (
        notes["tag:valley-wire.example,2019:business-9083"]
        == "the same story as home-depot-sales-miss-shares-plunge.txt"
    )


def test_items_past_the_limit_come_with_the_next_updates(show: Path, site: NewsSite) -> None:
    result = run(show, "follow", site.base + "/feeds/riverside-news.xml", "--limit", "1")
    assert result.exit_code == 0, result.output
    titles = []
    for _ in range(3):
        result = run(show, "update", "--no-build")
        assert "Riverside Daily - Business and Politics: 1 new" in result.output
        titles = [read_front_matter(p)["title"] for p in articles(show)]
    assert sorted(titles) == [
        "Council delays vote on the Fifth Street bridge",
        "Home Depot sales miss, shares plunge",
        "Lawan moves motion for Senate adjournment",
    ]
    # All read: now the feed's validators are kept and the next update asks conditionally.
    run(show, "update", "--no-build")
    last = [h for p, h in site.requests if p == "/feeds/riverside-news.xml"][-1]
    assert "If-None-Match" in last
