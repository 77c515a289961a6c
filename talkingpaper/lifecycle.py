"""Taking episodes out of a show: `remove` (by slug or article) and `build --prune` (the
episodes whose articles left content/). Never silent, never losing an article: a removed
episode's article is moved to content/.removed/, where builds do not look.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from feeds.served_files import VERSIONS
from talkingpaper.episode import Episode, episodes, sidecar_path
from talkingpaper.errors import UserError
from talkingpaper.output import CAST_FILE, atomic_json, load_json
from talkingpaper.show import Show

REMOVED = ".removed"  # content/.removed/: articles of removed episodes, kept for the producer


@dataclass
class Removal:
    slug: str
    files: list[Path] = field(default_factory=list)  # deleted from output/
    articles: list[Path] = field(default_factory=list)  # moved to content/.removed/


def find_episode(show: Show, target: str) -> Episode:
    """The episode named by its slug ("bridge-vote") or by its article's path."""
    made = episodes(show.output)
    for episode in made:
        if target == episode.slug:
            return episode
    wanted = Path(target).resolve()
    for episode in made:
        if wanted in {source_path(show, s).resolve() for s in episode.sources}:
            return episode
    known = ", ".join(e.slug for e in made) or "none yet"
    raise UserError(f"{target}: no episode has this name or article; the episodes: {known}")


def source_path(show: Show, source: str) -> Path:
    """A record's article: relative to the show (absolute in records of older versions)."""
    path = Path(source)
    return path if path.is_absolute() else show.root / path


def orphans(show: Show) -> list[Episode]:
    """Episodes whose every article is gone from disk. An edition (a bulletin) stands on its
    own: its articles are expected to leave content/ after it is made."""
    return [
        e
        for e in episodes(show.output)
        if not e.edition and e.sources and not any(source_path(show, s).exists() for s in e.sources)
    ]


def remove_episode(show: Show, episode: Episode, delete_articles: bool = False) -> Removal:
    """Delete the episode's files and move its articles aside (or delete them, as retention
    does: an edition's too). Under the build lock only; the caller publishes again."""
    removal = Removal(episode.slug)
    for source in episode.sources:
        article = source_path(show, source)
        if not article.is_file():
            continue
        if delete_articles:
            article.unlink()
            removal.articles.append(article)
        elif not episode.edition:
            aside = show.content / REMOVED / article.name
            aside.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(article, aside)
            removal.articles.append(aside)
    # The record last: a removal stopped halfway is found and finished by the next one.
    for path in [*_audio_files(show, episode), sidecar_path(show.output, episode.slug)]:
        if path.exists():
            path.unlink()
            removal.files.append(path)
    _forget_unheard_speakers(show)
    return removal


def _audio_files(show: Show, episode: Episode) -> list[Path]:
    names = [episode.audio, *(t[0] for t in episode.transcripts)]
    if episode.chapters_file:
        names.append(episode.chapters_file)
    if episode.epub:
        names.append(episode.epub)
    kept = (show.output / "episodes" / VERSIONS).glob(f"{episode.slug}.*")
    return [show.output / n for n in names] + sorted(kept)


def _forget_unheard_speakers(show: Show) -> None:
    """Drop from the cast the speakers no remaining episode quotes: their voices go back to
    the palette (the narrator's is the show's own)."""
    path = show.output / CAST_FILE
    data = load_json(path)
    if not isinstance(data, dict):
        return
    heard = {cue.speaker for episode in episodes(show.output) for cue in episode.cues}
    trimmed = {
        engine: {name: v for name, v in cast.items() if name in heard}
        for engine, cast in data.items()
        if isinstance(cast, dict)
    }
    if trimmed != data:
        atomic_json(path, trimmed)
