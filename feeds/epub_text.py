"""The text of an episode's book: one XHTML document per article (and a bulletin's opening),
every spoken sentence an element with an id for the audio overlay, and the navigation document.

Headings follow the edition: the edition's name, then the source (when the bulletin groups its
stories by source), then the headline, then the article's own subheads. A quote names its
speaker in a visually hidden label just before it: every screen reader and a reading system's
own read-aloud speak plain text, while a `title` attribute on a span is not announced by most
of them and a `data-` attribute by none; the label stays outside the sentence's element, so the
sentence is exactly the words the audio speaks, and a reading system that ignores the style
sheet shows "Name:" before the quote, which reads well too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from feeds.epub_model import Book, Sentence, Story

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STYLE = "style.css"
ACTIVE_CLASS = "-epub-media-overlay-active"  # the package's media:active-class
CSS = f"""body {{ font-family: serif; line-height: 1.5; margin: 0 5%; }}
h1, h2, h3, h4, h5 {{ font-family: sans-serif; line-height: 1.25; }}
.announcement {{ font-style: italic; }}
.caption {{ font-size: 0.9em; border-left: 0.2em solid #767676; padding-left: 0.6em; }}
.{ACTIVE_CLASS} {{ background-color: #ffe680; color: #000; }}
.speaker {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
"""


@dataclass
class TocEntry:
    label: str
    href: str  # relative to the package document
    children: list[TocEntry] = field(default_factory=list)


@dataclass
class Document:
    """One XHTML file of the book, and the sentences it holds in reading order."""

    name: str  # path in the package, e.g. "text/story-1.xhtml"
    title: str
    language: str
    xhtml: bytes
    sentences: list[tuple[str, Sentence]]  # (element id, sentence)


def _tag(name: str) -> str:
    return f"{{{XHTML_NS}}}{name}"


def _page(title: str, language: str) -> tuple[etree._Element, etree._Element]:
    html = etree.Element(_tag("html"), nsmap={None: XHTML_NS, "epub": EPUB_NS})
    html.set("lang", language)
    html.set(XML_LANG, language)
    head = etree.SubElement(html, _tag("head"))
    etree.SubElement(head, _tag("meta"), charset="utf-8")
    etree.SubElement(head, _tag("title")).text = title
    etree.SubElement(head, _tag("link"), rel="stylesheet", type="text/css", href=f"../{STYLE}")
    # One main landmark holding everything: a screen reader's "next region" finds the text.
    return html, etree.SubElement(etree.SubElement(html, _tag("body")), _tag("main"))


def _serialise(html: etree._Element) -> bytes:
    body = etree.tostring(html, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + body + b"\n"


def _text(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _tag(tag), **attrs)
    element.text = text
    return element


def family(sentences: Sequence[Sentence], i: int) -> str:
    """What kind of block sentence `i` belongs in: a heading, an announcement of the show's
    own, a caption (with the announcement that introduces it) or the article's text."""
    kind = sentences[i].kind
    if kind == "subhead":
        return "subhead"
    if kind == "caption":
        return "caption"
    if kind == "announcement":
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        caption = after is not None and after.kind == "caption"
        same = caption and after is not None and after.paragraph == sentences[i].paragraph
        return "caption" if same else "announcement"
    return "text"


def blocks(sentences: Sequence[Sentence]) -> list[tuple[str, list[int]]]:
    """The sentences' indexes grouped into blocks: a new block at each new paragraph, and
    where the kind of block changes (a story's intro is not part of its photo caption)."""
    grouped: list[tuple[str, list[int]]] = []
    for i, sentence in enumerate(sentences):
        kind = family(sentences, i)
        previous = sentences[i - 1] if i else None
        if (
            not grouped
            or kind == "subhead"
            or grouped[-1][0] != kind
            or (previous is not None and previous.paragraph != sentence.paragraph)
        ):
            grouped.append((kind, [i]))
        else:
            grouped[-1][1].append(i)
    return grouped


def _sentence(parent: etree._Element, ident: str, sentence: Sentence) -> None:
    if sentence.speaker:
        _text(parent, "span", f"{sentence.speaker}: ", **{"class": "speaker"})
    span = etree.SubElement(parent, _tag("span"), id=ident)
    if sentence.speaker:
        span.set("class", "quote")
        span.set("data-speaker", sentence.speaker)
    if sentence.kind == "quote":
        _text(span, "q", sentence.text)
    else:
        span.text = sentence.text
    span.tail = " "


def _story_body(
    section: etree._Element, sentences: Sequence[Sentence], ids: Sequence[str], level: int
) -> None:
    for kind, indexes in blocks(sentences):
        if kind == "subhead":
            parent = etree.SubElement(section, _tag(f"h{min(level + 1, 6)}"))
        else:
            parent = etree.SubElement(section, _tag("p"))
            if kind != "text":
                parent.set("class", kind)
        for i in indexes:
            _sentence(parent, ids[i], sentences[i])
        last = parent[-1] if len(parent) else None
        if last is not None:
            last.tail = None


class _Ids:
    """Sentence ids unique in the whole book (s1, s2, ...), in reading order."""

    def __init__(self) -> None:
        self.count = 0

    def take(self, n: int) -> list[str]:
        first = self.count + 1
        self.count += n
        return [f"s{k}" for k in range(first, self.count + 1)]


def _story_document(
    book: Book, story: Story, number: int, ids: _Ids, source_heading: str | None, grouped: bool,
    closing: Sequence[Sentence] = (),
) -> Document:  # fmt: skip
    """One article's document; the last of a bulletin also holds the bulletin's outro."""
    language = story.language or book.language
    html, body = _page(story.headline, language)
    section = etree.SubElement(body, _tag("section"), id=f"story-{number}")
    section.set(f"{{{EPUB_NS}}}type", "chapter")
    section.set("role", "doc-chapter")
    section.set("aria-labelledby", f"h-story-{number}")
    level = 1 if not book.edition else (3 if grouped else 2)
    if source_heading:
        _text(section, "h2", source_heading, id=f"source-{number}")
    _text(section, f"h{level}", story.headline, id=f"h-story-{number}")
    sentences = [*story.sentences, *closing]
    names = ids.take(len(sentences))
    _story_body(section, story.sentences, names, level)
    if closing:  # the edition's, not the article's: after its section
        _story_body(body, closing, names[len(story.sentences) :], level)
    name = f"text/story-{number}.xhtml"
    pairs = list(zip(names, sentences, strict=True))
    return Document(name, story.headline, language, _serialise(html), pairs)


def _opening_document(book: Book, ids: _Ids) -> Document:
    html, body = _page(book.title, book.language)
    section = etree.SubElement(body, _tag("section"), id="edition")
    section.set("aria-labelledby", "h-edition")
    _text(section, "h1", book.title, id="h-edition")
    names = ids.take(len(book.opening))
    _story_body(section, book.opening, names, 1)
    pairs = list(zip(names, book.opening, strict=True))
    return Document("text/edition.xhtml", book.title, book.language, _serialise(html), pairs)


def documents(book: Book) -> tuple[list[Document], list[TocEntry]]:
    """The book's XHTML documents in reading order, and its table of contents."""
    ids = _Ids()
    grouped = book.edition and any(story.source for story in book.stories)
    docs: list[Document] = []
    toc: list[TocEntry] = []
    if book.edition:
        docs.append(_opening_document(book, ids))
        toc.append(TocEntry(book.title, docs[0].name))
    entries = toc[0].children if book.edition else toc
    previous: str | None = None
    for number, story in enumerate(book.stories, start=1):
        source = story.source if grouped and story.source != previous else None
        previous = story.source
        last = number == len(book.stories)
        doc = _story_document(book, story, number, ids, source, grouped,
                              book.closing if last else ())  # fmt: skip
        docs.append(doc)
        if source:
            entries.append(TocEntry(source, f"{doc.name}#source-{number}"))
        target = entries[-1].children if grouped and entries and story.source else entries
        # At the headline: a source's heading comes before it, and the table of contents
        # must follow the reading order.
        target.append(TocEntry(story.headline, f"{doc.name}#h-story-{number}"))
    return docs, toc


def _toc_list(parent: etree._Element, entries: Sequence[TocEntry]) -> None:
    ol = etree.SubElement(parent, _tag("ol"))
    for entry in entries:
        li = etree.SubElement(ol, _tag("li"))
        _text(li, "a", entry.label, href=entry.href)
        if entry.children:
            _toc_list(li, entry.children)


def _flat(entries: Sequence[TocEntry]) -> Iterator[TocEntry]:
    for entry in entries:
        yield entry
        yield from _flat(entry.children)


def navigation(book: Book, toc: Sequence[TocEntry], contents: str = "Contents") -> bytes:
    """The EPUB navigation document: the table of contents and the landmarks."""
    html, body = _page(book.title, book.language)
    html.find(_tag("head")).find(_tag("link")).set("href", STYLE)  # nav.xhtml is at the top
    nav = etree.SubElement(body, _tag("nav"), id="toc", role="doc-toc")
    nav.set(f"{{{EPUB_NS}}}type", "toc")
    heading = _text(nav, "h1", contents)
    if not book.language.lower().startswith("en"):  # the word is English in every book
        heading.set("lang", "en")
        heading.set(XML_LANG, "en")
    _toc_list(nav, toc)
    landmarks = etree.SubElement(body, _tag("nav"), id="landmarks", hidden="hidden")
    landmarks.set(f"{{{EPUB_NS}}}type", "landmarks")
    _text(landmarks, "h2", "Landmarks")
    # Where reading starts; the table of contents is no landmark here, as the navigation
    # document is not in the reading order.
    li = etree.SubElement(etree.SubElement(landmarks, _tag("ol")), _tag("li"))
    start = _text(li, "a", book.title, href=next(_flat(toc)).href)
    start.set(f"{{{EPUB_NS}}}type", "bodymatter")
    return _serialise(html)
