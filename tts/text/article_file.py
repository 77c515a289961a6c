"""The saved form of an article: a front-matter block of metadata, then its paragraphs.

The one owner of that format: `talkingpaper add` writes it (`save_article`), every reader of
a `.txt` article parses it (`split_front_matter`), so a fetched article can be read, edited
and rebuilt later without the network:

    ---
    title: Schultz Fire forces hundreds to evacuate
    author: Daniel Kraker
    ---

    The first paragraph ...
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from tts.errors import InputError
from tts.files import write_atomic
from tts.text.metadata import find_date
from tts.text.model import Article

FRONT_MATTER_KEYS = (
    "title", "author", "published", "outlet", "url", "image_caption", "source", "guid",
    "language",
)  # fmt: skip
# A key whose Article field has another name ("source" is the article's file there).
_FIELD = {"source": "source_name"}
_FRONT_MATTER_LINE = re.compile(rf"^({'|'.join(FRONT_MATTER_KEYS)}):\s?(.*)$")


def split_front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """(the front matter's fields, the lines after it); ({}, lines) when there is none."""
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), len(FRONT_MATTER_KEYS) + 2)):
            if lines[end].strip() == "---":
                matches = [_FRONT_MATTER_LINE.match(line) for line in lines[1:end]]
                if all(matches):
                    fields = {m.group(1): m.group(2).strip() for m in matches if m}
                    if fields.get("published"):
                        fields["published"] = checked_date(fields["published"])
                    return fields, lines[end + 1 :]
                break
    return {}, lines


def read_front_matter(path: Path, head_bytes: int = 4096) -> dict[str, str]:
    """A saved article's front matter, from its first few kilobytes only; {} when it has
    none or it cannot be read (a date no feed can carry counts as none)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(head_bytes).decode("utf-8", errors="replace")
        return split_front_matter(head.splitlines())[0]
    except (OSError, InputError):
        return {}


class AlreadySaved(InputError):
    """save_article would replace a different article of the same name."""


# Feeds carry dates as RFC 822 with a four-digit year; parsers read year 1 as 2001, and no
# news is older than the telegraph or dated beyond next year.
_EARLIEST_YEAR = 1900


def checked_date(value: str) -> str:
    """The front matter's `published:` as an ISO date; InputError naming the field when it
    is no date, or a year no feed can carry."""
    try:
        day = datetime.fromisoformat(value).date().isoformat()  # 2024-03-05, with a time
    except ValueError:
        found = find_date(value)  # "March 5, 2024", "5 March 2024"
        if found is None:
            raise InputError(
                f"the front matter's published: {value!r} is not a date; write it as 2024-03-05"
            ) from None
        day = found
    year, latest = int(day[:4]), datetime.now(UTC).year + 1
    if not _EARLIEST_YEAR <= year <= latest:
        raise InputError(
            f"the front matter's published: {value!r} has the year {year}, outside "
            f"{_EARLIEST_YEAR}-{latest}; correct it or remove the line"
        )
    return value if value[:10] == day else day  # an ISO date keeps its time of day


def save_article(article: Article, content_dir: str | Path, *, overwrite: bool = False) -> Path:
    """Write article to content_dir/SLUG.txt (front matter, then paragraphs); return the path.

    The same text saved twice returns the existing file; a different file of that name is
    never replaced unless overwrite is set (InputError says so).
    """
    folder = Path(content_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{article_slug(article)}.txt"
    text = article_text(article)
    if path.exists() and not overwrite:
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return path
        raise AlreadySaved(
            f"{path}: a different article is already saved here; remove or rename it, "
            "or ask to overwrite it"
        )
    write_atomic(path, text.encode("utf-8"))  # a killed run never leaves half a file
    return path


def save_new_article(
    article: Article, folder: str | Path, avoid: Collection[str] = ()
) -> tuple[Path, bool]:
    """Write article to folder/SLUG.txt under a name no other article has and no name in
    `avoid` (names once used, whose episodes are gone): SLUG-2.txt, SLUG-3.txt ... The same
    text already saved is not saved again. (the path, whether it was written)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    slug, text = article_slug(article), article_text(article)
    for n in range(1, 10_000):
        name = slug if n == 1 else f"{slug[:74]}-{n}"
        if name in avoid:
            continue
        path = folder / f"{name}.txt"
        if not path.exists():
            write_atomic(path, text.encode("utf-8"))
            return path, True
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return path, False
    raise InputError(f"{folder}: 10,000 articles named {slug}; remove some old ones")


def article_text(article: Article) -> str:
    """The saved form: a `---` front-matter block of metadata, then paragraphs."""
    header = ["---"]
    for key in FRONT_MATTER_KEYS:
        value = getattr(article, _FIELD.get(key, key))
        if value:
            header.append(f"{key}: {' '.join(str(value).split())}")
    header.append("---")
    paragraphs = [" ".join(p.split()) for p in article.paragraphs if p.strip()]
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def article_slug(article: Article) -> str:
    """A file name from the title (or the URL's last part): lower case, ASCII, hyphens."""
    base = article.title or ""
    if not base and article.url:
        base = article.url.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    ascii_text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "article"
