"""The build command's last line, and its early stop when nothing changed (see
talkingpaper.warm_build): the same line either way, so a log or a script cannot tell."""

from __future__ import annotations

import time
from pathlib import Path

import click

from talkingpaper.progress import Progress
from talkingpaper.warm_build import Options, check


def stopped_early(show_dir: Path, options: Options, quiet: int, started: float) -> bool:
    """Whether the last build made everything these options would: then its summary is
    said (and the empty bar a build with nothing to do draws on a terminal) and the build
    is skipped."""
    warm = check(show_dir, options)
    if warm is None:
        return False
    Progress(quiet > 0).bar(0, "episodes", unit="ep").close()
    if quiet < 2:
        say_summary(started, 0, warm.episodes, 0, 0, warm.feed)
    return True


def say_summary(
    started: float, built: int, unchanged: int, failed: int, removed: int, feed: object
) -> None:
    seconds = time.monotonic() - started
    gone = f", {removed} removed" if removed else ""
    click.echo(
        f"{built} built, {unchanged} unchanged, {failed} failed{gone} in {seconds:.1f} s; "
        f"feed: {feed}",
        err=True,
    )
