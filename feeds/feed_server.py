"""The HTTP server over one show folder and its request handler.

Python's `http.server` ignores Range and answers 200 with the whole file; Apple's player asks
for `bytes=0-1` first and other apps seek with ranges, so this handler does ranges, HEAD,
ETag/Last-Modified and conditional requests itself (rules SRV-01..08 in PODCAST_RULES.md).
Which file a request names, and its type, is `served_files`' job; which bytes answer it
(links rewritten to the address the client used, gzip when asked) is `served_body`'s.

It also guards itself against clients, hostile or broken (issue 13): a cap on connections with
the idlest giving way (`connection_slots`), a byte budget and a deadline for each request head
(`request_head`), strict request lines, a listen backlog for bursts, the token checked on the
target as sent and masked in the log (`request_log`), and CORS only where a web player needs it.
"""

from __future__ import annotations

import errno
import hmac
import os
import socket
import socketserver
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

from feeds.connection_slots import ConnectionSlots, default_connection_cap
from feeds.http_ranges import (
    ByteRange,
    RangeNotSatisfiable,
    http_date,
    if_range_holds,
    modified_since,
    none_match,
    parse_range,
)
from feeds.published_links import (
    REWRITTEN_SUFFIXES,
    PublishedBases,
    client_base,
    socket_authority,
    valid_authority,
)
from feeds.request_head import HeadStream, HeadTooLarge, RequestReader, request_line
from feeds.request_log import log_line, token_pattern
from feeds.served_body import Body, choose_body
from feeds.served_files import REVALIDATE, content_type, resolve_request_path

_NOT_FOUND = b"Not found\n"
# Web players on other origins fetch transcripts and chapters with fetch() (SRV-07), and web
# reading systems the read-along books; nothing else needs to be readable cross-origin,
# least of all cast.json or the episode records.
_CORS_SUFFIXES = (".vtt", ".srt", ".transcript.json", ".chapters.json", ".epub")
# Longer than any head the budget allows, so the budget, not http.server, decides.
_MAX_LINE = 65537
# accept() failures that mean "no descriptor or memory now", not "this one client is broken".
_VERSION_NOT_SUPPORTED = HTTPStatus.HTTP_VERSION_NOT_SUPPORTED
_OUT_OF_DESCRIPTORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}


class FeedRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD of files under the server's root, with ranges and validators."""

    server: FeedServer
    # Keep-alive: podcast apps fetch the feed, artwork and ranges over one connection.
    protocol_version = "HTTP/1.1"
    server_version = "talkingpaper"
    sys_version = ""
    rfile: HeadStream
    target = ""  # the request-target exactly as sent; http.server's `path` folds leading "//"

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # http.server's plain reader; ours knows the budget and deadline
        server = self.server
        reader = RequestReader(
            self.connection, server.slots, server.idle_timeout, server.head_timeout
        )
        self.rfile = HeadStream(reader, server.max_head_bytes)

    def handle_one_request(self) -> None:
        try:
            self._read_and_answer()
        except (ConnectionError, TimeoutError):
            # A phone that stops playing hangs up mid-file, a client too slow with its head, a
            # connection closed to make room: all normal, none an error.
            self.close_connection = True

    def _read_and_answer(self) -> None:
        # Nothing of the previous request on this connection may colour a refusal of this one.
        self.raw_requestline, self.requestline, self.command = b"", "", ""
        # Speak HTTP/1.1 even to a line we could not read, or http.server sends no status line.
        self.request_version = self.protocol_version
        self.rfile.begin_head()
        try:
            self.raw_requestline = self.rfile.readline(_MAX_LINE)
            if not self.raw_requestline:
                self.close_connection = True
                return
            line = request_line(self.raw_requestline)
            if line is None or line[1] != 1:
                # http.server would answer HTTP/2 and up with a bare body and no status line.
                self._refuse(HTTPStatus.BAD_REQUEST if line is None else _VERSION_NOT_SUPPORTED)
                return
            self.target = line[0]
            if not self.parse_request():
                return
        except HeadTooLarge:
            too_large = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
            self._refuse(too_large if self.raw_requestline else HTTPStatus.REQUEST_URI_TOO_LONG)
            return
        self.rfile.end_head(self.server.send_timeout)
        method = getattr(self, f"do_{self.command}", None)
        if method is None:
            self.send_error(HTTPStatus.NOT_IMPLEMENTED)
            return
        method()
        self.wfile.flush()

    def _refuse(self, status: HTTPStatus) -> None:
        """A short plain-text error, then close: the rest of the stream cannot be trusted."""
        self.close_connection = True
        self.rfile.end_head(self.server.send_timeout)  # the head's deadline is not the reply's
        if not self.requestline:  # refused before http.server parsed the line
            self.requestline = self.raw_requestline.decode("latin-1").rstrip("\r\n")
        body = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if status == HTTPStatus.SERVICE_UNAVAILABLE:
            self.send_header("Retry-After", "1")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

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
        path = None
        if self._token_in_place():
            path = resolve_request_path(self.target, self.server.root, self.server.token)
        if path is None:
            self._not_found(send_body)
            return
        try:
            file = self._open(path)
        except OSError as exc:
            if exc.errno in _OUT_OF_DESCRIPTORS:
                self._refuse(HTTPStatus.SERVICE_UNAVAILABLE)  # the file is there; try later
            else:
                self._not_found(send_body)  # vanished or unreadable between resolve and open
            return
        # Stat the open file, not the path, so size, ETag and bytes all belong to one file even
        # if a build renames a new one into place meanwhile.
        with file:
            self._send_file(file, path.name, send_body)

    def _open(self, path: Path) -> BinaryIO:
        try:
            return path.open("rb")
        except OSError as exc:
            if exc.errno not in _OUT_OF_DESCRIPTORS:
                raise
        # At the descriptor limit: an idle connection gives its descriptor up, then once more.
        self.server.slots.relieve()
        return path.open("rb")

    def _token_in_place(self) -> bool:
        """With a token, the target must start `/TOKEN/` byte for byte.

        `//TOKEN/`, `/%73...` and the like name the same segment once normalised, but no app
        sends them: refusing them keeps one spelling to check and one to mask in the log.
        """
        token = self.server.token
        if token is None:
            return True
        prefix = f"/{token}/".encode()
        return hmac.compare_digest(self.target.encode()[: len(prefix)], prefix)

    def _send_file(self, file: BinaryIO, name: str, send_body: bool) -> None:
        range_header = self.headers.get("Range")
        new_base, bases = self._links() if name.lower().endswith(REWRITTEN_SUFFIXES) else (None, [])
        body = choose_body(
            file, name, new_base, bases, self.headers.get("Accept-Encoding"), bool(range_header)
        )
        mtime = os.fstat(file.fileno()).st_mtime
        size, etag = body.size, body.etag
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        # RFC 9110 13.2.2: If-None-Match wins; If-Modified-Since only counts without it.
        if (inm is not None and none_match(inm, etag)) or (
            inm is None and ims is not None and not modified_since(ims, mtime)
        ):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validator_headers(name, body, mtime)
            self.end_headers()
            return
        byte_range: ByteRange | None = None
        if_range = self.headers.get("If-Range")
        if range_header and (if_range is None or if_range_holds(if_range, etag, mtime)):
            try:
                byte_range = parse_range(range_header, size)
            except RangeNotSatisfiable:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self._validator_headers(name, body, mtime)
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
        self._validator_headers(name, body, mtime)
        self.end_headers()
        if not (send_body and length):
            return
        if body.data is None:
            self._stream(file, start, length)
        else:
            self.wfile.write(body.data[start : start + length])

    def _links(self) -> tuple[str | None, list[str]]:
        """The base URL this client reached us at, and the built-in bases it replaces."""
        bases = self.server.published.rewritable()
        if not bases:
            return None, []
        # The address the client connected to, when its Host header is absent or not one.
        authority = valid_authority(self.headers.get("Host")) or socket_authority(
            self.connection.getsockname()
        )
        return client_base(authority, self.server.token), bases

    def _validator_headers(self, name: str, body: Body, mtime: float) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", body.etag)
        if body.gzipped:
            self.send_header("Content-Encoding", "gzip")
        if body.vary:
            self.send_header("Vary", ", ".join(body.vary))
        self.send_header("Last-Modified", http_date(mtime))
        if name.lower().endswith(REVALIDATE):
            self.send_header("Cache-Control", "no-cache")
        if name.lower().endswith(_CORS_SUFFIXES):
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header(
                "Access-Control-Expose-Headers",
                "Content-Range, Content-Length, Accept-Ranges, ETag",
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

    def log_error(self, format: str, *args: object) -> None:
        # http.server logs each error twice, as "code 400, message ..." and then with the
        # request line; the second says it all.
        pass

    def log_message(self, format: str, *args: object) -> None:
        if self.server.quiet:
            return
        line = log_line(format % args, self.server.token_in_log)
        sys.stderr.write(f"{self.address_string()} {line}\n")


class FeedServer(ThreadingHTTPServer):
    """A threaded HTTP server over one show folder; `server_address` says where it listens.

    The limits below are attributes so a test (or a caller) can tighten them before serving.
    """

    daemon_threads = True  # Ctrl-C must not wait for a phone's idle connection
    # Listen backlog: an app opening a dozen connections at once (feed, art, ranges) must not
    # wait a second for a SYN retry, and connections past the cap wait here, not in a loop.
    request_queue_size = 128
    head_timeout = 15.0  # seconds from a request's first byte to the end of its headers
    idle_timeout = 60.0  # seconds a keep-alive connection may wait for its next request
    send_timeout = 60.0  # seconds a send may stall before the client counts as gone
    max_head_bytes = 32 * 1024  # request line and headers; apps send well under 2 KB

    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        token: str | None,
        quiet: bool,
        max_connections: int | None = None,
        published_base: str | None = None,
    ) -> None:
        self.root = root
        # The base URL(s) the build wrote into feed.xml and the pages, replaced per client.
        self.published = PublishedBases(root, published_base)
        self.token = token
        self.quiet = quiet
        self.token_in_log = token_pattern(token) if token else None
        self.slots = ConnectionSlots(max_connections or default_connection_cap())
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, FeedRequestHandler)

    def get_request(self) -> tuple[socket.socket, object]:
        # Only called when the listener is readable: someone is queued. Make room for them
        # first; when there is none, give the loop back rather than accept and fail.
        if not self.slots.wait_for_room():
            raise OSError("connection cap reached")  # socketserver skips this turn
        try:
            conn, address = self.socket.accept()
        except OSError as exc:
            if exc.errno in _OUT_OF_DESCRIPTORS:
                # The listener stays readable, so without a pause this would spin at 100% CPU.
                self.slots.relieve()
            raise
        self.slots.add(conn)
        return conn, address

    def shutdown_request(self, request: socket.socket | tuple[bytes, socket.socket]) -> None:
        assert isinstance(request, socket.socket)  # TCP only
        self.slots.detach(request)
        try:
            super().shutdown_request(request)
        finally:
            self.slots.freed()

    def server_close(self) -> None:
        # Idle keep-alive connections would otherwise hold their threads, and so this call,
        # for up to idle_timeout.
        self.slots.close_idle()
        super().server_close()

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
