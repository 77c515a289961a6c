"""`serve` publishes links that reach it (issue 14.1), over real sockets.

The show is built with show.toml's default base_url, http://localhost:8000/, and served on
127.0.0.1 at a free port, never 8000: every link an app follows in the served feed must answer
as written, with the token when there is one, without editing show.toml.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree

from feeds.feed_server import FeedServer
from feeds.published_links import rewrite, valid_authority
from feeds.serve import announcement, make_server
from tests.feeds.http_helpers import Reply, request

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # the built bulletin show
TOKEN = "k3y-Tok_en"
NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
LINKS = (
    "itunes:image/@href",
    "image/url/text()",
    "atom:link[@rel='self']/@href",
    "item/enclosure/@url",
    "item/podcast:transcript/@url",
    "item/podcast:chapters/@url",
)

Start = Callable[..., FeedServer]


@pytest.fixture
def start() -> Iterator[Start]:
    servers: list[FeedServer] = []

    def run(root: Path, **options: object) -> FeedServer:
        server = make_server(root, port=0, quiet=True, **options)  # type: ignore[arg-type]
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    yield run
    for server in servers:
        server.shutdown()
        server.server_close()


def fetch(server: FeedServer, path: str, method: str = "GET", **headers: str) -> Reply:
    return request(server.server_address[1], path, method, **headers)


def links(feed: bytes) -> list[str]:
    channel = etree.fromstring(feed).find("channel")
    return [str(url) for path in LINKS for url in channel.xpath(path, namespaces=NS)]


def raw_get(server: FeedServer, head: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10) as sock:
        sock.sendall(head + b"\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data.partition(b"\r\n\r\n")[2]


@pytest.mark.parametrize("token", [None, TOKEN])
def test_every_link_of_the_served_feed_answers_as_written(
    bulletin_show: Path, start: Start, token: str | None
) -> None:
    server = start(bulletin_show / "output", token=token)
    port = server.server_address[1]
    assert port != 8000
    prefix = f"/{token}/" if token else "/"
    status, _headers, feed = fetch(server, f"{prefix}feed.xml")
    assert status == 200
    found = links(feed)
    assert len([u for u in found if ".mp3" in u]) == 3  # two stories and the bulletin
    for url in found:
        assert url.startswith(f"http://127.0.0.1:{port}{prefix}"), url
        path = url.split(str(port), 1)[1]
        assert fetch(server, path, "HEAD")[0] == 200, url
    assert b"localhost:8000" not in feed


def test_the_pages_give_the_feed_address_the_visitor_used(
    bulletin_show: Path, start: Start
) -> None:
    server = start(bulletin_show / "output", token=TOKEN)
    base = f"127.0.0.1:{server.server_address[1]}/{TOKEN}/"
    pages = [f"/{TOKEN}/"] + [
        f"/{TOKEN}/episodes/{p.name}" for p in (bulletin_show / "output/episodes").glob("*.html")
    ]
    for page in pages:
        status, _headers, html = fetch(server, page)
        assert status == 200 and b"localhost" not in html and b"localhost%3A" not in html, page
    _status, _headers, index = fetch(server, f"/{TOKEN}/")
    text = index.decode()
    assert f'value="http://{base}feed.xml"' in text
    assert f"feed://{base}feed.xml" in text
    assert "http%3A%2F%2F" + base.replace(":", "%3A").replace("/", "%2F") in text


def test_the_host_header_names_the_base_and_a_bad_one_is_not_echoed(
    bulletin_show: Path, start: Start
) -> None:
    server = start(bulletin_show / "output")
    port = server.server_address[1]
    _s, _h, via_name = fetch(server, "/feed.xml", Host="podcast-box.lan:8123")
    assert set(re.findall(rb"http://podcast-box\.lan:8123/", via_name))
    assert b"localhost" not in via_name
    for head in (
        b'GET /feed.xml HTTP/1.1\r\nHost: x"><script>\r\nConnection: close',
        b"GET /feed.xml HTTP/1.0",  # no Host at all
    ):
        feed = raw_get(server, head)
        assert b"<script>" not in feed
        assert all(url.startswith(f"http://127.0.0.1:{port}/") for url in links(feed))


def test_validators_and_ranges_hold_for_the_rewritten_bytes(
    bulletin_show: Path, start: Start
) -> None:
    server = start(bulletin_show / "output")
    _s, one, body = fetch(server, "/feed.xml", Host="one.lan:1")
    _s, two, _b = fetch(server, "/feed.xml", Host="two.lan:2")
    assert one["etag"] != two["etag"] and "Host" in one["vary"]
    assert fetch(server, "/feed.xml", Host="one.lan:1", If_None_Match=one["etag"])[0] == 304
    assert fetch(server, "/feed.xml", Host="two.lan:2", If_None_Match=one["etag"])[0] == 200
    status, headers, part = fetch(server, "/feed.xml", Host="one.lan:1", Range="bytes=100-199")
    assert (status, part) == (206, body[100:200])
    assert headers["content-range"] == f"bytes 100-199/{len(body)}"
    _s, head, nothing = fetch(server, "/feed.xml", "HEAD", Host="one.lan:1")
    assert head["content-length"] == str(len(body)) and nothing == b""
    stale = fetch(server, "/feed.xml", Host="one.lan:1", Range="bytes=0-9", If_Range=two["etag"])
    assert stale[0] == 200 and stale[2] == body


def test_a_public_base_url_is_left_as_built_and_said(tmp_path: Path, start: Start) -> None:
    public = "https://podcast.example.org/"
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>'
        f'<atom:link href="{public}feed.xml" rel="self" type="application/rss+xml"/>'
        f'<item><enclosure url="{public}episodes/a.mp3" length="1" type="audio/mpeg"/></item>'
        "</channel></rss>"
    )
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    server = start(tmp_path, published_base=public)
    assert fetch(server, "/feed.xml")[2].decode() == feed
    (note,) = [line for line in announcement(server) if line.startswith("note:")]
    assert public in note and "show.base_url" in note


def test_the_configured_base_is_rewritten_even_before_a_rebuild(
    bulletin_show: Path, tmp_path: Path, start: Start
) -> None:
    # show.toml now says another LAN address; the files still carry localhost:8000.
    output = Path(shutil.copytree(bulletin_show / "output", tmp_path / "output"))
    server = start(output, published_base="http://192.168.1.20:8000")
    _s, _h, feed = fetch(server, "/feed.xml")
    assert all(u.startswith(f"http://127.0.0.1:{server.server_address[1]}/") for u in links(feed))


def test_a_wildcard_bind_announces_this_machine_and_the_network_with_the_token(
    bulletin_show: Path, start: Start
) -> None:
    server = start(bulletin_show / "output", host="0.0.0.0", token=TOKEN)
    port = server.server_address[1]
    lines = announcement(server)
    local = f"Feed URL on this machine: http://127.0.0.1:{port}/{TOKEN}/feed.xml"
    assert local in lines
    assert any(line.startswith("Feed URL on this network: http://") for line in lines)
    assert not any(line.startswith("note:") for line in lines)  # localhost is rewritten
    assert fetch(server, f"/{TOKEN}/feed.xml")[0] == 200


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("127.0.0.1:8123", "127.0.0.1:8123"),
        ("Podcast-Box.LAN", "podcast-box.lan"),
        ("[FE80::1]:80", "[fe80::1]:80"),
        ("phone.local.:8000", "phone.local:8000"),
        ("host:", "host"),
        ("host:0", None),
        ("host:65536", None),
        ("host:８０", None),
        ("a b", None),
        ("-bad.lan", None),
        ("x/y", None),
        ('x"y', None),
        ("[::1", None),
        ("[zz]", None),
        ("", None),
        (None, None),
    ],
)
def test_valid_authority(header: str | None, expected: str | None) -> None:
    assert valid_authority(header) == expected


def test_rewrite_replaces_each_spelling_once() -> None:
    old, new = "http://localhost:8000/", "http://localhost:8000/tok/"
    text = (
        b'<a href="http://localhost:8000/feed.xml"> feed://localhost:8000/feed.xml '
        b"?url=http%3A%2F%2Flocalhost%3A8000%2Ffeed.xml"
    )
    assert rewrite(text, [old], new) == (
        b'<a href="http://localhost:8000/tok/feed.xml"> feed://localhost:8000/tok/feed.xml '
        b"?url=http%3A%2F%2Flocalhost%3A8000%2Ftok%2Ffeed.xml"
    )
