"""Fetching an article from the web, and saving it into a show's content folder.

The network lives here, at the edge: `fetch_url` returns bytes (with a timeout and a size
limit), `fetch_article` reads them as HTML, `save_article` writes the result as a `.txt`
with a front-matter block that `read.read_text` understands, so a fetched article can be
read, edited and rebuilt later without the network.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from tts.errors import InputError
from tts.text.model import Article
from tts.text.read import FRONT_MATTER_KEYS, MAX_BYTES, read_html

TIMEOUT = 20.0  # seconds; a news page that takes longer is not coming
USER_AGENT = "Mozilla/5.0 (compatible; talkingpaper/0.1; +https://example.invalid/talkingpaper)"
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def fetch_url(
    url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
) -> tuple[bytes, str]:
    """The page at url and its final address (after redirects); InputError on any failure."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            kind = response.headers.get_content_type()
            if kind not in _PAGE_TYPES:
                raise InputError(
                    f"{url}: the address gives {kind}, not a web page; give an article's page"
                )
            data = response.read(max_bytes + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(
            f"{url}: the site answered {exc.code} {exc.reason}; check the address, or save "
            "the page from a browser and add the file"
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(
            f"{url}: cannot fetch it ({reason}); check the address and your connection"
        ) from exc
    if len(data) > max_bytes:
        raise InputError(
            f"{url}: the page is over {max_bytes // 1_000_000} MB, too big for an article"
        )
    return data, final


def fetch_article(
    url: str, *, timeout: float = TIMEOUT, embeds: str = "quote", keep: Sequence[str] = ()
) -> Article:
    """Fetch url and read it as an HTML article (raw: not yet cleaned; embeds and keep: see
    read_html)."""
    data, final = fetch_url(url, timeout=timeout)
    article = read_html(data, source=url, url=final, embeds=embeds, keep=keep)
    article.url = article.url or final
    return article


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
        raise InputError(
            f"{path}: a different article is already saved here; remove or rename it, "
            "or ask to overwrite it"
        )
    # Written to a temporary name and renamed, so a killed run never leaves half a file.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def article_text(article: Article) -> str:
    """The saved form: a `---` front-matter block of metadata, then paragraphs."""
    header = ["---"]
    for key in FRONT_MATTER_KEYS:
        value = getattr(article, key)
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
