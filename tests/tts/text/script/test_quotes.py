"""The quote tokenizer and attribution patterns; a property test that nothing raises or is lost."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tts.text.model import Article
from tts.text.script.attribution import attribution_after, attribution_before
from tts.text.script.quotes import find_quote_spans, opens_with_quote, top_level
from tts.text.script.segments import script_article
from tts.text.script.speaker_book import SpeakerBook, find_mentions
from tts.text.script.speakers import SpeakerRef, parse_subject


def inner_texts(text: str) -> list[tuple[str, int, bool]]:
    spans, _ = find_quote_spans(text)
    return [(s.inner(text), s.depth, s.closed) for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" twice.', [("yes", 0, True)]),
        ("He said “yes” twice.", [("yes", 0, True)]),
        ("He said 'yes' twice.", [("yes", 0, True)]),
        ("The workers' union met in the '90s.", []),
        ("They played rock 'n' roll all night.", []),
        ("Don't tell La'Tecea it's Sanders’ car.", []),
        (
            "“On the paper it said, ‘Look inside,'” he told WMUR.",
            [("On the paper it said, ‘Look inside,'", 0, True), ("Look inside,", 1, True)],
        ),
        ('under " residential surveillance" here', [(" residential surveillance", 0, True)]),
        (
            '"Especially given that [Chinese leader] Xi said so," he said.',
            [("Especially given that [Chinese leader] Xi said so,", 0, True)],
        ),
    ],
)
def test_marks_pair_up(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert inner_texts(text) == expected


def test_misordered_closing_marks_close_both() -> None:
    text = """"As I'm crawling, I say, 'Honey, I see daylight,"' Beck said."""
    spans, orphans = find_quote_spans(text)
    outer = top_level(spans)
    assert [s.inner(text) for s in outer] == ["As I'm crawling, I say, 'Honey, I see daylight,"]
    assert orphans == []


def test_opener_never_closed_is_repaired_at_the_attribution() -> None:
    text = """"I heard 'pow, pow,' said Ellen Marsh, a neighbor. "Then sirens.\""""
    outer = top_level(find_quote_spans(text)[0])
    assert [(s.inner(text), s.repaired) for s in outer] == [
        ("I heard 'pow, pow,'", True),
        ("Then sirens.", False),
    ]


def test_quote_open_at_paragraph_end_is_reported_unclosed() -> None:
    text = 'He wrote: "We start again tomorrow.'
    (span,) = find_quote_spans(text)[0]
    assert not span.closed and span.inner(text) == "We start again tomorrow."
    assert opens_with_quote('"And again the day after."')
    assert not opens_with_quote("And 'so' on.")


def test_closing_mark_without_opener_is_an_orphan() -> None:
    text = 'He stopped. It was over," the paper said.'
    spans, orphans = find_quote_spans(text)
    assert spans == [] and orphans == [text.index('"')]


@pytest.mark.parametrize(
    ("after", "rule", "speaker"),
    [
        (" said Eli Friedman, an expert on labor.", "verb-first", "Eli Friedman"),
        (" said firefighter Clay Williamson.", "verb-first", "Clay Williamson"),
        (" said one neighbor.", "verb-first", "one neighbor"),
        (
            " said an acquaintance of one of the activists who has a job.",
            "verb-first",
            "an acquaintance of one of the activists",
        ),
        (" he says.", "subject-first", "he"),
        (" the report says.", "subject-first", "the report"),
        (" Sanders, a former football player, said.", "subject-first", "Sanders"),
        (" Sanders’ mother, Nicole, stated.", "subject-first", "Nicole"),
        (
            " Reedsville High School Football Coach Aaron Fredrick said.",
            "subject-first",
            "Aaron Fredrick",
        ),
        (" The Wichita Eagle reports.", "subject-first", "The Wichita Eagle"),
        (" according to police.", "according-to", "police"),
    ],
)
def test_attribution_after(after: str, rule: str, speaker: str) -> None:
    found = attribution_after(after)
    assert found is not None and found[0] == rule and found[1].text == speaker


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        ("According to Hostess CEO Gregory Rayburn, ", "Gregory Rayburn"),
        ("Buell said, ", "Buell"),
        ("From St. Louis, KSDK-TV says ", "KSDK-TV"),
        ("NBC News reports that ", "NBC News"),
        ("CBS News says it has been told by a federal official that ", "a federal official"),
        ("According to a friend, officials told the activist ", "officials"),
        ("Inside was a note that said, ", "the note"),
        ("As the zoo reminds us: ", "the zoo"),
        ("Friedman explains the union work highlighted deficiencies: ", "Friedman"),
        ("The company said in a statement: ", "The company"),
    ],
)
def test_attribution_before(before: str, speaker: str) -> None:
    found = attribution_before(before)
    assert found is not None and found[1].text == speaker


@pytest.mark.parametrize(
    "before",
    ["The governor called the plan ", "there was ", "they described as ", "a flight attendant "],
)
def test_no_attribution_before_a_phrase(before: str) -> None:
    assert attribution_before(before) is None


def test_parse_subject_titles_gender_and_documents() -> None:
    assert parse_subject("Mrs. Ann Lee") == SpeakerRef("name", "Ann Lee", "female")
    assert parse_subject("Sheriff Bill Pribl").text == "Bill Pribl"
    assert parse_subject("Gov. Jim Justice, (D) West Virginia").text == "Jim Justice"
    assert parse_subject("a letter").text == "the letter"
    assert parse_subject("they're").kind == "pronoun"


def test_surnames_resolve_and_shared_surnames_stay_apart() -> None:
    book = SpeakerBook()
    book.add_mentions(
        find_mentions("Eli Friedman teaches. Stefon Gee and then Shania Gee came.", 0)
    )
    assert book.resolve(SpeakerRef("name", "Friedman"), 100) == "Eli Friedman"
    assert book.resolve(SpeakerRef("name", "Stefon Gee"), 100) == "Stefon Gee"
    assert book.resolve(SpeakerRef("name", "Shania Gee"), 101) == "Shania Gee"
    assert book.resolve(SpeakerRef("name", "Gee"), 102) == "Shania Gee"  # the most recent Gee
    assert "Gee" not in book.finished_speakers()["Shania Gee"].aliases  # ambiguous


def test_pronouns_skip_places_organisations_and_the_other_gender() -> None:
    book = SpeakerBook()
    text = "Bill Isles of Wichita bought a Mega Millions ticket. The Wichita Eagle wrote it up."
    book.add_mentions(find_mentions(text, 0))
    assert book.resolve(SpeakerRef("pronoun", "he", "male"), len(text)) == "Bill Isles"
    assert book.resolve(SpeakerRef("pronoun", "they"), len(text)) == "Wichita Eagle"


WORDS = re.compile(r"\w+")
MARKS = st.sampled_from(list("\"“”‘’'«»„[]()—…., ;:!?-\n") + ["said", "he said", "Mr.", "U.S."])
TEXT = st.lists(st.one_of(MARKS, st.text(min_size=1, max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_random_text_never_raises_and_loses_no_word(paragraphs: list[str]) -> None:
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    script = script_article(Article(source="p", title=None, paragraphs=paragraphs))
    spoken = " ".join(s.text for s in script.segments)
    for paragraph in paragraphs:
        for word in WORDS.findall(paragraph):
            assert word in spoken, (word, paragraph, [s.text for s in script.segments])
    for seg in script.segments:
        assert seg.speaker == "narrator" or seg.speaker in script.speakers


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_tokenizer_spans_stay_inside_the_text(text: str) -> None:
    spans, orphans = find_quote_spans(text)
    for span in spans:
        assert 0 <= span.start <= span.inner_start <= span.inner_end <= span.end <= len(text)
    assert all(0 <= i < len(text) for i in orphans)
