"""Retention: a show that keeps `keep_days` of news or its `keep_episodes` newest episodes.
What is older leaves the feed, the pages and the disk, article included; its slug is
retired (content/.retired.json, owned here) so no later article takes it, and no app ever
hears an old episode's guid on a new story.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from talkingpaper.episode import Episode, episodes
from talkingpaper.lifecycle import remove_episode, source_path
from talkingpaper.show import Show
from tts.files import write_atomic
from tts.text.article_file import read_front_matter

RETIRED_FILE = ".retired.json"


def retired_slugs(show: Show) -> list[str]:
    try:
        data = json.loads((show.content / RETIRED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [s for s in data if isinstance(s, str)] if isinstance(data, list) else []


def _retire(show: Show, slugs: Sequence[str]) -> None:
    known = retired_slugs(show)
    added = [s for s in slugs if s not in known]
    if added:
        text = json.dumps(sorted([*known, *added]), ensure_ascii=False, indent=0)
        write_atomic(show.content / RETIRED_FILE, text.encode("utf-8"))


def cutoff(show: Show) -> datetime | None:
    if not show.keep_days:
        return None
    return datetime.now(UTC) - timedelta(days=show.keep_days)


def past_retention(show: Show) -> list[Episode]:
    """The episodes older than keep_days, and those past the keep_episodes newest."""
    made = sorted(episodes(show.output), key=lambda e: (e.published, e.slug), reverse=True)
    oldest = cutoff(show)
    gone = [e for e in made if oldest and e.published < oldest]
    if show.keep_episodes:
        gone += [e for e in made[show.keep_episodes :] if e not in gone]
    return gone


def retire_episodes(show: Show) -> list[str]:
    """Remove the episodes past retention with their articles; their slugs. Under the build
    lock; the slugs are retired before anything is deleted, so a killed run loses none."""
    gone = past_retention(show)
    _retire(show, [e.slug for e in gone])
    for episode in gone:
        remove_episode(show, episode, delete_articles=True)
        _drop_empty_folder(show, episode)
    return [e.slug for e in gone]


def _drop_empty_folder(show: Show, episode: Episode) -> None:
    """An edition's own folder of articles, once its last article is gone."""
    for source in episode.sources:
        folder = (show.root / source).parent
        if folder != show.content and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def expired_articles(show: Show, paths: Sequence[Path]) -> list[Path]:
    """Articles whose own date is past keep_days and that have no episode yet: building them
    would only remove them again. They are deleted; the rest are returned for the build."""
    oldest = cutoff(show)
    if oldest is None:
        return list(paths)
    made = {source_path(show, s).resolve() for e in episodes(show.output) for s in e.sources}
    kept = []
    for path in paths:
        published = read_front_matter(path).get("published") if path.suffix == ".txt" else None
        if published and _day(published) < oldest.date() and path.resolve() not in made:
            path.unlink(missing_ok=True)
        else:
            kept.append(path)
    return kept


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return date.max
