"""[[sources]] in show.toml: checked with a line that names the fix; follow and unfollow
edit the file and keep the rest of it as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from talkingpaper.errors import UserError
from talkingpaper.show import load_show
from talkingpaper.sources.config import (
    Source,
    add_to_show_file,
    remove_from_show_file,
    unique_name,
)

HEAD = '# my show\n[show]\ntitle = "Mine"  # the title\n'


def _show(tmp_path: Path, sources: str) -> Path:
    (tmp_path / "show.toml").write_text(HEAD + sources, encoding="utf-8")
    return tmp_path


def test_sources_are_read_with_their_settings(tmp_path: Path) -> None:
    show = load_show(_show(tmp_path, (
        '[[sources]]\nname = "Wire"\nurl = "https://wire.example/feed"\nlimit = 5\n'
        'language = "de-at"\nkeep = ["Reporting by the wire"]\nembeds = "drop"\n'
    )))  # fmt: skip
    (source,) = show.sources
    assert source == Source("Wire", "https://wire.example/feed", 5, "de-AT",
                            ("Reporting by the wire",), "drop")  # fmt: skip
    assert "Reporting by the wire" in show.reading.keep  # held in every article's cleaning


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('name = "A"\nurl = "ftp://a.example/feed"', "url must be the feed's http"),
        ('url = "https://a.example/feed"', "give it a name"),
        ('name = "A"\nurl = "https://a.example/f"\nlimit = 0', "limit must be a whole number"),
        ('name = "A"\nurl = "https://a.example/f"\nlanguage = "english!"', "not a language tag"),
        ('name = "A"\nurl = "https://a.example/f"\nfrequency = 3', "unknown setting 'frequency'"),
    ],
)
def test_a_bad_source_names_its_table_and_the_fix(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(UserError, match=message) as caught:
        load_show(_show(tmp_path, "[[sources]]\n" + table + "\n"))
    assert "source 1" in str(caught.value)


def test_two_sources_with_one_name_are_refused(tmp_path: Path) -> None:
    twice = (
        '[[sources]]\nname = "A"\nurl = "https://a.example/1"\n'
        '[[sources]]\nname = "a"\nurl = "https://a.example/2"\n'
    )
    with pytest.raises(UserError, match="two sources have the name 'a'"):
        load_show(_show(tmp_path, twice))


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[retention]\nkeep_days = 0\n", "retention.keep_days must be a whole number"),
        ("[retention]\nkeep_episodes = 2.5\n", "retention.keep_episodes must be"),
        ('[edition]\nname = " "\n', "edition.name must be a name"),
    ],
)
def test_retention_and_edition_are_checked(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        load_show(_show(tmp_path, toml))


def test_adding_and_removing_keeps_the_file_as_written(tmp_path: Path) -> None:
    root = _show(tmp_path, "")
    path = root / "show.toml"
    one, two = (
        Source("One", "https://one.example/rss"),
        Source("Two", "https://two.example/atom", 3),
    )
    add_to_show_file(path, [one, two])
    assert load_show(root).sources == (one, two)
    remove_from_show_file(path, one)
    assert load_show(root).sources == (two,)
    remove_from_show_file(path, two)
    assert path.read_text(encoding="utf-8").strip() == HEAD.strip()  # comments and all


def test_a_taken_name_gets_a_number() -> None:
    assert unique_name("Wire", ["wire", "Wire (2)"]) == "Wire (3)"
    assert unique_name("  News  Now ", []) == "News Now"
