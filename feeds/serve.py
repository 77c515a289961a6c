"""Serve a built show (`output/`) over HTTP so a podcast app on the same network can subscribe.

Python's `http.server` ignores Range and answers 200 with the whole file; Apple's player asks
for `bytes=0-1` first and other apps seek with ranges, so this handler does ranges, HEAD,
ETag/Last-Modified and conditional requests itself (rules SRV-01..08 in PODCAST_RULES.md).
It serves regular files under `root` and nothing else: no listings, no hidden files, no path
that leaves `root` by `..`, encoding or symlink; every refusal is the same plain 404.
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import mimetypes
import os
import re
import socket
import socketserver
import sys
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePath
from typing import BinaryIO
from urllib.parse import unquote_to_bytes

from feeds.errors import FeedError
from feeds.http_ranges import (
    ByteRange,
    RangeNotSatisfiable,
    http_date,
    if_range_holds,
    make_etag,
    modified_since,
    none_match,
    parse_range,
)

# Types a podcast app, a browser player and a transcript reader each expect (SRV-06).
# Longest suffix first: `.chapters.json` is not plain JSON to a Podcasting 2.0 app.
CONTENT_TYPES: dict[str, str] = {
    ".chapters.json": "application/json+chapters",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".xml": "application/rss+xml; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
# Feed and page change on every build and must be revalidated; media URLs change with content.
REVALIDATE = (".xml", ".html")
# A token becomes a path segment, so it must need no escaping and must not look hidden.
_TOKEN = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")
_NOT_FOUND = b"Not found\n"


def content_type(name: str) -> str:
    """The Content-Type for a file name; octet-stream when nothing better is known."""
    lower = name.lower()
    for suffix, ctype in CONTENT_TYPES.items():
        if lower.endswith(suffix):
            return ctype
    guessed, _encoding = mimetypes.guess_type(lower, strict=True)
    return guessed or "application/octet-stream"


def resolve_request_path(raw_target: str, root: Path, token: str | None) -> Path | None:
    """The file under `root` a request target names, or None for anything that must be 404.

    Works on the raw target, segment by segment, before decoding: `%2f` then cannot make a
    new separator and `%2e%2e` cannot become a parent. `root` must already be resolved.
    """
    if not raw_target.startswith("/"):
        return None  # absolute-form (http://host/...), `*`, or garbage
    path = raw_target.split("?", 1)[0].split("#", 1)[0]
    segments = path[1:].split("/")
    names: list[str] = []
    for raw in segments:
        try:
            name = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return None  # includes overlong encodings such as %c0%ae
        names.append(name)
    if token is not None:
        if not names or not hmac.compare_digest(names[0].encode(), token.encode()):
            return None
        names = names[1:]
        if not names:
            return None  # "/TOKEN" without the slash: not a file
    if names[-1] == "":
        names[-1] = "index.html"  # "/" (or "/TOKEN/") is the show's page; other dirs are not
        if len(names) > 1:
            return None
    for name in names:
        if not _plain_name(name):
            return None
    candidate = root.joinpath(*names)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    # Symlinks may point elsewhere inside root (not out of it, nor into a hidden folder).
    try:
        inside = resolved.relative_to(root)
    except ValueError:
        return None
    if any(part.startswith(".") for part in inside.parts) or not resolved.is_file():
        return None
    return resolved


def _plain_name(name: str) -> bool:
    """One ordinary, visible file or folder name: no separators, drives, NULs or dots first."""
    if not name or name.startswith(".") or "\\" in name or "\0" in name or "/" in name:
        return False
    pure = PurePath(name)
    # Catches what this OS treats specially in one segment, e.g. "C:" on Windows.
    return not pure.anchor and pure.parts == (name,)


class FeedRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD of files under the server's root, with ranges and validators."""

    server: FeedServer
    # Keep-alive: podcast apps fetch the feed, artwork and ranges over one connection.
    protocol_version = "HTTP/1.1"
    server_version = "talkingpaper"
    sys_version = ""
    # An idle keep-alive connection must not hold a thread forever.
    timeout = 60

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _method_not_allowed(self) -> None:
        # The request may carry a body we will not read; close rather than misparse it.
        self.close_connection = True
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = (
        _method_not_allowed
    )

    def _respond(self, send_body: bool) -> None:
        if "Content-Length" in self.headers or "Transfer-Encoding" in self.headers:
            # A GET with a body is legal but unread; do not let it poison the next request.
            self.close_connection = True
        path = resolve_request_path(self.path, self.server.root, self.server.token)
        if path is None:
            self._not_found(send_body)
            return
        try:
            file = path.open("rb")
        except OSError:
            self._not_found(send_body)  # vanished or unreadable between resolve and open
            return
        # Stat the open file, not the path, so size, ETag and bytes all belong to one file even
        # if a build renames a new one into place meanwhile.
        with file:
            self._send_file(file, path.name, send_body)

    def _send_file(self, file: BinaryIO, name: str, send_body: bool) -> None:
        stat = os.fstat(file.fileno())
        size, mtime = stat.st_size, stat.st_mtime
        etag = make_etag(size, stat.st_mtime_ns)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        # RFC 9110 13.2.2: If-None-Match wins; If-Modified-Since only counts without it.
        if (inm is not None and none_match(inm, etag)) or (
            inm is None and ims is not None and not modified_since(ims, mtime)
        ):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validator_headers(name, etag, mtime)
            self.end_headers()
            return
        byte_range: ByteRange | None = None
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if range_header and (if_range is None or if_range_holds(if_range, etag, mtime)):
            try:
                byte_range = parse_range(range_header, size)
            except RangeNotSatisfiable:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self._validator_headers(name, etag, mtime)
                self.end_headers()
                return
        if byte_range is None:
            self.send_response(HTTPStatus.OK)
            start, length = 0, size
        else:
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", byte_range.content_range(size))
            start, length = byte_range.start, byte_range.length
        self.send_header("Content-Type", content_type(name))
        self.send_header("Content-Length", str(length))
        self._validator_headers(name, etag, mtime)
        self.end_headers()
        if send_body and length:
            self._stream(file, start, length)

    def _validator_headers(self, name: str, etag: str, mtime: float) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", http_date(mtime))
        if name.lower().endswith(REVALIDATE):
            self.send_header("Cache-Control", "no-cache")
        # Web players on other origins read transcripts and chapters (SRV-07); harmless on all.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header(
            "Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges, ETag"
        )

    def _stream(self, file: BinaryIO, start: int, length: int) -> None:
        """Send `length` bytes from `start` without holding the file in memory."""
        # sendfile copies in the kernel, in the socket's own chunks; where the OS has no
        # sendfile, socket.sendfile falls back to a loop of small reads and send()s.
        sent = self.connection.sendfile(file, offset=start, count=length)
        if sent < length:
            # The file shrank under us: the promised Content-Length is a lie, so end the
            # connection and let the client see a short body rather than a corrupt next reply.
            self.close_connection = True

    def _not_found(self, send_body: bool) -> None:
        # One body for every refusal, so a 404 says nothing about what exists.
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(_NOT_FOUND)))
        self.end_headers()
        if send_body:
            self.wfile.write(_NOT_FOUND)

    def handle_one_request(self) -> None:
        # A phone that stops playing hangs up mid-file: that is normal, not an error.
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        if self.server.quiet:
            return
        line = format % args
        if self.server.token:
            # The token is the feed's password: mask it where it stands, the first segment.
            token = re.escape(self.server.token)
            line = re.sub(rf"(?<= /){token}(?=[/?# ]|$)", "TOKEN", line)
        # Request lines come from the network: never echo control characters to a terminal.
        line = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in line)
        sys.stderr.write(f"{self.address_string()} {line}\n")


class FeedServer(ThreadingHTTPServer):
    """A threaded HTTP server over one show folder; `server_address` says where it listens."""

    daemon_threads = True  # Ctrl-C must not wait for a phone's idle connection

    def __init__(
        self, address: tuple[str, int], root: Path, token: str | None, quiet: bool
    ) -> None:
        self.root = root
        self.token = token
        self.quiet = quiet
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, FeedRequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls getfqdn(), a reverse DNS lookup that can stall for
        # seconds on a LAN without DNS; we never use the name.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = port

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    quiet: bool = False,
) -> FeedServer:
    """A bound, not yet serving, server for `root` (port 0 picks a free port).

    With `token`, every URL must start with `/TOKEN/`. `quiet` turns off the per-request log.
    Raises FeedError for a missing root, a bad token or a port that cannot be used.
    """
    root = Path(root)
    if not root.is_dir():
        raise FeedError(
            f"{root} is not a folder: build the show first (`talkingpaper build`) "
            "or point the server at the folder holding feed.xml"
        )
    if token is not None and not _TOKEN.fullmatch(token):
        raise FeedError(
            f"--token {token!r} must be letters, digits, '-', '_', '~' or '.' "
            "(not first), so it can sit in a URL as is"
        )
    try:
        return FeedServer((host, port), root.resolve(), token, quiet)
    except socket.gaierror as exc:
        raise FeedError(f"cannot listen on host {host!r}: {exc.strerror}") from exc
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise FeedError(
                f"port {port} on {host} is already in use: stop the other server or choose "
                f"another port, e.g. --port {port + 1 if port < 65535 else 8000}"
            ) from exc
        if exc.errno == errno.EACCES:
            raise FeedError(
                f"not allowed to listen on port {port}: ports below 1024 need privileges; "
                "use e.g. --port 8000"
            ) from exc
        if exc.errno == errno.EADDRNOTAVAIL:
            raise FeedError(
                f"{host} is not an address of this machine: use --host 0.0.0.0 for every "
                "network or 127.0.0.1 for this machine only"
            ) from exc
        raise FeedError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def lan_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses, found without sending a packet.

    `connect` on a UDP socket only asks the kernel for a route; its local end is then the
    address a phone on that network would use.
    """
    found: list[str] = []
    for probe in ("10.255.255.255", "172.16.255.255", "192.168.255.255", "192.0.2.1"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue  # no route to that network
        if not ipaddress.ip_address(address).is_loopback and address not in found:
            found.append(address)
    return found


def feed_urls(server: FeedServer) -> list[str]:
    """The feed URL(s) to paste into a podcast app, one per address a phone could reach."""
    host, port = server.server_address[:2]
    prefix = f"/{server.token}" if server.token else ""
    # A wildcard bind is reachable on every interface; name the ones a phone could use.
    wildcard = host in ("0.0.0.0", "::")
    hosts = (lan_addresses() or ["127.0.0.1"]) if wildcard else [str(host)]
    return [f"http://{f'[{h}]' if ':' in h else h}:{port}{prefix}/feed.xml" for h in hosts]


def serve(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    announce: Callable[[str], None] = print,
    *,
    quiet: bool = False,
) -> None:
    """Serve `root` until Ctrl-C, announcing the feed URL(s) to subscribe to."""
    server = make_server(root, host, port, token, quiet=quiet)
    with server:
        if not (server.root / "feed.xml").is_file():
            announce(f"note: {server.root} has no feed.xml yet; run `talkingpaper build`")
        urls = feed_urls(server)
        announce(f"Serving {server.root}")
        for url in urls:
            announce(f"Feed URL: {url}")
        bound = server.server_address[0]
        if bound in ("127.0.0.1", "::1", "localhost"):
            announce("Only this machine can connect; use --host 0.0.0.0 to reach a phone.")
        elif bound in ("0.0.0.0", "::") and not token:
            announce("Anyone on this network can read the feed; --token SECRET makes it private.")
        announce("Press Ctrl-C to stop.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            announce("Stopped.")
