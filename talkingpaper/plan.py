"""The plan of a build: which articles make which episode under which slug, what each episode
will say in which voice, its key, and whether it is stale. No audio is made here.

An episode is stale when its key (its segments' audio keys and the settings that shape the
file) differs from the one its record was made with, or its MP3 is missing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from talkingpaper.episode import Episode, load_episode, sidecar_path
from talkingpaper.show import Show
from talkingpaper.synthesis import Job, cache_key
from tts.engines import split_voice
from tts.text.announce import (
    bulletin_fields,
    bulletin_intro_text,
    bulletin_outro_text,
    fill,
)
from tts.text.article_file import read_front_matter
from tts.text.model import NARRATOR, Script, Segment
from tts.text.phrases import phrase, written_date
from tts.text.subheads import subheads
from tts.voices import Casting, casting_of

# Bump when the way an MP3 is made changes, so existing episodes are remade once.
RENDER_VERSION = "6"


def slugify(name: str) -> str:
    """A file name safe in any URL. A name with no ASCII letters or digits (Arabic, Chinese)
    gets one from its hash, so two such articles never share an episode."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if slug:
        return slug
    return "episode-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


@dataclass
class EpisodePlan:
    slug: str
    articles: list[Path]
    title: str | None = None  # a bulletin's title; one article's headline otherwise
    day: date | None = None  # the episode's date, given by the producer (build --date)
    edition: bool = False  # a bulletin


def plan_episodes(
    paths: Sequence[Path],
    bulletin: str | None = None,
    day: date | None = None,
    language: str = "en",
    retired: Collection[str] = (),
) -> tuple[list[EpisodePlan], list[tuple[str, str]]]:
    """An episode per article, or one edition of all of them with `bulletin`; and the
    articles that cannot have one, as (slug, message). `day` dates every episode planned.
    A `retired` slug (its episode left by retention) is never given again: its guid
    would make apps take a new story for the old one."""
    if bulletin and paths:
        title, slug = edition_name(bulletin, day or date.today(), language)
        articles = grouped_by_source(paths)
        plans = [EpisodePlan(_fresh(slug, retired), articles, title, day, edition=True)]
    else:
        plans = [EpisodePlan(_fresh(slugify(p.stem), retired), [p], day=day) for p in paths]
    return _unique_slugs(plans)


def _fresh(slug: str, retired: Collection[str]) -> str:
    n, fresh = 1, slug
    while fresh in retired:
        n += 1
        fresh = f"{slug}-{n}"
    return fresh


def edition_name(template: str, day: date, language: str) -> tuple[str, str]:
    """A bulletin's title and slug on `day`. "{date}" in the name is the date as the show's
    language writes it ("Morning edition {date}" -> "Morning edition December 2, 2026");
    each day's edition is its own episode, so the slug carries the date either way, and a
    second build on the same day corrects that day's edition."""
    if "{date}" not in template:
        return template, f"{slugify(template)}-{day.isoformat()}"
    title = template.replace("{date}", written_date(day, language) or day.isoformat())
    name = template.replace("{date}", "").strip()
    return title, f"{slugify(name) if name else 'edition'}-{day.isoformat()}"


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


def prepare_script(
    show: Show, article: Path, cast: dict[str, Casting], story: tuple[int, int] | None = None
) -> Script:
    """The article's script, cast and spoken as the show reads it (see tts.prepare)."""
    # Imported here: the text rules take half a second to load, and planning which articles
    # make which episodes (update's check for an unbuilt one) needs none of them.
    from tts.prepare import prepare_script as prepare

    return prepare(article, show.reading, cast, story)


@dataclass
class Line:
    """One segment of an episode with the voice that speaks it."""

    job: Job
    segment: Segment
    chapter: str | None  # set on the first line of each article
    paragraph: int  # numbered across the whole episode, so articles never share one
    subhead: bool = False  # a heading of the article's own (the read-along book shows it so)


def _lines(show: Show, scripts: Sequence[Script], sections: bool) -> list[Line]:
    """The episode's lines; a chapter starts at each article and, with `sections`, at each
    of its subheads (an edition's chapters stay one a story: its intro numbers them so)."""
    lines: list[Line] = []
    offset = 1  # paragraph 0 of the episode is a bulletin's own intro
    for script in scripts:
        chapter: str | None = chapter_title(script)
        heads = subheads(script)
        for segment in script.segments:
            if not segment.spoken.strip():
                continue
            head = heads.pop(segment.paragraph, None)
            chapter = chapter or (head if sections else None)
            job = _job(show, segment.spoken, casting_of(script, segment.speaker))
            line = Line(job, segment, chapter, offset + segment.paragraph, head is not None)
            lines.append(line)
            chapter = None
        offset += 1 + max((s.paragraph for s in script.segments), default=0)
    return lines


def chapter_title(script: Script) -> str:
    """'Outlet: Headline', the form a listener navigating chapters hears first."""
    title = script.title or "Untitled"
    return f"{script.outlet}: {title}" if script.outlet else title


def _bulletin_intro(show: Show, plan: EpisodePlan, title: str, scripts: Sequence[Script]) -> Line:
    groups = article_sources(plan)
    headlines = _headlines(scripts, groups)
    fields = _edition_fields(show, plan, title, headlines, groups)
    own = show.bulletin_intro and fill(show.bulletin_intro, fields)
    text = own or bulletin_intro_text(show.title, title, headlines, groups, show.language)
    # The first chapter, "In this edition": every headline.
    contents = phrase(show.language, "contents")
    return _bulletin_line(show, text, scripts, contents, 0, pause=1200)


def article_sources(plan: EpisodePlan) -> list[str | None]:
    """Each article's followed source (its front matter's `source:`), when any has one."""
    found = [read_front_matter(p).get("source") if p.suffix == ".txt" else None
             for p in plan.articles]  # fmt: skip
    return found if any(found) else []


def _headlines(scripts: Sequence[Script], groups: Sequence[str | None]) -> list[str]:
    """Grouped by source, a headline is the story's own; else its chapter's (with outlet)."""
    if groups:
        return [s.title or "Untitled" for s in scripts]
    return [chapter_title(s) for s in scripts]


def grouped_by_source(paths: Sequence[Path]) -> list[Path]:
    """An edition's articles with each source's together, sources in the order they first
    come, each source's articles in their given order."""
    sources = [read_front_matter(p).get("source") if p.suffix == ".txt" else None
               for p in paths]  # fmt: skip
    first = {s: i for i, s in reversed(list(enumerate(sources)))}
    order = sorted(range(len(paths)), key=lambda i: (first[sources[i]], i))
    return [paths[i] for i in order]


def _bulletin_outro(
    show: Show, plan: EpisodePlan, title: str, scripts: Sequence[Script], paragraph: int
) -> Line:
    groups = article_sources(plan)
    fields = _edition_fields(show, plan, title, _headlines(scripts, groups), groups)
    own = show.bulletin_outro and fill(show.bulletin_outro, fields)
    text = own or bulletin_outro_text(show.title, title, show.language)
    return _bulletin_line(show, text, scripts, None, paragraph, pause=0)


def _edition_fields(
    show: Show, plan: EpisodePlan, title: str, headlines: list[str], groups: list[str | None]
) -> dict[str, str]:
    """A bulletin's template fields; {date} is the edition's day (its --date, or today)."""
    on = plan.day or date.today()
    day = written_date(on, show.language) or on.isoformat()
    return bulletin_fields(show.title, title, headlines, day, groups, show.language)


def _bulletin_line(
    show: Show, text: str, scripts: Sequence[Script], chapter: str | None, paragraph: int,
    pause: int,
) -> Line:  # fmt: skip
    from tts.prepare import spoken_form

    spoken = spoken_form(text, show.reading)  # the lexicon applies to these too
    segment = Segment("announcement", NARRATOR, text, spoken=spoken, pause_after=pause)
    # In the narrator's voice as the first story cast it (show.toml's, or one set by hand).
    narrator = casting_of(scripts[0], NARRATOR)
    return Line(_job(show, segment.spoken, narrator), segment, chapter, paragraph)


def _job(show: Show, spoken: str, casting: Casting) -> Job:
    """What to speak, in which engine and voice ("piper:joe" names its engine; a voice
    without one is the show's engine's)."""
    engine, voice = split_voice(casting.voice, show.engine)
    return Job(spoken, voice, casting.pitch, show.rate, engine)


def episode_key(show: Show, title: str, lines: Sequence[Line], published: datetime) -> str:
    """What the episode's MP3 is made from (its date is in its tags): equal keys, equal
    files."""
    h = hashlib.sha256()
    settings = (RENDER_VERSION, show.engine, show.loudness, show.bitrate, show.sample_rate,
                show.title, show.author, show.cover, title, published.isoformat())  # fmt: skip
    h.update(repr(settings).encode())
    for line in lines:
        h.update(cache_key(line.job).encode())
        h.update(f"{line.segment.pause_after}|{line.chapter}|{line.segment.text}".encode())
    return h.hexdigest()


@dataclass
class Prepared:
    """An episode scripted and voiced on paper: what it will say and whether it is stale."""

    plan: EpisodePlan
    scripts: list[Script]
    title: str
    lines: list[Line]
    key: str
    previous: Episode | None  # the record of the episode made last time, if any
    stale: bool
    published: datetime
    date_set: bool  # the date was given by the producer, now or when it was made
    text_key: str  # what it says: a different one from `previous` is a correction

    @property
    def jobs(self) -> list[Job]:
        return [line.job for line in self.lines]


def prepare_episode(
    show: Show,
    plan: EpisodePlan,
    cast: dict[str, Casting],
    prepare_article: Callable[..., Script] | None = None,
) -> Prepared:
    """Script, cast and key one episode (cheap: no audio), to learn whether it is stale.
    `prepare_article(show, path, cast, story)` makes one article's script (the build gives
    one that runs in a worker with a time budget); prepare_script by default."""
    count = len(plan.articles)
    prepare_one = prepare_article or prepare_script
    scripts = [
        prepare_one(show, a, cast, (i, count) if plan.edition else None)
        for i, a in enumerate(plan.articles, start=1)
    ]
    title = plan.title or scripts[0].title or plan.slug
    lines = _lines(show, scripts, sections=not plan.edition)
    if plan.edition:
        lines.insert(0, _bulletin_intro(show, plan, title, scripts))
        lines.append(_bulletin_outro(show, plan, title, scripts, lines[-1].paragraph + 1))
    previous = load_episode(sidecar_path(show.output, plan.slug))
    published, date_set = episode_date(plan, scripts, previous)
    key = episode_key(show, title, lines, published)
    mp3 = show.output / "episodes" / f"{plan.slug}.mp3"
    # An episode made before it had a read-along book is made again once, to have one.
    book = mp3.with_suffix(".epub")
    fresh = bool(previous and previous.key == key and mp3.exists() and book.exists())
    text = hashlib.sha256("\n".join(line.segment.text for line in lines).encode())
    return Prepared(plan, scripts, title, lines, key, previous, not fresh, published, date_set,
                    text.hexdigest()[:16])  # fmt: skip


def episode_date(
    plan: EpisodePlan, scripts: Sequence[Script], previous: Episode | None
) -> tuple[datetime, bool]:
    """The episode's date, and whether the producer set it. A date given now wins, then one
    given before; then the article's own date (one article: never in the future); then the
    date it was first made, so a correction keeps its place in the feed."""
    now = datetime.now(UTC).replace(microsecond=0)
    if plan.day:
        return datetime.combine(plan.day, time(12), UTC), True
    if previous and previous.date_set:
        return previous.published, True
    dates = [s.published for s in scripts if s.published]
    if len(scripts) == 1 and dates and not plan.edition:
        try:
            return min(_moment(dates[0]), now), False
        except ValueError:
            pass
    return (previous.published if previous else now), False


def _moment(published: str) -> datetime:
    """An article's date as a moment: its own time when it gives one (a feed's items do,
    and keep their order by it), else noon UTC of its day."""
    if len(published) <= 10:
        return datetime.fromisoformat(published).replace(hour=12, tzinfo=UTC)
    moment = datetime.fromisoformat(published)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
