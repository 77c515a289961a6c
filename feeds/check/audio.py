"""Audio rules AUD-01..08 of PODCAST_RULES.md.

Everything is measured on the published MP3 as a player decodes it (`audio_measure`), with
mutagen for the stream. Encoding moves loudness and peaks (TRAPS.md), so the WAV the build
normalised proves nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from feeds.check.audio_measure import analysis, audible_episodes, episode_mp3, measure
from feeds.check.context import Context, Episode, Issue, Rule
from feeds.check.id3 import id3_chapters
from feeds.check.transcripts import vtt_cues

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


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
    for episode in audible_episodes(ctx):
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
    for episode in audible_episodes(ctx):
        a = analysis(episode)
        if a and a.true_peak > t.true_peak:
            yield Issue(
                f"{episode.label} true peak is {a.true_peak:.1f} dBTP; the most is "
                f"{t.true_peak:.1f}",
                "limit peaks before encoding (loudnorm TP=-3) and re-measure the MP3",
            )


def _clipping(ctx: Context) -> Iterator[Issue]:
    for episode in audible_episodes(ctx):
        a = analysis(episode)
        if a and a.sample_peak >= 0.0:
            yield Issue(
                f"{episode.label} clips: sample peak {a.sample_peak:.1f} dBFS",
                "never raise loudness by gain alone; compress and limit first (TRAPS.md)",
            )


def _consistency(ctx: Context) -> Iterator[Issue]:
    t = ctx.targets
    for episode in audible_episodes(ctx):
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
            part = measure(episode_mp3(episode), start, end)
            if abs(part.integrated - a.integrated) > t.segment_tolerance:
                yield Issue(
                    f"{episode.label} chapter at {start:.1f} s is {part.integrated:.1f} LUFS, "
                    f"the episode {a.integrated:.1f}",
                    "normalise every article to the same loudness before stitching",
                )


def _edges(ctx: Context) -> Iterator[Issue]:
    limit = ctx.targets.edge_silence
    for episode in audible_episodes(ctx):
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


# An article's words vary in length: at one setting, 15 real articles ran 163-212 written
# words a minute. Further from the show's rate than this, the engine is not keeping it.
RATE_DRIFT = 0.2


def _rate(ctx: Context) -> Iterator[Issue]:
    """Our own show is held to its setting, and the setting to the band listeners follow
    best; a feed we did not make, to the band."""
    low, high = ctx.targets.words_per_minute
    wanted = ctx.targets.rate
    if wanted is not None and not low <= wanted <= high:
        yield Issue(
            f"voices.rate is {wanted:.0f} words a minute; listeners follow news best at "
            f"{low:.0f}-{high:.0f}",
            "set [voices] rate in show.toml (words a minute) and rebuild",
        )
    for episode in audible_episodes(ctx):
        rate = speech_rate(ctx, episode)
        if not rate:
            continue
        if wanted is None and not low <= rate[1] <= high:
            yield Issue(
                f"{episode.label} speaks {rate[1]:.0f} words a minute ({rate[0]} words); "
                f"listeners follow news best at {low:.0f}-{high:.0f}",
                "set [voices] rate in show.toml (words a minute) and rebuild",
            )
        elif wanted is not None and abs(rate[1] - wanted) > wanted * RATE_DRIFT:
            yield Issue(
                f"{episode.label} speaks {rate[1]:.0f} words a minute ({rate[0]} words) where "
                f"the show asks {wanted:.0f}: the engine does not keep its rate",
                "try another [voices] engine, or report the engine and voice",
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
    for episode in audible_episodes(ctx):
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
        if not _has_xing(episode_mp3(episode), tags.size if tags else 0):
            yield Issue(
                f"{episode.label} has no Xing/Info header: players guess duration and seek badly",
                "encode with ffmpeg -write_xing 1 (the default) and keep the first frame",
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
]
