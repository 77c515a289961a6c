"""feedgen extensions for the tags feedgen lacks: Podcasting 2.0 and Apple's current iTunes forms.

Namespace policy: the `podcast:` prefix uses the canonical URI
https://podcastindex.org/namespace/1.0 (the spec, validators and npm parsers read it).
gPodder's podcastparser 0.6.x only knows the project's old GitHub URI, so `chapters` and
`locked` (single-valued tags) are repeated under the old URI with the `podcastgh:` prefix.
Multi-valued tags (transcript, person) are not repeated: the spec tells clients to treat both
URIs alike, and feedsmith, which does, then listed every transcript and person twice. gPodder
thus gets chapters and the lock but not the transcript links, which it does not show anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lxml.etree  # noqa: F401  feedgen.util uses lxml.etree without importing it
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PODCAST_NS_OLD = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def _tag(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


@dataclass
class Transcript:
    url: str
    type: str  # text/vtt, application/x-subrip, application/json, text/html
    language: str | None = None
    rel: str | None = None  # "captions" for timed formats


@dataclass
class Alternate:
    """podcast:alternateEnclosure: the episode in another form (its read-along book)."""

    url: str
    type: str
    length: int
    title: str | None = None  # the spec allows 32 characters
    lang: str | None = None


@dataclass
class ChannelTags:
    guid: str | None = None
    locked: bool = True
    owner_email: str | None = None
    explicit: bool = False
    image: str | None = None
    medium: str = "podcast"
    ai_disclosure: str | None = None  # podcast:txt purpose="ai-content"


@dataclass
class ItemTags:
    explicit: bool = False
    image: str | None = None
    transcripts: list[Transcript] = field(default_factory=list)
    chapters: str | None = None
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    alternates: list[Alternate] = field(default_factory=list)


class PodcastExtension(BaseExtension):
    """Channel-level tags; set them on `fg.podcastindex.tags`."""

    def __init__(self) -> None:
        self.tags = ChannelTags()

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "podcastgh": PODCAST_NS_OLD, "itunes": ITUNES_NS}

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        t = self.tags
        # Apple wants true/false; feedgen only writes yes/no/clean (TRAPS.md).
        xml_elem(_tag(ITUNES_NS, "explicit"), channel).text = "true" if t.explicit else "false"
        if t.image:
            xml_elem(_tag(ITUNES_NS, "image"), channel).attrib["href"] = t.image
        for ns in (PODCAST_NS, PODCAST_NS_OLD):
            locked = xml_elem(_tag(ns, "locked"), channel)
            locked.text = "yes" if t.locked else "no"
            if t.owner_email:
                locked.attrib["owner"] = t.owner_email
        if t.guid:
            xml_elem(_tag(PODCAST_NS, "guid"), channel).text = t.guid
        xml_elem(_tag(PODCAST_NS, "medium"), channel).text = t.medium
        if t.ai_disclosure:
            txt = xml_elem(_tag(PODCAST_NS, "txt"), channel)
            txt.attrib["purpose"] = "ai-content"
            txt.text = t.ai_disclosure
        return feed


class PodcastEntryExtension(BaseEntryExtension):
    """Item-level tags; set them on `fe.podcastindex.tags`."""

    def __init__(self) -> None:
        self.tags = ItemTags()

    def extend_rss(self, entry: Any) -> Any:
        t = self.tags
        xml_elem(_tag(ITUNES_NS, "explicit"), entry).text = "true" if t.explicit else "false"
        if t.image:
            xml_elem(_tag(ITUNES_NS, "image"), entry).attrib["href"] = t.image
        for transcript in t.transcripts:
            el = xml_elem(_tag(PODCAST_NS, "transcript"), entry)
            el.attrib["url"] = transcript.url
            el.attrib["type"] = transcript.type
            if transcript.language:
                el.attrib["language"] = transcript.language
            if transcript.rel:
                el.attrib["rel"] = transcript.rel
        if t.chapters:
            for ns in (PODCAST_NS, PODCAST_NS_OLD):
                el = xml_elem(_tag(ns, "chapters"), entry)
                el.attrib["url"] = t.chapters
                el.attrib["type"] = "application/json+chapters"
        for name, role in t.people:
            el = xml_elem(_tag(PODCAST_NS, "person"), entry)
            el.attrib["role"] = role
            el.attrib["group"] = "writing"
            el.text = name[:128]
        for alternate in t.alternates:
            el = xml_elem(_tag(PODCAST_NS, "alternateEnclosure"), entry)
            el.attrib.update({"type": alternate.type, "length": str(alternate.length)})
            for name, value in (("title", alternate.title), ("lang", alternate.lang)):
                if value:
                    el.attrib[name] = value
            xml_elem(_tag(PODCAST_NS, "source"), el).attrib["uri"] = alternate.url
        return entry


def load(fg: Any) -> None:
    """Register the extension on a FeedGenerator as `fg.podcastindex` / `fe.podcastindex`."""
    fg.register_extension(
        "podcastindex", PodcastExtension, PodcastEntryExtension, atom=False, rss=True
    )
