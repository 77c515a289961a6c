"""Audio rules AUD-01..08 and ID3 rules ID3-01..05 of PODCAST_RULES.md.

Everything is measured on the published MP3 as a player decodes it: ffmpeg's ebur128 and
silencedetect filters in one pass, mutagen for the stream and the tags, ffprobe for what a
player's chapter list shows. Encoding moves loudness and peaks (TRAPS.md), so the WAV the
build normalised proves nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feeds.check.context import NS, Context, Episode, Issue, Rule, ToolMissing
from feeds.check.podcasting20 import id3_chapters, vtt_cues

SILENCE_DB = -50  # dBFS below which espeak's pauses sit
SILENCE_MIN = 0.25  # seconds: shorter gaps are part of speaking, not pauses
_SUMMARY = {
    "integrated": re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS"),
    "lra": re.compile(r"LRA:\s+(-?[\d.]+) LU\b"),
    "sample_peak": re.compile(r"Sample peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS"),
    "true_peak": re.compile(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS"),
}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass
class Analysis:
    integrated: float  # LUFS
    lra: float  # LU
    sample_peak: float  # dBFS
    true_peak: float  # dBTP
    decoded: float  # seconds, as far as ffmpeg decoded
    silences: list[tuple[float, float]] = field(default_factory=list)

    @property
    def speaking(self) -> float:
        return self.decoded - sum(end - start for start, end in self.silences)


def _program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ToolMissing(f"{name} is not installed (apt-get install ffmpeg)")
    return path


def measure(path: Path, start: float | None = None, end: float | None = None) -> Analysis:
    """Loudness (EBU R128), peaks and silences of `path` (or of start..end seconds of it)."""
    span = [] if start is None else ["-ss", f"{start:.3f}", "-to", f"{end:.3f}"]
    chain = (
        f"ebur128=peak=sample+true:framelog=verbose,"
        f"silencedetect=noise={SILENCE_DB}dB:d={SILENCE_MIN}"
    )
    proc = subprocess.run(
        [
            _program("ffmpeg"),
            "-nostdin",
            "-hide_banner",
            *span,
            "-i",
            str(path),
            "-af",
            chain,
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    )
    log = proc.stderr
    summary = log[log.rfind("Summary:") :]
    values: dict[str, float] = {}
    for key, pattern in _SUMMARY.items():
        match = pattern.search(summary)
        if proc.returncode != 0 or not match:
            raise ValueError(f"ffmpeg could not measure {path.name}: {log.strip()[-200:]}")
        values[key] = float(match.group(1))
    times = re.findall(r"time=(\d+):(\d+):([\d.]+)", log)
    decoded = (
        int(times[-1][0]) * 3600 + int(times[-1][1]) * 60 + float(times[-1][2]) if times else 0.0
    )
    silences, opened = [], None
    for kind, value in re.findall(r"silence_(start|end): (-?[\d.]+)", log):
        if kind == "start":
            opened = max(0.0, float(value))
        elif opened is not None:
            silences.append((opened, float(value)))
            opened = None
    if opened is not None:
        silences.append((opened, decoded))
    return Analysis(**values, decoded=decoded, silences=silences)


def analysis(episode: Episode) -> Analysis | None:
    mp3 = episode.mp3
    if not mp3 or not episode.audio:
        return None
    return episode.cached("analysis", lambda: measure(mp3))


def _mp3(episode: Episode) -> Path:
    """The MP3 of an episode `_audible` yielded: it has one, which the type cannot say."""
    if episode.mp3 is None:
        raise ValueError(f"{episode.label} has no MP3 under output/")
    return episode.mp3


def _audible(ctx: Context) -> Iterator[Episode]:
    for episode in ctx.episodes:
        if episode.mp3 and episode.audio is None:
            continue  # AUD-01 reports it
        if episode.mp3:
            yield episode


def _format(ctx: Context) -> Iterator[Issue]:
    from mutagen.mp3 import BitrateMode

    t = ctx.targets
    fix = (
        f"encode MP3 with libmp3lame -b:a {t.bitrates[0]}k -ar {t.sample_rate} "
        f"-ac {t.channels} (CBR), as talkingpaper build does"
    )
    for episode in ctx.episodes:
        if not episode.mp3:
            continue
        if episode.audio is None:
            yield Issue(f"{episode.label} {episode.mp3.name} is not an MP3 stream", fix)
            continue
        info, problems = episode.audio.info, []
        if (info.version, info.layer) != (1, 3):
            problems.append(f"MPEG-{info.version} layer {info.layer}")
        if info.bitrate_mode in (BitrateMode.VBR, BitrateMode.ABR):
            problems.append(f"{info.bitrate_mode.name} instead of CBR")
        if info.sample_rate != t.sample_rate:
            problems.append(f"{info.sample_rate} Hz")
        if info.channels != t.channels:
            problems.append(f"{info.channels} channels")
        if info.bitrate // 1000 not in t.bitrates:
            problems.append(f"{info.bitrate // 1000} kbps")
        if problems:
            yield Issue(f"{episode.label} audio is {', '.join(problems)}", fix)


def _loudness(ctx: Context) -> Iterator[Issue]:
    t = ctx.targets
    for episode in _audible(ctx):
        a = analysis(episode)
        if a and abs(a.integrated - t.loudness) > t.loudness_tolerance:
            yield Issue(
                f"{episode.label} is {a.integrated:.1f} LUFS; the target is {t.loudness:.1f} "
                f"+/- {t.loudness_tolerance:g} LU",
                "normalise with compression + loudnorm on the WAV and re-measure the MP3 "
                "(talkingpaper build does; a file edited since needs a rebuild)",
            )


def _true_peak(ctx: Context) -> Iterator[Issue]:
    t = ctx.targets
    for episode in _audible(ctx):
        a = analysis(episode)
        if a and a.true_peak > t.true_peak:
            yield Issue(
                f"{episode.label} true peak is {a.true_peak:.1f} dBTP; the most is "
                f"{t.true_peak:.1f}",
                "limit peaks before encoding (loudnorm TP=-3) and re-measure the MP3",
            )


def _clipping(ctx: Context) -> Iterator[Issue]:
    for episode in _audible(ctx):
        a = analysis(episode)
        if a and a.sample_peak >= 0.0:
            yield Issue(
                f"{episode.label} clips: sample peak {a.sample_peak:.1f} dBFS",
                "never raise loudness by gain alone; compress and limit first (TRAPS.md)",
            )


def _consistency(ctx: Context) -> Iterator[Issue]:
    t = ctx.targets
    for episode in _audible(ctx):
        a = analysis(episode)
        if not a:
            continue
        if a.lra > t.max_lra:
            yield Issue(
                f"{episode.label} loudness range is {a.lra:.1f} LU; keep it under {t.max_lra:g}",
                "compress the speech more evenly (acompressor before loudnorm)",
            )
        chapters = id3_chapters(episode)
        if len(chapters) < 2:
            continue
        for chapter in chapters:
            start, end = chapter.start_time / 1000, chapter.end_time / 1000
            if end - start < 3:  # too short for a gated loudness reading
                continue
            part = measure(_mp3(episode), start, end)
            if abs(part.integrated - a.integrated) > t.segment_tolerance:
                yield Issue(
                    f"{episode.label} chapter at {start:.1f} s is {part.integrated:.1f} LUFS, "
                    f"the episode {a.integrated:.1f}",
                    "normalise every article to the same loudness before stitching",
                )


def _edges(ctx: Context) -> Iterator[Issue]:
    limit = ctx.targets.edge_silence
    for episode in _audible(ctx):
        a = analysis(episode)
        if not a:
            continue
        lead = next((end for start, end in a.silences if start <= 0.01), 0.0)
        tail = next((a.decoded - s for s, e in a.silences if e >= a.decoded - 0.05), 0.0)
        for what, seconds in (("starts", lead), ("ends", tail)):
            if seconds > limit:
                yield Issue(
                    f"{episode.label} {what} with {seconds:.1f} s of silence",
                    f"trim silence at either end to under {limit:g} s",
                )


def speech_rate(ctx: Context, episode: Episode) -> tuple[int, float] | None:
    """(words in the transcript, words a minute of non-silent audio)."""
    a, cues = analysis(episode), vtt_cues(ctx, episode)
    if a is None:
        return None
    if cues:
        text = " ".join(re.sub(r"<[^>]*>", "", line) for c in cues for line in c.lines)
    elif episode.sidecar and isinstance(episode.sidecar.get("cues"), list):
        text = " ".join(str(c.get("text", "")) for c in episode.sidecar["cues"])
    else:
        return None
    words = len(_WORD.findall(text))
    return (words, words / a.speaking * 60) if a.speaking > 0 else None


def _rate(ctx: Context) -> Iterator[Issue]:
    low, high = ctx.targets.words_per_minute
    for episode in _audible(ctx):
        rate = speech_rate(ctx, episode)
        if rate and not low <= rate[1] <= high:
            yield Issue(
                f"{episode.label} speaks {rate[1]:.0f} words a minute ({rate[0]} words); "
                f"listeners follow news best at {low:.0f}-{high:.0f}",
                "set [voices] rate in show.toml (words a minute) and rebuild",
            )


def _has_xing(path: Path, tag_size: int) -> bool:
    with open(path, "rb") as fh:
        fh.seek(tag_size)
        head = fh.read(4096)
    sync = next(
        (i for i in range(len(head) - 1) if head[i] == 0xFF and head[i + 1] & 0xE0 == 0xE0), None
    )
    return sync is not None and (
        b"Xing" in head[sync : sync + 200] or b"Info" in head[sync : sync + 200]
    )


def _duration(ctx: Context) -> Iterator[Issue]:
    for episode in _audible(ctx):
        a = analysis(episode)
        feed = (
            episode.item.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}duration") or ""
        ).strip()
        if a and feed.isdigit() and abs(int(feed) - a.decoded) > 1:
            yield Issue(
                f"{episode.label} itunes:duration is {feed} s; the MP3 decodes to "
                f"{a.decoded:.1f} s",
                "take the duration from the encoded file",
            )
        tags = episode.audio.tags if episode.audio else None
        if not _has_xing(_mp3(episode), tags.size if tags else 0):
            yield Issue(
                f"{episode.label} has no Xing/Info header: players guess duration and seek badly",
                "encode with ffmpeg -write_xing 1 (the default) and keep the first frame",
            )


# --- ID3 -------------------------------------------------------------------------------------

ID3_FRAMES = ("TIT2", "TPE1", "TALB", "TCON", "TLAN", "COMM", "APIC")


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
    for episode in _audible(ctx):
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
    for episode in _audible(ctx):
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
        order = [frame_id for frame_id, _ in _frame_order(_mp3(episode))]
        if "CTOC" in order and "CHAP" in order and order.index("CTOC") > order.index("CHAP"):
            yield Issue(f"{episode.label} CTOC comes after a CHAP in the file", fix)


def _chap_times(ctx: Context) -> Iterator[Issue]:
    fix = "write CHAP times from the stitched timeline: ascending, no overlap, inside the audio"
    for episode in _audible(ctx):
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


def _chapter_count(ctx: Context) -> Iterator[Issue]:
    for episode in _audible(ctx):
        proc = subprocess.run(
            [_program("ffprobe"), "-v", "error", "-show_chapters", "-of", "json", str(episode.mp3)],
            capture_output=True,
            text=True,
        )
        shown = len(json.loads(proc.stdout or "{}").get("chapters", []))
        sources = episode.sidecar.get("sources") if episode.sidecar else None
        articles = len(sources) if isinstance(sources, list) else len(id3_chapters(episode))
        if shown != articles:
            yield Issue(
                f"{episode.label}: players list {shown} chapters for {articles} articles",
                "write one CHAP per article (and a CTOC) when tagging",
            )


def _text_frames(tags: Any) -> Iterator[Any]:
    for frame in tags.values():
        yield frame
        sub_frames = getattr(frame, "sub_frames", None)  # CHAP and CTOC carry their own TIT2
        if sub_frames is not None:
            yield from sub_frames.values()


def _encodings(ctx: Context) -> Iterator[Issue]:
    for episode in _audible(ctx):
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
    Rule("AUD-01", "error", "MPEG-1 layer III, CBR, sample rate, channels, bitrate", _format),
    Rule("AUD-02", "warning", "integrated loudness at the target", _loudness),
    Rule("AUD-03", "warning", "true peak at most -1 dBTP", _true_peak),
    Rule("AUD-04", "error", "no clipping", _clipping),
    Rule("AUD-05", "warning", "small loudness range, even chapters", _consistency),
    Rule("AUD-06", "warning", "little silence at either end", _edges),
    Rule("AUD-07", "warning", "speech rate 150-190 words a minute", _rate),
    Rule("AUD-08", "warning", "duration matches; Xing/Info header present", _duration),
    Rule("ID3-01", "warning", "ID3v2.3 with the expected frames", _tags_present),
    Rule("ID3-02", "warning", "one ordered top-level CTOC before the CHAPs", _toc),
    Rule("ID3-03", "warning", "CHAP times ascending, inside the audio, titled", _chap_times),
    Rule("ID3-04", "warning", "players list one chapter per article", _chapter_count),
    Rule("ID3-05", "warning", "text encodings valid; titles survive", _encodings),
]
