"""`talkingpaper update`, the reading half: every source's feed asked for what is new (a
conditional GET), each new item read into an article, the same story from two sources kept
once, and each article saved into content/ with its front matter. The build follows (see
talkingpaper.following).

Three steps: the feeds at once, then their new items at once (at most a few requests per
host, see http.HostSlots), then the saving, one source after another in show.toml's order,
so which source keeps a story told twice does not depend on which server answered first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from talkingpaper.progress import Progress
from talkingpaper.show import Show
from talkingpaper.sources.config import Source
from talkingpaper.sources.feed_doc import FeedDoc, Item, parse_feed
from talkingpaper.sources.fingerprint import fingerprint, same_story
from talkingpaper.sources.http import FEED_BYTES, FEED_TYPES, HostSlots, SourceError, fetch
from talkingpaper.sources.items import Clock, ItemError, Story, read_item
from talkingpaper.sources.state import (
    FORGET_AFTER,
    SeenItem,
    SourcesState,
    known_items,
    load_state,
    now,
)
from tts.text.article_file import save_new_article

CONNECTIONS = 8  # requests in flight across all hosts


@dataclass
class SourceResult:
    source: Source
    saved: list[Path] = field(default_factory=list)
    unchanged: bool = False  # the feed was not modified, or held nothing new
    error: str | None = None  # the source failed as a whole
    problems: list[str] = field(default_factory=list)  # items that gave no article
    repeats: int = 0  # stories another source (or an earlier update) already gave
    unusable: int = 0  # items with no link and no text
    repeated: int = 0  # items whose guid another item of the feed has
    seconds_fetching: float = 0.0

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class _Fetched:
    source: Source
    feed: FeedDoc | None = None
    new: list[Item] = field(default_factory=list)
    stories: dict[str, Story | ItemError] = field(default_factory=dict)
    error: str | None = None
    validators: tuple[str | None, str | None] = (None, None)
    more: bool = False  # new items past the limit wait for the next update


@dataclass
class Timing:
    """Where an update's time went: wall seconds of each step, and, within the items' step,
    the seconds spent fetching pages and reading them (summed over the threads)."""

    feeds: float = 0.0
    items: float = 0.0
    saving: float = 0.0
    clock: Clock = field(default_factory=Clock)


def update_sources(
    show: Show,
    folder: Path,
    progress: Progress,
    warn: Callable[[str], None],
    retired: Sequence[str] = (),
    timing: Timing | None = None,
) -> list[SourceResult]:
    """Read what is new in every source into `folder` (content/, or an edition's folder);
    a result per source, in show.toml's order. Call under the build lock."""
    timing = timing or Timing()
    state = load_state(show.content)
    known = known_items(show.content, state)
    slots = HostSlots()
    started = datetime.now(UTC)
    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        fetched = list(pool.map(lambda s: _fetch_feed(s, state, known, show, slots), show.sources))
        timing.feeds = _since(started)
        jobs = [(f, item) for f in fetched if f.feed for item in f.new]
        bar = progress.bar(len(jobs), "new items", unit="item")
        try:
            read = partial(_read, show, slots=slots, clock=timing.clock)
            for f, item, story in pool.map(read, jobs):
                f.stories[item.key] = story
                bar.update()
        finally:
            bar.close()
    timing.items = _since(started) - timing.feeds
    results = [_save(f, folder, state, retired, warn) for f in fetched]
    state.save()  # once for every source's validators and times
    timing.saving = _since(started) - timing.feeds - timing.items
    return results


def _since(started: datetime) -> float:
    return (datetime.now(UTC) - started).total_seconds()


def _fetch_feed(
    source: Source, state: SourcesState, known: dict[str, Path], show: Show, slots: HostSlots
) -> _Fetched:
    record = state.record(source.url)
    result = _Fetched(source)
    try:
        got = fetch(
            source.url,
            accept=FEED_TYPES,
            etag=record.etag,
            last_modified=record.last_modified,
            max_bytes=FEED_BYTES,
            slots=slots,
        )
        result.validators = (got.etag, got.last_modified)
        if got.not_modified:
            return result
        result.feed = parse_feed(got.data, got.url)
    except SourceError as exc:
        result.error = _fix_for(source, str(exc))
        return result
    oldest = _oldest_wanted(show)
    fresh = [
        i
        for i in result.feed.items
        if i.key not in known
        and i.key not in state.items
        and not (i.published and i.published < oldest)
    ]
    result.new = fresh[: source.limit]
    result.more = len(fresh) > source.limit
    return result


def _oldest_wanted(show: Show) -> datetime:
    """Items older than the show keeps (or than the state remembers) are not read: they
    would leave at once, or come back as new after they are forgotten."""
    days = min(show.keep_days or FORGET_AFTER.days, FORGET_AFTER.days)
    return datetime.now(UTC) - timedelta(days=days)


def _fix_for(source: Source, message: str) -> str:
    """The failure as the producer acts on it: which source, what, and the fix."""
    if "not an RSS or Atom feed" in message:
        message += (
            "; follow the site's feed address (talkingpaper follow PAGE finds the feed a page "
            "announces), or unfollow it"
        )
    return f"{source.name}: {message}"


def _read(show: Show, job: tuple[_Fetched, Item], slots: HostSlots, clock: Clock) -> tuple:
    f, item = job
    assert f.feed is not None
    try:
        return f, item, read_item(show, f.source, f.feed, item, slots, clock)
    except ItemError as exc:
        return f, item, exc


def _save(
    f: _Fetched,
    folder: Path,
    state: SourcesState,
    retired: Sequence[str],
    warn: Callable[[str], None],
) -> SourceResult:
    """The source's stories saved (articles first, then the state that names them)."""
    result = SourceResult(f.source, error=f.error)
    record = state.record(f.source.url)
    record.checked = now()
    if f.error:
        record.failures += 1
        record.error = f.error
        return result
    # Items left for later (past the limit, or a page that timed out) must be seen by the
    # next update: it asks for the whole feed again rather than hear "not modified".
    retry = f.more or any(isinstance(s, ItemError) and not s.lasting for s in f.stories.values())
    record.etag, record.last_modified = (None, None) if retry else f.validators
    if f.feed:
        result.unusable, result.repeated = f.feed.unusable, f.feed.repeated
    record.updated, record.failures, record.error = record.checked, 0, None
    for item in f.new:
        story = f.stories.get(item.key)
        if isinstance(story, ItemError):
            result.problems.append(str(story))
            warn(f"skipped: {story}")
            if story.lasting:  # a page that is not an article stays one; a timeout may pass
                state.items[item.key] = SeenItem(f.source.url, now(), note=str(story))
        elif story is not None:
            _save_story(story, item, f.source, folder, state, retired, result)
    result.unchanged = not (
        result.saved or result.problems or result.repeats or result.unusable or result.repeated
    )
    record.new = len(result.saved)
    record.total += len(result.saved)
    if result.saved:  # the articles are on disk: now the state that names them
        state.save()
    return result


def _save_story(
    story: Story,
    item: Item,
    source: Source,
    folder: Path,
    state: SourcesState,
    retired: Sequence[str],
    result: SourceResult,
) -> None:
    prints = fingerprint(story.paragraphs)
    repeat = next(
        (i.file for i in state.items.values() if i.file and same_story(prints, i.fingerprint)),
        None,
    )
    if repeat:
        result.repeats += 1
        state.items[item.key] = SeenItem(source.url, now(), note=f"the same story as {repeat}")
        return
    path, _ = save_new_article(story.article, folder, avoid=retired)
    content = state.path.parent
    state.items[item.key] = SeenItem(source.url, now(), str(path.relative_to(content)), prints)
    result.saved.append(path)
