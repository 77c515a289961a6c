"""A show's settings: `show.toml` read once into one Show object, defaults in one place.

The Show is never changed once loaded (a command-line override makes a new one). Settings
the libraries take keep the libraries' own defaults (tts.episode.AudioSettings for the
audio, tts.voices for the narrator), so each default is written once.
"""

from __future__ import annotations

import json
import re
import tomllib
import uuid
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from talkingpaper.errors import UserError
from talkingpaper.sources.config import Source, parse_sources
from tts.episode import AudioSettings
from tts.reading import Reading
from tts.text.announce import TEMPLATE_FIELDS, Announcements, template_fields
from tts.text.language import valid_tag
from tts.text.lexicon import load_lexicon
from tts.voices import NARRATOR_CASTING

SHOW_FILE = "show.toml"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


@dataclass(frozen=True)
class Show:
    root: Path
    title: str = "talkingpaper"
    description: str = "News articles read aloud by synthetic voices."
    author: str = "talkingpaper"
    owner_email: str | None = None
    language: str = "en"
    category: str = "News"
    subcategory: str | None = "Daily News"
    explicit: bool = False
    base_url: str = "http://localhost:8000/"
    cover: str | None = None  # an image path relative to the show folder
    guid: str | None = None  # podcast:guid, fixed at `init` so a new base_url keeps it
    engine: str = "pyttsx3"
    rate: int = 165  # words a minute: the radio-news norm
    narrator_voice: str = NARRATOR_CASTING.voice
    loudness: float = AudioSettings.loudness  # LUFS
    bitrate: str = AudioSettings.bitrate
    sample_rate: int = AudioSettings.sample_rate
    captions: str = "announce"  # announce | once | drop
    keep: list[str] = field(default_factory=list)  # lines a cleaning rule must not drop
    embeds: str = "quote"  # embedded social posts: quote (in the author's voice) | drop
    # The show's own announcements (templates, see tts.text.announce); None: the built-in.
    intro: str | None = None
    outro: str | None = None
    bulletin_intro: str | None = None
    bulletin_outro: str | None = None
    sources: tuple[Source, ...] = ()  # the feeds `update` follows
    edition: str | None = None  # `update` makes one bulletin of this name from what is new
    keep_days: int | None = None  # retention: episodes older than this leave the show
    keep_episodes: int | None = None  # retention: only this many newest episodes stay
    cluster: str | None = None  # a dask scheduler (tcp://HOST:8786) whose workers speak

    @property
    def announcements(self) -> Announcements:
        return Announcements(self.intro, self.outro, self.bulletin_intro, self.bulletin_outro)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @cached_property
    def reading(self) -> Reading:
        """How this show reads an article (tts.prepare): its title, engine, narrator, the
        lexicon in its folder and its cleaning settings; read once per loaded show."""
        return Reading(
            title=self.title,
            engine=self.engine,
            narrator_voice=self.narrator_voice,
            lexicon=load_lexicon(self.root / "lexicon.toml"),
            captions=self.captions,
            # A source's own keep lines hold in every article: they are exact lines.
            keep=(*self.keep, *(k for source in self.sources for k in source.keep)),
            embeds=self.embeds,
            announcements=self.announcements,
            language=self.language,
        )

    def articles(self) -> list[Path]:
        """Every article in content/, in name order (scripts and hidden files excepted)."""
        if not self.content.is_dir():
            return []
        return sorted(
            p
            for p in self.content.iterdir()
            if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
        )


# show.toml groups settings in tables; each key maps to one Show field.
_TABLES: dict[str, dict[str, str]] = {
    "show": {
        "title": "title",
        "description": "description",
        "author": "author",
        "owner_email": "owner_email",
        "language": "language",
        "category": "category",
        "subcategory": "subcategory",
        "explicit": "explicit",
        "base_url": "base_url",
        "cover": "cover",
        "guid": "guid",
    },
    "voices": {"engine": "engine", "rate": "rate", "narrator": "narrator_voice"},
    "audio": {"loudness": "loudness", "bitrate": "bitrate", "sample_rate": "sample_rate"},
    "cleaning": {"captions": "captions", "keep": "keep", "embeds": "embeds"},
    "announcements": {
        "intro": "intro",
        "outro": "outro",
        "bulletin_intro": "bulletin_intro",
        "bulletin_outro": "bulletin_outro",
    },
    "edition": {"name": "edition"},
    "retention": {"keep_days": "keep_days", "keep_episodes": "keep_episodes"},
    "build": {"cluster": "cluster"},
}


def load_show(root: Path, *, required: bool = False) -> Show:
    """Read `root/show.toml`; a broken one is a UserError. A missing one means defaults,
    unless the command works on a show (`required`): then it says how to make one."""
    root = root.resolve()
    path = root / SHOW_FILE
    values: dict[str, Any] = {}
    if required and not path.is_file():
        raise UserError(
            f"{root} is not a talkingpaper show (it has no {SHOW_FILE}): make one with "
            f"`talkingpaper init {root}`, or give a show's folder with --show"
        )
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: not valid TOML ({exc}); fix the line it names") from exc
        values["sources"] = parse_sources(data.pop("sources", []), path)
        for table, keys in data.items():
            if table not in _TABLES or not isinstance(keys, dict):
                raise UserError(
                    f"{path}: unknown table [{table}]; known: {', '.join([*_TABLES, 'sources'])}"
                )
            for key, value in keys.items():
                if key not in _TABLES[table]:
                    known = ", ".join(_TABLES[table])
                    raise UserError(f"{path}: unknown setting {table}.{key}; known: {known}")
                values[_TABLES[table][key]] = value
    return _check(Show(root=root, **values), path)


PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def guid_for_feed(feed_url: str) -> str:
    """podcast:guid as the Podcasting 2.0 spec derives it from the feed URL."""
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, re.sub(r"^[a-z]+://", "", feed_url).rstrip("/")))


def _check(show: Show, path: Path) -> Show:
    """The show with its values checked, base_url ending in "/" and the guid in UUID form."""
    defaults = Show(root=show.root)
    for f in fields(Show):
        if f.name in ("root", "sources"):
            continue
        value, default = getattr(show, f.name), getattr(defaults, f.name)
        if default is not None and value is not None and not isinstance(value, type(default)):
            if isinstance(default, float) and isinstance(value, int):
                continue
            raise UserError(f"{path}: {f.name} should be a {type(default).__name__}, not {value!r}")
    if not show.base_url.endswith("/"):
        show = replace(show, base_url=show.base_url + "/")
    if show.guid is not None:
        try:
            show = replace(show, guid=str(uuid.UUID(show.guid)))
        except ValueError as exc:
            raise UserError(f"{path}: show.guid {show.guid!r} is not a UUID") from exc
    if show.captions not in ("announce", "once", "drop"):
        raise UserError(f"{path}: cleaning.captions must be announce, once or drop")
    if show.embeds not in ("quote", "drop"):
        raise UserError(f"{path}: cleaning.embeds must be quote or drop")
    _check_ranges(show, path)
    if show.cluster is not None:
        check_cluster(show.cluster, f"{path}: build.cluster")
    _check_templates(show, path)
    _check_following(show, path)
    tag = valid_tag(show.language)
    if tag is None:
        raise UserError(
            f"{path}: show.language {show.language!r} is not a language tag (BCP-47); write "
            'it as "en", "es" or "de-AT"'
        )
    return replace(show, language=tag)


def _check_following(show: Show, path: Path) -> None:
    for name in ("keep_days", "keep_episodes"):
        value = getattr(show, name)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 1
        ):
            raise UserError(f"{path}: retention.{name} must be a whole number of at least 1")
    if show.edition is not None and (not isinstance(show.edition, str) or not show.edition.strip()):
        raise UserError(f'{path}: edition.name must be a name, e.g. "Morning edition {{date}}"')


def _check_templates(show: Show, path: Path) -> None:
    for name, known in TEMPLATE_FIELDS.items():
        template = getattr(show, name)
        if template is None:
            continue
        try:
            unknown = template_fields(template) - known
        except ValueError as exc:
            raise UserError(f"{path}: announcements.{name} is not a template ({exc})") from None
        if unknown:
            raise UserError(
                f"{path}: announcements.{name} names {{{sorted(unknown)[0]}}}; it may use "
                + ", ".join(f"{{{k}}}" for k in sorted(known))
            )


# What each numeric setting may be, and why: a value outside would clip, crawl or not encode.
_RANGES: dict[str, tuple[str, float, float, str]] = {
    # LUFS: Apple asks -16, Spotify -14, speech services -19..-23; above -10 speech clips.
    "loudness": ("audio.loudness", -30, -10, "LUFS (podcasts use -16)"),
    # Words a minute: 165 is radio news; screen-reader users listen at 300-450 and more.
    "rate": ("voices.rate", 80, 450, "words a minute"),
    "bitrate": ("audio.bitrate", 32, 320, 'kbit/s, written like "64k"'),
}
# The rates an MP3 can carry that speech needs (MPEG-1 and MPEG-2; 8-12 kHz muffle speech).
SAMPLE_RATES = (16000, 22050, 24000, 32000, 44100, 48000)


def check_cluster(address: object, where: str) -> None:
    """A dask scheduler's address, as `dask scheduler` prints it (tcp://HOST:PORT)."""
    if not isinstance(address, str) or not re.fullmatch(r"(tcp|tls)://[^\s/]+:\d+", address):
        raise UserError(
            f'{where} {address!r} is not a dask scheduler\'s address; write it as "tcp://HOST:8786"'
        )


def _check_ranges(show: Show, path: Path) -> None:
    bitrate = re.fullmatch(r"(\d+)k", show.bitrate)
    numbers = {
        "loudness": show.loudness,
        "rate": show.rate,
        "bitrate": int(bitrate.group(1)) if bitrate else -1,
    }
    for name, value in numbers.items():
        setting, low, high, unit = _RANGES[name]
        if not low <= value <= high:
            given = show.bitrate if name == "bitrate" else value
            raise UserError(f"{path}: {setting} {given!r} is outside {low:g} to {high:g} {unit}")
    if show.sample_rate not in SAMPLE_RATES:
        choices = ", ".join(map(str, SAMPLE_RATES))
        raise UserError(f"{path}: audio.sample_rate {show.sample_rate} is not one of {choices}")


# The file `init` writes; each {setting} is filled with the Show's default.
DEMO_SHOW_TOML = """\
# A talkingpaper show: articles in content/ become episodes in output/.
[show]
title = {title}
description = "News articles read aloud by synthetic voices, one voice per person quoted."
author = {author}
owner_email = "podcast@example.org"
language = {language}
category = {category}            # from Apple's category list
subcategory = {subcategory}
explicit = {explicit}
base_url = {base_url}   # where output/ is served; the feed's links start here
# guid = "..."      # podcast:guid: the first build at a public base_url fixes it in
                    # output/show-state.json; set it here to keep it for good

[voices]
engine = {engine}           # pyttsx3 (espeak-ng on Linux)
rate = {rate}                   # words a minute
narrator = {narrator_voice}

[audio]
loudness = {loudness}             # LUFS, Apple's target
bitrate = {bitrate}
sample_rate = {sample_rate}

[cleaning]
captions = {captions}        # announce | once | drop
keep = {keep}                    # lines that a cleaning rule must not drop
embeds = {embeds}             # embedded posts: quote (the author's voice) | drop

[announcements]              # your own words; a sentence naming a missing field is left out
# intro = "{{show}}. {{title}}. By {{author}}, {{outlet}}, {{date}}."
# outro = "That was {{title}} from {{outlet}}."
# bulletin_intro = "{{show}}. {{name}}. {{stories}} stories. {{headlines}}"
# bulletin_outro = "That was {{name}}. Copyright of each story belongs to its publisher."

# Feeds to follow: `talkingpaper follow URL` adds one, `talkingpaper update` reads them.
# [[sources]]
# name = "NPR News"
# url = "https://feeds.npr.org/1001/rss.xml"
# limit = 10                 # new items each update

# [edition]                  # `update` makes one bulletin of what is new, not an episode each
# name = "Morning edition {{date}}"

# [retention]                # what is older leaves the feed, the pages and the disk
# keep_days = 14
# keep_episodes = 100
"""


def init_show(directory: Path, title: str | None = None, language: str = "en") -> Path:
    """Make a new show folder with show.toml, content/ and output/; never overwrite."""
    tag = valid_tag(language)
    if tag is None:
        raise UserError(f"--language {language!r} is not a language tag; write it as es or de-AT")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SHOW_FILE
    if path.exists():
        raise UserError(f"{path} already exists; choose an empty folder")
    (directory / "content").mkdir(exist_ok=True)
    (directory / "output").mkdir(exist_ok=True)
    # Any characters, on one line (every app shows a title on one): control characters and
    # line breaks become spaces.
    printable = "".join(c if c.isprintable() else " " for c in title or "")
    name = " ".join(printable.split()) or directory.resolve().name
    defaults = Show(root=directory, language=tag)
    settings = {f.name: _toml(getattr(defaults, f.name)) for f in fields(Show) if f.name != "root"}
    path.write_text(DEMO_SHOW_TOML.format_map(settings | {"title": _toml(name)}), encoding="utf-8")
    return path


def _toml(value: object) -> str:
    """A default as show.toml spells it (a string, number, boolean or list of strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # TOML's basic strings escape as JSON's, except that TOML also refuses a raw DEL.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)
