"""Retention: keep_days and keep_episodes take old episodes out of the feed, the pages and
the disk, article and all, and their slug (so their guid) is never given again."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result

from talkingpaper.cli import main
from tests.conftest import ROOT

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]


def _article(title: str, days_old: int, text: str) -> str:
    day = (datetime.now(UTC) - timedelta(days=days_old)).date().isoformat()
    return f"---\ntitle: {title}\npublished: {day}\n---\n\n{text}\n"


def _run(show: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--show", str(show)])


def _show(tmp_path: Path, retention: str) -> Path:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    toml = (ROOT / "show.toml").read_text().replace('engine = "pyttsx3"', 'engine = "espeak-ng"')
    (show / "show.toml").write_text(toml + "\n[retention]\n" + retention + "\n")
    return show


def _titles(show: Path) -> list[str]:
    return [e.title for e in feedparser.parse((show / "output" / "feed.xml").read_bytes()).entries]


def test_an_article_older_than_keep_days_is_not_built_and_leaves(tmp_path: Path) -> None:
    show = _show(tmp_path, "keep_days = 7")
    content = show / "content"
    (content / "fresh.txt").write_text(_article("Fresh news", 1, "The ferry runs again today."))
    (content / "stale.txt").write_text(_article("Stale news", 30, "The old ferry stopped."))
    result = _run(show, "build", "--quiet")
    assert result.exit_code == 0, result.output
    assert _titles(show) == ["Fresh news"]
    assert not (content / "stale.txt").exists()
    assert not (show / "output" / "episodes" / "stale.mp3").exists()


def test_an_episode_past_keep_days_leaves_and_its_slug_is_never_given_again(
    tmp_path: Path,
) -> None:
    show = _show(tmp_path, "keep_days = 7")
    content = show / "content"
    (content / "bridge-vote.txt").write_text(
        _article("Bridge vote", 3, "The council voted to repair the bridge.")
    )
    assert _run(show, "build", "--quiet").exit_code == 0
    (old,) = feedparser.parse((show / "output" / "feed.xml").read_bytes()).entries
    toml = (show / "show.toml").read_text().replace("keep_days = 7", "keep_days = 2")
    (show / "show.toml").write_text(toml)
    result = _run(show, "build", "--prune", "--quiet")
    assert result.exit_code == 0, result.output
    assert _titles(show) == []
    assert not (content / "bridge-vote.txt").exists()
    assert not list((show / "output" / "episodes").glob("bridge-vote.*"))
    assert json.loads((content / ".retired.json").read_text()) == ["bridge-vote"]
    # The same file name for a new story: a new episode name, so a new guid.
    (content / "bridge-vote.txt").write_text(
        _article("Bridge vote again", 0, "The council voted a second time on the bridge.")
    )
    assert _run(show, "build", "--quiet").exit_code == 0
    (new,) = feedparser.parse((show / "output" / "feed.xml").read_bytes()).entries
    assert new.title == "Bridge vote again"
    assert new.id != old.id
    assert (show / "output" / "episodes" / "bridge-vote-2.mp3").exists()
