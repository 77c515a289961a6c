"""Following sources, end to end: `follow` (a feed, a page that announces one, or an OPML
list) and `unfollow` edit show.toml; `update` reads what is new and builds it, under the
build lock, as one episode per article or as one edition."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from talkingpaper.episode import sidecar_path
from talkingpaper.errors import UserError
from talkingpaper.output import build_lock
from talkingpaper.plan import edition_name, plan_episodes
from talkingpaper.progress import Progress
from talkingpaper.retention import retire_episodes, retired_slugs
from talkingpaper.show import SHOW_FILE, Show
from talkingpaper.sources.config import (
    DEFAULT_LIMIT,
    Source,
    add_to_show_file,
    remove_from_show_file,
    unique_name,
)
from talkingpaper.sources.feed_doc import FeedDoc, announced_feeds, parse_feed
from talkingpaper.sources.http import FEED_BYTES, FEED_TYPES, SourceError, fetch
from talkingpaper.sources.opml import read_opml
from talkingpaper.sources.update import SourceResult, Timing, update_sources
from tts.text.article_file import read_front_matter

if TYPE_CHECKING:  # the build's modules load only when there is something to build
    from talkingpaper.build import BuildReport

EDITIONS = "editions"  # content/editions/SLUG/: the articles of one day's edition


def follow(show: Show, url: str, name: str | None = None, limit: int | None = None) -> Source:
    """Add the feed at url (or the feed the page at url announces) to show.toml."""
    feed_url, feed = _find_feed(url)
    known = next((s for s in show.sources if s.url == feed_url), None)
    if known:
        raise UserError(f"{feed_url}: already followed as {known.name!r}")
    title = name or feed.title or (feed.link or feed_url)
    source = Source(
        name=unique_name(title, [s.name for s in show.sources]),
        url=feed_url,
        limit=limit or DEFAULT_LIMIT,
    )
    add_to_show_file(show.root / SHOW_FILE, [source])
    return source


def _find_feed(url: str) -> tuple[str, FeedDoc]:
    got = fetch(url, accept=FEED_TYPES + ", text/html;q=0.8", max_bytes=FEED_BYTES)
    try:
        return got.url, parse_feed(got.data, got.url)
    except SourceError:
        announced = announced_feeds(got.data, got.url)
        if not announced:
            raise SourceError(
                f"{url}: neither a feed nor a page that announces one; find the site's RSS "
                "or Atom address (often /feed, /rss or /atom.xml) and follow that"
            ) from None
    feed = fetch(announced[0], accept=FEED_TYPES, max_bytes=FEED_BYTES)
    return feed.url, parse_feed(feed.data, feed.url)


def follow_opml(show: Show, path: Path) -> tuple[list[Source], int]:
    """Every feed of an OPML list not yet followed, added; (the sources added, how many were
    followed already). No feed is fetched: the next update says which ones fail."""
    taken = [s.name for s in show.sources]
    followed = {s.url for s in show.sources}
    added: list[Source] = []
    already = 0
    for title, url in read_opml(path):
        if url in followed:
            already += 1
            continue
        source = Source(name=unique_name(title or url, taken), url=url)
        taken.append(source.name)
        followed.add(url)
        added.append(source)
    if added:
        add_to_show_file(show.root / SHOW_FILE, added)
    return added, already


def unfollow(show: Show, target: str) -> Source:
    """Remove the source named target (its name or url) from show.toml. What it gave stays."""
    wanted = target.strip().casefold()
    for source in show.sources:
        if wanted in (source.name.casefold(), source.url.casefold()):
            remove_from_show_file(show.root / SHOW_FILE, source)
            return source
    names = ", ".join(repr(s.name) for s in show.sources) or "none"
    raise UserError(f"{target}: no source has this name or address; the sources: {names}")


@dataclass
class UpdateReport:
    sources: list[SourceResult] = field(default_factory=list)
    build: BuildReport | None = None
    timing: Timing = field(default_factory=Timing)
    seconds_building: float = 0.0

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.sources) or bool(self.build and self.build.failed)


def update(
    show: Show,
    edition: str | None = None,
    quiet: bool = False,
    warn: Callable[[str], None] | None = None,
    build: bool = True,
    jobs: int | None = None,
) -> UpdateReport:
    """Read every source's new items into content/ (or today's edition folder), then build.
    Holds the build lock throughout: a second update or build is refused meanwhile."""
    if not show.sources:
        raise UserError(
            f"{show.root / SHOW_FILE} follows no sources; add one with talkingpaper follow URL"
        )
    progress = Progress(quiet)
    say = warn or progress.note
    name = edition or show.edition
    report = UpdateReport()
    with build_lock(show.output):
        folder = _edition_folder(show, name) if name else show.content
        report.sources = update_sources(show, folder, progress, say, retired_slugs(show),
                                        report.timing)  # fmt: skip
        if build:
            started = time.monotonic()
            if any(r.saved for r in report.sources) or _unbuilt(show, name, folder):
                report.build = _build(show, name, folder, quiet, say, jobs)
            else:  # nothing new: no article is scripted again, only retention is kept
                report.build = _retire_only(show)
            report.seconds_building = time.monotonic() - started
    return report


def _unbuilt(show: Show, edition: str | None, folder: Path) -> bool:
    """Whether an article saved before has no episode yet (an update killed in its build)."""
    if edition:
        _, slug = edition_name(edition, date.today(), show.language)
        return any(folder.glob("*.txt")) and not sidecar_path(show.output, slug).exists()
    plans, _ = plan_episodes(show.articles(), retired=retired_slugs(show))
    return any(not sidecar_path(show.output, plan.slug).exists() for plan in plans)


def _retire_only(show: Show) -> BuildReport | None:
    """Retention without a build: what grew too old leaves even on a day with no news."""
    removed = retire_episodes(show)
    if not removed:
        return None
    from talkingpaper.build import BuildReport, publish

    publish(show)
    return BuildReport(removed=removed)


def _edition_folder(show: Show, name: str) -> Path:
    _, slug = edition_name(name, date.today(), show.language)
    return show.content / EDITIONS / slug


def _build(
    show: Show, edition: str | None, folder: Path, quiet: bool, warn: Callable[[str], None],
    jobs: int | None,
) -> BuildReport | None:  # fmt: skip
    """The episodes of what is new: every article's (a plain build), or the day's edition
    of every article saved into its folder today (grouped by source, in show.toml's order)."""
    from talkingpaper.build import build_show

    if not edition:
        if not show.articles():
            return None
        return build_show(show, quiet=quiet, warn=warn, jobs=jobs, lock=False)
    articles = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not articles:
        return None
    order = {s.name: i for i, s in enumerate(show.sources)}
    fields = {p: read_front_matter(p) for p in articles}
    # Each source's newest story first, as its feed lists them; sources in show.toml's order.
    articles.sort(key=lambda p: fields[p].get("published", ""), reverse=True)
    articles.sort(key=lambda p: order.get(fields[p].get("source", ""), len(order)))
    return build_show(
        show, articles, quiet=quiet, warn=warn, bulletin=edition, jobs=jobs, lock=False
    )
