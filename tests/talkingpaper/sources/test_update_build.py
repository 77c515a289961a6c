"""`talkingpaper update` end to end: two followed feeds on a local news site become real
episodes (spoken, encoded) and a feed that podcast clients read; an edition reads its
headlines first; retention takes old episodes away and never gives their guid again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import feedparser
import podcastparser
import pytest

from talkingpaper.plan import written_date
from tests.feeds.feed_clients import node_parsers
from tests.talkingpaper.sources.conftest import articles, follow_both, run
from tests.talkingpaper.sources.news_site import NewsSite

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

RIVERSIDE = "Riverside Daily - Business and Politics"


def _set(show: Path, text: str) -> None:
    with open(show / "show.toml", "a", encoding="utf-8") as fh:
        fh.write("\n" + text + "\n")


def _engine(show: Path) -> None:
    toml = (show / "show.toml").read_text(encoding="utf-8")
    (show / "show.toml").write_text(toml.replace('engine = "pyttsx3"', 'engine = "espeak-ng"'))


def test_an_edition_is_one_episode_that_reads_every_headline_first(
    show: Path, site: NewsSite
) -> None:
    _engine(show)
    follow_both(show, site)
    result = run(show, "update", "--quiet", "--edition", "Morning edition {date}")
    assert result.exit_code == 0, result.output
    today = date.today()
    slug = f"morning-edition-{today.isoformat()}"
    record = json.loads((show / "output" / "episodes" / f"{slug}.json").read_text())
    chapters = [c["title"] for c in record["chapters"]]
    assert chapters[0] == "In this edition"
    # Grouped by source in show.toml's order, a chapter per article.
    assert [c.split(": ", 1)[1] if ": " in c else c for c in chapters[1:4]] == [
        "Home Depot sales miss, shares plunge",
        "Lawan moves motion for Senate adjournment",
        "Council delays vote on the Fifth Street bridge",
    ]
    assert len(chapters) == 7
    transcript = json.loads((show / "output" / "episodes" / f"{slug}.transcript.json").read_text())
    # The transcript has a cue a sentence: the first chapter's cues, read in order.
    first = record["chapters"][1]["start"]
    said = " ".join(c["body"] for c in transcript["segments"] if c["startTime"] < first)
    assert f"In this edition: From {RIVERSIDE}: 1: Home Depot sales miss, shares plunge." in said
    assert "From Valley Wire: 4: 13-Inch MacBook Pro" in said
    # Every headline is heard within the first minute; the next chapter is the first story.
    assert record["chapters"][1]["start"] < 60
    # The articles stay in the edition's own folder, out of the per-article build.
    assert all(f"editions/{slug}" in str(p) for p in articles(show))

    feed = show / "output" / "feed.xml"
    title = f"Morning edition {written_date(today, 'en')}"
    parsed = feedparser.parse(feed.read_bytes())
    assert [e.title for e in parsed.entries] == [title]
    with open(feed, "rb") as fh:
        gpodder = podcastparser.parse("http://127.0.0.1/feed.xml", fh)
    (episode,) = gpodder["episodes"]
    assert episode["title"] == title and episode["enclosures"][0]["file_size"] > 0
    for name, client in node_parsers(feed).items():
        assert "error" not in client, (name, client.get("error"))
    assert [i["title"] for i in node_parsers(feed)["partytime"]["items"]] == [title]

    before = feed.read_bytes()
    again = run(show, "update", "--edition", "Morning edition {date}")
    assert again.exit_code == 0, again.output
    assert "Valley Wire: unchanged" in again.output
    assert feed.read_bytes() == before  # nothing new: the edition is left as it was


def test_retention_removes_the_oldest_and_never_gives_its_guid_again(
    show: Path, site: NewsSite
) -> None:
    _engine(show)
    follow_both(show, site, "--limit", "1")
    _set(show, "[retention]\nkeep_episodes = 1")
    result = run(show, "update", "--quiet")
    assert result.exit_code == 0, result.output
    feed = show / "output" / "feed.xml"
    first = feedparser.parse(feed.read_bytes()).entries
    # Two built (a story from each source); the older one left feed, disk and pages.
    assert [e.title for e in first] == [
        "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020"
    ]
    gone = "home-depot-sales-miss-shares-plunge"
    assert not (show / "output" / "episodes" / f"{gone}.mp3").exists()
    assert not (show / "content" / f"{gone}.txt").exists()
    assert gone not in (show / "output" / "index.html").read_text(encoding="utf-8")
    retired = json.loads((show / "content" / ".retired.json").read_text())
    assert retired == [gone]

    # A new story under the same headline: a new name, so a new guid.
    rss = site.routes["/feeds/riverside-news.xml"][2].decode()  # type: ignore[index]
    story = (
        "<item><title>Home Depot sales miss, shares plunge</title>"
        "<guid isPermaLink='false'>riverside-business-50000</guid>"
        "<content:encoded><![CDATA[<p>"
        + "A second quarter of weak sales at the home improvement chain sent its shares "
        "lower again on Wednesday, as shoppers put off kitchen and garden projects. "
        * 3
        + "</p>]]></content:encoded></item>"
    )
    site.add("/feeds/riverside-news.xml", rss.replace("<item>", story + "<item>", 1),
             "application/rss+xml")  # fmt: skip
    result = run(show, "update", "--quiet")
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse(feed.read_bytes()).entries
    assert entry.title == "Home Depot sales miss, shares plunge"
    assert entry.enclosures[0].href.split("/")[-1].startswith(f"{gone}-2.mp3")
    assert entry.id not in {e.id for e in first}


def test_an_update_with_nothing_new_builds_only_what_an_earlier_one_left_unbuilt(
    show: Path, site: NewsSite
) -> None:
    _engine(show)
    result = run(show, "follow", site.base + "/feeds/valley-wire.xml")
    assert result.exit_code == 0, result.output
    run(show, "update", "--no-build")  # as an update killed before its build
    result = run(show, "update")
    assert "Valley Wire: unchanged" in result.output  # nothing new was read ...
    assert "; 4 built, 0 unchanged, 0 failed" in result.output  # ... but the saved ones built
    result = run(show, "update")
    assert "nothing new to build" in result.output  # and then nothing is scripted again
