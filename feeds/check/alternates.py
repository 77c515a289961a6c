"""Podcasting 2.0 rule P20-11: every podcast:alternateEnclosure has a type and a source, and
a read-along book it names under output/ is there and is an EPUB container (a zip whose first
entry is `mimetype`, stored, saying application/epub+zip). A light check: epubcheck is the
tool for the book's inside."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from feeds.check.context import NS, Context, Issue, Rule

EPUB = "application/epub+zip"
REBUILD = "run talkingpaper build (it writes each episode's SLUG.epub)"


def epub_problem(path: Path) -> str | None:
    """What is wrong with `path` as an EPUB container, or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if not entries or entries[0].filename != "mimetype":
                return "its first entry is not mimetype"
            first = entries[0]
            if first.compress_type != zipfile.ZIP_STORED or first.extra:
                return "its mimetype entry is compressed or has an extra field"
            if archive.read(first) != EPUB.encode("ascii"):
                return f"its mimetype entry does not say {EPUB}"
    except (OSError, zipfile.BadZipFile) as exc:
        return f"it is not a zip file ({exc})"
    return None


def _alternates(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        for element in episode.item.findall("podcast:alternateEnclosure", NS):
            kind = element.get("type")
            uris = [s.get("uri") for s in element.findall("podcast:source", NS)]
            if not kind or not uris or not all(uris):
                yield Issue(
                    f"{episode.label} alternateEnclosure lacks a type or a podcast:source uri",
                    "write type and at least one <podcast:source uri=...>",
                )
                continue
            if kind != EPUB:
                continue
            for uri in uris:
                path = ctx.local(uri)
                if path is None:
                    continue  # a book served elsewhere is not ours to open
                if not path.is_file():
                    yield Issue(f"{episode.label} book {path.name} is missing", REBUILD)
                    continue
                problem = epub_problem(path)
                if problem:
                    yield Issue(f"{episode.label} {path.name} is no EPUB: {problem}", REBUILD)


RULES: list[Rule] = [
    Rule("P20-11", "error", "alternate enclosures have a source; books are EPUB", _alternates),
]
