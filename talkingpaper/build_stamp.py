"""The build command's side of talkingpaper.warm_build: read the inputs' key before the
build reads them, watch for warnings, and leave the stamp when the build succeeded without
one (a warning a normal build would print again must not be silenced by the fast path).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from talkingpaper.build import BuildReport
from talkingpaper.show import Show
from talkingpaper.warm_build import Inputs, Options, Warm, read_inputs, remember


class Stamping:
    """One build's stamp: the inputs read now, written by `finished` under the build lock."""

    def __init__(self, show_dir: Path, options: Options, warn: Callable[[str], None]) -> None:
        self._warn = warn
        self.warned = False
        self.inputs: Inputs | None
        try:
            self.inputs = read_inputs(show_dir, options)
        except (OSError, ValueError):
            self.inputs = None  # the build names what it cannot read; no stamp this time

    def warn(self, message: str) -> None:
        self.warned = True
        self._warn(message)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Python warnings shown during the build count as warnings too."""
        shown = warnings.showwarning

        def show(*args: Any, **kwargs: Any) -> None:
            self.warned = True
            shown(*args, **kwargs)

        warnings.showwarning = show
        try:
            yield
        finally:
            warnings.showwarning = shown

    def finished(self, show: Show, report: BuildReport) -> None:
        """Called by build_show under the build lock, once the feed is published."""
        if self.inputs is None or self.warned or report.failed or report.feed is None:
            return
        warm = Warm(len(report.built) + len(report.unchanged), str(report.feed))
        with suppress(OSError):  # a full disk: the next build is only slower
            remember(show.output, self.inputs, warm, valid_until(show))


def valid_until(show: Show, now: datetime | None = None) -> float:
    """When time alone would change what a build does: a kept old audio version expires
    (talkingpaper.audio_versions), an episode passes keep_days, or the day changes while
    keep_days holds (articles are dated by the day). Forever (a far date) otherwise."""
    from feeds.served_files import VERSIONS
    from talkingpaper.audio_versions import GRACE_SECONDS
    from talkingpaper.episode import episodes

    now = now or datetime.now(UTC)
    times = [
        entry.stat().st_ctime + GRACE_SECONDS
        for entry in _entries(show.output / "episodes" / VERSIONS)
    ]
    if show.keep_days:
        keep = timedelta(days=show.keep_days)
        times += [(e.published + keep).timestamp() for e in episodes(show.output)]
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
        times.append(midnight.timestamp())
    return min([now.timestamp() + 365 * 24 * 3600, *times])


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
