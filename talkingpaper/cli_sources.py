"""The commands that follow news sources: follow, unfollow, sources, update (see
talkingpaper.following). talkingpaper.cli adds them to its command group."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from talkingpaper.cli_errors import user_errors
from talkingpaper.cli_options import show_option, warn_line
from talkingpaper.errors import UserError

if TYPE_CHECKING:  # imported by the commands when they run: `--help` stays fast
    from talkingpaper.following import UpdateReport
    from talkingpaper.sources.update import SourceResult


@click.command()
@click.argument("url", required=False)
@show_option
@click.option("--opml", type=click.Path(dir_okay=False, path_type=Path),
              help="Follow every feed of an OPML subscription list instead.")  # fmt: skip
@click.option("--name", help="The source's name, as listeners hear it (default: the feed's).")
@click.option("--limit", type=click.IntRange(1, 500), help="New items per update (default 20).")
def follow(url: str | None, show_dir: Path, opml: Path | None, name: str | None,
           limit: int | None) -> None:  # fmt: skip
    """Follow a news feed: URL is an RSS or Atom feed, or a page that announces one.

    Example: talkingpaper follow https://www.example.org/news/

    Example: talkingpaper follow --opml subscriptions.opml
    """
    from talkingpaper.following import follow as add_feed
    from talkingpaper.following import follow_opml
    from talkingpaper.show import load_show

    with user_errors():
        show = load_show(show_dir, required=True)
        if bool(url) == bool(opml):
            raise UserError("give a feed's URL or --opml FILE (one of them)")
        if opml:
            added, already = follow_opml(show, opml)
            for source in added:
                click.echo(f"following {source.name}: {source.url}")
            click.echo(f"{len(added)} added, {already} followed already", err=True)
            return
        source = add_feed(show, str(url), name, limit)
    click.echo(f"following {source.name}: {source.url}; read it with talkingpaper update")


@click.command()
@click.argument("name")
@show_option
def unfollow(name: str, show_dir: Path) -> None:
    """Stop following the source NAME (its name or feed address); its episodes stay.

    Example: talkingpaper unfollow "NPR News"
    """
    from talkingpaper.following import unfollow as remove_feed
    from talkingpaper.show import load_show

    with user_errors():
        source = remove_feed(load_show(show_dir, required=True), name)
    click.echo(f"unfollowed {source.name}: {source.url}")


@click.command()
@show_option
def sources(show_dir: Path) -> None:
    """List the sources followed: last update, new items, failures.

    Example: talkingpaper sources
    """
    from talkingpaper.show import load_show
    from talkingpaper.sources.state import load_state

    with user_errors():
        show = load_show(show_dir, required=True)
        state = load_state(show.content)
    if not show.sources:
        click.echo("no sources; add one with talkingpaper follow URL", err=True)
        return
    for source in show.sources:
        record = state.sources.get(source.url)
        if record is None or record.checked is None:
            status = "never updated"
        else:
            status = (
                f"updated {_ago(record.updated)}, {record.new} new last time, {record.total} in all"
            )
            if record.failures:
                status += f"; failing {record.failures} times in a row: {record.error}"
        click.echo(f"{source.name}  {source.url}\n    {status}")


def _ago(iso: str | None) -> str:
    if not iso:
        return "never"
    seconds = (datetime.now(UTC) - datetime.fromisoformat(iso)).total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    return "just now"


@click.command()
@show_option
@click.option("--edition", metavar="NAME",
              help='Make one bulletin of what is new, e.g. "Morning edition {date}".')  # fmt: skip
@click.option("--no-build", is_flag=True, help="Only save the new articles into content/.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes that speak.")
@click.option("--quiet", "-q", count=True, help="No progress (-q); only failures (-qq).")
def update(show_dir: Path, edition: str | None, no_build: bool, jobs: int | None,
           quiet: int) -> None:  # fmt: skip
    """Read what is new in every source into content/, then build the episodes.

    One line per source says new, unchanged or failed; the exit status is 1 when any
    source or article failed. Safe to run from cron or a timer: while one update or build
    runs, a second one is refused with one line.

    Example: talkingpaper update --edition "Morning edition {date}"
    """
    from talkingpaper.following import update as run
    from talkingpaper.show import load_show

    started = time.monotonic()
    with user_errors():
        show = load_show(show_dir, required=True)
        report = run(show, edition, quiet > 0, warn_line, not no_build, jobs)
    for result in report.sources:
        if result.failed:
            click.echo(f"failed: {result.error}", err=True)
        elif quiet < 2:
            click.echo(_source_line(result), err=True)
    build = report.build
    if quiet < 2:
        built = (
            f"; {len(build.built)} built, {len(build.unchanged)} unchanged, "
            f"{len(build.failed)} failed"
            if build
            else "; nothing new to build"
        )
        if build and build.removed:
            built += f", {len(build.removed)} removed"
        click.echo(f"updated in {time.monotonic() - started:.1f} s{built}", err=True)
        if quiet == 0:
            click.echo(_timing_line(report), err=True)
    if report.failed:
        sys.exit(1)


SOURCE_COMMANDS = (follow, unfollow, sources, update)


def _timing_line(report: UpdateReport) -> str:
    t = report.timing
    return (
        f"time: feeds {t.feeds:.1f} s, items {t.items:.1f} s (fetching {t.clock.fetching:.1f} "
        f"s and reading {t.clock.reading:.1f} s over all threads), saving {t.saving:.1f} s, "
        f"build {report.seconds_building:.1f} s"
    )


def _source_line(result: SourceResult) -> str:
    name = result.source.name
    if result.unchanged:
        return f"{name}: unchanged"
    extra = []
    if result.repeats:
        extra.append(f"{result.repeats} already read from another source")
    if result.problems:
        extra.append(f"{len(result.problems)} without an article")
    if result.unusable:
        extra.append(f"{result.unusable} with no link and no text, skipped")
    if result.repeated:
        extra.append(f"{result.repeated} repeating another item's guid, skipped")
    more = f" ({', '.join(extra)})" if extra else ""
    return f"{name}: {len(result.saved)} new{more}"
