"""Building a show: which episodes are stale, synthesis, stitching, the feed. Nothing else.

Every article becomes output/episodes/SLUG.mp3 with a sidecar SLUG.json (the episode record
the feed is made from). An episode is rebuilt only when its segments' audio keys or the
settings that shape the file changed. Every file is written under a temporary name and
renamed into place, and content/ is only ever read.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import ipaddress
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from feeds.cover import prepare_cover
from feeds.errors import FeedError
from feeds.feed import render_feed, write_feed
from feeds.model import Cue as FeedCue
from feeds.model import EpisodeRecord, Mark, ShowInfo
from feeds.site import render_site, write_site
from talkingpaper.errors import UserError
from talkingpaper.show import Show, guid_for_feed
from talkingpaper.synthesis import Job, Synthesizer, cache_key, engine_revision
from tts.episode import AudioSettings, Part, StitchResult, render_episode, require_ffmpeg
from tts.errors import TTSError
from tts.tags import Tags, write_tags
from tts.text.announce import bulletin_intro_text, with_announcements
from tts.text.lexicon import load_lexicon
from tts.text.model import NARRATOR, Script, Segment
from tts.text.normalize import normalize
from tts.text.pipeline import script_from_source, speak
from tts.text.script_file import load_script, script_path_for
from tts.transcript import to_json_chapters, to_json_transcript, to_srt, to_vtt
from tts.voices import Casting, cast_script, casting_of, palette_for

EPISODE_FORMAT = "talkingpaper.episode/1"
STATE_FILE = "show-state.json"
IMAGES = (".jpg", ".jpeg", ".png")
# Bump when the way an MP3 is made changes, so existing episodes are remade once.
RENDER_VERSION = "5"


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

    def bar(self, total: int, desc: str, leave: bool = True, unit: str = "seg") -> Any:
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit=unit, disable=self.quiet, leave=leave)

    def note(self, message: str) -> None:
        if not self.quiet:
            from tqdm import tqdm

            tqdm.write(message)


def slugify(name: str) -> str:
    """A file name safe in any URL. A name with no ASCII letters or digits (Arabic, Chinese)
    gets one from its hash, so two such articles never share an episode."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if slug:
        return slug
    return "episode-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def _atomic_json(path: Path, data: Any) -> None:
    _atomic_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def _atomic_text(path: Path, text: str) -> None:
    write_feed(path, text.encode("utf-8"))  # the feed's atomic writer serves any file


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def show_guid(show: Show) -> str:
    """podcast:guid, computed once and kept: show.toml's `guid`, else the one stored in
    output/ by the first build at a public address, else UUIDv5 of the feed URL (without
    scheme and trailing slash). A later change of base_url must not make every episode look
    new to apps; a localhost or LAN feed is not public, so its guid is not kept (every
    talkingpaper show starts at http://localhost:8000/ and would share it)."""
    if show.guid:
        return show.guid
    feed_url = show.base_url + "feed.xml"
    if _is_local(show.base_url):
        return guid_for_feed(feed_url)
    state_file = show.output / STATE_FILE
    state = _load_json(state_file) or {}
    if not state.get("guid"):
        state["guid"] = guid_for_feed(feed_url)
        show.output.mkdir(parents=True, exist_ok=True)
        _atomic_json(state_file, state)
    return str(state["guid"])


def _is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith((".local", ".lan", ".home.arpa")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


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


def prepare_script(
    show: Show, article: Path, cast: dict[str, Casting], story: tuple[int, int] | None = None
) -> Script:
    """Script the article (or take its edited NAME.script.json), add intro and outro, cast
    voices (growing `cast`), normalise."""
    edited = script_path_for(article)
    if edited.exists():
        script = load_script(edited)
    else:
        script = script_from_source(
            article, captions=show.captions, keep=show.keep, embeds=show.embeds
        )
    if not any(s.text.strip() for s in script.segments if s.kind != "headline"):
        raise UserError(f"{article}: no story text found after cleaning; nothing to read")
    script = with_announcements(script, show.title, story=story)
    palette = palette_for(show.engine)
    by_hand = script.speakers.get(NARRATOR)
    if by_hand and by_hand.voice:
        narrator = Casting(by_hand.voice, 50 if by_hand.pitch is None else by_hand.pitch)
    elif show.engine == "piper" and not show.narrator_voice.endswith(".onnx"):
        narrator = palette.narrator  # show.toml's narrator names an espeak voice
    else:
        narrator = Casting(show.narrator_voice, 50)
    script, grown = cast_script(script, cast, narrator=narrator, palette=palette)
    cast.update(grown)
    # Phonemes ([[...]]) are espeak's; Piper takes only the respellings.
    return speak(script, load_lexicon(show.root / "lexicon.toml"), show.engine != "piper")


@dataclass
class Line:
    """One segment of an episode with the voice that speaks it."""

    job: Job
    segment: Segment
    chapter: str | None  # set on the first line of each article
    paragraph: int  # numbered across the whole episode, so articles never share one


def _lines(show: Show, scripts: Sequence[Script]) -> list[Line]:
    lines: list[Line] = []
    offset = 1  # paragraph 0 of the episode is a bulletin's own intro
    for script in scripts:
        chapter: str | None = chapter_title(script)
        for segment in script.segments:
            if not segment.spoken.strip():
                continue
            casting = casting_of(script, segment.speaker)
            job = Job(segment.spoken, casting.voice, casting.pitch, show.rate)
            lines.append(Line(job, segment, chapter, offset + segment.paragraph))
            chapter = None
        offset += 1 + max((s.paragraph for s in script.segments), default=0)
    return lines


def chapter_title(script: Script) -> str:
    """'Outlet: Headline', the form a listener navigating chapters hears first."""
    title = script.title or "Untitled"
    return f"{script.outlet}: {title}" if script.outlet else title


def _episode_key(show: Show, title: str, lines: Sequence[Line]) -> str:
    h = hashlib.sha256()
    settings = (RENDER_VERSION, show.engine, show.loudness, show.bitrate, show.sample_rate,
                show.title, show.author, show.cover, title)  # fmt: skip
    h.update(repr(settings).encode())
    for line in lines:
        h.update(cache_key(show.engine, line.job).encode())
        h.update(f"{line.segment.pause_after}|{line.chapter}|{line.segment.text}".encode())
    return h.hexdigest()


def _published(scripts: Sequence[Script], previous: dict[str, Any] | None) -> datetime:
    now = datetime.now(UTC)
    dates = [s.published for s in scripts if s.published]
    if len(scripts) == 1 and dates:
        try:
            day = datetime.fromisoformat(dates[0][:10]).replace(hour=12, tzinfo=UTC)
            return min(day, now)  # never a pubDate in the future
        except ValueError:
            pass
    if previous and previous.get("published"):
        return datetime.fromisoformat(previous["published"])
    return now.replace(microsecond=0)


def _description(scripts: Sequence[Script]) -> str:
    if len(scripts) > 1:
        stories = "".join(f"<li>{escape(chapter_title(s))}</li>" for s in scripts)
        return f"<p>{len(scripts)} stories, read by synthetic voices.</p><ol>{stories}</ol>"
    (script,) = scripts
    body = [s.text for s in script.segments if s.kind in ("body", "quote")]
    byline = f"By {script.author}. " if script.author else ""
    return escape((byline + " ".join(body[:3]))[:3000]) + " (Read by synthetic voices.)"


@dataclass
class EpisodePlan:
    slug: str
    articles: list[Path]
    title: str | None = None  # a bulletin's title; one article's headline otherwise


@dataclass
class Prepared:
    """An episode scripted and voiced on paper: what it will say and whether it is stale."""

    plan: EpisodePlan
    scripts: list[Script]
    title: str
    lines: list[Line]
    key: str
    previous: dict[str, Any] | None
    stale: bool

    @property
    def jobs(self) -> list[Job]:
        return [line.job for line in self.lines]


def prepare_episode(show: Show, plan: EpisodePlan, cast: dict[str, Casting]) -> Prepared:
    """Script, cast and key one episode (cheap: no audio), to learn whether it is stale."""
    episodes = show.output / "episodes"
    count = len(plan.articles)
    scripts = [
        prepare_script(show, a, cast, story=(i, count) if count > 1 else None)
        for i, a in enumerate(plan.articles, start=1)
    ]
    title = plan.title or scripts[0].title or plan.slug
    lines = _lines(show, scripts)
    if count > 1:
        lines.insert(0, _bulletin_intro(show, title, scripts))
    key = _episode_key(show, title, lines)
    previous = _load_json(episodes / f"{plan.slug}.json")
    fresh = bool(
        previous and previous.get("key") == key and (episodes / f"{plan.slug}.mp3").exists()
    )
    return Prepared(plan, scripts, title, lines, key, previous, stale=not fresh)


def make_episode(
    show: Show, prep: Prepared, synth: Synthesizer, progress: Progress, cover: Path
) -> None:
    """Speak (or take from the cache), stitch, encode and tag one stale episode, then write
    its transcripts and sidecar; each file lands whole or not at all."""
    episodes = show.output / "episodes"
    slug, scripts, title, lines = prep.plan.slug, prep.scripts, prep.title, prep.lines
    mp3, sidecar = episodes / f"{slug}.mp3", episodes / f"{slug}.json"
    published = _published(scripts, prep.previous)
    bar = progress.bar(len(lines) + 1, slug, leave=False)
    try:
        wavs = synth.speak(prep.jobs, on_done=lambda: bar.update())
        parts = [
            Part(wavs[line.job], line.segment.speaker, line.segment.text,
                 line.segment.pause_after, chapter=line.chapter, voice=line.job.voice,
                 paragraph=line.paragraph)
            for line in lines
        ]  # fmt: skip
        authors = sorted({s.author for s in scripts if s.author})
        tags = Tags(
            title=title,
            artist=", ".join(authors) or scripts[0].outlet or show.author,
            album=show.title,
            date=published.date().isoformat(),
            comment="Read by synthetic voices: " + "; ".join(chapter_title(s) for s in scripts),
            language="eng",
            cover=cover,
        )

        def finish(encoded: Path, result: StitchResult) -> None:
            tags.chapters = result.chapters
            write_tags(encoded, tags)

        result = render_episode(parts, mp3, AudioSettings(show.sample_rate, 1, show.bitrate,
                                show.loudness), finish=finish)  # fmt: skip
        bar.update()
    finally:
        bar.close()

    files = {
        f"{slug}.vtt": to_vtt(result.cues),
        f"{slug}.srt": to_srt(result.cues),
        f"{slug}.transcript.json": to_json_transcript(result.cues),
        f"{slug}.chapters.json": to_json_chapters(result.chapters, title),
    }
    for name, text in files.items():
        _atomic_text(episodes / name, text)
    record = {
        "format": EPISODE_FORMAT,
        "key": prep.key,
        "slug": slug,
        "sources": [str(a) for a in prep.plan.articles],
        "guid": episode_guid(show, slug),
        "title": title,
        "author": ", ".join(authors) or None,
        "outlet": scripts[0].outlet,
        "description": _description(scripts),
        "audio": f"episodes/{slug}.mp3",
        "bytes": mp3.stat().st_size,
        "duration": round(result.duration, 3),
        "loudness": asdict(result.loudness) if result.loudness else None,
        "published": published.isoformat(),
        "version": prep.key[:12],
        "transcripts": [
            [f"episodes/{slug}.vtt", "text/vtt"],
            [f"episodes/{slug}.srt", "application/x-subrip"],
            [f"episodes/{slug}.transcript.json", "application/json"],
        ],
        "chapters_file": f"episodes/{slug}.chapters.json",
        "cues": [asdict(c) for c in result.cues],
        "chapters": [asdict(c) for c in result.chapters],
    }
    _atomic_json(sidecar, record)


def _bulletin_intro(show: Show, title: str, scripts: Sequence[Script]) -> Line:
    text = bulletin_intro_text(show.title, title, [chapter_title(s) for s in scripts])
    segment = Segment("announcement", NARRATOR, text, spoken=normalize(text), pause_after=1200)
    # In the narrator's voice as the first story cast it (show.toml's, or one set by hand).
    narrator = casting_of(scripts[0], NARRATOR)
    job = Job(segment.spoken, narrator.voice, narrator.pitch, show.rate)
    return Line(job, segment, f"{show.title}: {title}", 0)


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
                transcripts=[tuple(t) for t in data.get("transcripts", [])],
                chapters=data.get("chapters_file"),
                slug=data.get("slug", sidecar.stem),
                cues=[
                    FeedCue(c["start"], c["end"], c["speaker"], c["text"], c.get("paragraph"))
                    for c in data["cues"]
                ],
                chapter_marks=[Mark(c["start"], c["end"], c["title"]) for c in data["chapters"]],
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
        image=next((p.name for p in show.output.glob("cover.*") if p.suffix in IMAGES), None),
    )


def publish(show: Show) -> Path:
    """Write output/feed.xml and output/index.html from every episode built so far."""
    path = show.output / "feed.xml"
    info, records = show_info(show), episode_records(show)
    write_feed(path, render_feed(info, records))
    write_site(show.output / "index.html", render_site(info, records))
    return path


def build_show(
    show: Show,
    articles: Sequence[Path] | None = None,
    quiet: bool = False,
    warn: Callable[[str], None] | None = None,
    bulletin: str | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Build every article (or the ones given), then the feed. One bad article is reported
    and skipped; the others still build. With `bulletin`, all of them make one episode.
    `jobs` worker processes speak (default: one per core)."""
    progress = Progress(quiet)
    paths = list(articles) if articles else show.articles()
    if not paths:
        raise UserError(f"{show.content}: no articles (.txt, .html, .md) to build")
    if bulletin:
        plans = [EpisodePlan(slugify(bulletin), paths, title=bulletin)]
    else:
        plans = [EpisodePlan(slugify(p.stem), [p]) for p in paths]
    plans, clashes = _unique_slugs(plans)
    (show.output / "episodes").mkdir(parents=True, exist_ok=True)
    with build_lock(show.output):
        sweep_temporaries(show.output)
        # Once per build: a missing engine or a bad cover is one clear error, not one per
        # episode, and comes before any work.
        engine_revision(show.engine)  # loads the engine: a missing one fails here
        cover = prepare_cover(
            show.root / show.cover if show.cover else None, show.title, show.output
        )
        try:
            return _build(show, plans, progress, warn or progress.note, cover, jobs, clashes)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                # Every later episode would fail the same way: stop, with the feed as it was.
                raise UserError(
                    f"{show.output}: the disk is full; free some space (output/.cache may "
                    "be deleted, it is rebuilt) and build again"
                ) from exc
            raise


def _build(
    show: Show,
    plans: Sequence[EpisodePlan],
    progress: Progress,
    warn: Callable[[str], None],
    cover: Path,
    jobs: int | None,
    clashes: Sequence[tuple[str, str]] = (),
) -> BuildReport:
    report = BuildReport(failed=list(clashes))
    for _, message in clashes:
        warn(f"skipped: {message}")
    cast_file = show.output / "cast.json"
    cast = _load_cast(cast_file, show.engine)
    saved = dict(cast)
    prepared: list[Prepared] = []
    for plan in plans:
        try:
            prepared.append(prepare_episode(show, plan, cast))
        except Exception as exc:  # noqa: BLE001 - one odd article must not stop the show
            message = _naming(plan, exc)
            report.failed.append((plan.slug, message))
            warn(f"skipped: {message}")
    stale = [p for p in prepared if p.stale]
    if stale:
        require_ffmpeg()
    report.unchanged = [p.plan.slug for p in prepared if not p.stale]
    batch = progress.bar(len(stale), "episodes", unit="ep")
    workers = max(1, jobs or os.cpu_count() or 1)
    try:
        with (
            Synthesizer(show.engine, show.output / ".cache", workers) as synth,
            ThreadPoolExecutor(max_workers=workers) as renderers,
        ):
            # Every stale episode's segments are queued now, so the workers speak ahead
            # while episodes are stitched and encoded (ffmpeg, one per core) as their
            # segments arrive.
            missing = [j for p in stale for j in p.jobs if not synth.path(j).exists()]
            if missing:
                synth.self_test(missing[0].voice, missing[0].pitch, missing[0].rate)
            synth.queue(missing)
            made = [
                renderers.submit(make_episode, show, prep, synth, progress, cover) for prep in stale
            ]
            try:
                for prep, future in zip(stale, made, strict=True):
                    try:
                        future.result()
                    except Exception as exc:  # noqa: BLE001 - as above
                        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                            raise
                        message = _naming(prep.plan, exc)
                        report.failed.append((prep.plan.slug, message))
                        warn(f"skipped: {message}")
                    else:
                        report.built.append(prep.plan.slug)
                    batch.update()
            except BaseException:
                # A full disk or Ctrl-C: start no more episodes.
                renderers.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        batch.close()
        # The voices new episodes speak in stay theirs next time. With nothing to build, a
        # grown cast means a killed build lost its save: make it good now.
        if cast != saved and (report.built or not stale):
            _save_cast(cast_file, show.engine, cast)
    report.feed = publish(show)
    return report


def _unique_slugs(
    plans: list[EpisodePlan],
) -> tuple[list[EpisodePlan], list[tuple[str, str]]]:
    """x.txt and x.html would make the same episodes/x.mp3, one silently replacing the
    other: the first (in name order) keeps the name, the others fail with the fix."""
    taken: dict[str, EpisodePlan] = {}
    kept, clashes = [], []
    for plan in plans:
        first = taken.setdefault(plan.slug, plan)
        if first is plan:
            kept.append(plan)
        else:
            clashes.append((plan.slug, (
                f"{plan.articles[0]}: it would make the same episode as {first.articles[0]} "
                f"(episodes/{plan.slug}.mp3); rename one of them"
            )))  # fmt: skip
    return kept, clashes


def _naming(plan: EpisodePlan, exc: Exception) -> str:
    """The error with the article it happened in, so the reader knows which file to look at.
    An error that is not a user's (a bug of ours) says so and asks for a report."""
    message = str(exc)
    if not isinstance(exc, (UserError, TTSError, FeedError, OSError)):
        message = (
            f"talkingpaper failed on it ({type(exc).__name__}: {message}); please report "
            "this with the article attached"
        )
    where = str(plan.articles[0]) if len(plan.articles) == 1 else f"bulletin {plan.title!r}"
    return message if message.startswith(where) else f"{where}: {message}"


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """One build at a time per show: a second one would sweep the first one's temporary
    files and race it to the feed. The lock dies with its process, even under SIGKILL."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / ".build.lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"{output}: another talkingpaper build is running for this show; wait for it "
                "to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# Names our writers give files before renaming them into place (see _atomic_text,
# feeds.feed.write_feed, feeds.site.write_site, synthesis._synthesize, the engines and
# tts.episode.render_episode). A build killed mid-write leaves them behind.
_TEMPORARY = re.compile(r"^\..+\.\d+\.(tmp|tmp\.wav|pitch\.wav|join\.tmp|\d+\.part)$|^\.stitch-")


def sweep_temporaries(output: Path) -> list[Path]:
    """Remove what a killed build left half-written. Called under the build lock only."""
    swept = []
    folders = [output, output / "episodes", *sorted((output / ".cache").glob("*/"))]
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if not _TEMPORARY.match(entry.name) or entry.is_symlink():
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            swept.append(entry)
    return swept
