"""Serving rules SRV-01..07 of PODCAST_RULES.md, asked of a running server over HTTP.

Each feed URL is mapped onto the server's base URL (the feed may say localhost:8000 while the
server under test listens on 127.0.0.1 and another port), query kept: Apple asks for the
enclosure URL as written, `?v=` and all.
"""

from __future__ import annotations

import http.client
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from feeds.check.context import NS, Context, Issue, Rule

TIMEOUT = 10.0
CONTENT_TYPES = {
    "audio": ("audio/mpeg",),
    "cover": ("image/jpeg", "image/png"),
    "feed": ("application/rss+xml", "application/xml", "text/xml"),
    "vtt": ("text/vtt",),
    "srt": ("application/x-subrip", "application/srt", "text/plain"),
    "json": ("application/json",),
    "chapters": ("application/json+chapters", "application/json"),
}
TEXT_KINDS = ("feed",)  # XML without a charset may be read as ASCII; WebVTT is UTF-8 by definition


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Target:
    kind: str  # a CONTENT_TYPES key
    url: str  # on the server under test
    path: Path  # the same file under output/


def _request(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> Response:
    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname or "", parts.port, timeout=TIMEOUT)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, headers={"Connection": "close", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


def _head_body(url: str) -> bytes:
    """Bytes a server sends after the headers of a HEAD reply (there must be none).

    http.client never reads a HEAD body, so this asks over a raw socket and reads to the end.
    """
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    data = b""
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=2) as sock:
        sock.sendall(
            f"HEAD {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode()
        )
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except TimeoutError:
            pass  # a server that ignores Connection: close; what came is what it sent
    return data.partition(b"\r\n\r\n")[2]


def targets(ctx: Context) -> dict[str, Target]:
    """One file of each kind the feed links to, with its URL on the server under test."""
    return ctx.cached("server-targets", lambda: _find_targets(ctx))


def _find_targets(ctx: Context) -> dict[str, Target]:
    if not ctx.server:
        return {}
    server = ctx.server if ctx.server.endswith("/") else ctx.server + "/"
    found: dict[str, str] = {"feed": ctx.feed_url}
    image = ctx.channel.find("itunes:image", NS)
    if image is not None and image.get("href"):
        found["cover"] = image.get("href")
    if ctx.episodes:
        item = ctx.episodes[0].item
        if ctx.episodes[0].enclosure_url:
            found["audio"] = ctx.episodes[0].enclosure_url
        by_type = {"text/vtt": "vtt", "application/x-subrip": "srt", "application/json": "json"}
        for element in item.findall("podcast:transcript", NS):
            kind = by_type.get(element.get("type", ""))
            if kind and kind not in found:
                found[kind] = element.get("url")
        chapters = item.find("podcast:chapters", NS)
        if chapters is not None:
            found["chapters"] = chapters.get("url")
    result = {}
    for kind, url in found.items():
        path = ctx.local(url)
        if url and path is not None and path.is_file():
            result[kind] = Target(kind, server + url[len(ctx.base_url) :], path)
    return result


def _reachable(ctx: Context) -> bool:
    return ctx.cached("server-up", lambda: _probe(ctx))


def _probe(ctx: Context) -> bool:
    try:
        _request(ctx.server or "", "HEAD")
    except OSError:
        return False
    return True


def _head(ctx: Context) -> Iterator[Issue]:
    if not _reachable(ctx):
        yield Issue(f"no answer from {ctx.server}", "start it: talkingpaper serve")
        return
    for kind in ("audio", "cover"):
        target = targets(ctx).get(kind)
        if target is None:
            continue
        r = _request(target.url, "HEAD")
        size = target.path.stat().st_size
        fix = "answer HEAD like GET without the body (feeds/serve.py does)"
        if r.status != 200:
            yield Issue(f"HEAD {target.url} -> {r.status}", fix)
            continue
        if r.headers.get("content-length") != str(size):
            yield Issue(
                f"HEAD {target.url} Content-Length {r.headers.get('content-length')!r}, "
                f"the file has {size} bytes",
                fix,
            )
        if not r.headers.get("content-type"):
            yield Issue(f"HEAD {target.url} has no Content-Type", fix)
        if r.headers.get("accept-ranges") != "bytes":
            yield Issue(f"HEAD {target.url} lacks Accept-Ranges: bytes", "serve byte ranges")
        if urlsplit(target.url).scheme == "http" and _head_body(target.url):
            yield Issue(f"HEAD {target.url} sent a body", fix)


def _audio(ctx: Context) -> tuple[Target, bytes] | None:
    target = targets(ctx).get("audio") if _reachable(ctx) else None
    return (target, target.path.read_bytes()) if target else None


def _first_bytes(ctx: Context) -> Iterator[Issue]:
    found = _audio(ctx)
    if not found:
        return
    target, data = found
    r = _request(target.url, headers={"Range": "bytes=0-1"})
    expected = f"bytes 0-1/{len(data)}"
    if r.status != 206 or r.headers.get("content-range") != expected or r.body != data[:2]:
        yield Issue(
            f"Range bytes=0-1 -> {r.status}, Content-Range {r.headers.get('content-range')!r}, "
            f"{len(r.body)} bytes; Apple's player needs 206, {expected!r}, 2 bytes",
            "serve with talkingpaper serve (http.server ignores Range)",
        )


def _other_ranges(ctx: Context) -> Iterator[Issue]:
    found = _audio(ctx)
    if not found:
        return
    target, data = found
    n = len(data)
    for header in (f"bytes={n - 10}-", "bytes=-10"):
        r = _request(target.url, headers={"Range": header})
        expected = f"bytes {n - 10}-{n - 1}/{n}"
        if r.status != 206 or r.body != data[-10:] or r.headers.get("content-range") != expected:
            yield Issue(
                f"Range {header} -> {r.status}, {len(r.body)} bytes, Content-Range "
                f"{r.headers.get('content-range')!r}; RFC 9110 wants 206, 10 bytes, {expected!r}",
                "implement open-ended and suffix ranges",
            )


def _unsatisfiable(ctx: Context) -> Iterator[Issue]:
    found = _audio(ctx)
    if not found:
        return
    target, data = found
    r = _request(target.url, headers={"Range": f"bytes={len(data)}-"})
    expected = f"bytes */{len(data)}"
    if r.status != 416 or r.headers.get("content-range") != expected:
        yield Issue(
            f"Range bytes={len(data)}- -> {r.status}, Content-Range "
            f"{r.headers.get('content-range')!r}; RFC 9110 wants 416 with {expected!r}",
            "answer a range past the end with 416 and Content-Range: bytes */SIZE",
        )


def _validators(ctx: Context) -> Iterator[Issue]:
    found = _audio(ctx)
    if not found:
        return
    target, data = found
    head = _request(target.url, "HEAD")
    etag = head.headers.get("etag")
    if not etag or not head.headers.get("last-modified"):
        yield Issue(f"{target.url} lacks ETag or Last-Modified", "send both validators")
        return
    r = _request(target.url, headers={"If-None-Match": etag})
    if r.status != 304:
        yield Issue(
            f"If-None-Match with the current ETag -> {r.status}, not 304",
            "answer 304 Not Modified when the ETag matches",
        )
    r = _request(target.url, headers={"Range": "bytes=0-1", "If-Range": '"stale"'})
    if r.status != 200 or len(r.body) != len(data):
        yield Issue(
            f"a Range with a stale If-Range -> {r.status}, {len(r.body)} bytes",
            "send the whole file (200) when If-Range does not match",
        )


def _content_types(ctx: Context) -> Iterator[Issue]:
    if not _reachable(ctx):
        return
    for kind, target in targets(ctx).items():
        value = _request(target.url, "HEAD").headers.get("content-type", "")
        media = value.split(";")[0].strip().lower()
        if media not in CONTENT_TYPES[kind]:
            yield Issue(
                f"{target.url} is served as {value!r}",
                f"serve {kind} files as {CONTENT_TYPES[kind][0]}",
            )
        elif kind in TEXT_KINDS and not re.search(r"charset=utf-8", value, re.IGNORECASE):
            yield Issue(
                f"{target.url} is served as {value!r} without a charset",
                f"serve it as {CONTENT_TYPES[kind][0]}; charset=utf-8",
            )


def _cors(ctx: Context) -> Iterator[Issue]:
    if not _reachable(ctx):
        return
    for kind in ("vtt", "srt", "json", "chapters"):
        target = targets(ctx).get(kind)
        if target is None:
            continue
        origin = _request(target.url, "HEAD").headers.get("access-control-allow-origin")
        if origin != "*":
            yield Issue(
                f"{target.url} has Access-Control-Allow-Origin {origin!r}; web players on "
                "other sites cannot load it",
                "send Access-Control-Allow-Origin: * with transcripts and chapters",
            )


RULES: list[Rule] = [
    Rule("SRV-01", "error", "HEAD: 200, length, type, Accept-Ranges, no body", _head),
    Rule("SRV-02", "error", "bytes=0-1 -> 206 with 2 bytes", _first_bytes),
    Rule("SRV-03", "error", "open-ended and suffix ranges", _other_ranges),
    Rule("SRV-04", "error", "unsatisfiable range -> 416", _unsatisfiable),
    Rule("SRV-05", "warning", "ETag, Last-Modified, 304, stale If-Range", _validators),
    Rule("SRV-06", "error", "content types", _content_types),
    Rule("SRV-07", "warning", "CORS on transcripts and chapters", _cors),
]
