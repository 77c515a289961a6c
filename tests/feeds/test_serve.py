"""The LAN server, feeds/serve.py: rules SRV-01..08 of PODCAST_RULES.md over real sockets.

Every server here listens on 127.0.0.1, port 0, in a thread (or, for the load test, in its own
process so its memory can be read). Traversal attempts go out as raw request lines, because
http.client and browsers would normalise `..` away before the server ever saw it.
"""

from __future__ import annotations

import functools
import http.client
import http.server
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

import pytest

from feeds.errors import FeedError
from feeds.http_ranges import ByteRange, RangeNotSatisfiable, parse_range
from feeds.serve import feed_urls, lan_addresses, make_server
from tests.conftest import ROOT
from tests.feeds.http_helpers import served

MP3 = bytes(random.Random(7).randrange(256) for _ in range(100_000))
N = len(MP3)
TOKEN = "s3cret-Tok_en"

Response = tuple[int, http.client.HTTPMessage, bytes]


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder beside the show that must never be served."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text("do not serve\n")
    return folder


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory, outside: Path) -> Path:
    """A built show's output folder, with the traps a real one may hold."""
    root = tmp_path_factory.mktemp("output")
    (root / "episodes").mkdir()
    (root / "episodes" / "ep.mp3").write_bytes(MP3)
    (root / "episodes" / "ep.epub").write_bytes(b"PK\x03\x04mimetypeapplication/epub+zip")
    for suffix, text in {
        ".vtt": "WEBVTT\n",
        ".srt": "1\n00:00:00,000 --> 00:00:01,000\nHi\n",
        ".transcript.json": '{"segments": []}',
        ".chapters.json": '{"version": "1.2.0", "chapters": []}',
        ".json": '{"title": "the episode record"}',
    }.items():
        (root / "episodes" / f"ep{suffix}").write_text(text)
    (root / "cast.json").write_text('{"pyttsx3": {}}')
    (root / "episodes" / "changing.mp3").write_bytes(b"version one")
    (root / "feed.xml").write_text("<rss version='2.0'/>")
    (root / "index.html").write_text("<!doctype html><title>Show</title>")
    (root / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (root / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n png")
    (root / "empty.mp3").write_bytes(b"")
    (root / ".cache").mkdir()
    (root / ".cache" / "seg.wav").write_bytes(b"RIFF")
    (root / ".hidden.mp3").write_bytes(b"hidden")
    (root / "episodes" / ".DS_Store").write_bytes(b"mac")
    # Symlinks: two out of root (file and folder), one within root that may be served, one
    # into a hidden folder that may not.
    (root / "escape.mp3").symlink_to(outside / "secret.txt")
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    (root / "alias.mp3").symlink_to(root / "episodes" / "ep.mp3")
    (root / "cached.wav").symlink_to(root / ".cache" / "seg.wav")
    # Sparse, so cheap on disk: big enough that a client hanging up leaves bytes unsent.
    with (root / "big.mp3").open("wb") as big:
        big.truncate(64 * 1024 * 1024)
    return root


@pytest.fixture(scope="module")
def srv(show: Path) -> Iterator[tuple[str, int]]:
    yield from served(make_server(show, port=0, quiet=True))


@pytest.fixture(scope="module")
def private(show: Path) -> Iterator[tuple[str, int]]:
    yield from served(make_server(show, port=0, token=TOKEN, quiet=True))


# --- clients ------------------------------------------------------------------------------


def request(address: tuple[str, int], path: str, method: str = "GET", **headers: str) -> Response:
    """One request over http.client; header names use `_` for `-` (If_None_Match)."""
    conn = http.client.HTTPConnection(*address, timeout=10)
    try:
        conn.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def raw(address: tuple[str, int], request_line: bytes, extra: bytes = b"") -> bytes:
    """Send bytes exactly as given and return the whole reply, head and body."""
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: x\r\nConnection: close\r\n" + extra + b"\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def raw_status(address: tuple[str, int], target: bytes) -> int:
    return int(raw(address, b"GET " + target + b" HTTP/1.1").split(b" ", 2)[1])


# --- SRV-01: HEAD -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "size", "ctype"),
    [
        ("/episodes/ep.mp3", N, "audio/mpeg"),
        ("/cover.jpg", 9, "image/jpeg"),
        ("/cover.png", 12, "image/png"),
    ],
)
def test_srv01_head_on_media_and_artwork(srv, path: str, size: int, ctype: str) -> None:
    status, headers, body = request(srv, path, "HEAD")
    assert status == 200
    assert headers["Content-Length"] == str(size)
    assert headers["Content-Type"] == ctype
    assert headers["Accept-Ranges"] == "bytes"
    assert body == b""


def test_srv01_head_sends_no_body_bytes_on_the_wire(srv) -> None:
    # http.client never reads a HEAD body, so check the raw stream ends with the headers.
    reply = raw(srv, b"HEAD /episodes/ep.mp3 HTTP/1.1")
    head, _, rest = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert f"Content-Length: {N}".encode() in head
    assert rest == b""


# --- SRV-02..04: ranges -------------------------------------------------------------------


def test_srv02_first_two_bytes_as_apple_asks(srv) -> None:
    status, headers, body = request(srv, "/episodes/ep.mp3", Range="bytes=0-1")
    assert status == 206
    assert headers["Content-Range"] == f"bytes 0-1/{N}"
    assert headers["Content-Length"] == "2"
    assert body == MP3[:2]


@pytest.mark.parametrize(
    ("spec", "start", "end"),
    [
        ("bytes=100-", 100, N - 1),  # open-ended
        ("bytes=-500", N - 500, N - 1),  # suffix
        ("bytes=1000-1999", 1000, 1999),
        (f"bytes={N - 10}-{N + 100}", N - 10, N - 1),  # end past the file: clipped
        (f"bytes=-{N + 5}", 0, N - 1),  # suffix longer than the file: all of it
        (f"bytes={N - 1}-", N - 1, N - 1),  # the last byte
        ("Bytes=5-9", 5, 9),  # the unit is case-insensitive
    ],
)
def test_srv03_open_ended_suffix_and_clipped_ranges(srv, spec: str, start: int, end: int) -> None:
    status, headers, body = request(srv, "/episodes/ep.mp3", Range=spec)
    assert status == 206
    assert headers["Content-Range"] == f"bytes {start}-{end}/{N}"
    assert headers["Content-Length"] == str(end - start + 1)
    assert body == MP3[start : end + 1]


@pytest.mark.parametrize("spec", [f"bytes={N}-", f"bytes={N + 10}-{N + 20}", "bytes=-0"])
def test_srv04_unsatisfiable_range_is_416(srv, spec: str) -> None:
    status, headers, body = request(srv, "/episodes/ep.mp3", Range=spec)
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{N}"
    assert body == b""


def test_srv04_any_range_of_an_empty_file_is_416(srv) -> None:
    status, headers, _ = request(srv, "/empty.mp3", Range="bytes=0-1")
    assert (status, headers["Content-Range"]) == (416, "bytes */0")


@pytest.mark.parametrize(
    "spec",
    ["bytes=abc", "bytes=5-2", "items=0-1", "bytes=", "bytes 0-1", "bytes=--1", "bytes=1-2-3"]
    + ["bytes=+1-2", "bytes=0x1-2", "bytes=-", f"bytes={'9' * 5000}-"],
)
def test_malformed_range_is_ignored(srv, spec: str) -> None:
    # RFC 9110 14.2: a server may ignore a Range it cannot parse; the whole file is correct.
    status, headers, body = request(srv, "/episodes/ep.mp3", Range=spec)
    assert status == 200
    assert "Content-Range" not in headers
    assert body == MP3


def test_multi_range_gets_the_whole_file(srv) -> None:
    # Our choice (RFC 9110 allows it): one 200 instead of multipart/byteranges, which no
    # podcast app asks for and which a client cannot mistake for the start of the file.
    status, headers, body = request(srv, "/episodes/ep.mp3", Range="bytes=0-1,5-6")
    assert status == 200
    assert headers["Content-Type"] == "audio/mpeg"
    assert body == MP3


def test_parse_range_on_strings_alone() -> None:
    assert parse_range("bytes=0-1", 10) == ByteRange(0, 1)
    # Empty list elements count for nothing (RFC 9110 5.6.1).
    assert parse_range("bytes=0-1, ", 10) == ByteRange(0, 1)
    assert parse_range("bytes=-3", 2) == ByteRange(0, 1)
    assert parse_range(None, 10) is None
    assert parse_range("bytes=-5", 0) is None  # satisfiable yet empty: send the empty whole
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=10-", 10)


# --- SRV-05: validators -------------------------------------------------------------------


def test_srv05_strong_etag_and_last_modified(srv, show: Path) -> None:
    _, headers, _ = request(srv, "/episodes/ep.mp3", "HEAD")
    etag = headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong: no W/
    modified = parsedate_to_datetime(headers["Last-Modified"]).timestamp()
    assert modified == int((show / "episodes" / "ep.mp3").stat().st_mtime)


def test_srv05_etag_changes_when_the_file_does(srv, show: Path) -> None:
    path = show / "episodes" / "changing.mp3"
    before = request(srv, "/episodes/changing.mp3", "HEAD")[1]["ETag"]
    os.utime(path, (time.time() - 3600, time.time() - 3600))
    after = request(srv, "/episodes/changing.mp3", "HEAD")[1]["ETag"]
    assert before != after


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (lambda etag, lm: {"If_None_Match": etag}, 304),
        (lambda etag, lm: {"If_None_Match": f'"other", {etag}'}, 304),
        (lambda etag, lm: {"If_None_Match": "W/" + etag}, 304),  # weak comparison for GET
        (lambda etag, lm: {"If_None_Match": "*"}, 304),
        (lambda etag, lm: {"If_None_Match": '"other"'}, 200),
        (lambda etag, lm: {"If_Modified_Since": lm}, 304),
        (lambda etag, lm: {"If_Modified_Since": formatdate(0, usegmt=True)}, 200),
        (lambda etag, lm: {"If_Modified_Since": "yesterday"}, 200),  # invalid: ignored
        # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
        (lambda etag, lm: {"If_None_Match": '"other"', "If_Modified_Since": lm}, 200),
    ],
)
def test_srv05_conditional_get(srv, condition, expected: int) -> None:
    _, headers, _ = request(srv, "/episodes/ep.mp3", "HEAD")
    status, reply, body = request(
        srv, "/episodes/ep.mp3", **condition(headers["ETag"], headers["Last-Modified"])
    )
    assert status == expected
    if expected == 304:
        assert body == b""
        assert reply["ETag"] == headers["ETag"]
    else:
        assert body == MP3


@pytest.mark.parametrize(
    ("if_range", "expected"),
    [
        (lambda etag, lm: etag, 206),
        (lambda etag, lm: lm, 206),
        (lambda etag, lm: '"stale"', 200),
        (lambda etag, lm: "W/" + etag, 200),  # If-Range needs a strong match
        (lambda etag, lm: formatdate(0, usegmt=True), 200),
    ],
)
def test_srv05_if_range(srv, if_range, expected: int) -> None:
    _, headers, _ = request(srv, "/episodes/ep.mp3", "HEAD")
    value = if_range(headers["ETag"], headers["Last-Modified"])
    status, _, body = request(srv, "/episodes/ep.mp3", Range="bytes=0-1", If_Range=value)
    assert status == expected
    assert body == (MP3[:2] if expected == 206 else MP3)


# --- SRV-06, SRV-07: types and CORS -------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "ctype"),
    [
        ("/episodes/ep.mp3", "audio/mpeg"),
        ("/cover.jpg", "image/jpeg"),
        ("/cover.png", "image/png"),
        ("/feed.xml", "application/rss+xml; charset=utf-8"),
        ("/episodes/ep.vtt", "text/vtt; charset=utf-8"),
        ("/episodes/ep.srt", "application/x-subrip"),
        ("/episodes/ep.json", "application/json"),
        ("/episodes/ep.transcript.json", "application/json"),
        ("/episodes/ep.chapters.json", "application/json+chapters"),
        ("/index.html", "text/html; charset=utf-8"),
    ],
)
def test_srv06_content_types(srv, path: str, ctype: str) -> None:
    status, headers, _ = request(srv, path)
    assert (status, headers["Content-Type"]) == (200, ctype)


@pytest.mark.parametrize("suffix", [".vtt", ".srt", ".transcript.json", ".chapters.json", ".epub"])
def test_srv07_cors_on_transcripts_chapters_and_books(srv, suffix: str) -> None:
    for headers in ({}, {"Range": "bytes=0-1"}):
        status, reply, _ = request(srv, f"/episodes/ep{suffix}", **headers)
        assert status in (200, 206)
        assert reply["Access-Control-Allow-Origin"] == "*"
        assert "Content-Range" in reply["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(
    "path",
    ["/episodes/ep.json", "/cast.json", "/feed.xml", "/index.html", "/episodes/ep.mp3"]
    + ["/cover.jpg"],
)
def test_no_cors_on_records_cast_feed_page_or_media(srv, path: str) -> None:
    # Another origin's page must not be able to read the show's records or its cast.
    status, reply, _ = request(srv, path, "HEAD")
    assert status == 200
    assert reply["Access-Control-Allow-Origin"] is None
    assert reply["Access-Control-Expose-Headers"] is None


def test_feed_and_page_are_revalidated(srv) -> None:
    # They change on every build under the same URL; episode audio gets new URLs instead.
    assert request(srv, "/feed.xml")[1]["Cache-Control"] == "no-cache"
    assert request(srv, "/episodes/ep.mp3", "HEAD")[1]["Cache-Control"] is None


# --- SRV-08: not http.server --------------------------------------------------------------


def _srv02_holds(address: tuple[str, int], path: str) -> bool:
    status, headers, body = request(address, path, Range="bytes=0-1")
    return status == 206 and headers["Content-Range"] == f"bytes 0-1/{N}" and body == MP3[:2]


def test_srv08_stdlib_http_server_fails_the_range_check_and_ours_passes(srv, show: Path) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(show))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    stdlib = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for address in served(stdlib):
        # If a future Python learns ranges this fails: then SRV-08 needs a new discriminator.
        status, _, body = request(address, "/episodes/ep.mp3", Range="bytes=0-1")
        assert (status, len(body)) == (200, N)
        assert not _srv02_holds(address, "/episodes/ep.mp3")
    assert _srv02_holds(srv, "/episodes/ep.mp3")


# --- paths: index, traversal, symlinks, hidden files --------------------------------------


def test_root_serves_the_show_page_and_queries_are_ignored(srv) -> None:
    status, headers, body = request(srv, "/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert b"<title>Show</title>" in body
    assert request(srv, "/feed.xml?cachebust=1")[2] == b"<rss version='2.0'/>"


@pytest.mark.parametrize(
    "target",
    [
        b"/../secret.txt",
        b"/episodes/../../secret.txt",
        b"/%2e%2e/secret.txt",
        b"/%2E%2E%2Fsecret.txt",
        b"/..%2fsecret.txt",
        b"/episodes%2f..%2f..%2fsecret.txt",
        b"/..%5csecret.txt",
        b"/..\\secret.txt",
        b"/episodes\\ep.mp3",  # a backslash is never a separator, not even a harmless one
        b"/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 dots
        b"/feed.xml%00",
        b"/feed.xml%00.mp3",
        b"/./feed.xml",
        b"//etc/passwd",
        b"/%2fetc%2fpasswd",
        b"/C:/Windows/win.ini",  # a drive is just a missing folder here, and never special
        b"/c%3a%5cwindows%5cwin.ini",
        b"http://127.0.0.1/../secret.txt",
        b"../secret.txt",
        b"*",
        b"/episodes",  # folders: never listed
        b"/episodes/",
        b"/episodes/ep.mp3/",
    ],
)
def test_traversal_and_odd_targets_are_404(srv, outside: Path, target: bytes) -> None:
    assert raw_status(srv, target) == 404


def test_absolute_path_of_a_real_file_outside_is_404(srv, outside: Path) -> None:
    secret = str(outside / "secret.txt").encode()
    assert raw_status(srv, b"/" + secret) == 404  # "//tmp/.../secret.txt"
    assert raw_status(srv, b"/" + secret.replace(b"/", b"%2f")) == 404


def test_raw_nul_byte_in_the_request_line_is_refused(srv) -> None:
    reply = raw(srv, b"GET /feed.xml\x00.mp3 HTTP/1.1")
    assert reply.split(b" ", 2)[1] in (b"400", b"404")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (b"/escape.mp3", 404),  # file symlink out of root
        (b"/elsewhere/secret.txt", 404),  # folder symlink out of root
        (b"/cached.wav", 404),  # symlink into a hidden folder
        (b"/alias.mp3", 200),  # a symlink that stays inside root is fine
    ],
)
def test_symlinks(srv, target: bytes, expected: int) -> None:
    assert raw_status(srv, target) == expected


@pytest.mark.parametrize(
    "target", [b"/.cache/seg.wav", b"/.hidden.mp3", b"/episodes/.DS_Store", b"/%2ecache/seg.wav"]
)
def test_hidden_files_and_folders_are_404(srv, target: bytes) -> None:
    assert raw_status(srv, target) == 404


def test_every_refusal_looks_the_same(srv) -> None:
    # A 404 must not tell a missing file from a forbidden one.
    bodies = {
        raw(srv, b"GET " + t + b" HTTP/1.1").partition(b"\r\n\r\n")[2]
        for t in (b"/nope.mp3", b"/../secret.txt", b"/escape.mp3", b"/.hidden.mp3")
    }
    assert bodies == {b"Not found\n"}


# --- token, methods -----------------------------------------------------------------------


def test_token_prefix_is_required(private) -> None:
    assert request(private, f"/{TOKEN}/feed.xml")[0] == 200
    assert request(private, f"/{TOKEN}/")[2].startswith(b"<!doctype html>")
    status, headers, body = request(private, f"/{TOKEN}/episodes/ep.mp3", Range="bytes=0-1")
    assert (status, body) == (206, MP3[:2])
    for path in ["/feed.xml", "/", f"/{TOKEN}", f"/{TOKEN}x/feed.xml", "/wrong/feed.xml"]:
        assert request(private, path)[0] == 404, path
    assert raw_status(private, f"/{TOKEN}/../{TOKEN}/feed.xml".encode()) == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_other_methods_are_405_with_allow(srv, method: str) -> None:
    status, headers, _ = request(srv, "/feed.xml", method)
    assert status == 405
    assert headers["Allow"] == "GET, HEAD"


def test_keep_alive_survives_errors_and_partial_replies(srv) -> None:
    # Every reply on one connection must have an exact length, or the next one is misread.
    conn = http.client.HTTPConnection(*srv, timeout=10)
    try:
        for path, headers, expected in [
            ("/nope", {}, 404),
            ("/episodes/ep.mp3", {"Range": f"bytes={N}-"}, 416),
            ("/episodes/ep.mp3", {"Range": "bytes=0-1"}, 206),
            ("/episodes/ep.mp3", {"If-None-Match": "*"}, 304),
            ("/feed.xml", {}, 200),
        ]:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            assert resp.status == expected
    finally:
        conn.close()


def test_client_hanging_up_mid_download_is_quiet(srv, capfd: pytest.CaptureFixture) -> None:
    sock = socket.create_connection(srv, timeout=10)
    sock.sendall(b"GET /big.mp3 HTTP/1.1\r\nHost: x\r\n\r\n")
    assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    # Linger 0: close with a reset, as a phone dropping off Wi-Fi does.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    time.sleep(0.3)
    assert request(srv, "/feed.xml")[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_request_log_is_one_line_without_the_token(show: Path, capfd) -> None:
    for address in served(make_server(show, port=0, token=TOKEN)):
        request(address, f"/{TOKEN}/feed.xml")
        raw(address, b"GET /\x1b[31mred HTTP/1.1")  # a terminal escape must not get through
    err = capfd.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert "GET /TOKEN/feed.xml" in lines[0] and TOKEN not in err
    # A control byte in the target is a malformed request line (RFC 9112 3): 400, logged once.
    assert "\x1b" not in err and '\\x1b[31mred HTTP/1.1" 400' in lines[1]


# --- user errors and announcements --------------------------------------------------------


def test_listens_on_this_machine_only_unless_told(show: Path) -> None:
    server = make_server(show, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_missing_root_is_a_feed_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="build"):
        make_server(tmp_path / "output", port=0)


def test_port_in_use_names_the_port_and_the_fix(srv, show: Path) -> None:
    port = srv[1]
    with pytest.raises(FeedError, match=rf"port {port}.*--port"):
        make_server(show, port=port)


@pytest.mark.parametrize("token", ["", "a/b", ".dot", "sp ace", "ü"])
def test_bad_token_is_a_feed_error(show: Path, token: str) -> None:
    with pytest.raises(FeedError, match="--token"):
        make_server(show, port=0, token=token)


def test_feed_urls_name_lan_addresses_for_a_wildcard_bind(monkeypatch) -> None:
    class Bound:
        server_address = ("0.0.0.0", 8123)
        token = "tok"

    monkeypatch.setattr("feeds.serve.lan_addresses", lambda: ["192.168.1.20", "10.0.0.5"])
    assert feed_urls(Bound()) == [  # type: ignore[arg-type]
        "http://192.168.1.20:8123/tok/feed.xml",
        "http://10.0.0.5:8123/tok/feed.xml",
    ]
    assert all(not a.startswith("127.") for a in lan_addresses())


def test_serve_announces_and_stops_cleanly_on_ctrl_c(show: Path) -> None:
    code = "from feeds.serve import serve; import sys; serve(sys.argv[1], port=0, quiet=True)"
    proc = subprocess.Popen(
        [sys.executable, "-u", "-c", code, str(show)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        lines = []
        while not lines or not lines[-1].startswith("Press Ctrl-C"):
            line = proc.stdout.readline()  # type: ignore[union-attr]
            assert line, proc.stderr.read()  # type: ignore[union-attr]
            lines.append(line.strip())
        url = next(line.split(": ", 1)[1] for line in lines if line.startswith("Feed URL"))
        assert url.startswith("http://127.0.0.1:") and url.endswith("/feed.xml")
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        assert request(("127.0.0.1", port), "/feed.xml")[0] == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "Traceback" not in err
    assert "Stopped." in out


# --- load ---------------------------------------------------------------------------------

LOAD_CLIENT = textwrap.dedent(
    """
    import http.client, json, random, sys, threading, time

    port, path, total, conns = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    data = open(path, "rb").read()
    size = len(data)
    deadline = time.monotonic() + 30
    done, errors, lock = [0], [], threading.Lock()

    def worker(seed):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(total // conns):
            if time.monotonic() > deadline:
                break
            kind = i % 4
            headers, method, want = {}, "GET", (200, data)
            if kind == 0:
                method, want = "HEAD", (200, b"")
            elif kind in (1, 2):
                a = rng.randrange(size)
                b = min(size - 1, a + rng.randrange(1, 256 * 1024))
                headers["Range"] = "bytes=0-1" if kind == 1 else f"bytes={a}-{b}"
                want = (206, data[:2] if kind == 1 else data[a : b + 1])
            try:
                conn.request(method, "/ep.mp3", headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                if (resp.status, body) != want:
                    errors.append(f"{method} {headers}: {resp.status} {len(body)}")
            except Exception as exc:
                errors.append(repr(exc))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                done[0] += 1
        conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(s,)) for s in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    print(json.dumps({"requests": done[0], "errors": errors[:5], "error_count": len(errors),
                      "seconds": round(seconds, 2)}))
    """
)

LOAD_SERVER = (
    "import sys; from feeds.serve import make_server; "
    "s = make_server(sys.argv[1], port=0, quiet=True); "
    "print(s.server_address[1], flush=True); s.serve_forever()"
)


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
def test_load_2000_requests_over_8_connections(tmp_path: Path) -> None:
    (tmp_path / "ep.mp3").write_bytes(random.Random(1).randbytes(1024 * 1024))
    client = tmp_path / "client.py"
    client.write_text(LOAD_CLIENT)
    server = subprocess.Popen(
        [sys.executable, "-c", LOAD_SERVER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        port = server.stdout.readline().strip()  # type: ignore[union-attr]
        assert port.isdigit()
        rss = [_rss_kib(server.pid)]
        halves = []
        for _ in range(2):  # two halves of 1,000, so growth can be measured between them
            run = subprocess.run(
                [sys.executable, str(client), port, str(tmp_path / "ep.mp3"), "1000", "8"],
                capture_output=True,
                text=True,
                timeout=40,
            )
            assert run.returncode == 0, run.stderr
            halves.append(json.loads(run.stdout))
            rss.append(_rss_kib(server.pid))
    finally:
        server.terminate()
        server.wait(10)
    report = {
        "requests": sum(h["requests"] for h in halves),
        "seconds": round(sum(h["seconds"] for h in halves), 2),
        "errors": sum(h["error_count"] for h in halves),
        "rss_kib": rss,
    }
    print("load:", json.dumps(report))
    assert report["errors"] == 0, [h["errors"] for h in halves]
    assert report["requests"] == 2000
    assert report["seconds"] < 30
    assert rss[2] - rss[1] < 20 * 1024, report
