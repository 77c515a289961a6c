"""An OPML subscription list (what every feed reader exports) as sources, read by listparser
(MIT, from feedparser's maintainer: OPML 1 and 2, nested folders, lenient with errors)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from talkingpaper.errors import UserError

MAX_BYTES = 5 * 1024 * 1024  # ten thousand subscriptions fit in 2 MB


def read_opml(path: Path) -> list[tuple[str, str]]:
    """Each feed of the list as (title, url), in the list's order, each url once; UserError
    for a file that is no subscription list."""
    import listparser

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"{path}: {size // 1_000_000} MB is too big for a subscription list")
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror}); check the path") from None
    parsed = listparser.parse(data)
    feeds = []
    seen = set()
    for feed in parsed.feeds:
        url = str(feed.get("url") or "").strip()
        if urlsplit(url).scheme in ("http", "https") and url not in seen:
            seen.add(url)
            feeds.append((str(feed.get("title") or "").strip(), url))
    if not feeds:
        why = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise UserError(
            f"{path}: no feeds found in it{why}; export the subscription list from your feed "
            "reader as OPML"
        )
    return feeds
