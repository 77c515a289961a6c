"""ID3 rules ID3-01..05 of PODCAST_RULES.md: the tags and chapters of the published MP3, read
with mutagen, by hand for the frame order, and with ffprobe for what a player's chapter list
shows."""

from __future__ import annotations

import json
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from feeds.check.audio_measure import audible_episodes, episode_mp3, program
from feeds.check.context import NS, Context, Episode, Issue, Rule

ID3_FRAMES = ("TIT2", "TPE1", "TALB", "TCON", "TLAN", "COMM", "APIC")


def id3_chapters(episode: Episode) -> list[Any]:
    """The episode's ID3 CHAP frames in time order."""
    tags = episode.audio.tags if episode.audio else None
    return sorted(tags.getall("CHAP") if tags else [], key=lambda c: c.start_time)


def _frame_order(path: Path) -> list[tuple[str, bytes]]:
    """(frame id, first 64 bytes of its body) of each top-level ID3v2.3 frame, in file order."""
    with open(path, "rb") as fh:
        header = fh.read(10)
        if header[:3] != b"ID3" or header[3] != 3:
            return []
        size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(header[6:10]))
        body = fh.read(size)
    frames, offset = [], 0
    while offset + 10 <= len(body) and body[offset : offset + 4].strip(b"\0"):
        frame_id = body[offset : offset + 4].decode("latin-1")
        (length,) = struct.unpack(">I", body[offset + 4 : offset + 8])
        frames.append((frame_id, body[offset + 10 : offset + 10 + min(length, 64)]))
        offset += 10 + length
    return frames


def _tags_present(ctx: Context) -> Iterator[Issue]:
    fix = "let talkingpaper build tag the MP3 (ID3v2.3: title, artist, album, date, ...)"
    for episode in audible_episodes(ctx):
        tags = episode.audio.tags
        if tags is None:
            yield Issue(f"{episode.label} has no ID3 tag", fix)
            continue
        if tags.version[:2] != (2, 3):
            yield Issue(
                f"{episode.label} tag is ID3v{'.'.join(map(str, tags.version))}",
                "save as ID3v2.3, which every player reads",
            )
        missing = [f for f in ID3_FRAMES if not tags.getall(f)]
        if not (tags.getall("TDRC") or tags.getall("TYER")):
            missing.append("TDRC/TYER")
        if missing:
            yield Issue(f"{episode.label} tag lacks {', '.join(missing)}", fix)
        covers = [p for p in tags.getall("APIC") if p.type == 3]
        if tags.getall("APIC") and not any(p.mime == "image/jpeg" for p in covers):
            yield Issue(f"{episode.label} has no front-cover (type 3) JPEG APIC", fix)


def _toc(ctx: Context) -> Iterator[Issue]:
    from mutagen.id3 import CTOCFlags

    fix = "write one CTOC (top level, ordered) listing the CHAPs in time order, before them"
    for episode in audible_episodes(ctx):
        tags = episode.audio.tags
        chapters = tags.getall("CHAP") if tags else []
        if not chapters:
            continue
        tocs = tags.getall("CTOC")
        if len(tocs) != 1:
            yield Issue(f"{episode.label} has {len(tocs)} CTOC frames; it needs one", fix)
            continue
        toc = tocs[0]
        if not (toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED):
            yield Issue(f"{episode.label} CTOC lacks the top-level or ordered flag", fix)
        in_time = [c.element_id for c in sorted(chapters, key=lambda c: c.start_time)]
        if list(toc.child_element_ids) != in_time:
            yield Issue(
                f"{episode.label} CTOC lists {toc.child_element_ids}, the chapters in "
                f"time order are {in_time}",
                fix,
            )
        frames = _frame_order(episode_mp3(episode))
        order = [frame_id for frame_id, _ in frames]
        if "CTOC" in order and "CHAP" in order and order.index("CTOC") > order.index("CHAP"):
            yield Issue(f"{episode.label} CTOC comes after a CHAP in the file", fix)
        # Players that ignore the CTOC list chapters in the order they are stored.
        stored = [
            body.partition(b"\0")[0].decode("latin-1") for fid, body in frames if fid == "CHAP"
        ]
        if stored != [i for i in in_time if i in stored]:
            yield Issue(
                f"{episode.label} stores its CHAP frames as {', '.join(stored)}, not in time "
                "order: players that ignore the CTOC list the chapters so",
                fix,
            )


def _chap_times(ctx: Context) -> Iterator[Issue]:
    fix = "write CHAP times from the stitched timeline: ascending, no overlap, inside the audio"
    for episode in audible_episodes(ctx):
        chapters = id3_chapters(episode)
        length_ms = (episode.duration or 0) * 1000
        for before, chapter in zip([None, *chapters], chapters, strict=False):
            where = f"{episode.label} CHAP {chapter.element_id}"
            if chapter.end_time < chapter.start_time:
                yield Issue(f"{where} ends before it starts", fix)
            if before and chapter.start_time < before.end_time:
                yield Issue(f"{where} overlaps {before.element_id}", fix)
            if chapter.end_time > length_ms + 100:
                yield Issue(f"{where} ends at {chapter.end_time} ms, after the audio", fix)
            if not chapter.sub_frames.getall("TIT2"):
                yield Issue(f"{where} has no title (TIT2)", "give every chapter its headline")


def _published_chapters(ctx: Context, episode: Episode) -> int | None:
    """How many chapters the episode's chapters JSON lists, if it has a readable one."""
    element = episode.item.find("podcast:chapters", NS)
    path = ctx.local(element.get("url")) if element is not None else None
    try:
        chapters = json.loads(path.read_text("utf-8"))["chapters"] if path else None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # P20-06 reports it
    return len(chapters) if isinstance(chapters, list) else None


def _chapter_count(ctx: Context) -> Iterator[Issue]:
    for episode in audible_episodes(ctx):
        proc = subprocess.run(
            [program("ffprobe"), "-v", "error", "-show_chapters", "-of", "json", str(episode.mp3)],
            capture_output=True,
            text=True,
        )
        shown = len(json.loads(proc.stdout or "{}").get("chapters", []))
        sources = episode.sidecar.get("sources") if episode.sidecar else None
        articles = len(sources) if isinstance(sources, list) else len(id3_chapters(episode))
        # A bulletin opens with a chapter of its own before its stories: the chapter list the
        # episode publishes, not the article count, is what players must show.
        listed = _published_chapters(ctx, episode)
        expected = listed if listed is not None and listed >= articles else articles
        if shown != expected:
            yield Issue(
                f"{episode.label}: players list {shown} chapters; it has {expected} "
                f"({articles} articles)",
                "write one CHAP per chapter (and a CTOC) when tagging",
            )


def _text_frames(tags: Any) -> Iterator[Any]:
    for frame in tags.values():
        yield frame
        sub_frames = getattr(frame, "sub_frames", None)  # CHAP and CTOC carry their own TIT2
        if sub_frames is not None:
            yield from sub_frames.values()


def _encodings(ctx: Context) -> Iterator[Issue]:
    for episode in audible_episodes(ctx):
        tags = episode.audio.tags
        if tags is None or tags.version[:2] != (2, 3):
            continue  # ID3-01 reports a missing or other-version tag
        # ID3v2.3 knows Latin-1 (0) and UTF-16 with BOM (1) only; UTF-8 (3) shows as mojibake.
        bad = sorted(
            {f.FrameID for f in _text_frames(tags) if getattr(f, "encoding", 0) not in (0, 1)}
        )
        if bad:
            yield Issue(
                f"{episode.label} frames {', '.join(bad)} use an encoding ID3v2.3 lacks",
                "save with v2_version=3 and UTF-16 text",
            )
        title = tags.getall("TIT2")
        if title and episode.title and str(title[0]) != episode.title:
            yield Issue(
                f"{episode.label} ID3 title {str(title[0])!r} differs from the feed's "
                f"{episode.title!r}",
                "tag the MP3 with the episode title as UTF-16",
            )
        element = episode.item.find("podcast:chapters", NS)
        path = ctx.local(element.get("url")) if element is not None else None
        if path and path.is_file():
            try:
                names = [c.get("title") for c in json.loads(path.read_text("utf-8"))["chapters"]]
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # P20-06 reports it
            frames = [
                str(c.sub_frames.getall("TIT2")[0]) if c.sub_frames.getall("TIT2") else ""
                for c in id3_chapters(episode)
            ]
            if len(frames) == len(names) and frames != names:
                yield Issue(
                    f"{episode.label} ID3 chapter titles differ from the JSON chapters",
                    "write both from the same titles (UTF-16 in ID3)",
                )


RULES: list[Rule] = [
    Rule("ID3-01", "warning", "ID3v2.3 with the expected frames", _tags_present),
    Rule("ID3-02", "warning", "one ordered top-level CTOC before the CHAPs", _toc),
    Rule("ID3-03", "warning", "CHAP times ascending, inside the audio, titled", _chap_times),
    Rule("ID3-04", "warning", "players list every chapter, one per article", _chapter_count),
    Rule("ID3-05", "warning", "text encodings valid; titles survive", _encodings),
]
