"""A small show of invented articles, built once with a bulletin, for the feeds tests that
need several episodes: serving it to gPodder, and checking what the build wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Invented news, two stories in the shape of real ones: a headline, a byline, a quote.
ARTICLES = {
    "harbour-ferry.txt": """---
title: Harbour ferry returns after a winter of repairs
author: Mara Quinlan
---

The blue ferry that links the old harbour to the island villages sailed again on Monday, four
months after a storm cracked its hull against the pier.

"We missed the sound of the horn in the morning," said Tomas Reyes, who runs a bakery by the
landing. The council spent two hundred thousand dollars on the repairs and a new ramp.

The first crossing carried thirty passengers and one very patient dog.
""",
    "library-clock.txt": """---
title: Library clock strikes again after fifty silent years
author: Ines Varga
---

The clock above the town library struck noon on Saturday for the first time since 1975,
after volunteers spent a year cleaning its gears by hand.

"It was never broken, only tired," said Amos Field, a retired watchmaker who led the work.
Children counted the twelve strokes aloud from the steps below.

The volunteers say the clock will be wound every Sunday from now on.
""",
}
BULLETIN = "Morning edition"


@pytest.fixture(scope="session")
def bulletin_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two invented articles built as episodes, then together as a bulletin, with the demo's
    show.toml (base_url http://localhost:8000/, as `init` writes it). Read only."""
    from click.testing import CliRunner

    from talkingpaper.cli import main

    show = tmp_path_factory.mktemp("bulletin-show")
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    (show / "content").mkdir()
    for name, text in ARTICLES.items():
        (show / "content" / name).write_text(text, encoding="utf-8")
    for extra in ([], ["--bulletin", BULLETIN]):
        result = CliRunner().invoke(main, ["build", "--quiet", *extra, "--show", str(show)])
        assert result.exit_code == 0, result.output
    shutil.rmtree(show / "output" / ".cache", ignore_errors=True)  # no copy needs the segments
    return show


EDITION = "Evening edition"


@pytest.fixture(scope="session")
def edition_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three invented articles from two followed sources (tests/data/edition), built as one
    bulletin: an edition with its sources, quotes and announcements. Read only."""
    from click.testing import CliRunner

    from talkingpaper.cli import main
    from tests.conftest import DATA

    show = tmp_path_factory.mktemp("edition-show")
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    shutil.copytree(DATA / "edition", show / "content")
    result = CliRunner().invoke(
        main, ["build", "--quiet", "--bulletin", EDITION, "--show", str(show)]
    )
    assert result.exit_code == 0, result.output
    return show
