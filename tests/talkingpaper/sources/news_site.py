"""A news site on 127.0.0.1 for the `update` tests: the feeds and real pages of
tests/data/feeds, served as a site serves them (ETag and Last-Modified, 304 on a conditional
GET, 404 for what is not there), with more routes a test adds (a redirect loop, a slow or
huge answer)."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from tests.conftest import DATA
from tests.feeds.http_helpers import served

FEEDS = DATA / "feeds"
_TIME = re.compile(r"@NOW([+-]\d+)H(-ISO)?@")
LAST_MODIFIED = "Tue, 01 Dec 2026 06:00:00 GMT"


def filled(text: str, base: str) -> str:
    """A template of tests/data/feeds with the site's address and times relative to now."""

    def when(match: re.Match[str]) -> str:
        moment = datetime.now(UTC) + timedelta(hours=int(match.group(1)))
        return moment.isoformat(timespec="seconds") if match.group(2) else format_datetime(moment)

    return _TIME.sub(when, text.replace("@BASE@", base))


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class NewsSite:
    base: str = ""
    routes: dict[str, tuple[int, str, bytes] | Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, body: bytes | str, kind: str = "text/html", status: int = 200) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = (status, kind, data)

    def feed(self, path: str, name: str, kind: str = "application/rss+xml") -> None:
        """Serve tests/data/feeds/NAME at path, filled in for this site."""
        self.add(path, filled((FEEDS / name).read_text(encoding="utf-8"), self.base), kind)

    def asked(self, path: str) -> int:
        with self.lock:
            return sum(p == path for p, _ in self.requests)


def _handler(site: NewsSite) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            path = self.path.split("?")[0].split("#")[0]
            with site.lock:
                site.requests.append((path, dict(self.headers.items())))
            route = site.routes.get(path)
            if callable(route):
                route(self)
                return
            status, kind, body = route or (404, "text/html", b"<h1>Not found</h1>")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def running(site: NewsSite) -> Iterator[NewsSite]:
    """The site served on 127.0.0.1 (its base set) until the block ends."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    for host, port in served(server, poll=0.05):
        site.base = f"http://{host}:{port}"
        yield site


@contextmanager
def news_site() -> Iterator[NewsSite]:
    """The site with the two feeds, their pages and a front page announcing both feeds."""
    with running(NewsSite()) as site:
        site.feed("/feeds/riverside-news.xml", "riverside-news.xml")
        site.feed("/feeds/valley-wire.xml", "valley-wire.xml", "application/atom+xml")
        site.add("/front-page.html", (FEEDS / "front-page.html").read_bytes())
        for page in (FEEDS / "pages").glob("*.html.gz"):
            site.add(f"/pages/{page.name[:-3]}", gzip.decompress(page.read_bytes()))
        yield site


def slow(seconds: float) -> Handler:
    """A route that sends headers, then one byte at a time, slower than any timeout."""

    def handle(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", "1000")
        request.end_headers()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                request.wfile.write(b" ")
                request.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    return handle


def redirect_to(target: str) -> Handler:
    def handle(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", target)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handle
