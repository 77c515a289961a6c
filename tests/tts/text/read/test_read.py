"""Readers: text, HTML and URLs become raw Articles; bad input is one clear InputError."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA
from tts.errors import InputError
from tts.text.article_file import article_slug, save_article
from tts.text.clean.article import clean_article
from tts.text.model import Article
from tts.text.read.article import MAX_BYTES, fetch_article, read_article

BAD = DATA / "bad"

PARAGRAPHS = [
    "The county opened a new shelter for storm victims on Tuesday, officials said, after "
    "three days of rain flooded more than 200 homes along the river.",
    "It has room for 200 people and will stay open through the end of the month, the "
    "county's emergency manager, Rosa Alvarez, told reporters at the site.",
    "Volunteers brought food, blankets and toys for the children staying there, and a "
    "local church offered its kitchen for hot meals every evening this week.",
]
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Shelter opens for storm victims | Valley News</title>
<meta property="og:site_name" content="Valley News">
<meta name="author" content="Ana Lima">
<meta property="article:published_time" content="2021-03-02T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Shelter opens for storm victims</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer>© 2021 Valley News. All rights reserved.</footer>
</body></html>"""


def test_text_file_gives_raw_lines(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\n  Body line.\n", encoding="utf-8")
    article = read_article(path)
    assert article.paragraphs == ["Headline", "", "  Body line."]
    assert article.source == str(path)


def test_utf16_with_bom_is_decoded() -> None:
    article = read_article(BAD / "utf16-bom.txt")
    assert article.paragraphs[0] == "Café owner wins award"


def test_latin1_is_detected_and_decoded() -> None:
    article = read_article(BAD / "latin1.txt")
    assert article.paragraphs[0] == "Café owner wins award"
    assert "Résumé" in article.paragraphs[2]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
    ],
)
def test_bad_files_raise_one_clear_error(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_article(BAD / name)
    assert name in str(info.value)


def test_only_chrome_names_the_file() -> None:
    with pytest.raises(InputError, match="only-chrome.txt: no story text"):
        clean_article(read_article(BAD / "only-chrome.txt"))


def test_known_binary_formats_are_named(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    with pytest.raises(InputError, match="a PDF"):
        read_article(path)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    with pytest.raises(InputError, match="too big"):
        read_article(path)
    assert MAX_BYTES < 50 * 1024 * 1024


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nothing.txt")
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)


def test_html_article_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "shelter.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    article = clean_article(read_article(path))
    assert article.title == "Shelter opens for storm victims"
    assert article.author == "Ana Lima"
    assert article.published == "2021-03-02"
    assert article.outlet == "Valley News"
    assert article.paragraphs == PARAGRAPHS


def test_text_file_holding_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    assert read_article(path).title == "Shelter opens for storm victims"


def test_html_without_an_article() -> None:
    with pytest.raises(InputError, match="no-article.html: no article text"):
        read_article(BAD / "no-article.html")


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Shelter opens\n\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    article = clean_article(read_article(path))
    assert article.title == "Shelter opens"
    assert article.paragraphs == PARAGRAPHS[:1]


def saved(tmp_path: Path) -> Article:
    return Article(
        source="https://news.example/shelter",
        title="Shelter opens for storm victims",
        author="Ana Lima",
        published="2021-03-02",
        outlet="Valley News",
        url="https://news.example/shelter",
        paragraphs=PARAGRAPHS,
    )


def test_save_then_read_keeps_the_metadata(tmp_path: Path) -> None:
    article = saved(tmp_path)
    path = save_article(article, tmp_path / "content")
    assert path.name == "shelter-opens-for-storm-victims.txt"
    again = clean_article(read_article(path))
    assert (again.title, again.author, again.published, again.outlet, again.url) == (
        article.title,
        article.author,
        article.published,
        article.outlet,
        article.url,
    )
    assert again.paragraphs == PARAGRAPHS


def test_save_never_overwrites_silently(tmp_path: Path) -> None:
    article = saved(tmp_path)
    first = save_article(article, tmp_path)
    assert save_article(article, tmp_path) == first  # the same text: nothing to do
    changed = Article(**{**article.to_dict(), "paragraphs": ["Another story entirely."]})
    with pytest.raises(InputError, match="already saved"):
        save_article(changed, tmp_path)
    assert save_article(changed, tmp_path, overwrite=True) == first
    assert "Another story entirely." in first.read_text(encoding="utf-8")


def test_slug_from_url_when_there_is_no_title() -> None:
    article = Article(source="x", url="https://news.example/2021/03/storm-shelter.html")
    assert article_slug(article) == "storm-shelter"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/article":
            body, kind, status = ARTICLE_HTML.encode(), "text/html; charset=utf-8", 200
        elif self.path == "/image":
            body, kind, status = b"\x89PNG....", "image/png", 200
        else:
            body, kind, status = b"not found", "text/plain", 404
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_and_read(server: str) -> None:
    article = clean_article(read_article(f"{server}/article"))
    assert article.title == "Shelter opens for storm victims"
    assert article.url == f"{server}/article"
    assert article.paragraphs == PARAGRAPHS


def test_url_failures_are_input_errors(server: str) -> None:
    with pytest.raises(InputError, match="404"):
        fetch_article(f"{server}/missing")
    with pytest.raises(InputError, match="image/png, not a web page"):
        fetch_article(f"{server}/image")


def test_unreachable_url_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot fetch"):
        fetch_article("http://127.0.0.1:9/article", timeout=2)
