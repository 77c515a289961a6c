"""Bad sources and bad items: each gives one line naming the source and the fix, the other
sources still update, the exit status says that one failed, and nothing is half-saved."""

from __future__ import annotations

import http.server
import re
import socket
from pathlib import Path

import pytest

from talkingpaper.output import build_lock
from talkingpaper.sources import http as source_http
from tests.talkingpaper.sources.conftest import articles, run
from tests.talkingpaper.sources.news_site import FEEDS, NewsSite, filled, redirect_to, slow
from tts.text.article_file import read_front_matter

RIVERSIDE = "Riverside Daily - Business and Politics"


def _follow(show: Path, site: NewsSite, path: str, *extra: str) -> None:
    result = run(show, "follow", site.base + path, *extra)
    assert result.exit_code == 0, result.output


def _add_source(show: Path, name: str, url: str, limit: int = 20) -> None:
    """A source the way a producer writes it into show.toml by hand (follow would refuse
    these at once)."""
    with open(show / "show.toml", "a", encoding="utf-8") as fh:
        fh.write(f'\n[[sources]]\nname = "{name}"\nurl = "{url}"\nlimit = {limit}\n')


def _update(show: Path) -> tuple[int, list[str]]:
    result = run(show, "update", "--no-build")
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def _one_line_for(lines: list[str], name: str) -> str:
    found = [line for line in lines if name in line]
    assert len(found) == 1, lines
    return found[0]


@pytest.mark.parametrize(
    ("route", "body", "kind", "expected"),
    [
        ("/broken.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>a",
         "application/rss+xml", "the feed is broken XML"),
        ("/plain-page.html", b"<html><head><title>Hi</title></head><body><p>Hello</p></body>",
         "text/html", "this is not an RSS or Atom feed"),
        ("/missing.xml", None, "", "the site answered 404 Not Found; the address is gone"),
    ],
)  # fmt: skip
def test_a_bad_source_is_one_line_and_the_others_still_update(
    show: Path, site: NewsSite, route: str, body: bytes | None, kind: str, expected: str
) -> None:
    _follow(show, site, "/feeds/riverside-news.xml")
    if body is not None:
        site.add(route, body, kind)
    _add_source(show, "Broken Source", site.base + route)
    status, lines = _update(show)
    assert status == 1
    line = _one_line_for(lines, "Broken Source")
    assert line.startswith("failed: Broken Source: ") and expected in line
    assert any(line.startswith(f"{RIVERSIDE}: 3 new") for line in lines)
    assert len(articles(show)) == 3


def test_a_network_that_is_down_is_one_line_per_source(show: Path) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    _add_source(show, "Down One", f"http://127.0.0.1:{port}/feed.xml")
    _add_source(show, "Down Two", f"http://127.0.0.1:{port}/other.xml")
    status, lines = _update(show)
    assert status == 1
    for name in ("Down One", "Down Two"):
        line = _one_line_for(lines, name)
        assert "cannot fetch it" in line and "the next update tries again" in line
    state = run(show, "sources").output
    assert "failing 1 times in a row" in state


def test_a_redirect_loop_is_named(show: Path, site: NewsSite) -> None:
    site.routes["/loop.xml"] = redirect_to("/loop.xml")
    _add_source(show, "Loop", site.base + "/loop.xml")
    status, lines = _update(show)
    assert status == 1
    assert "redirects in a loop" in _one_line_for(lines, "Loop")


def test_a_server_that_drips_is_given_up_at_the_deadline(
    show: Path, site: NewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_http, "DEADLINE", 1.0)
    site.routes["/drip.xml"] = slow(5.0)
    _add_source(show, "Drip", site.base + "/drip.xml")
    status, lines = _update(show)
    assert status == 1
    assert "the server took over 1 s to send it" in _one_line_for(lines, "Drip")


def test_a_server_that_never_answers_times_out(show: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_http, "TIMEOUT", 0.5)
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        _add_source(show, "Silent", f"http://127.0.0.1:{silent.getsockname()[1]}/feed.xml")
        status, lines = _update(show)
    assert status == 1
    assert "timed out" in _one_line_for(lines, "Silent")


def test_a_50_mb_feed_is_refused_after_its_first_10_mb(show: Path, site: NewsSite) -> None:
    def huge(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(50 * 1024 * 1024))
        request.end_headers()
        try:
            request.wfile.write(b"<rss version='2.0'><channel>")
            for _ in range(50):
                request.wfile.write(b" " * (1024 * 1024))
        except OSError:
            pass  # the client hung up, as it should

    site.routes["/huge.xml"] = huge
    _add_source(show, "Huge", site.base + "/huge.xml")
    status, lines = _update(show)
    assert status == 1
    assert "the response is over 10 MB" in _one_line_for(lines, "Huge")


def test_a_feed_of_10000_items_gives_at_most_its_limit(show: Path, site: NewsSite) -> None:
    items = "".join(
        f"<item><title>Story {n}</title><guid>big-{n}</guid>"
        f"<link>{site.base}/pages/meth-campaign.html?n={n}</link></item>"
        for n in range(10_000)
    )
    site.add("/big.xml", f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>",
             "application/rss+xml")  # fmt: skip
    _add_source(show, "Big", site.base + "/big.xml", limit=2)
    status, lines = _update(show)
    assert status == 0, lines
    # Two items read: the first saved, the second the same story under another guid.
    assert _one_line_for(lines, "Big") == "Big: 1 new (1 already read from another source)"
    assert site.asked("/pages/meth-campaign.html") == 2


def test_an_item_whose_page_is_no_article_and_has_no_text_is_skipped_with_a_line(
    show: Path, site: NewsSite
) -> None:
    site.add("/one.xml", (
        "<rss version='2.0'><channel><title>One</title><item><title>Front page</title>"
        f"<guid>front</guid><link>{site.base}/front-page.html</link></item></channel></rss>"
    ), "application/rss+xml")  # fmt: skip
    _add_source(show, "One", site.base + "/one.xml")
    status, lines = _update(show)
    assert status == 0, lines  # the source worked; its item has no story
    skipped = _one_line_for(lines, "'Front page'")
    assert skipped.startswith("warning: skipped: One: 'Front page': its page holds no article")
    assert "One: 0 new (1 without an article)" in lines
    assert articles(show) == []


def test_dates_ahead_of_now_are_now_and_unreadable_ones_give_way_to_the_page(
    show: Path, site: NewsSite
) -> None:
    _follow(show, site, "/feeds/valley-wire.xml")
    _update(show)
    dates = {
        read_front_matter(p)["title"]: read_front_matter(p)["published"] for p in articles(show)
    }
    from datetime import UTC, datetime

    future = datetime.fromisoformat(
        dates["13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020"]
    )
    assert future <= datetime.now(UTC)  # the feed said 30 hours ahead
    # "last Tuesday afternoon" is no date: the page's own date is used.
    assert dates["South Dakota meth campaign is working, governor says"] == "2019-11-19"


def test_a_second_update_while_one_runs_is_refused_in_one_line(show: Path, site: NewsSite) -> None:
    _follow(show, site, "/feeds/valley-wire.xml")
    with build_lock(show / "output"):
        result = run(show, "update")
    assert result.exit_code == 1
    assert "another talkingpaper build is running for this show" in result.output
    assert articles(show) == []


def test_an_interrupted_update_is_finished_by_the_next_without_a_duplicate(
    show: Path, site: NewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    _follow(show, site, "/feeds/riverside-news.xml")
    _follow(show, site, "/feeds/valley-wire.xml")
    from talkingpaper.sources import update as updating

    saved = updating.save_new_article
    calls = []

    def killed_after_four(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt  # as Ctrl-C or a timer's stop between two articles
        return saved(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(updating, "save_new_article", killed_after_four)
    result = run(show, "update", "--no-build")
    assert result.exit_code == 130 and "interrupted" in result.output
    assert len(articles(show)) == 4
    monkeypatch.setattr(updating, "save_new_article", saved)
    result = run(show, "update", "--no-build")
    assert result.exit_code == 0, result.output
    names = [p.name for p in articles(show)]
    assert len(names) == 6 and not any(n.endswith("-2.txt") for n in names)
    assert not list((show / "content").glob(".*.tmp"))


def test_follow_finds_the_feed_a_page_announces(show: Path, site: NewsSite) -> None:
    result = run(show, "follow", site.base + "/front-page.html")
    assert result.exit_code == 0, result.output
    assert f"following {RIVERSIDE}: {site.base}/feeds/riverside-news.xml" in result.output
    again = run(show, "follow", site.base + "/feeds/riverside-news.xml")
    assert again.exit_code == 1
    assert f"already followed as '{RIVERSIDE}'" in again.output


def test_follow_refuses_a_page_that_announces_no_feed(show: Path, site: NewsSite) -> None:
    site.add("/about.html", "<html><head><title>About</title></head><body>Us</body></html>")
    before = (show / "show.toml").read_text(encoding="utf-8")
    result = run(show, "follow", site.base + "/about.html")
    assert result.exit_code == 1
    assert "neither a feed nor a page that announces one" in result.output
    assert "Traceback" not in result.output
    assert (show / "show.toml").read_text(encoding="utf-8") == before


def test_follow_opml_adds_each_feed_once_and_keeps_the_file_as_written(
    show: Path, site: NewsSite, tmp_path: Path
) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(filled((FEEDS / "subscriptions.opml").read_text(), site.base))
    result = run(show, "follow", "--opml", str(opml))
    assert result.exit_code == 0, result.output
    assert "2 added, 0 followed already" in result.output
    toml = (show / "show.toml").read_text(encoding="utf-8")
    assert "# A talkingpaper show" in toml  # the comments init wrote are still there
    assert re.findall(r"^\[\[sources\]\]$", toml, re.MULTILINE) == ["[[sources]]"] * 2
    assert "0 added, 2 followed already" in run(show, "follow", "--opml", str(opml)).output
    removed = run(show, "unfollow", "Valley Wire")
    assert removed.exit_code == 0 and "unfollowed Valley Wire" in removed.output
    assert "Valley Wire" not in (show / "show.toml").read_text(encoding="utf-8")


def test_follow_opml_refuses_a_file_that_is_no_subscription_list(
    show: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.opml"
    page.write_text("<html><body>not a list</body></html>")
    result = run(show, "follow", "--opml", str(page))
    assert result.exit_code == 1
    assert "no feeds found in it" in result.output
