"""What the sources gave before, kept between updates in content/.sources.json (the one
owner of that file): each source's validators and last result, and every item seen, with
the file it became and its story's fingerprint.

Written whole and atomically after each source, and always after its articles: a killed
update leaves the state of the last finished source, and the articles saved after it carry
their guid in their front matter, where `known_items` finds them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tts.files import write_atomic
from tts.text.article_file import read_front_matter

STATE_FILE = ".sources.json"
FORGET_AFTER = timedelta(days=60)  # an item unseen in the feed this long is forgotten


@dataclass
class SourceRecord:
    checked: str | None = None  # when the last update asked
    updated: str | None = None  # when it last gave anything (or answered "not modified")
    etag: str | None = None
    last_modified: str | None = None
    new: int = 0  # articles the last update saved
    total: int = 0  # articles saved since it was followed
    failures: int = 0  # updates in a row that failed
    error: str | None = None  # the last failure


@dataclass
class SeenItem:
    source: str  # the source's url
    seen: str  # ISO time it was first seen
    file: str | None = None  # relative to content/; None: it gave no article
    fingerprint: list[int] = field(default_factory=list)
    note: str | None = None  # why it gave no article, or the file it repeats


@dataclass
class SourcesState:
    path: Path
    sources: dict[str, SourceRecord] = field(default_factory=dict)  # by the source's url
    items: dict[str, SeenItem] = field(default_factory=dict)  # by item key

    def record(self, url: str) -> SourceRecord:
        return self.sources.setdefault(url, SourceRecord())

    def save(self) -> None:
        horizon = (datetime.now(UTC) - FORGET_AFTER).isoformat()
        data = {
            "sources": {url: asdict(r) for url, r in self.sources.items()},
            "items": {k: asdict(i) for k, i in self.items.items() if i.seen >= horizon},
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def load_state(content: Path) -> SourcesState:
    """The state in content/; a missing or unreadable one starts afresh (the articles'
    front matter still says which items were saved: see known_items)."""
    path = content / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = {url: SourceRecord(**r) for url, r in data.get("sources", {}).items()}
        items = {key: SeenItem(**i) for key, i in data.get("items", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return SourcesState(path)
    return SourcesState(path, sources, items)


def known_items(content: Path, state: SourcesState) -> dict[str, Path]:
    """Every item already saved as an article, by its key: from the state, and from the
    guid in each article's front matter (an update killed before it saved its state)."""
    known = {k: content / i.file for k, i in state.items.items() if i.file}
    files = set(known.values())
    for path in content.rglob("*.txt"):
        if path in files or any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        guid = read_front_matter(path).get("guid")
        if guid:
            known.setdefault(guid, path)
    return known


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
