"""Podlove Simple Chapters (https://podlove.org/simple-chapters/) in each feed item: the
chapters written into the feed itself, for apps that read them there (AntennaPod, Podlove
players) rather than from ID3 or the `podcast:chapters` JSON file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import lxml.etree  # noqa: F401  feedgen.util uses lxml.etree without importing it
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

from feeds.clock_values import millisecond_clock
from feeds.model import Mark

PSC_NS = "http://podlove.org/simple-chapters"
PSC_VERSION = "1.2"


def npt(seconds: float) -> str:
    """A start as the spec's normal play time, HH:MM:SS.mmm."""
    return millisecond_clock(seconds)


class ChaptersExtension(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}


class ChaptersEntryExtension(BaseEntryExtension):
    """Set `fe.psc.marks`; nothing is written for an episode without chapters."""

    def __init__(self) -> None:
        self.marks: Sequence[Mark] = ()

    def extend_rss(self, entry: Any) -> Any:
        if not self.marks:
            return entry
        chapters = xml_elem(f"{{{PSC_NS}}}chapters", entry)
        chapters.attrib["version"] = PSC_VERSION
        for mark in self.marks:
            chapter = xml_elem(f"{{{PSC_NS}}}chapter", chapters)
            chapter.attrib["start"] = npt(mark.start)
            chapter.attrib["title"] = " ".join(mark.title.split())
        return entry


def load(fg: Any) -> None:
    """Register the extension on a FeedGenerator as `fg.psc` / `fe.psc`."""
    fg.register_extension("psc", ChaptersExtension, ChaptersEntryExtension, atom=False, rss=True)
