"""The HTTP server over one show folder and its request handler.

Python's `http.server` ignores Range and answers 200 with the whole file; Apple's player asks
for `bytes=0-1` first and other apps seek with ranges, so this handler does ranges, HEAD,
ETag/Last-Modified and conditional requests itself (rules SRV-01..08 in PODCAST_RULES.md).
Which file a request names, and its type, is `served_files`' job.
"""

from __future__ import annotations

import os
import re
import socket
import socketserver
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

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
from feeds.served_files import REVALIDATE, content_type, resolve_request_path

_NOT_FOUND = b"Not found\n"


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
