"""Readers: one per input type, chosen by file extension, all returning a raw Article.

- `.html` / `.htm` (or a text file that is really HTML): trafilatura finds the article
  body and its metadata (title, author, date, site name, URL), after pop-up cards are
  taken out and embedded posts made quotes (see `read_html`).
- anything else is text: one Article paragraph per line, as written. A text file may start
  with a front-matter block (`article_file.py` owns that format) holding the metadata:

      ---
      title: Schultz Fire forces hundreds to evacuate
      author: Daniel Kraker
      ---

- an http(s) URL: fetched (`fetch.fetch_url`, the network) and read as HTML.

Text comes out as it reads: control codes, terminal colour codes and invisible marks
(`visible_text`) are taken out, so they reach neither the speech engine nor the feed's XML.

User-caused problems (missing, empty, binary or huge files, pages with no article, markup
nested too deep to read) raise `InputError` naming the file and the fix.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tts.errors import InputError
from tts.text.article_file import split_front_matter
from tts.text.metadata import find_date, is_name
from tts.text.model import Article, Cut
from tts.text.read.fetch import MAX_BYTES, TIMEOUT, fetch_url
from tts.text.read.unwrap import unwrap

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class StrayBytesWarning(UserWarning):
    """A UTF-8 file held a few bytes that are not UTF-8: they were replaced, once reported."""


_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
# Control characters other than tab, newline, carriage return and form feed: binary data
# when there are many. Random bytes read as text hold about 10%; a pasted article with a
# stray code or a terminal colour code a few per thousand.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_SHARE = 20  # more than one character in 20 a control code: binary
# Windows-1252 is the legacy encoding of English (and most Western) news text. The detector
# scores it equal with Central European cp1250 on short English text, whose letters then
# come out wrong ("naïve" as "naďve"), so on a tie the common one wins.
_PREFERRED_LEGACY = "cp1252"
# Terminal colour and cursor codes ("\x1b[31m") in text copied from a console: all of
# the code goes, not only its escape character. A title or link code (ESC ] ... BEL) goes
# only when it is closed within the line, so a stray ESC ] cannot swallow the story.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]{0,2000}(?:\x07|\x1b\\)|[@-Z\\-_])")
_ANSI_BYTES = re.compile(_ANSI.pattern.encode())
# Codes that sit between words (vertical tab, form feed, the separators, NEL) become a space;
# str.splitlines() would break the line there, cutting a sentence in two.
_SPACING = re.compile(r"[\x0b\x0c\x1c-\x1f\x85]")
# Codes and marks that are never part of the text: other control codes, soft hyphens and
# zero-width spaces (inside a word they split it for the speech engine and the name
# finder: "news\u00adpaper"), a BOM, and U+FFFE/U+FFFF, which XML forbids. Bidirectional
# marks and zero-width joiners stay: they shape right-to-left and joined scripts.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff\ufffe\uffff]"
)
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")
_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"ID3": "an MP3 file",
    b"RIFF": "a WAV or other RIFF file",
    b"\x1f\x8b": "a gzip archive",
}


def read_article(source: str | Path, embeds: str = "quote", keep: Sequence[str] = ()) -> Article:
    """Read an article file (.txt, .md, .html) or an http(s) URL into a raw Article.

    For HTML (see `read_html`): embeds says what to do with embedded social-media posts,
    "quote" (read as quotes of their authors) or "drop"; keep lists texts the clean-up of
    the page must not remove (the show's keep list, as `clean_article` takes it).
    """
    if isinstance(source, str) and re.match(r"^https?://", source, re.IGNORECASE):
        return fetch_article(source, embeds=embeds, keep=keep)
    path = Path(source)
    data = _read_bytes(path)
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_START.match(data[:512]):
        # An empty page, a PDF saved as .html or random bytes: the same clear errors as text.
        decode_text(data, str(path))
        return read_html(data, source=str(source), embeds=embeds, keep=keep)
    article = read_text(decode_text(data, str(path)), source=str(source))
    if path.suffix.lower() in (".md", ".markdown"):
        article = _from_markdown(article)
    return article


def fetch_article(
    url: str, *, timeout: float = TIMEOUT, embeds: str = "quote", keep: Sequence[str] = ()
) -> Article:
    """Fetch url and read it as an HTML article (raw: not yet cleaned; embeds and keep: see
    read_html)."""
    data, final = fetch_url(url, timeout=timeout)
    article = read_html(data, source=url, url=final, embeds=embeds, keep=keep)
    article.url = article.url or final
    return article


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give the path of one article file")
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: {size / 1_000_000:.0f} MB is too big for an article (the limit is "
                f"{MAX_BYTES // 1_000_000} MB); save just the article's page or text"
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file; check the path") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}); check the path") from exc


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text file as a string: UTF-8, UTF-16/32 with a BOM, or a legacy encoding.

    Legacy files (Latin-1, Windows-1252) are common when a page was saved on an old
    system, so they are detected and decoded rather than refused; binary data is refused.
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty; put the article's text in it")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(
                f"{name}: this is {kind}, not an article; save the article as text or HTML"
            )
    text = _decode(data, name)
    controls = len(_CONTROL.findall(_ANSI.sub("", text))) if text is not None else 0
    if text is None or controls > max(2, len(text) // _BINARY_SHARE):
        raise InputError(
            f"{name}: looks like binary data, not text; save the article as UTF-8 text or HTML"
        )
    if not visible_text(text).strip():
        raise InputError(f"{name}: the file is empty; put the article's text in it")
    return text


def visible_text(text: str) -> str:
    """Text without control codes, terminal colour codes and invisible marks (see above)."""
    return _INVISIBLE.sub("", _SPACING.sub(" ", _ANSI.sub("", text)))


def _decode(data: bytes, name: str) -> str | None:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    mended = _mostly_utf8(data)
    if mended is not None:
        text, bad = mended
        warnings.warn(
            f"{name}: {bad} byte{'s' * (bad > 1)} not valid UTF-8 (the first at byte "
            f"{first_bad}) replaced by \ufffd, which is not spoken; the rest is read as UTF-8",
            StrayBytesWarning,
            stacklevel=3,
        )
        return text
    if b"\x00" in data:
        return None  # NUL bytes without a UTF-16 mark: binary
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        tie = match.chaos <= best.chaos and match.coherence >= best.coherence
        if match.encoding == _PREFERRED_LEGACY and tie:
            return str(match)
    return str(best)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text with its stray bytes replaced, and how many, when the file is UTF-8 with a
    few bad bytes: it holds more well-formed UTF-8 characters beyond ASCII than bad
    sequences. A legacy file (Latin-1, Windows-1252) has no well-formed ones, or only by
    chance, and is left to the detector, which reads every byte of it."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text.encode("utf-8")) - len(text) - 2 * bad
    # `good` counts continuation bytes of the well-formed characters (each has at least one).
    if bad > 0 and good >= bad:
        return text, bad
    return None


def read_text(text: str, source: str) -> Article:
    """A text article: optional front matter, then one paragraph per line (a paragraph
    wrapped at a fixed width is joined back first)."""
    lines = _LINE_BREAK.split(visible_text(text))
    if lines and not lines[-1]:
        lines.pop()  # the final line break ends the last line; it does not start another
    fields, lines = split_front_matter(lines)
    if not any(line.strip() for line in lines):
        where = "after the front matter" if fields else "in the file"
        raise InputError(f"{source}: no text {where}; put the article's text in it")
    return Article(
        source=source,
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        published=fields.get("published") or None,
        outlet=fields.get("outlet") or None,
        url=fields.get("url") or None,
        image_caption=fields.get("image_caption") or None,
        source_name=fields.get("source") or None,
        guid=fields.get("guid") or None,
        language=fields.get("language") or None,
        paragraphs=unwrap(lines),
    )


def _from_markdown(article: Article) -> Article:
    """Markdown: the first "# " heading is the title; heading marks are not spoken."""
    lines = []
    for line in article.paragraphs:
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading and heading.group(1) == "#" and article.title is None:
            article.title = heading.group(2)
        lines.append(heading.group(2) if heading else line)
    article.paragraphs = lines
    return article


def read_html(
    data: bytes | str,
    source: str,
    url: str | None = None,
    embeds: str = "quote",
    keep: Sequence[str] = (),
) -> Article:
    """An HTML page: trafilatura's article text (one paragraph a line) and metadata.

    Before trafilatura reads the page, clutter that the markup names is taken out of the
    story's paragraphs (`html_clutter`) and embedded posts become quotes of their authors
    (`html_embeds`; embeds="drop" removes them). After it, the body's copy of the headline
    (`html_headline`) goes; source credits and reader prompts go in cleaning. Everything
    removed is in the Article's `dropped`, for `talkingpaper script --explain`; what holds
    a text of keep is not removed.
    """
    from tts.text.read.html_embeds import EMBED_MODES
    from tts.text.read.html_headline import drop_repeated_headline, page_headline

    if embeds not in EMBED_MODES:
        raise ValueError(f"embeds must be one of {', '.join(EMBED_MODES)}, not {embeds!r}")
    # The HTML parser drops a colour code's escape character but keeps the rest ("[31m").
    data = _ANSI.sub("", data) if isinstance(data, str) else _ANSI_BYTES.sub(b"", data)
    _check_parsable(data, source)
    keep = tuple(k.strip().casefold() for k in keep if k.strip())
    dropped: list[Cut] = []
    doc, headings = _extract(data, source, url, embeds, keep, dropped)
    text = getattr(doc, "text", None) if doc is not None else None
    if doc is None or isinstance(doc, dict) or not text or not text.strip():
        raise InputError(
            f"{source}: no article text found in this page (a home page, a video or a "
            "paywall?); give the article's own page, or paste its text into a .txt file"
        )
    title = _strip_site_suffix(_visible(doc.title), _visible(doc.sitename))
    title = _visible(page_headline(headings, title, _visible(doc.sitename)))
    lines = _LINE_BREAK.split(visible_text(text))
    lines, cuts = drop_repeated_headline(lines, title, keep)
    dropped += cuts
    return Article(
        source=source,
        title=title or None,
        author=_clean_author(_visible(doc.author)),
        published=find_date(doc.date) if doc.date else None,
        outlet=_visible(doc.sitename) or None,
        url=doc.url or url,
        language=page_language(data),
        paragraphs=unwrap(lines),
        dropped=[Cut(cut.rule, visible_text(cut.text)) for cut in dropped],
    )


_HTML_LANG = re.compile(
    rb"<html\b[^>]{0,2000}?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3})", re.I
)


def page_language(data: bytes | str) -> str | None:
    """The language the page declares on its <html> element, as written."""
    head = (data if isinstance(data, bytes) else data.encode("utf-8", "replace"))[:8192]
    found = _HTML_LANG.search(head)
    return found.group(1).decode("ascii").replace("_", "-") if found else None


def _extract(
    data: bytes | str,
    source: str,
    url: str | None,
    embeds: str,
    keep: tuple[str, ...],
    dropped: list[Cut],
) -> tuple[Any, list[str]]:
    """trafilatura's result for the page after our clean-up of its tree, and the page's top
    headings (taken before trafilatura, which may change the tree); cuts go to `dropped`."""
    import trafilatura  # slow to import; only HTML and URLs need it
    from trafilatura.utils import load_html

    from tts.text.read.html_clutter import remove_popups
    from tts.text.read.html_embeds import rewrite_embeds
    from tts.text.read.html_headline import top_headings

    headings: list[str] = []
    try:
        tree = load_html(data)
        if tree is not None:
            headings = top_headings(tree)
            dropped += remove_popups(tree, keep)
            dropped += rewrite_embeds(tree, embeds)
        doc = trafilatura.bare_extraction(
            tree if tree is not None else data,
            url=url,
            include_comments=False,  # reader comments are not the story
            include_tables=True,  # tables in a story carry its numbers
            favor_precision=True,  # measured: F1 0.966 against 0.954 with the defaults
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"{source}: cannot parse this HTML ({exc}); save the page again") from exc
    return doc, headings


def _visible(text: str | None) -> str | None:
    return visible_text(text) if text else text


def _check_parsable(data: bytes | str, source: str) -> None:
    """Refuse a page that libxml2 (under trafilatura) would read only in part.

    libxml2 stops at tags nested 256 deep (an "HTML bomb" of 100,000 <div>s, or a broken
    page) and silently drops everything inside; the story would lose text without a word.
    """
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, parser)
    except (etree.LxmlError, ValueError):
        return  # trafilatura reports a page it cannot parse at all
    limits = [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if limits:
        # libxml2's own words end in advice for programmers ("use XML_PARSE_HUGE option").
        what = "tags nested too deep" if "depth" in limits[0] else "too big a piece of text"
        detail = limits[0].split(",")[0].strip()
        raise InputError(
            f"{source}: {what} for the HTML parser ({detail}), which would drop part of the "
            "story; save the article's text into a .txt file instead"
        )


def _strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """ "Headline | Site" -> "Headline" when the suffix is the site's name."""
    if not title:
        return None
    if site:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            head, _, tail = title.rpartition(sep)
            if head and site.casefold() in tail.casefold():
                return head.strip()
    return title.strip()


def _clean_author(author: str | None) -> str | None:
    """trafilatura's author can be "Jane Doe; John Roe; Reuters": keep the people's names."""
    if not author:
        return None
    parts = [part.strip() for part in author.split(";") if part.strip()]
    names = [part for part in parts if is_name(part)]
    return " and ".join(names or parts[:1]) or None
