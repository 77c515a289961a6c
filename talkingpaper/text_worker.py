"""Preparing an article's text in a worker process the build can stop.

Reading, cleaning, scripting and normalising are linear in the text, but one article must
never hold up a show (and its build lock) if some input still finds a slow path: each
article gets `TEXT_BUDGET_SECONDS`, after which the worker is killed and the article is
skipped with a line, while the other articles build. The worker is forked, so it starts in
milliseconds with every module already loaded, and lives for the whole build.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from multiprocessing.pool import Pool
from pathlib import Path

from talkingpaper.errors import UserError
from talkingpaper.show import Show
from talkingpaper.workers import exit_with_parent, sigint_blocked
from tts.prepare import prepare_script
from tts.text.model import Script
from tts.voices import Casting

# Seconds one article's text may take. Measured: the demo article takes 10 ms, a 400 KB
# paragraph 0.7 s; nothing a news page holds should come near this.
TEXT_BUDGET_SECONDS = 60.0


class TextTooSlow(UserError):
    """An article whose text preparation ran past its budget."""


class TextWorker:
    """A forked worker preparing one article at a time, each within `budget` seconds."""

    def __init__(self, budget: float | None = None) -> None:
        self.budget = TEXT_BUDGET_SECONDS if budget is None else budget
        self._pool: Pool | None = None

    def __enter__(self) -> TextWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def prepare(
        self, show: Show, article: Path, cast: dict[str, Casting], story: tuple[int, int] | None
    ) -> Script:
        """The article's script as tts.prepare makes it; the voices it gave new speakers are
        added to `cast`, as if it had run here."""
        if self._pool is None:
            with sigint_blocked():
                self._pool = multiprocessing.get_context("fork").Pool(
                    1, initializer=exit_with_parent, initargs=(os.getpid(),)
                )
        pending = self._pool.apply_async(_prepare, (show, article, cast, story))
        try:
            script, grown, caught = pending.get(timeout=self.budget)
        except multiprocessing.TimeoutError:
            self._stop()  # the next article gets a fresh worker
            raise TextTooSlow(
                f"its text took over {self.budget:.0f} s to prepare and was stopped; "
                "please report the file to talkingpaper's developers"
            ) from None
        cast.update(grown)
        for message, category, filename, lineno in caught:
            # Shown here, as if prepared here: the build counts the warnings it printed.
            warnings.showwarning(message, category, filename, lineno)
        return script

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


Caught = list[tuple[Warning | str, type[Warning], str, int]]


def _prepare(
    show: Show, article: Path, cast: dict[str, Casting], story: tuple[int, int] | None
) -> tuple[Script, dict[str, Casting], Caught]:
    with warnings.catch_warnings(record=True) as records:
        script = prepare_script(article, show.reading, cast, story)
    caught = [(w.message, w.category, w.filename, w.lineno) for w in records]
    return script, cast, caught
