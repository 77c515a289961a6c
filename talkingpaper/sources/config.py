"""The sources a show follows: `[[sources]]` tables in show.toml, checked once, and the edits
`follow` and `unfollow` make to that file (with tomlkit, so the producer's comments, order
and spacing stay as written)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from talkingpaper.errors import UserError

DEFAULT_LIMIT = 20  # new items per source per update: a day's news from a busy feed
MAX_LIMIT = 500
_KEYS = ("name", "url", "limit", "language", "keep", "embeds")


@dataclass(frozen=True)
class Source:
    name: str
    url: str  # the feed's address
    limit: int = DEFAULT_LIMIT  # at most this many new items each update
    language: str | None = None  # the articles' language when the feed does not say
    keep: tuple[str, ...] = ()  # lines of this source's pages a cleaning rule must not drop
    embeds: str | None = None  # embedded posts: quote | drop (default: the show's)

    def to_toml(self) -> dict[str, Any]:
        table: dict[str, Any] = {"name": self.name, "url": self.url}
        if self.limit != DEFAULT_LIMIT:
            table["limit"] = self.limit
        if self.language:
            table["language"] = self.language
        if self.keep:
            table["keep"] = list(self.keep)
        if self.embeds:
            table["embeds"] = self.embeds
        return table


def parse_sources(tables: object, where: Path) -> tuple[Source, ...]:
    """show.toml's [[sources]], each checked; UserError naming the table and the fix."""
    if not isinstance(tables, list):
        raise UserError(f"{where}: sources must be [[sources]] tables, each with a name and url")
    sources = tuple(_source(table, i, where) for i, table in enumerate(tables, start=1))
    for kind in ("name", "url"):
        values = [getattr(s, kind) if kind == "url" else s.name.casefold() for s in sources]
        doubled = next((v for v in values if values.count(v) > 1), None)
        if doubled:
            raise UserError(f"{where}: two sources have the {kind} {doubled!r}; keep one")
    return sources


def _source(table: object, number: int, where: Path) -> Source:
    at = f"{where}: source {number}"
    if not isinstance(table, dict):
        raise UserError(f"{at} is not a table; write it as [[sources]] with name and url")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise UserError(f"{at}: unknown setting {unknown[0]!r}; known: {', '.join(_KEYS)}")
    url, name = table.get("url"), table.get("name")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise UserError(f"{at}: url must be the feed's http:// or https:// address")
    if not isinstance(name, str) or not name.strip():
        raise UserError(f'{at}: give it a name (name = "..."), as listeners will hear it')
    limit = table.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise UserError(f"{at} ({name}): limit must be a whole number from 1 to {MAX_LIMIT}")
    keep = table.get("keep", [])
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        raise UserError(f"{at} ({name}): keep must be a list of texts")
    embeds = table.get("embeds")
    if embeds not in (None, "quote", "drop"):
        raise UserError(f"{at} ({name}): embeds must be quote or drop")
    return Source(
        name=" ".join(name.split()),
        url=url,
        limit=limit,
        language=_language(table.get("language"), f"{at} ({name})"),
        keep=tuple(keep),
        embeds=embeds,
    )


def _language(value: object, at: str) -> str | None:
    if value is None:
        return None
    import langcodes

    if not isinstance(value, str) or not langcodes.tag_is_valid(value):
        raise UserError(f"{at}: language {value!r} is not a language tag; write it as en or de-AT")
    return str(langcodes.standardize_tag(value))


def unique_name(wanted: str, taken: Sequence[str]) -> str:
    """wanted, or "wanted (2)" ... when a source already has that name."""
    base = " ".join(wanted.split()) or "Source"
    names = {t.casefold() for t in taken}
    name, n = base, 1
    while name.casefold() in names:
        n += 1
        name = f"{base} ({n})"
    return name


def add_to_show_file(path: Path, sources: Sequence[Source]) -> None:
    """Append [[sources]] tables to show.toml, keeping everything else as written."""
    import tomlkit

    doc = _load(path)
    tables = doc.get("sources")
    if tables is None:
        tables = tomlkit.aot()
        doc.append("sources", tables)
    for source in sources:
        tables.append(tomlkit.item(source.to_toml()))
    _write(path, doc)


def remove_from_show_file(path: Path, source: Source) -> None:
    doc = _load(path)
    tables = doc.get("sources")
    index = next(i for i, t in enumerate(tables) if t.get("url") == source.url)
    del tables[index]
    if not tables:
        del doc["sources"]
    _write(path, doc)


def _load(path: Path) -> Any:
    import tomlkit

    return tomlkit.parse(path.read_text(encoding="utf-8"))


def _write(path: Path, doc: Any) -> None:
    import tomlkit

    from tts.files import write_atomic

    # Each table apart from the one before it, as a person writes them.
    text = re.sub(r"\n+(?=\[\[sources\]\])", "\n\n", tomlkit.dumps(doc))
    write_atomic(path, text.encode("utf-8"))
