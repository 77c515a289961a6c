"""Serve a built show (`output/`) over HTTP so a podcast app on the same network can subscribe.

Python's `http.server` ignores Range and answers 200 with the whole file; Apple's player asks
for `bytes=0-1` first and other apps seek with ranges, so this handler does ranges, HEAD,
ETag/Last-Modified and conditional requests itself (rules SRV-01..08 in PODCAST_RULES.md):
`feed_server` holds the server and its handler, `served_files` which file a request names.
The feed and pages are built for show.toml's base_url; `published_links` makes their links
name the address each client used, so a phone on the LAN or a --token feed works unedited.
It serves regular files under `root` and nothing else: no listings, no hidden files, no path
that leaves `root` by `..`, encoding or symlink; every refusal is the same plain 404.
"""

from __future__ import annotations

import errno
import ipaddress
import re
import socket
from collections.abc import Callable
from pathlib import Path

from feeds.errors import FeedError
from feeds.feed_server import FeedServer
from feeds.published_links import rewritable

# A token becomes a path segment, so it must need no escaping and must not look hidden.
_TOKEN = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    quiet: bool = False,
    max_connections: int | None = None,
    published_base: str | None = None,
) -> FeedServer:
    """A bound, not yet serving, server for `root` (port 0 picks a free port).

    With `token`, every URL must start with `/TOKEN/`. `quiet` turns off the per-request log.
    `max_connections` caps open connections (default: what the descriptor limit allows, at
    most 100). `published_base` is show.toml's base_url: links under it (or under the base
    the feed itself names) on a local-network host are rewritten to the address each client
    used. Raises FeedError for a missing root, a bad token or a port that cannot be used.
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
        return FeedServer(
            (host, port), root.resolve(), token, quiet, max_connections, published_base
        )
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
    # A wildcard bind is reachable on every interface; name the ones a phone could use.
    wildcard = host in ("0.0.0.0", "::")
    hosts = (lan_addresses() or ["127.0.0.1"]) if wildcard else [str(host)]
    return [_feed_url(server, h, port) for h in hosts]


def _feed_url(server: FeedServer, host: str, port: int) -> str:
    prefix = f"/{server.token}" if server.token else ""
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{prefix}/feed.xml"


def announcement(server: FeedServer) -> list[str]:
    """What `serve` prints: where it serves, the feed URLs that work, and who can connect."""
    lines = [f"Serving {server.root}"]
    if not (server.root / "feed.xml").is_file():
        lines.insert(0, f"note: {server.root} has no feed.xml yet; run `talkingpaper build`")
    bound, port = server.server_address[:2]
    if bound in ("0.0.0.0", "::"):
        lines.append(f"Feed URL on this machine: {_feed_url(server, '127.0.0.1', port)}")
        lines += [f"Feed URL on this network: {url}" for url in feed_urls(server)]
    else:
        lines += [f"Feed URL: {url}" for url in feed_urls(server)]
    lines += _links_note(server)
    if bound in ("127.0.0.1", "::1", "localhost"):
        lines.append("Only this machine can connect; use --host 0.0.0.0 to reach a phone.")
    elif bound in ("0.0.0.0", "::") and not server.token:
        lines.append("Anyone on this network can read the feed; --token SECRET makes it private.")
    lines.append("Press Ctrl-C to stop.")
    return lines


def _links_note(server: FeedServer) -> list[str]:
    """One line when the feed's links lead somewhere other than this server."""
    fixed = [base for base in server.published.current() if not rewritable(base)]
    if not fixed:
        return []
    return [
        f"note: the feed's links point at {fixed[0]} (show.base_url), a public address, "
        "not at this server: apps fetch the episodes from there"
    ]


def serve(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    announce: Callable[[str], None] = print,
    *,
    quiet: bool = False,
    published_base: str | None = None,
) -> None:
    """Serve `root` until Ctrl-C, announcing the feed URL(s) to subscribe to.

    `published_base` is show.toml's base_url (see `make_server`)."""
    server = make_server(root, host, port, token, quiet=quiet, published_base=published_base)
    with server:
        for line in announcement(server):
            announce(line)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            announce("Stopped.")
