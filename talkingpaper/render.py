"""Making one stale episode: its segments spoken (or taken from the cache), stitched,
encoded and tagged into SLUG.mp3, then its transcripts and its record beside it. Each file
lands whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

from talkingpaper.audio_versions import keep_previous, retire_current
from talkingpaper.book import episode_book, write_book
from talkingpaper.episode import Episode, save_episode, sidecar_path
from talkingpaper.output import atomic_text, episode_guid
from talkingpaper.plan import Prepared, chapter_title
from talkingpaper.progress import Progress
from talkingpaper.show import Show
from talkingpaper.synthesis import Synthesizer
from tts.episode import AudioSettings, Part, StitchResult, render_episode
from tts.tags import Tags, write_tags
from tts.text.model import Script
from tts.transcript import to_json_chapters, to_json_transcript, to_srt, to_vtt


def make_episode(
    show: Show,
    prep: Prepared,
    synth: Synthesizer,
    progress: Progress,
    cover: Path,
    encoders: int = 1,
) -> None:
    """Speak (or take from the cache), stitch, encode and tag one stale episode, then write
    its transcripts and sidecar; each file lands whole or not at all. Its blocks are encoded
    as their speech arrives, `encoders` at a time, while the workers speak the next ones."""
    episodes = show.output / "episodes"
    slug, scripts, title, lines = prep.plan.slug, prep.scripts, prep.title, prep.lines
    mp3 = episodes / f"{slug}.mp3"
    bar = progress.bar(len(lines) + 1, slug, leave=False)
    try:
        jobs = {synth.path(line.job): line.job for line in lines}
        parts = [
            Part(synth.path(line.job), line.segment.speaker, line.segment.text,
                 line.segment.pause_after, chapter=line.chapter, voice=line.job.voice,
                 paragraph=line.paragraph)
            for line in lines
        ]  # fmt: skip
        tags = _tags(show, scripts, title, prep.published, cover)

        def ready(block: Sequence[Part]) -> None:
            """A block is about to be encoded: wait for its speech (or speak it here)."""
            synth.speak([jobs[part.wav] for part in block], on_done=lambda: bar.update())

        def finish(encoded: Path, result: StitchResult) -> None:
            tags.chapters = result.chapters
            write_tags(encoded, tags)

        # Apps holding the current feed may fetch this audio after it is replaced.
        keep_previous(mp3, prep.previous.version if prep.previous else "")
        settings = AudioSettings(show.sample_rate, 1, show.bitrate, show.loudness)
        blocks = show.output / ".cache" / "blocks"
        result = render_episode(parts, mp3, settings, finish=finish, ready=ready,
                                cache=blocks, encoders=encoders)  # fmt: skip
        retire_current(mp3, _version(prep))
        bar.update()
    finally:
        bar.close()

    _write_transcripts(episodes, slug, title, result)
    record = _record(show, prep, mp3, result)
    book = episode_book(prep, result.cues, guid=record.guid, show=show.title,
                        language=_language(show, prep), mp3=mp3, cover=cover,
                        corrected=record.corrected)  # fmt: skip
    record.epub = write_book(book, show.output, slug)
    save_episode(sidecar_path(show.output, slug), record)


def _record(show: Show, prep: Prepared, mp3: Path, result: StitchResult) -> Episode:
    """The record of the episode just made, for its sidecar."""
    slug, scripts = prep.plan.slug, prep.scripts
    corrected = _corrected(prep)
    return Episode(
        key=prep.key,
        slug=slug,
        sources=[_source_name(show, a) for a in prep.plan.articles],
        guid=episode_guid(show, slug),
        title=prep.title,
        author=", ".join(sorted({s.author for s in scripts if s.author})) or None,
        outlet=scripts[0].outlet,
        description=_description(scripts) + _correction_note(corrected),
        audio=f"episodes/{slug}.mp3",
        bytes=mp3.stat().st_size,
        duration=round(result.duration, 3),
        loudness=result.loudness,
        published=prep.published,
        version=_version(prep),
        transcripts=[
            (f"episodes/{slug}.vtt", "text/vtt"),
            (f"episodes/{slug}.srt", "application/x-subrip"),
            (f"episodes/{slug}.transcript.json", "application/json"),
        ],
        chapters_file=f"episodes/{slug}.chapters.json",
        cues=result.cues,
        chapters=result.chapters,
        edition=prep.plan.edition,
        text_key=prep.text_key,
        corrected=corrected,
        date_set=prep.date_set,
        language=_language(show, prep),
    )


def _language(show: Show, prep: Prepared) -> str:
    """One article's own language; an edition speaks the show's between its stories."""
    if prep.plan.edition or not prep.scripts[0].language:
        return show.language
    return prep.scripts[0].language


def _tags(
    show: Show, scripts: Sequence[Script], title: str, published: datetime, cover: Path
) -> Tags:
    """The MP3's ID3 tags (chapters are added once the audio is stitched)."""
    authors = sorted({s.author for s in scripts if s.author})
    return Tags(
        title=title,
        artist=", ".join(authors) or scripts[0].outlet or show.author,
        album=show.title,
        date=published.date().isoformat(),
        comment="Read by synthetic voices: " + "; ".join(chapter_title(s) for s in scripts),
        language=_id3_language(scripts[0].language if len(scripts) == 1 else show.language),
        cover=cover,
    )


def _write_transcripts(episodes: Path, slug: str, title: str, result: StitchResult) -> None:
    """The episode's cues and chapters as WebVTT, SubRip, JSON transcript and chapters."""
    files = {
        f"{slug}.vtt": to_vtt(result.cues),
        f"{slug}.srt": to_srt(result.cues),
        f"{slug}.transcript.json": to_json_transcript(result.cues),
        f"{slug}.chapters.json": to_json_chapters(result.chapters, title),
    }
    for name, text in files.items():
        atomic_text(episodes / name, text)


def _description(scripts: Sequence[Script]) -> str:
    if len(scripts) > 1:
        stories = "".join(f"<li>{escape(chapter_title(s))}</li>" for s in scripts)
        return f"<p>{len(scripts)} stories, read by synthetic voices.</p><ol>{stories}</ol>"
    (script,) = scripts
    body = [s.text for s in script.segments if s.kind in ("body", "quote")]
    byline = f"By {script.author}. " if script.author else ""
    return escape((byline + " ".join(body[:3]))[:3000]) + " (Read by synthetic voices.)"


def _corrected(prep: Prepared) -> date | None:
    """The day the episode's text was last corrected: today, if it says something else than
    the episode of the same guid made before."""
    previous = prep.previous
    if previous is None:
        return None
    if previous.text_key and previous.text_key != prep.text_key:
        return datetime.now(UTC).date()
    return previous.corrected


def _correction_note(corrected: date | None) -> str:
    # Apps show a changed description under the same guid: the listener learns why the
    # episode they heard is back.
    if corrected is None:
        return ""
    return f" Corrected on {corrected:%B} {corrected.day}, {corrected.year}."


def _version(prep: Prepared) -> str:
    """The version an enclosure's URL names: equal for equal audio (the plan's key)."""
    return prep.key[:12]


def _source_name(show: Show, article: Path) -> str:
    """The article as the record names it: relative to the show, never an absolute path
    (output/ is published, and a home folder's path names its user). A symlink in content/
    is named where it stands, not where it points."""
    return Path(os.path.relpath(os.path.abspath(article), show.root)).as_posix()


def _id3_language(tag: str | None) -> str:
    """ID3's three-letter code (ISO 639-2) of a BCP-47 tag; "eng" for none or an unknown."""
    import langcodes

    try:
        return str(langcodes.Language.get(tag or "en").to_alpha3())
    except (LookupError, ValueError):
        return "eng"
