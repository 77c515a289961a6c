"""Fetching for `update` and `follow`: conditional GETs, a size limit, a deadline, at most a
few requests at once per host, and a User-Agent naming the project. The one place sources
touch the network; every failure is a SourceError with the fix."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from talkingpaper.errors import UserError

FEED_BYTES = 10 * 1024 * 1024  # the largest news feeds (full text, 100 items) are ~2 MB
PAGE_BYTES = 10 * 1024 * 1024
TIMEOUT = 20.0  # seconds without a byte: the server is not coming back
DEADLINE = 60.0  # seconds for a whole response: a server dripping bytes is not either
PER_HOST = 2  # requests at once to one host, as polite crawlers keep it
FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"
PAGE_TYPES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def user_agent() -> str:
    try:
        ours = version("talkingpaper")
    except PackageNotFoundError:
        ours = "dev"
    return f"talkingpaper/{ours} (podcast of followed news feeds; +https://pypi.org/project/talkingpaper/)"


class SourceError(UserError):
    """A source or one of its items cannot be read; the message names the fix."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the final address, after redirects
    data: bytes  # empty when not modified
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class HostSlots:
    """At most `per_host` requests at once to each host, whatever the number of threads."""

    def __init__(self, per_host: int = PER_HOST) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(per_host)
        )

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots[(urlsplit(url).hostname or "").lower()]
        with semaphore:
            yield


_ANY_HOST = HostSlots()


def fetch(
    url: str,
    *,
    accept: str = PAGE_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = PAGE_BYTES,
    timeout: float | None = None,
    slots: HostSlots = _ANY_HOST,
) -> Fetched:
    """GET url (conditionally, given the validators of the last response); SourceError on
    any failure, naming the address, what went wrong and the fix."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise SourceError(f"{url}: give an http:// or https:// address")
    headers = {"User-Agent": user_agent(), "Accept": accept, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    with slots.slot(url):
        try:
            with urllib.request.urlopen(request, timeout=timeout or TIMEOUT) as response:
                data = _read(response, url, max_bytes)
                return _fetched(response.geturl(), data, response.headers)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url, b"", "", etag, last_modified, not_modified=True)
            raise SourceError(_http_failure(url, exc)) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise SourceError(
                f"{url}: cannot fetch it ({reason}); check the address and the connection, "
                "the next update tries again"
            ) from None


def _fetched(url: str, data: bytes, headers: Message) -> Fetched:
    return Fetched(
        url,
        data,
        headers.get_content_type(),
        headers.get("ETag"),
        headers.get("Last-Modified"),
    )


def _read(response: object, url: str, max_bytes: int) -> bytes:
    """The body, refused past max_bytes or past the deadline (a socket timeout alone lets a
    server send one byte every few seconds for ever)."""
    started = time.monotonic()
    chunks, size = [], 0
    # read1: what has arrived, so the deadline is checked between a dripping server's bytes
    read = getattr(response, "read1", None) or response.read  # type: ignore[attr-defined]
    while chunk := read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(
                f"{url}: the response is over {max_bytes // (1024 * 1024)} MB, too big for a "
                "news feed or article; check that the address is the feed's own"
            )
        if time.monotonic() - started > DEADLINE:
            raise SourceError(
                f"{url}: the server took over {DEADLINE:.0f} s to send it; the next update "
                "tries again"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _http_failure(url: str, exc: urllib.error.HTTPError) -> str:
    if 300 <= exc.code < 400:
        return (
            f"{url}: the site redirects in a loop ({exc.code}); open the address in a "
            "browser and follow the address it ends at"
        )
    if exc.code in (401, 403):
        fix = "the site refuses readers it does not know; follow a public feed instead"
    elif exc.code in (404, 410):
        fix = "the address is gone; find the site's feed again and follow its new address"
    elif exc.code == 429 or exc.code >= 500:
        fix = "the site is busy or down; the next update tries again"
    else:
        fix = "check the address"
    return f"{url}: the site answered {exc.code} {exc.reason}; {fix}"
