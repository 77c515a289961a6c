"""The words talkingpaper adds: built-in intros and outros, or the show's own templates."""

from __future__ import annotations

import pytest

from tts.text.announce import Announcements, fill, template_fields, with_announcements
from tts.text.model import NARRATOR, Script, Segment

SCRIPT = Script(
    source="ferry.txt",
    title="Ferry returns",
    author="Lina Ortiz",
    outlet=None,
    published="2024-05-01",
    segments=[Segment("body", NARRATOR, "The ferry is back.", paragraph=1)],
)


def test_a_sentence_naming_a_missing_field_is_left_out() -> None:
    values = {"show": "Harbour Radio", "title": "Ferry returns", "outlet": "", "author": "Lina"}
    said = fill("{show}. {title}, from {outlet}. Read for you by {author}!", values)
    assert said == "Harbour Radio. Read for you by Lina!"
    assert template_fields("{a} and {b}.") == {"a", "b"}
    with pytest.raises(ValueError):
        template_fields("{unclosed")


def test_the_shows_own_intro_and_outro_are_said() -> None:
    own = Announcements(intro="Good morning. {title}. By {author}.", outro="Next: more {show}.")
    script = with_announcements(SCRIPT, "Harbour Radio", own=own)
    first, last = script.segments[0].text, script.segments[-1].text
    assert first == "Good morning. Ferry returns. By Lina Ortiz."
    assert last == "Next: more Harbour Radio."


def test_in_a_bulletin_a_story_ends_without_the_rights_notice() -> None:
    alone = with_announcements(SCRIPT, "Harbour Radio").segments[-1].text
    in_bulletin = with_announcements(SCRIPT, "Harbour Radio", story=(2, 3)).segments[-1].text
    assert "Copyright" in alone and "synthetic voices" in alone
    assert in_bulletin == "That was Ferry returns."
    assert (
        with_announcements(SCRIPT, "H", story=(2, 3)).segments[0].text.startswith("Story 2 of 3.")
    )


def test_an_editions_headlines_name_each_source_once_before_its_stories() -> None:
    from tts.text.announce import headline_list

    said = headline_list(
        ["Bridge vote delayed.", "Library opens late", "Ferry strike ends"],
        ["City Desk", "City Desk", "Harbour News."],
    )
    assert said == (
        "From City Desk: 1: Bridge vote delayed. 2: Library opens late. "
        "From Harbour News: 3: Ferry strike ends."
    )
    assert headline_list(["One", "Two"]) == "1: One. 2: Two."
