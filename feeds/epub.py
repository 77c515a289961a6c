"""An episode as an EPUB 3 book with Media Overlays: its text, each sentence synchronised with
the episode's own MP3 (carried in the book), a table of contents, the show's cover and the
accessibility metadata of EPUB Accessibility 1.1. A talking-book reader moves through it by
article and sentence and reads along with the voice.

Written with lxml and zipfile: EbookLib (AGPL-3.0) writes no Media Overlays of its own, so it
would leave the SMIL, the durations and the accessibility metadata to us and add a licence
with network terms to a GPL program that serves files; the container is a few lines of
zipfile. `mimetype` comes first and stored, as OCF requires; the MP3 and the cover are stored
too (they do not compress), the text deflated. The book is written whole or not at all.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from feeds.epub_model import Book
from feeds.epub_smil import clip_seconds, clock, overlay
from feeds.epub_text import ACTIVE_CLASS, CSS, STYLE, Document, documents, navigation
from feeds.files import writing_atomically

MEDIA_TYPE = "application/epub+zip"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
ROOT = "EPUB"
CONTAINER = f"""<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the first time a zip entry can carry
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
# What a reader learns before opening the book (EPUB Accessibility 1.1, section 2).
SUMMARY = (
    "The full text of the episode, with every sentence synchronised to the recording of it "
    "read by synthetic voices (EPUB Media Overlays): a reading system can play the audio while "
    "marking the sentence being spoken, or move through the text by article and sentence. "
    "Headings mark the edition, sources and articles; a visually hidden label names the "
    "speaker of each quote. The cover image is decorative and has no text of its own."
)
FEATURES = ("synchronizedAudioText", "tableOfContents", "readingOrder", "structuralNavigation")


def _meta(metadata: etree._Element, prop: str, value: str, refines: str | None = None) -> None:
    element = etree.SubElement(metadata, f"{{{OPF_NS}}}meta", property=prop)
    if refines:
        element.set("refines", refines)
    element.text = value


def _dc(metadata: etree._Element, name: str, value: str, **attrs: str) -> None:
    element = etree.SubElement(metadata, f"{{{DC_NS}}}{name}", **attrs)
    element.text = value


def _metadata(package: etree._Element, book: Book, durations: Sequence[float]) -> None:
    metadata = etree.SubElement(package, f"{{{OPF_NS}}}metadata", nsmap={"dc": DC_NS})
    _dc(metadata, "identifier", f"urn:uuid:{book.identifier}", id="pub-id")
    _dc(metadata, "title", book.title)
    languages = [book.language, *(s.language for s in book.stories if s.language)]
    for language in dict.fromkeys(languages):
        _dc(metadata, "language", language)
    for author in book.authors:
        _dc(metadata, "creator", author)
    _dc(metadata, "publisher", book.show)
    _dc(metadata, "date", book.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    _meta(metadata, "dcterms:modified", _modified(book).strftime("%Y-%m-%dT%H:%M:%SZ"))
    _meta(metadata, "media:active-class", ACTIVE_CLASS)
    # The total is the sum of the overlays, as the spec asks (the pauses between clips are
    # not part of any overlay).
    _meta(metadata, "media:duration", clock(sum(durations)))
    for number, seconds in enumerate(durations, start=1):
        _meta(metadata, "media:duration", clock(seconds), refines=f"#smil-{number}")
    for mode in ("textual", "auditory"):
        _meta(metadata, "schema:accessMode", mode)
        _meta(metadata, "schema:accessModeSufficient", mode)
    for feature in FEATURES:
        _meta(metadata, "schema:accessibilityFeature", feature)
    _meta(metadata, "schema:accessibilityHazard", "none")
    _meta(metadata, "schema:accessibilitySummary", SUMMARY)


def _item(manifest: etree._Element, ident: str, href: str, media: str, **attrs: str) -> None:
    etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=ident, href=href,
                     **{"media-type": media, **attrs})  # fmt: skip


def _package(book: Book, docs: Sequence[Document], audio: str, cover: str | None) -> bytes:
    package = etree.Element(f"{{{OPF_NS}}}package", nsmap={None: OPF_NS}, version="3.0")
    package.set("unique-identifier", "pub-id")
    package.set("{http://www.w3.org/XML/1998/namespace}lang", book.language)
    durations = [sum(clip_seconds(s) for _, s in doc.sentences) for doc in docs]
    _metadata(package, book, durations)
    manifest = etree.SubElement(package, f"{{{OPF_NS}}}manifest")
    _item(manifest, "nav", "nav.xhtml", "application/xhtml+xml", properties="nav")
    _item(manifest, "style", STYLE, "text/css")
    _item(manifest, "audio", audio, "audio/mpeg")
    if cover:
        media = IMAGE_TYPES[Path(cover).suffix.lower()]
        _item(manifest, "cover", cover, media, properties="cover-image")
    spine = etree.Element(f"{{{OPF_NS}}}spine")
    for number, doc in enumerate(docs, start=1):
        _item(manifest, f"text-{number}", doc.name, "application/xhtml+xml",
              **{"media-overlay": f"smil-{number}"})  # fmt: skip
        _item(manifest, f"smil-{number}", _smil_name(number), "application/smil+xml")
        etree.SubElement(spine, f"{{{OPF_NS}}}itemref", idref=f"text-{number}")
    package.append(spine)
    return etree.tostring(package, encoding="utf-8", xml_declaration=True, pretty_print=True)


def _modified(book: Book) -> datetime:
    """When the book last changed as a publication: never the time of the build, so that two
    builds of the same episode write the same bytes (a correction gives a later date)."""
    return (book.modified or book.published).astimezone(UTC)


def _smil_name(number: int) -> str:
    return f"smil/overlay-{number}.smil"


def write_epub(book: Book, path: Path) -> int:
    """Write `book` to `path`, whole or not at all; its size in bytes."""
    docs, toc = documents(book)
    audio = f"audio/{book.audio.name}"
    suffix = book.cover.suffix.lower() if book.cover else ""
    cover = f"images/cover{suffix}" if book.cover and suffix in IMAGE_TYPES else None
    files: list[tuple[str, bytes]] = [
        ("META-INF/container.xml", CONTAINER.encode()),
        (f"{ROOT}/package.opf", _package(book, docs, audio, cover)),
        (f"{ROOT}/nav.xhtml", navigation(book, toc)),
        (f"{ROOT}/{STYLE}", CSS.encode()),
    ]
    for number, doc in enumerate(docs, start=1):
        files.append((f"{ROOT}/{doc.name}", doc.xhtml))
        smil = overlay(f"../{doc.name}", f"../{audio}", doc.sentences)
        files.append((f"{ROOT}/{_smil_name(number)}", smil))
    # The cover and the MP3 are stored: they do not compress.
    stored = [(f"{ROOT}/{audio}", book.audio)]
    if cover and book.cover:
        stored.insert(0, (f"{ROOT}/{cover}", book.cover))
    stamp = max(_modified(book), ZIP_EPOCH).timetuple()[:6]
    with writing_atomically(path) as fh, zipfile.ZipFile(fh, "w") as archive:
        # OCF: the first entry is "mimetype", stored, with no extra field.
        archive.writestr(zipfile.ZipInfo("mimetype", stamp), MEDIA_TYPE, zipfile.ZIP_STORED)
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)
        for name, source in stored:
            entry = zipfile.ZipInfo(name, stamp)  # stored: the default of a ZipInfo
            entry.file_size = source.stat().st_size  # so zipfile knows when it needs ZIP64
            with open(source, "rb") as src, archive.open(entry, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    return path.stat().st_size
