"""The read-along book beside every episode (SLUG.epub): valid for the W3C's epubcheck, laid
out as the edition is (edition, source, article), every quote's speaker named, the cover and
the accessibility metadata a reading system shows, and linked from the feed and the page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from tests.feeds.epub_reading import NS, epubcheck, open_book

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]
PODCAST = "https://podcastindex.org/namespace/1.0"


def _book(show: Path) -> Path:
    (book,) = (show / "output" / "episodes").glob("*.epub")
    return book


@pytest.mark.epubcheck
@pytest.mark.parametrize("name", ["demo_show", "edition_show"])
def test_epubcheck_reports_no_error_and_no_warning(name: str, request: pytest.FixtureRequest):
    result = epubcheck(_book(request.getfixturevalue(name)))
    summary = re.search(r"Messages: .*", result.stdout)
    assert summary and summary.group() == "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos", (
        result.stdout + result.stderr
    )
    assert result.returncode == 0


def _headings(document: etree._Element) -> list[tuple[str, str]]:
    found = document.xpath("//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6", namespaces=NS)
    return [(etree.QName(h).localname, "".join(h.itertext())) for h in found]


def test_an_edition_reads_edition_then_source_then_article(edition_show: Path) -> None:
    book = open_book(_book(edition_show))
    headings = [h for _, document in book.documents() for h in _headings(document)]
    assert headings == [
        ("h1", "Evening edition"),
        ("h2", "Harbour Gazette"),
        ("h3", "Market hall reopens with a roof of glass"),
        ("h3", "Night bus to the valley runs all winter"),
        ("h2", "Valley Radio"),
        ("h3", "River choir sings at the old mill"),
    ]
    nav = next(i for i in book.items().values() if "nav" in (i.get("properties") or "").split())
    toc = book.xml(book.path(nav.get("href"))).find(".//x:nav[@epub:type='toc']", NS)

    def outline(ol: etree._Element) -> list[object]:
        return [
            (li.find("x:a", NS).text, outline(li.find("x:ol", NS)))
            if li.find("x:ol", NS) is not None
            else li.find("x:a", NS).text
            for li in ol.findall("x:li", NS)
        ]

    assert outline(toc.find("x:ol", NS)) == [
        ("Evening edition", [
            ("Harbour Gazette", ["Market hall reopens with a roof of glass",
                                 "Night bus to the valley runs all winter"]),
            ("Valley Radio", ["River choir sings at the old mill"]),
        ])
    ]  # fmt: skip


def test_each_quote_names_its_speaker_to_a_screen_reader(edition_show: Path) -> None:
    book = open_book(_book(edition_show))
    quotes = [
        (clip.element, clip.text)
        for _, clips in book.overlays()
        for clip in clips
        if clip.element.find("x:q", NS) is not None
    ]
    assert [text for _, text in quotes] == [
        "We kept every iron beam the builders of 1890 left us,",
        "Nurses on the late shift asked for it first,",
        "The stone walls carry every voice,",
    ]
    labels = [element.getprevious() for element, _ in quotes]
    assert ["".join(label.itertext()) for label in labels] == [
        "Paulo Brandt: ",
        "Ruth Adeyemi: ",
        "Mia Laurent: ",
    ]
    # Hidden from the eye only: no aria-hidden, and the style sheet clips it (not display:none).
    assert all(label.get("class") == "speaker" and label.get("aria-hidden") is None
               for label in labels)  # fmt: skip
    css = book.archive.read(book.path("style.css")).decode()
    rule = re.search(r"\.speaker\s*\{([^}]*)\}", css)
    assert rule and "clip:" in rule.group(1) and "display" not in rule.group(1)


def test_language_cover_durations_and_accessibility_are_declared(demo_show: Path) -> None:
    book = open_book(_book(demo_show))
    assert [e.text for e in book.package.findall(".//dc:language", NS)] == ["en"]
    for _, document in book.documents():
        assert document.get("lang") == "en"
    (cover,) = [i for i in book.items().values() if i.get("properties") == "cover-image"]
    shown = book.archive.read(book.path(cover.get("href")))
    assert shown == (demo_show / "output" / "cover.jpg").read_bytes()
    assert book.meta("schema:accessMode") == ["textual", "auditory"]
    assert set(book.meta("schema:accessibilityFeature")) >= {
        "synchronizedAudioText", "tableOfContents", "readingOrder", "structuralNavigation"
    }  # fmt: skip
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert "synchronised" in book.meta("schema:accessibilitySummary")[0]
    assert book.meta("media:duration")  # the total; each overlay's: tests/feeds/test_epub_sync
    # The audio the overlays play is the episode's own MP3, carried whole.
    (audio,) = [i for i in book.items().values() if i.get("media-type") == "audio/mpeg"]
    (mp3,) = (demo_show / "output" / "episodes").glob("*.mp3")
    assert book.archive.read(book.path(audio.get("href"))) == mp3.read_bytes()


def test_the_feed_and_the_page_link_the_book(edition_show: Path) -> None:
    output = edition_show / "output"
    book = _book(edition_show)
    feed = etree.parse(str(output / "feed.xml"))
    (alternate,) = feed.iterfind(f".//{{{PODCAST}}}alternateEnclosure")
    assert alternate.get("type") == "application/epub+zip"
    assert int(alternate.get("length")) == book.stat().st_size
    (source,) = alternate.iterfind(f"{{{PODCAST}}}source")
    assert unquote(urlsplit(source.get("uri")).path) == f"/episodes/{book.name}"
    page = html.parse(str(book.with_suffix(".html"))).getroot()
    (link,) = [a for a in page.iter("a") if "Read along" in a.text_content()]
    assert link.text_content().startswith("Read along (EPUB 3 with synchronised audio)")
    assert unquote(urlsplit(link.get("href")).path) == f"../episodes/{book.name}"
