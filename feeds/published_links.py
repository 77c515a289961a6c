"""Links that reach the server a client used: the show's base URL rewritten per request.

The build writes absolute links (feed.xml, the HTML pages) under show.toml's `base_url`, by
default `http://localhost:8000/`. A phone that subscribes to `serve --host 0.0.0.0` cannot
reach "localhost", and with `--token` every link would lack the token. So while serving, a
base URL on a local-network host is replaced by the address the client asked for (its Host
header, validated) plus `/TOKEN/`. A public base URL is the producer's deliberate choice
(the https site the show is published on) and is left as written.
"""

from __future__ import annotations

import ipaddress
import re
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

from lxml import etree

# Files the build writes with absolute links; others (audio, images, captions) are sent as is.
REWRITTEN_SUFFIXES = (".xml", ".html", ".json")
_ATOM_SELF = "{http://www.w3.org/2005/Atom}link"
# One DNS label: letters, digits, inner hyphens (RFC 1123); a name is labels joined by dots.
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_LAN_SUFFIXES = (".localhost", ".local", ".lan", ".home.arpa", ".internal")


def is_private_host(host: str) -> bool:
    """True for hosts only a local network can reach: loopback, private, link-local, .local."""
    host = host.strip("[]").lower()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        # A bare name ("raspberrypi") or a LAN-only suffix resolves on the local network only.
        return host == "localhost" or host.endswith(_LAN_SUFFIXES) or "." not in host
    return ip.is_private or ip.is_loopback or ip.is_link_local


def valid_authority(value: str | None) -> str | None:
    """A Host header as `host[:port]` fit to print into a link, or None if it is not one.

    Only a DNS name, an IPv4 address or a bracketed IPv6 address, and a port 1-65535: nothing
    that would need escaping in XML, HTML or JSON, so a hostile header cannot inject markup.
    """
    if value is None or len(value) > 262:
        return None
    value = value.strip()
    if value.startswith("["):
        host, close, rest = value[1:].partition("]")
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return None
        if not close:
            return None
        host = f"[{host.lower()}]"
    else:
        host, colon, port = value.partition(":")
        rest = colon + port
        labels = host.removesuffix(".").split(".")
        if not host or not all(_LABEL.fullmatch(label) for label in labels):
            return None
        host = host.removesuffix(".").lower()
    if rest in ("", ":"):
        return host
    port = rest[1:]
    if rest[0] != ":" or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return f"{host}:{int(port)}"


def socket_authority(address: tuple[str, int] | tuple[str, int, int, int]) -> str:
    """`host:port` of a socket address, IPv6 in brackets."""
    host, port = str(address[0]), address[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def client_base(authority: str, token: str | None) -> str:
    """The base URL a client reaches the served folder at."""
    return f"http://{authority}/{token}/" if token else f"http://{authority}/"


def _forms(base: str) -> list[str]:
    """The spellings of a base URL the build writes: as is, scheme-less after `feed:` or
    `pcast:` (`//host/`), and percent-encoded inside another URL's query."""
    bare = base[base.index("//") :]
    return [base, quote(base, safe=""), bare]


def rewrite(data: bytes, bases: list[str], new_base: str) -> bytes:
    """`data` with every spelling of each of `bases` replaced by the same spelling of
    `new_base`, in one pass so a replacement is never replaced again."""
    table: dict[bytes, bytes] = {}
    for base in bases:
        if base == new_base:
            continue
        for old, new in zip(_forms(base), _forms(new_base), strict=True):
            table.setdefault(old.encode(), new.encode())
    if not table or not any(old in data for old in table):
        return data
    # Longest first: at one position the full URL wins over its scheme-less tail.
    pattern = re.compile(b"|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern.sub(lambda m: table[m.group(0)], data)


def feed_base(feed: Path) -> str | None:
    """The base URL the feed was built for: its atom:link rel="self" up to the last "/"."""
    try:
        for _event, element in etree.iterparse(
            str(feed), tag=_ATOM_SELF, resolve_entities=False, no_network=True
        ):
            href = element.get("href") or ""
            if element.get("rel") == "self" and "/" in href:
                return href[: href.rfind("/") + 1]
    except (OSError, etree.XMLSyntaxError):
        pass
    return None


def rewritable(base: str) -> bool:
    """A base URL this server may replace: http(s) on a local-network host."""
    parts = urlsplit(base)
    return parts.scheme in ("http", "https") and is_private_host(parts.hostname or "")


class PublishedBases:
    """The base URLs the served files were built with, re-read when feed.xml changes.

    The configured one (show.toml's, from the caller) and the one the feed itself names, since
    a producer may change show.toml while the files on disk still carry the old address.
    """

    def __init__(self, root: Path, configured: str | None) -> None:
        self._feed = root / "feed.xml"
        self._configured = _with_slash(configured) if configured else None
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._from_feed: str | None = None

    def current(self) -> list[str]:
        """Every known base URL, rewritable or not (a public one is reported, not replaced)."""
        try:
            stat = self._feed.stat()
            key: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = None
        with self._lock:
            if key != self._seen:
                self._seen = key
                self._from_feed = feed_base(self._feed) if key else None
            found = [self._configured, self._from_feed]
        return list(dict.fromkeys(b for b in found if b))

    def rewritable(self) -> list[str]:
        return [base for base in self.current() if rewritable(base)]


def _with_slash(base: str) -> str:
    return base if base.endswith("/") else base + "/"
