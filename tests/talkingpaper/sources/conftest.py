"""A show following the news site of news_site.py, for the `update` tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from talkingpaper.cli import main
from tests.talkingpaper.sources.news_site import NewsSite, news_site


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with news_site() as running:
        yield running


def run(show: Path, *args: str) -> Result:
    """The command line, as a user runs it, on the show."""
    return CliRunner().invoke(main, [*args, "--show", str(show)])


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    made = CliRunner().invoke(main, ["init", str(folder), "--title", "Riverside Listener"])
    assert made.exit_code == 0, made.output
    return folder


def follow_both(show: Path, site: NewsSite, *extra: str) -> None:
    for feed in ("/feeds/riverside-news.xml", "/feeds/valley-wire.xml"):
        result = run(show, "follow", site.base + feed, *extra)
        assert result.exit_code == 0, result.output


def articles(show: Path) -> list[Path]:
    return sorted(p for p in (show / "content").rglob("*.txt") if ".removed" not in p.parts)
