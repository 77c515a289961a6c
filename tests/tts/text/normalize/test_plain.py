"""The spoken form is words only: an article cannot hand an engine phonemes, tags or control
codes, and a text with nothing to say has an empty spoken form (the build skips it)."""

from __future__ import annotations

import pytest

from tts.prepare import Reading, speak_script, spoken_form
from tts.text.lexicon import Lexicon
from tts.text.model import Script, Segment
from tts.text.normalize import normalize

ESPEAK = Reading("Harbour Hour", "espeak-ng", "gmw/en-us")
MARKS = set("[]<>")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # Editors' brackets, however deep, are not espeak's [[phonemes]].
        ("The skipper [[[Tom Park]]] left early.", "The skipper Tom Park left early."),
        ("She called it [[h@l'oU]] twice.", "She called it h at l'oU twice."),
        ("The pier [sic] closed.", "The pier closed."),
        ("The board [that is, its chair] agreed.", "The board that is, its chair agreed."),
        # Tags pasted into a story are not words, and not SSML either.
        ("Crews <speak>worked</speak> all night.", "Crews worked all night."),
        ('Wait <break time="10s"/> for the ferry.', "Wait for the ferry."),
        ("The page said &lt;speak&gt;hello&lt;/speak&gt; twice.", "The page said hello twice."),
        ("Fish &amp; chips cost more.", "Fish and chips cost more."),
        ("Tides <!-- a comment --> rose.", "Tides rose."),
        # A comparison sign before a number is said.
        ("Winds > 40 knots closed the port.", "Winds greater than forty knots closed the port."),
        ("Fares <= 3 dollars stay.", "Fares less than or equal to three dollars stay."),
        # Control codes (espeak's embedded commands start with one) are not read.
        ("The ferry\x01 20S left.", "The ferry twenty S left."),
        # A byte the file's encoding could not read is not a sound.
        ("It\ufffds late.", "Its late."),
    ],
)
def test_article_markup_is_spoken_as_text_or_dropped(written: str, said: str) -> None:
    assert normalize(written) == said


@pytest.mark.parametrize(
    "written", ["[" * 5000, "]]]]", "(((( ))))", "!?" * 50, "...", "— — —", '"""', "<><><>", "\x07"]
)
def test_a_text_of_marks_only_has_nothing_to_say(written: str) -> None:
    assert normalize(written) == ""
    assert spoken_form(written, ESPEAK) == ""


def test_only_the_lexicon_gives_phonemes() -> None:
    lexicon = Lexicon.from_entries({"Nguyen": "Win", "Xi": "[[S'i:]]"})
    reading = Reading("Harbour Hour", "espeak-ng", "gmw/en-us", lexicon=lexicon)
    said = spoken_form("Xi met [[Nguyen]] and [[[x]]] at the pier.", reading)
    assert said == "[[S'i:]] met Win and x at the pier."
    piper = Reading("Harbour Hour", "piper", "en_US-joe-medium", lexicon=lexicon)
    assert spoken_form("Xi met [[Nguyen]].", piper) == "Xi met Win."


def test_a_segment_with_nothing_to_say_is_left_blank_and_the_rest_spoken() -> None:
    segments = [
        Segment("body", "narrator", "The ferry left at dawn.", paragraph=1),
        Segment("body", "narrator", "[" * 5000, paragraph=2),
        Segment("quote", "Ann Lee", "!?!?!?", paragraph=3),
        Segment("body", "narrator", "It came back <b>late</b>.", paragraph=4),
    ]
    spoken = [s.spoken for s in speak_script(Script("x.txt", segments=segments), ESPEAK).segments]
    assert spoken == ["The ferry left at dawn.", "", "", "It came back late."]
    assert not [s for s in spoken if MARKS & set(s)]
