"""An item's description as plain text, its chapter times, and Podlove's time format."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.chapters_ns import npt
from feeds.item_text import chapter_lines, item_description
from feeds.model import EpisodeRecord, Mark
from feeds.site_description import description_plain


def test_character_references_are_read_and_tags_shape_the_text() -> None:
    html = "<p>3 stories &amp; more.</p><ol><li>China&#x27;s &lt;b&gt;</li><li>B</li></ol><p>End"
    assert description_plain(html) == "3 stories & more.\n\n1. China's <b>\n2. B\n\nEnd"


def test_plain_text_stays_as_it_is() -> None:
    assert description_plain("By X. Rates rose 5% (and fell).") == "By X. Rates rose 5% (and fell)."


def test_scripts_are_dropped_and_an_unordered_list_gets_dashes() -> None:
    html = "<ul><li>one<li>two</ul><script>alert(1)</script>after<br>line"
    assert description_plain(html) == "- one\n- two\n\nafter\nline"


def test_chapter_times_are_whole_seconds_rounded_down() -> None:
    marks = [Mark(0.3, 59.99, "In this edition"), Mark(59.99, 61, "A"), Mark(61, 70, "B  c")]
    assert chapter_lines(marks, 70) == ["00:00 In this edition", "00:59 A", "01:01 B c"]


def test_an_hour_long_episode_shows_hours() -> None:
    marks = [Mark(0, 1, "A"), Mark(1, 3723.5, "B"), Mark(3723.5, 3800, "C")]
    assert chapter_lines(marks, 3800) == ["0:00:00 A", "0:00:01 B", "1:02:03 C"]


def test_two_chapters_are_not_listed() -> None:
    assert chapter_lines([Mark(0, 1, "A"), Mark(1, 2, "B")], 2) == []


def _episode(description: str, marks: list[Mark]) -> EpisodeRecord:
    return EpisodeRecord("g", "T", description, "a.mp3", 1, marks[-1].end,
                         datetime(2026, 1, 1, tzinfo=UTC), chapter_marks=marks)  # fmt: skip


def test_the_times_follow_the_description() -> None:
    marks = [Mark(0.3, 20, "Intro"), Mark(20, 90, "Story"), Mark(90, 100, "Close")]
    episode = _episode("<p>Two &amp; two.</p>", marks)
    assert item_description(episode) == "Two & two.\n\n00:00 Intro\n00:20 Story\n01:30 Close"


def test_times_that_would_pass_apples_4000_bytes_are_left_to_the_other_chapter_lists() -> None:
    marks = [Mark(i * 60.0, i * 60.0 + 60, f"Story {i} " + "é" * 60) for i in range(40)]
    description = "<p>" + "News. " * 100 + "</p>"
    assert item_description(_episode(description, marks)) == "News. " * 99 + "News."
    assert "00:00 Story 0" in item_description(_episode(description, marks[:3]))


def test_podlove_times_are_normal_play_time_with_milliseconds() -> None:
    assert npt(0.3) == "00:00:00.300"
    assert npt(3723.4567) == "01:02:03.457"
