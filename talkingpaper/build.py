"""Building a show: which episodes are stale, synthesis, stitching, the feed. Nothing else.

Every article becomes output/episodes/SLUG.mp3 with a sidecar SLUG.json (the episode record
the feed is made from). An episode is rebuilt only when its segments' audio keys or the
settings that shape the file changed. Every file is written under a temporary name and
renamed into place, and content/ is only ever read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from feeds.feed import render_feed, write_feed
from feeds.model import EpisodeRecord, ShowInfo
from talkingpaper.errors import UserError
from talkingpaper.show import Show
from talkingpaper.synthesis import Job, cache_key, synthesize_all
from tts.episode import AudioSettings, Part, StitchResult, render_episode
from tts.errors import TTSError
from tts.tags import Tags, write_tags
from tts.text.announce import with_announcements
from tts.text.model import Script
from tts.text.pipeline import script_from_source, speak
from tts.voices import Casting, cast_script, casting_of

EPISODE_FORMAT = "talkingpaper.episode/1"
# Bump when the way an MP3 is made changes, so existing episodes are remade once.
RENDER_VERSION = "1"


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article, message)
    feed: Path | None = None


class Progress:
    """Progress bars on stderr: one for the batch, one per episode; silent when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def bar(self, total: int, desc: str, leave: bool = True) -> Any:
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit="seg", disable=self.quiet, leave=leave)

    def note(self, message: str) -> None:
        if not self.quiet:
            from tqdm import tqdm

            tqdm.write(message)


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "episode"


def _atomic_json(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def show_guid(show: Show) -> str:
    """podcast:guid: UUIDv5 of the feed URL without scheme and trailing slash."""
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    feed = re.sub(r"^[a-z]+://", "", show.base_url + "feed.xml").rstrip("/")
    return str(uuid.uuid5(namespace, feed))


def episode_guid(show: Show, slug: str) -> str:
    # From the show and the article's stored name only: never from title, URL or time.
    return str(uuid.uuid5(uuid.UUID(show_guid(show)), slug))


def _load_cast(path: Path, engine: str) -> dict[str, Casting]:
    data = _load_json(path) or {}
    entries = data.get(engine, {}) if isinstance(data, dict) else {}
    return {
        name: Casting(str(v["voice"]), int(v.get("pitch", 50)))
        for name, v in entries.items()
        if isinstance(v, dict) and "voice" in v
    }


def _save_cast(path: Path, engine: str, cast: dict[str, Casting]) -> None:
    data = _load_json(path) or {}
    data[engine] = {name: asdict(c) for name, c in sorted(cast.items())}
    _atomic_json(path, data)


def prepare_script(show: Show, article: Path, cast: dict[str, Casting]) -> Script:
    """Script the article, add intro and outro, cast voices (growing `cast`), normalise."""
    script = script_from_source(article, captions=show.captions, keep=show.keep)
    if not any(s.text.strip() for s in script.segments if s.kind != "headline"):
        raise UserError(f"{article}: no story text found after cleaning; nothing to read")
    script = with_announcements(script, show.title)
    narrator = Casting(show.narrator_voice, 50)
    script, grown = cast_script(script, cast, narrator=narrator)
    cast.update(grown)
    return speak(script)


def _jobs(show: Show, script: Script) -> list[tuple[Job, int]]:
    jobs = []
    for index, segment in enumerate(script.segments):
        if segment.spoken.strip():
            casting = casting_of(script, segment.speaker)
            jobs.append((Job(segment.spoken, casting.voice, casting.pitch, show.rate), index))
    return jobs


def _episode_key(show: Show, script: Script, jobs: list[tuple[Job, int]]) -> str:
    h = hashlib.sha256()
    settings = (RENDER_VERSION, show.engine, show.loudness, show.bitrate, show.sample_rate,
                show.title, show.author, script.title, script.author, show.cover)  # fmt: skip
    h.update(repr(settings).encode())
    for job, index in jobs:
        h.update(cache_key(show.engine, job).encode())
        h.update(str(script.segments[index].pause_after).encode())
    return h.hexdigest()


def _published(script: Script, previous: dict[str, Any] | None) -> datetime:
    now = datetime.now(UTC)
    if script.published:
        try:
            day = datetime.fromisoformat(script.published[:10]).replace(hour=12, tzinfo=UTC)
            return min(day, now)  # never a pubDate in the future
        except ValueError:
            pass
    if previous and previous.get("published"):
        return datetime.fromisoformat(previous["published"])
    return now.replace(microsecond=0)


def _description(script: Script) -> str:
    body = [s.text for s in script.segments if s.kind in ("body", "quote")]
    text = " ".join(body[:3])
    byline = f"By {script.author}. " if script.author else ""
    return (byline + text)[:3000]


def build_episode(
    show: Show,
    article: Path,
    cast: dict[str, Casting],
    progress: Progress,
) -> bool:
    """Make one episode if stale; return True when it was (re)made."""
    slug = slugify(article.stem)
    episodes = show.output / "episodes"
    mp3, sidecar = episodes / f"{slug}.mp3", episodes / f"{slug}.json"
    script = prepare_script(show, article, cast)
    jobs = _jobs(show, script)
    key = _episode_key(show, script, jobs)
    previous = _load_json(sidecar)
    if previous and previous.get("key") == key and mp3.exists():
        return False

    bar = progress.bar(len(jobs) + 1, slug, leave=False)
    try:
        wavs = synthesize_all(
            show.engine, [j for j, _ in jobs], show.output / ".cache", on_done=lambda: bar.update()
        )
        parts = []
        for job, index in jobs:
            segment = script.segments[index]
            parts.append(
                Part(wavs[job], segment.speaker, segment.text, segment.pause_after, voice=job.voice)
            )
        settings = AudioSettings(show.sample_rate, 1, show.bitrate, show.loudness)
        title = script.title or slug
        tags = Tags(
            title=title,
            artist=script.author or script.outlet or show.author,
            album=show.title,
            date=(script.published or datetime.now(UTC).date().isoformat())[:10],
            comment=f"Read by synthetic voices from {script.outlet or article.name}.",
            language="eng",
        )

        def finish(encoded: Path, result: StitchResult) -> None:
            write_tags(encoded, tags)

        result = render_episode(parts, mp3, settings, finish=finish)
        bar.update()
    finally:
        bar.close()

    record = {
        "format": EPISODE_FORMAT,
        "key": key,
        "slug": slug,
        "source": str(article),
        "guid": episode_guid(show, slug),
        "title": script.title or slug,
        "author": script.author,
        "outlet": script.outlet,
        "description": _description(script),
        "audio": f"episodes/{slug}.mp3",
        "bytes": mp3.stat().st_size,
        "duration": round(result.duration, 3),
        "published": _published(script, previous).isoformat(),
        "version": key[:12],
        "cues": [asdict(c) for c in result.cues],
        "chapters": [asdict(c) for c in result.chapters],
    }
    _atomic_json(sidecar, record)
    return True


def episode_records(show: Show) -> list[EpisodeRecord]:
    """Every built episode, read from its sidecar; the file's size as it is now."""
    records = []
    for sidecar in sorted((show.output / "episodes").glob("*.json")):
        data = _load_json(sidecar)
        if not isinstance(data, dict) or data.get("format") != EPISODE_FORMAT:
            continue
        audio = show.output / data["audio"]
        if not audio.exists():
            continue
        records.append(
            EpisodeRecord(
                guid=data["guid"],
                title=data["title"],
                description=data["description"],
                audio=data["audio"],
                bytes=audio.stat().st_size,
                duration=data["duration"],
                published=datetime.fromisoformat(data["published"]),
                version=data.get("version", ""),
                author=data.get("author"),
            )
        )
    return records


def show_info(show: Show) -> ShowInfo:
    return ShowInfo(
        title=show.title,
        description=show.description,
        author=show.author,
        language=show.language,
        base_url=show.base_url,
        category=show.category,
        subcategory=show.subcategory,
        explicit=show.explicit,
        owner_email=show.owner_email,
        guid=show_guid(show),
    )


def publish(show: Show) -> Path:
    """Write output/feed.xml from every episode built so far."""
    path = show.output / "feed.xml"
    write_feed(path, render_feed(show_info(show), episode_records(show)))
    return path


def build_show(
    show: Show,
    articles: Sequence[Path] | None = None,
    quiet: bool = False,
    warn: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build every article (or the ones given), then the feed. One bad article is reported
    and skipped; the others still build."""
    progress = Progress(quiet)
    paths = list(articles) if articles else show.articles()
    if not paths:
        raise UserError(f"{show.content}: no articles (.txt, .html, .md) to build")
    (show.output / "episodes").mkdir(parents=True, exist_ok=True)
    cast_file = show.output / "cast.json"
    cast = _load_cast(cast_file, show.engine)
    report = BuildReport()
    batch = progress.bar(len(paths), "episodes")
    batch.unit = "ep"
    try:
        for article in paths:
            try:
                made = build_episode(show, article, cast, progress)
            except (UserError, TTSError) as exc:
                report.failed.append((str(article), str(exc)))
                (warn or progress.note)(f"skipped: {exc}")
            else:
                (report.built if made else report.unchanged).append(str(article))
            batch.update()
    finally:
        batch.close()
    _save_cast(cast_file, show.engine, cast)
    report.feed = publish(show)
    return report
