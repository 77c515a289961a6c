"""ID3 tags for an episode MP3: text frames, cover art, and chapters with a table of contents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tts.episode import Chapter


@dataclass
class Tags:
    title: str
    artist: str
    album: str
    date: str | None = None  # "2020-06-09" or "2020"
    comment: str | None = None
    language: str = "eng"  # ISO 639-2
    genre: str = "Podcast"
    cover: Path | None = None  # JPEG or PNG
    chapters: list[Chapter] = field(default_factory=list)


def write_tags(mp3: Path, tags: Tags) -> None:
    """Write ID3v2.3 tags (v2.3 for the widest player support; text stored as UTF-16)."""
    from mutagen.id3 import (
        APIC,
        CHAP,
        COMM,
        CTOC,
        ID3,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        CTOCFlags,
        Encoding,
    )

    utf16 = Encoding.UTF16
    id3 = ID3()
    id3.add(TIT2(encoding=utf16, text=tags.title))
    id3.add(TPE1(encoding=utf16, text=tags.artist))
    id3.add(TALB(encoding=utf16, text=tags.album))
    id3.add(TCON(encoding=utf16, text=tags.genre))
    id3.add(TLAN(encoding=utf16, text=tags.language))
    if tags.date:
        id3.add(TDRC(encoding=utf16, text=tags.date))
    if tags.comment:
        id3.add(COMM(encoding=utf16, lang=tags.language, desc="", text=tags.comment))
    if tags.cover:
        mime = "image/png" if tags.cover.suffix.lower() == ".png" else "image/jpeg"
        id3.add(APIC(encoding=utf16, mime=mime, type=3, desc="Cover", data=tags.cover.read_bytes()))
    if tags.chapters:
        ids = [f"chp{i}" for i in range(len(tags.chapters))]
        # mutagen writes CHAP frames in size order, so players that ignore CTOC may list them
        # out of order; the CTOC (top level, ordered) fixes the order for the rest.
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=utf16, text="Contents")],
            )
        )
        for element_id, chapter in zip(ids, tags.chapters, strict=True):
            id3.add(
                CHAP(
                    element_id=element_id,
                    start_time=round(chapter.start * 1000),
                    end_time=round(chapter.end * 1000),
                    sub_frames=[TIT2(encoding=utf16, text=chapter.title)],
                )
            )
    id3.save(str(mp3), v2_version=3)
