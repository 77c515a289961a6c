"""An episode's life: removed, pruned when its article goes, corrected, dated by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result

from talkingpaper.cli import main
from tests.conftest import ROOT

BRIDGE = """Bridge vote

The council voted on Tuesday to replace the old river bridge.

"It is time," said Mayor Ana Ruiz.
"""
LIBRARY = """Library hours

The public library will open late on Fridays from next month.

"People asked for it," said librarian Tom Okafor.
"""

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]


def _run(show: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--show", str(show)])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    show = tmp_path_factory.mktemp("lifecycle") / "show"
    (show / "content").mkdir(parents=True)
    (show / "show.toml").write_text((ROOT / "show.toml").read_text())
    (show / "content" / "bridge.txt").write_text(BRIDGE)
    (show / "content" / "library.txt").write_text(LIBRARY)
    assert _run(show, "build", "-qq").exit_code == 0
    return show


@pytest.fixture
def show(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "show"
    shutil.copytree(built, copy)
    return copy


def _items(show: Path) -> dict[str, feedparser.FeedParserDict]:
    feed = feedparser.parse((show / "output" / "feed.xml").read_bytes())
    return {entry.title: entry for entry in feed.entries}


def _cast(show: Path) -> set[str]:
    data = json.loads((show / "output" / "cast.json").read_text())
    return {name for cast in data.values() for name in cast}


def test_remove_takes_an_episode_out_of_the_feed_the_pages_and_the_disk(show: Path) -> None:
    assert _cast(show) == {"Ana Ruiz", "Tom Okafor"}
    result = _run(show, "remove", "library")
    assert result.exit_code == 0, result.output
    assert list(_items(show)) == ["Bridge vote"]
    episodes = show / "output" / "episodes"
    assert sorted(p.name for p in episodes.iterdir() if p.name.startswith("library")) == []
    assert "Library hours" not in (show / "output" / "index.html").read_text()
    assert _cast(show) == {"Ana Ruiz"}  # the librarian's voice is free again
    # The article is kept aside, and no build makes the episode again.
    assert (show / "content" / ".removed" / "library.txt").read_text() == LIBRARY
    assert _run(show, "build", "-qq").exit_code == 0
    assert list(_items(show)) == ["Bridge vote"]


def test_remove_by_article_path_and_an_unknown_name_is_named(show: Path) -> None:
    assert _run(show, "remove", str(show / "content" / "bridge.txt")).exit_code == 0
    assert list(_items(show)) == ["Library hours"]
    missing = _run(show, "remove", "ferry")
    assert missing.exit_code == 1 and "ferry: no episode" in missing.output
    assert "library" in missing.output


def test_an_article_deleted_from_content_is_reported_and_pruned_only_when_asked(
    show: Path,
) -> None:
    (show / "content" / "library.txt").unlink()
    kept = _run(show, "build")
    assert kept.exit_code == 0 and "library.mp3: its article" in kept.output
    assert "--prune" in kept.output
    assert set(_items(show)) == {"Bridge vote", "Library hours"}  # never silently
    pruned = _run(show, "build", "--prune")
    assert pruned.exit_code == 0 and "1 removed" in pruned.output
    assert list(_items(show)) == ["Bridge vote"]


def test_a_corrected_article_keeps_its_guid_and_date_with_a_new_enclosure_and_a_note(
    show: Path,
) -> None:
    before = _items(show)["Bridge vote"]
    (show / "content" / "bridge.txt").write_text(BRIDGE.replace("Tuesday", "Wednesday"))
    assert _run(show, "build", "-qq").exit_code == 0
    after = _items(show)["Bridge vote"]
    assert after.id == before.id and after.published == before.published
    assert after.enclosures[0].href != before.enclosures[0].href  # apps fetch it again
    assert "Corrected on" in after.summary and "Corrected on" not in before.summary
    (show / "show.toml").write_text(
        (show / "show.toml").read_text().replace("loudness = -16.0", "loudness = -18.0")
    )
    assert _run(show, "build", "-qq").exit_code == 0  # remade, but not corrected again
    assert _items(show)["Bridge vote"].summary == after.summary


def test_date_sets_an_episodes_date_and_later_builds_keep_it(show: Path) -> None:
    article = str(show / "content" / "library.txt")
    assert _run(show, "build", "-qq", "--date", "2024-03-05", article).exit_code == 0
    assert _items(show)["Library hours"].published_parsed[:3] == (2024, 3, 5)
    assert _run(show, "build", "-qq").exit_code == 0
    assert _items(show)["Library hours"].published_parsed[:3] == (2024, 3, 5)
    assert _run(show, "build", "-qq", "--date", "2024-13-01").exit_code == 2  # not a date


def test_a_bulletin_stays_when_its_articles_leave_content(show: Path) -> None:
    assert _run(show, "build", "-qq", "--bulletin", "Evening news").exit_code == 0
    for name in ("bridge.txt", "library.txt"):
        (show / "content" / name).unlink()
    pruned = _run(show, "build", "--prune")  # with no article left at all
    assert pruned.exit_code == 0 and "2 removed" in pruned.output, pruned.output
    assert list(_items(show)) == ["Evening news"]
