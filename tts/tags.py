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
        # The CTOC (top level, ordered) gives the order to players that read it; mutagen
        # stores CHAP frames by size, so they are put in time order after saving.
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
    if tags.chapters:
        chapters_in_time_order(mp3)


def chapters_in_time_order(mp3: Path) -> None:
    """Store the ID3v2.3 tag's CHAP frames in time order, in the places they already take
    (the tag keeps its size). Players that ignore the CTOC list chapters in file order."""
    with open(mp3, "r+b") as fh:
        head = fh.read(10)
        if head[:3] != b"ID3" or head[3] != 3 or head[5] & 0xC0:  # v2.3, no unsync/extension
            return
        size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]  # syncsafe
        body = fh.read(size)
        frames, pos = [], 0
        while pos + 10 <= len(body) and body[pos : pos + 4] != b"\0\0\0\0":
            end = pos + 10 + int.from_bytes(body[pos + 4 : pos + 8], "big")
            frames.append(body[pos:end])
            pos = end
        chapters = [f for f in frames if f[:4] == b"CHAP"]
        in_order = iter(sorted(chapters, key=_chapter_start))
        reordered = b"".join(next(in_order) if f[:4] == b"CHAP" else f for f in frames)
        if reordered != body[:pos]:
            fh.seek(10)
            fh.write(reordered)


def _chapter_start(frame: bytes) -> int:
    # CHAP data: element id (NUL-terminated), then the start time in milliseconds.
    at = frame.index(b"\0", 10) + 1
    return int.from_bytes(frame[at : at + 4], "big")
