"""Subheads told from prose in an invented article's script: each parts two sections."""

from __future__ import annotations

from tts.text.model import Article
from tts.text.script.segments import script_article
from tts.text.subheads import subheads

LEAD = "The council met on Tuesday to vote on the bridge, after a year of hearings."
MORE = '"It was close," said Ana Ruiz, who chairs the council, as the count was read out.'
LAST = "Work will start in the spring and take about four months."


def _found(*paragraphs: str) -> list[str]:
    script = script_article(Article("test.txt", title="Town keeps its bridge",
                                    paragraphs=list(paragraphs)))  # fmt: skip
    return list(subheads(script).values())


def test_a_short_line_between_paragraphs_heads_a_section() -> None:
    found = _found(LEAD, "What the vote means", MORE, "What comes next", LAST)
    assert found == ["What the vote means", "What comes next"]


def test_a_sentence_however_short_is_prose() -> None:
    assert _found(LEAD, "It was close.", MORE, "And then:", LAST) == []


def test_a_subhead_may_hold_a_colon() -> None:
    assert _found(LEAD, "Next: the budget", MORE) == ["Next: the budget"]


def test_a_line_before_the_story_or_after_it_heads_nothing() -> None:
    assert _found("Breaking news", LEAD, MORE, "Share this story") == []


def test_a_run_of_short_lines_is_a_list_not_a_subhead() -> None:
    assert _found(LEAD, "Local", "World", "Sports", MORE) == []


def test_a_listicle_number_is_not_a_subhead() -> None:
    assert _found(LEAD, "2", MORE, "3", LAST) == []


def test_subheads_in_capitals_count() -> None:
    assert _found(LEAD, "WATCHDOG MEMO", MORE) == ["WATCHDOG MEMO"]
