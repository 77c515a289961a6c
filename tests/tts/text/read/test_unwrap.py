"""A text article wrapped at a fixed width is read as whole paragraphs, and nothing laid out
by hand is joined. Every text here is invented."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from tts.text.pipeline import script_from_source
from tts.text.read.unwrap import unwrap

PARAGRAPHS = [
    "The harbour board voted on Thursday to close the old ferry pier for repairs, after "
    "divers found that two of its wooden piles had rotted through below the waterline.",
    "What happens to the morning boats",
    "The first ferry of the day will leave from the fish market steps until the work is "
    "done, which the board expects to take most of the winter.",
    '"We would rather lose a season than a pier," said Ines Okafor, who chairs the board. '
    "She said the repairs would cost about half of what a new pier would.",
]


def _wrapped(width: int) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in PARAGRAPHS) + "\n"


def test_paragraphs_wrapped_at_any_usual_width_are_joined_back() -> None:
    for width in (60, 66, 72, 76, 80):
        lines = _wrapped(width).split("\n")[:-1]
        assert [line for line in unwrap(lines) if line] == PARAGRAPHS, width


def test_a_wrapped_article_is_spoken_whole(tmp_path: Path) -> None:
    """Before, cleaning took most of the short lines for page furniture and cut them."""
    article = tmp_path / "pier.txt"
    article.write_text("---\ntitle: Ferry pier closes\n---\n\n" + _wrapped(70), encoding="utf-8")
    script = script_from_source(article)
    said = " ".join(re.findall(r"[\w']+", " ".join(s.text for s in script.segments)))
    for paragraph in PARAGRAPHS:  # every word, in order (a quote is voiced apart)
        assert " ".join(re.findall(r"[\w']+", paragraph)) in said, paragraph


def test_a_headline_over_its_deck_stays_two_lines() -> None:
    lines = [
        "Harbour board closes the old ferry pier for the winter; ",
        "Divers found rotten piles below the waterline of it.",
    ]
    assert unwrap(lines) == lines


def test_a_two_line_paragraph_broken_inside_a_sentence_is_joined() -> None:
    lines = [
        "The harbour board voted on Thursday to close the old ferry",
        "pier for repairs.",
    ]
    assert unwrap(lines) == [
        "The harbour board voted on Thursday to close the old ferry pier for repairs."
    ]


def test_lines_laid_out_by_hand_are_kept() -> None:
    table = [
        "  Pos.  Boat                 Crossings   Late   Cancelled",
        "  1     Morning Star         1204        12     3",
        "  2     Harbour Queen        1187        30     9",
    ]
    menu = ["Home", "News", "Sport", "Weather"]
    items = [
        "- The first ferry of the day will leave from the fish market steps",
        "- The last ferry of the day will leave from the old pier as before.",
        "- Tickets bought for the pier can be used at the market steps too.",
    ]
    links = [
        "Read more about the harbour board's plans for the pier and the market",
        "https://example.org/harbour/pier-repairs-winter-timetable-2026",
    ]
    one_a_line = [PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3]]
    for block in (table, menu, items, links, one_a_line):
        assert unwrap(block) == block


def test_blank_lines_and_their_places_are_kept() -> None:
    lines = ["", "Short line.", "", "", "Another short line.", ""]
    assert unwrap(lines) == lines
