"""script_article: segments, speakers and pauses; data-driven quote cases in tests/data/quotes/."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA, ROOT
from tts.text.model import NARRATOR, Article, Script, Segment
from tts.text.script.segments import PAUSES, script_article
from tts.text.script.speakers import is_label

DATA = DATA / "quotes"
DEMO = ROOT / "content" / "npr-freed-labor-activists.txt"
CASES = sorted(p.stem for p in DATA.glob("*.txt"))


def script_of(*paragraphs: str, title: str = "A Headline") -> Script:
    return script_article(Article(source="test", title=title, paragraphs=list(paragraphs)))


def body(script: Script) -> list[Segment]:
    return [s for s in script.segments if s.paragraph > 0]


def quote_starting(script: Script, start: str) -> Segment:
    found = [s for s in script.segments if s.kind == "quote" and s.text.startswith(start)]
    assert found, f"no quote segment starts with {start!r}: {[s.text for s in body(script)]}"
    return found[0]


@pytest.mark.parametrize("name", CASES)
def test_quote_cases(name: str) -> None:
    paragraphs = [p for p in (DATA / f"{name}.txt").read_text("utf-8").split("\n\n") if p.strip()]
    expected = json.loads((DATA / f"{name}.expected.json").read_text("utf-8"))
    script = script_of(*paragraphs)
    for quote in expected.get("quotes", []):
        assert quote_starting(script, quote["starts"]).speaker == quote["speaker"], quote
    quotes = [s for s in script.segments if s.kind == "quote"]
    if not expected.get("quotes"):
        assert quotes == []
    for phrase in expected.get("narration", []):
        holders = [s for s in body(script) if phrase in s.text]
        assert holders and all(s.speaker == NARRATOR for s in holders), phrase
    for name_, want in expected.get("speakers", {}).items():
        speaker = script.speakers[name_]
        for alias in want.get("aliases", []):
            assert alias in speaker.aliases
        if "gender" in want:
            assert speaker.gender == want["gender"]


def test_headline_caption_and_paragraph_numbers() -> None:
    article = Article(
        source="t",
        title="Flood Closes Bridge",
        image_caption="The bridge at dawn.",
        paragraphs=["Flood Closes Bridge", "The river rose. It rose fast.", "Then it fell."],
    )
    script = script_article(article)
    kinds = [(s.kind, s.paragraph) for s in script.segments]
    assert kinds == [
        ("headline", 0),
        ("announcement", 0),
        ("caption", 0),
        ("body", 2),
        ("body", 2),
        ("body", 3),
    ]
    assert script.segments[1].text == "Photo caption:"
    assert all(s.speaker == NARRATOR for s in script.segments)
    quiet = script_article(article, announce_caption=False)
    assert [s.kind for s in quiet.segments][:2] == ["headline", "caption"]


def test_pauses_between_sentences_turns_and_paragraphs() -> None:
    script = script_of('"We won," said Ann Lee. "It was hard." She smiled.', "Next.")
    segs = body(script)
    assert [s.text for s in segs] == [
        "We won,",
        "said Ann Lee.",
        "It was hard.",
        "She smiled.",
        "Next.",
    ]
    assert [s.pause_after for s in segs] == [
        PAUSES["turn"],
        PAUSES["sentence"],
        PAUSES["sentence"],
        PAUSES["paragraph"],
        PAUSES["paragraph"],
    ]
    assert script.segments[0].pause_after == PAUSES["headline"]


def test_speakers_have_aliases_gender_and_no_voice() -> None:
    script = script_of(
        "Eli Friedman teaches at Cornell.",
        '"Students pose a threat," Friedman said. "The state knows it," he added.',
        '"Ask Mrs. Ann Cho," said Mr. Ben Ode.',
    )
    assert quote_starting(script, "Students").speaker == "Eli Friedman"
    assert quote_starting(script, "The state").speaker == "Eli Friedman"
    friedman = script.speakers["Eli Friedman"]
    assert "Friedman" in friedman.aliases and friedman.gender == "male"
    assert script.speakers["Ben Ode"].gender == "male"
    assert NARRATOR not in script.speakers
    assert all(s.voice is None for s in script.speakers.values())


def test_text_is_verbatim_without_delimiting_marks() -> None:
    script = script_of(
        "“Especially given that [Chinese leader] Xi Jinping has spoken,” said Eli Wu."
    )
    quote = quote_starting(script, "Especially")
    assert quote.text == "Especially given that [Chinese leader] Xi Jinping has spoken,"
    assert body(script)[1].text == "said Eli Wu."


def test_unattributed_quote_without_context_stays_with_narrator() -> None:
    script = script_of('"Nobody knows," the sign said nothing.', '"Who said this?"')
    assert all(s.speaker == NARRATOR or s.speaker for s in body(script))
    assert "".join(s.text for s in body(script)).count("Who said this?") == 1


def test_every_segment_speaker_is_narrator_or_a_speaker_key() -> None:
    script = script_of('"A," said Bo Li. "B," she said.', "\"C,\" the note said. 'D,' he said.")
    for seg in script.segments:
        assert seg.speaker == NARRATOR or seg.speaker in script.speakers


def test_demo_article_is_voiced() -> None:
    """Its speed is measured by bench/text_quality.py, not asserted here."""
    from tts.text.clean.article import clean_article
    from tts.text.read.article import read_article

    script = script_article(clean_article(read_article(DEMO)))
    speakers = {s.speaker for s in script.segments if s.kind == "quote"}
    assert "Eli Friedman" in speakers
    assert "an acquaintance of one of the activists" in speakers
    assert script.speakers["the former activist"].aliases == []  # a description has no surname


@pytest.mark.parametrize("name", CASES)
def test_every_speaker_label_is_a_name_or_description(name: str) -> None:
    """No label is a piece of the sentence around the name (`Ryan filed this`, `The`)."""
    paragraphs = [p for p in (DATA / f"{name}.txt").read_text("utf-8").split("\n\n") if p.strip()]
    labels = {s.speaker for s in script_of(*paragraphs).segments if s.speaker != NARRATOR}
    assert all(is_label(label) for label in labels), labels


@pytest.mark.parametrize(
    ("label", "ok"),
    [
        ("Ryan filed this", False),
        ("reads a Tuesday Facebook", False),
        ("The", False),
        ("U.S", False),
        ("Americans. He", False),
        ("Christie blamed Clinton for introducing", False),
        ("Sunday to", False),
        ("Informed of the district's lean", False),
        ("Sen. Tim Kaine", True),
        ("G.K. Lee", True),
        ("the letter", True),
        ("The Associated Press", True),
    ],
)
def test_label_rule(label: str, ok: bool) -> None:
    assert is_label(label) is ok
