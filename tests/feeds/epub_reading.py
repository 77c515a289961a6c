"""Reading a built EPUB the way a reading system does, for the tests: the container names the
package, the package's spine gives the reading order, each document's media overlay gives its
clips. Written from the specifications (OCF, EPUB 3 packages, SMIL clock values), not from
feeds.epub, so the book is read by other code than wrote it."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "smil": "http://www.w3.org/ns/SMIL",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$")
_COUNT = re.compile(r"^(\d+(?:\.\d+)?)(h|min|s|ms)?$")
_UNITS = {"h": 3600.0, "min": 60.0, "s": 1.0, "ms": 0.001, None: 1.0}


def smil_seconds(value: str) -> float:
    """A SMIL 3.0 clock value (full or partial clock, or a timecount) in seconds."""
    value = value.strip()
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds = clock.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    count = _COUNT.match(value)
    if not count:
        raise ValueError(f"not a SMIL clock value: {value!r}")
    return float(count.group(1)) * _UNITS[count.group(2)]


@dataclass
class Clip:
    document: str  # the XHTML file in the package
    element: etree._Element  # the sentence's element
    begin: float
    end: float
    audio: str  # the audio file in the package

    @property
    def text(self) -> str:
        return "".join(self.element.itertext())


@dataclass
class Book:
    archive: zipfile.ZipFile
    package: etree._Element
    folder: str  # where the package document is

    def path(self, href: str, base: str | None = None) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(base or self.folder + "/x"),
                                                 href.split("#")[0]))  # fmt: skip

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.archive.read(name))

    def meta(self, prop: str, refines: str | None = None) -> list[str]:
        found = self.package.findall(f"opf:metadata/opf:meta[@property='{prop}']", NS)
        return [(m.text or "") for m in found if m.get("refines") == refines]

    def items(self) -> dict[str, etree._Element]:
        return {i.get("id"): i for i in self.package.findall("opf:manifest/opf:item", NS)}

    def spine(self) -> list[etree._Element]:
        items, refs = self.items(), self.package.findall("opf:spine/opf:itemref", NS)
        return [items[ref.get("idref")] for ref in refs]

    def documents(self) -> list[tuple[str, etree._Element]]:
        names = [self.path(item.get("href")) for item in self.spine()]
        return [(name, self.xml(name)) for name in names]

    def overlays(self) -> list[tuple[str, list[Clip]]]:
        """Each spine document's overlay (its manifest id) and its clips, in reading order."""
        items, found = self.items(), []
        for item in self.spine():
            document = self.path(item.get("href"))
            smil_item = items[item.get("media-overlay")]
            smil_name = self.path(smil_item.get("href"))
            found.append((smil_item.get("id"), self._clips(document, smil_name)))
        return found

    def _clips(self, document: str, smil_name: str) -> list[Clip]:
        clips, page = [], self.xml(document)
        for par in self.xml(smil_name).iter(f"{{{NS['smil']}}}par"):
            text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
            target = self.path(text.get("src"), smil_name)
            assert target == document, f"{smil_name} points into {target}, not {document}"
            (element,) = page.xpath("//*[@id=$id]", id=text.get("src").split("#")[1])
            clips.append(Clip(document, element, smil_seconds(audio.get("clipBegin")),
                              smil_seconds(audio.get("clipEnd")),
                              self.path(audio.get("src"), smil_name)))  # fmt: skip
        return clips


def open_book(path: Path) -> Book:
    archive = zipfile.ZipFile(path)
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf = container.find("c:rootfiles/c:rootfile", NS).get("full-path")
    return Book(archive, etree.fromstring(archive.read(opf)), posixpath.dirname(opf))


def epubcheck(path: Path) -> subprocess.CompletedProcess[str]:
    """Run the W3C's epubcheck on `path`. Debian installs it as an executable jar, which runs
    by itself only where binfmt_misc knows jars (not in most containers): java runs it, with
    the quick compiler only, which halves a check's time (17 s -> 6 s measured on 2 cores)."""
    program = shutil.which("epubcheck")
    assert program, "epubcheck is not installed (apt-get install epubcheck)"
    java = ["java", "-XX:TieredStopAtLevel=1", "-jar", program]
    command = java if zipfile.is_zipfile(program) else [program]
    return subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=300)
