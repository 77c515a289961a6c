"""The show's web site: listing pages and one page per episode, static and accessible, that
read and play without JavaScript.

`write_pages` is the one entry point a build calls: it renders every page (`render_pages`,
pure), writes the ones that changed atomically and removes the pages of episodes that are
gone. The listing lives in `site_index` (with `site_subscribe`), the episode page in
`site_episode`, what they share in `site_parts`. Nothing is loaded from elsewhere: no fonts,
no CDN; every link is relative, so the site works from the server and opened as files alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from feeds.files import write_atomic
from feeds.model import EpisodeRecord, ShowInfo
from feeds.site_episode import render_episode_page
from feeds.site_index import PER_PAGE, Entry, index_name, render_index_page

EPISODES = "episodes"
_LISTING = re.compile(r"page-[0-9]+\.html")


def _names(ordered: Sequence[EpisodeRecord], reserved: set[str]) -> list[str]:
    """Each episode's page name: its slug made plain, unique even on a case-blind disk, and
    never the name of a file an episode already publishes (an HTML transcript)."""
    taken = {name.casefold() for name in reserved}
    names = []
    for n, episode in enumerate(ordered, start=1):
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", episode.slug).strip("-")
        base = base or re.sub(r"[^A-Za-z0-9_-]+", "-", Path(episode.audio).stem).strip("-")
        base = base or f"episode-{n}"
        name, k = base, 2
        while f"{name}.html".casefold() in taken:
            name, k = f"{base}-{k}", k + 1
        taken.add(f"{name}.html".casefold())
        names.append(name)
    return names


def _published_html(episodes: Sequence[EpisodeRecord]) -> set[str]:
    """Names of the HTML files under episodes/ that records publish themselves."""
    paths = [path for e in episodes for path, _mime in e.transcripts]
    return {Path(p).name for p in paths if Path(p).parent.name == EPISODES and p.endswith(".html")}


def _ordered(episodes: Sequence[EpisodeRecord]) -> list[EpisodeRecord]:
    return sorted(episodes, key=lambda e: (e.published, e.guid), reverse=True)


def page_paths(episodes: Sequence[EpisodeRecord]) -> dict[str, str]:
    """Each episode's page, by guid, as a path under output/ (for a feed item's <link>)."""
    ordered = _ordered(episodes)
    names = _names(ordered, _published_html(episodes))
    return {e.guid: f"{EPISODES}/{name}.html" for e, name in zip(ordered, names, strict=True)}


def render_pages(
    show: ShowInfo, episodes: Sequence[EpisodeRecord], per_page: int = PER_PAGE
) -> dict[str, str]:
    """Every page of the site by its path under output/: episode pages first, then the
    listing pages, `index.html` last (the order they are best written in)."""
    ordered = _ordered(episodes)
    names = _names(ordered, _published_html(episodes))
    paths = [f"{EPISODES}/{name}.html" for name in names]
    pages_count = max(1, -(-len(ordered) // per_page))
    pages: dict[str, str] = {}
    for i, (episode, name, path) in enumerate(zip(ordered, names, paths, strict=True)):
        newer = (paths[i - 1], ordered[i - 1].title) if i > 0 else None
        older = (paths[i + 1], ordered[i + 1].title) if i + 1 < len(ordered) else None
        listing = index_name(i // per_page + 1)
        pages[path] = render_episode_page(show, episode, f"ep-{name}", listing, newer, older)
    entries: list[Entry] = [
        (episode, f"ep-{name}", path)
        for episode, name, path in zip(ordered, names, paths, strict=True)
    ]
    for page in range(pages_count, 0, -1):
        start = (page - 1) * per_page
        chunk = entries[start : start + per_page]
        html = render_index_page(show, chunk, page, pages_count, start + 1, len(entries))
        pages[index_name(page)] = html
    return pages


def render_site(show: ShowInfo, episodes: Sequence[EpisodeRecord]) -> str:
    """The show's front page (`index.html`): the newest episodes and the subscribe section."""
    return render_pages(show, episodes)["index.html"]


def write_site(path: Path, html: str) -> None:
    """Write a page to a temporary name and rename it into place: never half a page."""
    write_atomic(path, html.encode("utf-8"))


def write_pages(
    output: Path, show: ShowInfo, episodes: Sequence[EpisodeRecord], per_page: int = PER_PAGE
) -> list[Path]:
    """Write the whole site under `output` and return its pages' paths.

    A page whose bytes are unchanged is left alone (its date too, so a browser's conditional
    request hears "not modified"); the pages of episodes no longer in `episodes`, and listing
    pages beyond the last, are removed.
    """
    pages = render_pages(show, episodes, per_page)
    written = []
    for relative, html in pages.items():
        path = output / relative
        data = html.encode("utf-8")
        if not _same(path, data):
            write_atomic(path, data)
        written.append(path)
    _remove_stale(output, set(pages), _published_html(episodes))
    return written


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_stale(output: Path, keep: set[str], published: set[str]) -> None:
    """Remove the pages this module wrote before and no longer writes: listing pages past
    the last and episode pages of removed episodes; nothing else (hidden temporaries are the
    build's sweep's, an episode's own files its record's)."""
    candidates = [p for p in _listing(output) if _LISTING.fullmatch(p.name)]
    folder = output / EPISODES
    if folder.is_dir():
        pages = folder.glob("*.html")
        candidates += [p for p in pages if not p.name.startswith(".") and p.name not in published]
    for path in candidates:
        relative = path.relative_to(output).as_posix()
        if relative not in keep and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def _listing(output: Path) -> list[Path]:
    return list(output.glob("page-*.html")) if output.is_dir() else []
