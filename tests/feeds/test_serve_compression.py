"""The feed and pages go out gzip-compressed when the client asks (issue 14.5), over sockets.

Identity otherwise, never for audio or images, never for a Range request (a range is always
of the bytes a plain GET returns), and each variant with its own ETag.
"""

from __future__ import annotations

import gzip
import random
import threading
from collections.abc import Iterator

import pytest

from feeds.serve import make_server
from feeds.served_body import accepts_gzip
from tests.feeds.http_helpers import request as get

# Repetitive like a real feed, so it compresses; long enough that a range is a real slice.
FEED = (
    "<?xml version='1.0' encoding='UTF-8'?>\n<rss version='2.0'><channel><title>T</title>"
    + "".join(f"<item><title>Episode {n}</title></item>" for n in range(300))
    + "</channel></rss>\n"
).encode()
PAGE = ("<!doctype html><title>Show</title>" + "<p>An episode.</p>" * 400).encode()
MP3 = random.Random(3).randbytes(50_000)


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    root = tmp_path_factory.mktemp("output")
    (root / "feed.xml").write_bytes(FEED)
    (root / "index.html").write_bytes(PAGE)
    (root / "ep.mp3").write_bytes(MP3)
    (root / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 4000)
    server = make_server(root, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("path", "identity"), [("/feed.xml", FEED), ("/", PAGE)])
def test_gzip_when_asked_with_its_own_etag(port: int, path: str, identity: bytes) -> None:
    status, headers, body = get(port, path, Accept_Encoding="gzip, deflate, br")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == identity
    assert int(headers["content-length"]) == len(body) < len(identity) // 3
    assert "Accept-Encoding" in headers["vary"]
    _s, plain, same = get(port, path)
    assert "content-encoding" not in plain and same == identity
    assert "Accept-Encoding" in plain["vary"]
    assert plain["etag"] != headers["etag"]
    # Each validator matches its own variant only.
    assert get(port, path, Accept_Encoding="gzip", If_None_Match=headers["etag"])[0] == 304
    assert get(port, path, If_None_Match=headers["etag"])[0] == 200


@pytest.mark.parametrize("accept", ["identity", "gzip;q=0", "br", "GZIP;q=0.0, *;q=1"])
def test_identity_unless_gzip_is_acceptable(port: int, accept: str) -> None:
    _s, headers, body = get(port, "/feed.xml", Accept_Encoding=accept)
    assert "content-encoding" not in headers and body == FEED


def test_a_range_is_of_the_identity_bytes_even_when_gzip_is_accepted(port: int) -> None:
    status, headers, body = get(port, "/feed.xml", Accept_Encoding="gzip", Range="bytes=50-149")
    assert (status, body) == (206, FEED[50:150])
    assert "content-encoding" not in headers
    assert headers["content-range"] == f"bytes 50-149/{len(FEED)}"


def test_head_gives_the_compressed_length_and_no_body(port: int) -> None:
    _s, got, body = get(port, "/feed.xml", Accept_Encoding="gzip")
    _s, head, nothing = get(port, "/feed.xml", "HEAD", Accept_Encoding="gzip")
    assert head["content-length"] == str(len(body)) and head["etag"] == got["etag"]
    assert nothing == b""


def test_audio_and_images_are_never_compressed(port: int) -> None:
    for target in ("/ep.mp3", "/cover.jpg"):
        _s, headers, _body = get(port, target, Accept_Encoding="gzip")
        assert "content-encoding" not in headers and "vary" not in headers
    assert get(port, "/ep.mp3", Accept_Encoding="gzip")[2] == MP3


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("*;q=0", False),
        ("br, *;q=0", False),
        ("identity", False),
        ("gzip;q=oops, *", True),
        ("", False),
        (None, False),
    ],
)
def test_accepts_gzip(header: str | None, expected: bool) -> None:
    assert accepts_gzip(header) is expected
