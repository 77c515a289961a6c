"""The book's text laid out from its sentences, without audio: blocks, headings, languages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from feeds.epub_model import Book, Sentence, Story
from feeds.epub_smil import clock
from feeds.epub_text import blocks, documents

NS = {"x": "http://www.w3.org/1999/xhtml"}


def _said(
    text: str, kind: str = "body", paragraph: int = 1, speaker: str | None = None
) -> Sentence:
    return Sentence(text, 0.0, 1.0, kind, speaker, paragraph)


def _book(*stories: Story, edition: bool = False) -> Book:
    return Book("6f1c0a9e-0000-4000-8000-000000000001", "Evening edition", "Harbour Radio", "en",
                datetime(2026, 3, 4, 12, tzinfo=UTC), Path("episode.mp3"), list(stories),
                edition=edition, opening=[_said("Evening edition. 2 stories.", "announcement", 0)]
                if edition else [])  # fmt: skip


def test_the_intro_the_photo_caption_and_each_paragraph_are_blocks_of_their_own() -> None:
    sentences = [
        _said("Harbour Radio. Ferry back. By Mara Quinlan.", "announcement", 0),
        _said("Photo caption:", "announcement", 0),
        _said("The ferry at the pier.", "caption", 0),
        _said("The ferry sailed again.", "body", 1),
        _said("We missed the horn,", "quote", 1, "Tomas Reyes"),
        _said("said Tomas Reyes.", "body", 1),
        _said("It carried thirty people.", "body", 2),
        _said("That was Ferry back.", "announcement", 3),
    ]
    assert blocks(sentences) == [
        ("announcement", [0]),
        ("caption", [1, 2]),
        ("text", [3, 4, 5]),
        ("text", [6]),
        ("announcement", [7]),
    ]


def test_a_subhead_is_a_heading_under_its_article_holding_its_sentence() -> None:
    story = Story("Ferry back", [_said("The ferry sailed."), _said("What next", "subhead", 2),
                                 _said("Repairs go on.", "body", 3)])  # fmt: skip
    (doc,), _ = documents(_book(story))
    page = etree.fromstring(doc.xhtml)
    headings = page.xpath("//x:h1|//x:h2", namespaces=NS)
    assert [(h.tag.split("}")[1], "".join(h.itertext())) for h in headings] == [
        ("h1", "Ferry back"),
        ("h2", "What next"),
    ]
    assert headings[1][0].get("id") == doc.sentences[1][0]  # spoken, so in the overlay


def test_a_story_in_another_language_is_marked_so_a_screen_reader_switches_voice() -> None:
    french = Story("Le bac revient", [_said("Le bac a repris la mer.")], language="fr")
    english = Story("Ferry back", [_said("The ferry sailed again.")])
    docs, toc = documents(_book(english, french, edition=True))
    languages = [etree.fromstring(d.xhtml).get("lang") for d in docs]
    assert languages == ["en", "en", "fr"]
    assert [e.label for e in toc[0].children] == ["Ferry back", "Le bac revient"]


def test_clock_values_are_full_smil_clocks_to_the_millisecond() -> None:
    assert clock(0.3) == "0:00:00.300"
    assert clock(3725.0004) == "1:02:05.000"
    assert clock(8.7609977) == "0:00:08.761"
