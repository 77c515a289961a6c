"""The sentence splitter: abbreviations, initials, quotes and ellipses."""

from __future__ import annotations

import pytest

from tts.text.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen. Elizabeth Warren, D-Mass., spoke. Then she left.", 2),
        ("Gov. Jim Justice and Dr. Ann Lee met on Jan. 6 in Charleston.", 1),
        ("He moved to the U.S. The next year he left.", 2),
        ("The U.S. Army base closed.", 1),
        ("John F. Kennedy airport was busy. Flights left late.", 2),
        ("No. 1 is here. He said no. Then he left.", 3),
        ("At 7:28 a.m. ET the plane left. It landed at noon.", 2),
        ("It sold for $4.5 billion. Shares rose 3.2 percent.", 2),
        ('"We won!" he said. "Now we rest."', 2),
        ('"Help!" She ran.', 2),
        ("I waited ... The door opened.", 2),
        ("I'm happy...because she came out.", 1),
        ("Red Bud, Ill., is buzzing. Sales are up.", 2),
        ("He lives on Old Moffat Rd. near the school.", 1),
        ("Acme Corp. The firm said no.", 2),
        ("Who knows? Nobody does.", 2),
    ],
)
def test_sentence_counts(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected, split_sentences(text)


def test_sentences_are_verbatim_and_cover_the_text() -> None:
    text = '  "Stop." He  stopped.  Then, at 5 p.m. Friday, it rained.  '
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        '"Stop."',
        "He  stopped.",
        "Then, at 5 p.m. Friday, it rained.",
    ]
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_empty_and_unpunctuated() -> None:
    assert split_sentences("") == []
    assert split_sentences("   ") == []
    assert split_sentences("no full stop here") == ["no full stop here"]


def test_a_long_text_splits_whole() -> None:
    """Its speed is measured by bench/text_quality.py (pysbd took 2.9 s on it)."""
    text = ("Sen. Ann Lee, D-Mass., said the U.S. plan works. It cost $4.5 billion! " * 700)[
        :51_000
    ]
    sentences = split_sentences(text)
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")
    assert sentences[0] == "Sen. Ann Lee, D-Mass., said the U.S. plan works."


def test_a_day_written_as_an_ordinal_before_its_month_does_not_end_a_sentence() -> None:
    text = "Die Sitzung am Freitag, dem 5. Mai 2023, dauerte lange. Ab dem 1. Juni gilt sie."
    assert split_sentences(text) == [
        "Die Sitzung am Freitag, dem 5. Mai 2023, dauerte lange.",
        "Ab dem 1. Juni gilt sie.",
    ]
    # An English sentence ending in a number still ends there.
    assert split_sentences("The vote was 5. May was calm.") == ["The vote was 5.", "May was calm."]
