"""Building a show: the plan, the stale episodes made, the feed published. This module only
orchestrates: what each step does lives in plan (no audio), render (one episode's files),
episode (the record), output (lock, sweep, guid, cast) and synthesis (the engines' pool).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from feeds.cover import prepare_cover
from feeds.errors import FeedError
from feeds.feed import render_feed
from feeds.files import write_atomic
from feeds.model import ShowInfo
from feeds.site import write_pages
from talkingpaper.audio_versions import sweep_expired
from talkingpaper.episode import episode_records
from talkingpaper.errors import UserError
from talkingpaper.lifecycle import orphans, remove_episode
from talkingpaper.output import (
    build_lock,
    is_published,
    load_cast,
    mark_published,
    publish_key,
    save_cast,
    show_guid,
    sweep_temporaries,
)
from talkingpaper.plan import EpisodePlan, Prepared, plan_episodes, prepare_episode
from talkingpaper.progress import Progress
from talkingpaper.render import make_episode
from talkingpaper.retention import expired_articles, retire_episodes, retired_slugs
from talkingpaper.show import Show
from talkingpaper.synthesis import Synthesizer
from talkingpaper.text_worker import TextWorker
from tts.engines import get_engine
from tts.episode import require_ffmpeg
from tts.errors import TTSError
from tts.voices import Casting

IMAGES = (".jpg", ".jpeg", ".png")


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article, message)
    removed: list[str] = field(default_factory=list)  # pruned: their articles were gone
    feed: Path | None = None


def show_info(show: Show) -> ShowInfo:
    return ShowInfo(
        title=show.title,
        description=show.description,
        author=show.author,
        language=show.language,
        base_url=show.base_url,
        category=show.category,
        subcategory=show.subcategory,
        explicit=show.explicit,
        owner_email=show.owner_email,
        guid=show_guid(show),
        image=next((p.name for p in show.output.glob("cover.*") if p.suffix in IMAGES), None),
    )


def publish(show: Show) -> Path:
    """Write output/feed.xml and output/index.html from every episode built so far."""
    path = show.output / "feed.xml"
    info, records = show_info(show), episode_records(show.output)
    key = publish_key(info, records)
    if not is_published(show.output, key):
        write_atomic(path, render_feed(info, records))
        write_pages(show.output, info, records)
        mark_published(show.output, key)
    return path


def build_show(
    show: Show,
    articles: Sequence[Path] | None = None,
    quiet: bool = False,
    warn: Callable[[str], None] | None = None,
    bulletin: str | None = None,
    jobs: int | None = None,
    day: date | None = None,
    prune: bool = False,
    lock: bool = True,
    finished: Callable[[Show, BuildReport], None] | None = None,
) -> BuildReport:
    """Build every article (or the ones given), then the feed. One bad article is reported
    and skipped; the others still build. With `bulletin`, all of them make one episode.
    `jobs` worker processes speak (default: one per core); `day` dates the episodes made;
    `prune` removes the episodes whose articles are gone (they are reported otherwise);
    retention (keep_days, keep_episodes) removes the old. `lock=False`: the caller holds
    the build lock already (update). `finished` is called last, still under the lock."""
    progress = Progress(quiet)
    paths = list(articles) if articles else show.articles()
    if not paths and not prune:  # pruning a show whose articles are all gone is fine
        raise UserError(f"{show.content}: no articles (.txt, .html, .md) to build")
    (show.output / "episodes").mkdir(parents=True, exist_ok=True)
    with build_lock(show.output) if lock else nullcontext():
        sweep_temporaries(show.output)
        sweep_expired(show.output / "episodes")
        paths = expired_articles(show, paths)  # past keep_days: built, they would leave
        plans, clashes = plan_episodes(
            paths, bulletin, day, show.language, retired=retired_slugs(show)
        )
        # Once per build: a missing engine or a bad cover is one clear error, not one per
        # episode, and comes before any work.
        if not show.cluster:  # a cluster's workers speak: their engines are tested there
            get_engine(show.engine)  # loads the engine: a missing one fails here, once
        cover = prepare_cover(
            show.root / show.cover if show.cover else None, show.title, show.output
        )
        try:
            report = _build(show, plans, progress, warn or progress.note, cover, jobs, clashes)
            report.removed = retire_episodes(show) + _prune(show, prune, warn or progress.note)
            report.feed = publish(show)
            if finished:
                finished(show, report)
            return report
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                # Every later episode would fail the same way: stop, with the feed as it was.
                raise UserError(
                    f"{show.output}: the disk is full; free some space (output/.cache may "
                    "be deleted, it is rebuilt) and build again"
                ) from exc
            raise


def _build(
    show: Show,
    plans: Sequence[EpisodePlan],
    progress: Progress,
    warn: Callable[[str], None],
    cover: Path,
    jobs: int | None,
    clashes: Sequence[tuple[str, str]] = (),
) -> BuildReport:
    report = BuildReport(failed=list(clashes))
    for _, message in clashes:  # two articles that would make the same episode
        warn(f"skipped: {message}")
    cast = load_cast(show)
    saved = dict(cast)
    prepared = _prepare_all(show, plans, cast, report, warn)
    stale = [p for p in prepared if p.stale]
    if stale:
        require_ffmpeg()
    report.unchanged = [p.plan.slug for p in prepared if not p.stale]
    batch = progress.bar(len(stale), "episodes", unit="ep")
    workers = max(1, jobs or os.cpu_count() or 1)
    try:
        with (
            _synthesizer(show, workers) as synth,
            ThreadPoolExecutor(max_workers=workers) as renderers,
        ):
            _queue_speech(synth, stale)
            # Cores left over by episodes encode blocks of the same episode at once.
            encoders = max(1, workers // max(1, min(workers, len(stale))))
            made = [
                renderers.submit(make_episode, show, prep, synth, progress, cover, encoders)
                for prep in stale
            ]
            try:
                for prep, future in zip(stale, made, strict=True):
                    try:
                        future.result()
                    except Exception as exc:  # noqa: BLE001 - as above
                        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                            raise
                        message = _naming(prep.plan, exc)
                        report.failed.append((prep.plan.slug, message))
                        warn(f"skipped: {message}")
                    else:
                        report.built.append(prep.plan.slug)
                    batch.update()
            except BaseException:
                # A full disk or Ctrl-C: start no more episodes.
                renderers.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        batch.close()
        # The voices new episodes speak in stay theirs next time. With nothing to build, a
        # grown cast means a killed build lost its save: make it good now.
        if cast != saved and (report.built or not stale):
            save_cast(show, cast)
    return report


def _synthesizer(show: Show, workers: int) -> Synthesizer:
    """The local pool, or a dask cluster's workers when the show names a scheduler."""
    if show.cluster:
        from talkingpaper.cluster import ClusterSynthesizer

        return ClusterSynthesizer(show.cluster, show.engine, show.output / ".cache")
    return Synthesizer(show.engine, show.output / ".cache", workers)


def _prune(show: Show, prune: bool, warn: Callable[[str], None]) -> list[str]:
    """Episodes whose articles left content/: removed with `prune`, reported otherwise
    (never silently: deleting a file by mistake must not delete its episode)."""
    removed = []
    for episode in orphans(show):
        if prune:
            remove_episode(show, episode)
            removed.append(episode.slug)
        else:
            warn(
                f"{show.output / episode.audio}: its article ({', '.join(episode.sources)}) is "
                f"gone; `talkingpaper build --prune` removes the episode, or put it back"
            )
    return removed


def _queue_speech(synth: Synthesizer, stale: Sequence[Prepared]) -> None:
    """Queue every stale episode's missing segments now, so the workers speak ahead while
    episodes are stitched and encoded (ffmpeg, one per core) as their segments arrive."""
    synth.start([j for p in stale for j in p.jobs if not synth.path(j).exists()])


def _prepare_all(
    show: Show,
    plans: Sequence[EpisodePlan],
    cast: dict[str, Casting],
    report: BuildReport,
    warn: Callable[[str], None],
) -> list[Prepared]:
    """Script, cast and key every planned episode; one that fails is reported and skipped."""
    prepared: list[Prepared] = []
    with TextWorker() as worker:
        for plan in plans:
            try:
                prepared.append(prepare_episode(show, plan, cast, worker.prepare))
            except Exception as exc:  # noqa: BLE001 - one odd article must not stop the show
                message = _naming(plan, exc)
                report.failed.append((plan.slug, message))
                warn(f"skipped: {message}")
    return prepared


def _naming(plan: EpisodePlan, exc: Exception) -> str:
    """The error with the article it happened in, so the reader knows which file to look at.
    An error that is not a user's (a bug of ours) says so and asks for a report."""
    message = str(exc)
    if not isinstance(exc, (UserError, TTSError, FeedError, OSError)):
        message = (
            f"talkingpaper failed on it ({type(exc).__name__}: {message}); please report "
            "this with the article attached"
        )
    where = str(plan.articles[0]) if len(plan.articles) == 1 else f"bulletin {plan.title!r}"
    return message if message.startswith(where) else f"{where}: {message}"
