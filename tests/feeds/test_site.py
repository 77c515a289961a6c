"""The show's web page: its HTML structure by parser, then the real thing in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from feeds.model import Cue, EpisodeRecord, Mark, ShowInfo
from feeds.site import render_pages, render_site, write_pages, write_site
from feeds.site_description import description_html, description_text
from feeds.site_words import duration_words, size_words, speaker_label

BROWSER = Path(__file__).resolve().parent / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
FOCUSABLE = {"a", "button", "input", "audio", "select", "textarea"}


# --- a tiny DOM, so tests can ask structural questions of the page ---------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        return " ".join(self.text().split())

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


class TreeBuilder(HTMLParser):
    """Builds Nodes and fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed: " + str([n.tag for n in builder.stack])
    return builder.root


def find(root: Node, tag: str, **attrs: str) -> list[Node]:
    return [n for n in root.iter(tag) if all(n.attrs.get(k) == v for k, v in attrs.items())]


# --- data: one realistic episode by hand, and an older one ----------------------------------

SHOW = ShowInfo(
    title='Talking <Paper> & "Friends"',
    description="News articles read aloud & shared.",
    author="The Demo Desk",
    language="en-US",
    base_url="http://192.168.1.20:8000/",
    image="cover.jpg",
)
TRICKY_TITLE = 'Activists "freed" <after> 3 years & more'
CUES = [
    Cue(0.0, 0.8, "narrator", "World: Activists freed after three years."),
    Cue(0.8, 1.4, "narrator", "By Eli Friedman."),
    Cue(1.4, 2.0, "Eli Friedman", "We never <stopped> organising & we won't."),
    Cue(2.0, 2.6, "narrator", "US: Budget cuts loom."),
    Cue(2.6, 3.2, "Rosa Díaz", "Cuts hurt the people who read this paper."),
    Cue(3.2, 3.9, "Rosa Díaz", "We will fight them."),
]
MARKS = [
    Mark(0.0, 2.0, "World: Activists freed after three years"),
    Mark(2.0, 4.0, "US: Budget cuts & <loom>"),
]


def episode(slug: str = "freed", duration: float = 423.0, size: int = 3_200_000) -> EpisodeRecord:
    return EpisodeRecord(
        guid=f"urn:test:{slug}",
        title=TRICKY_TITLE,
        description=(
            "<p>2 stories, read by synthetic voices.</p>"
            "<ol><li>World: Activists freed</li><li>US: Budget cuts &amp; more</li></ol>"
        ),
        audio=f"episodes/{slug}.mp3",
        bytes=size,
        duration=duration,
        published=datetime(2025, 3, 4, 12, 0, tzinfo=UTC),
        author="Eli Friedman",
        transcripts=[
            (f"episodes/{slug}.vtt", "text/vtt"),
            (f"episodes/{slug}.srt", "application/x-subrip"),
            (f"episodes/{slug}.transcript.json", "application/json"),
        ],
        chapters=f"episodes/{slug}.chapters.json",
        slug=slug,
        cues=list(CUES),
        epub=(f"episodes/{slug}.epub", size + 90_000),  # its read-along link, in axe's view
        chapter_marks=list(MARKS),
    )


def older(slug: str = "older") -> EpisodeRecord:
    return EpisodeRecord(
        guid=f"urn:test:{slug}",
        title="Yesterday's single story",
        description="By A. Writer. The council met on Tuesday. (Read by synthetic voices.)",
        audio=f"episodes/{slug}.mp3",
        bytes=40_000,
        duration=44.0,
        published=datetime(2025, 3, 3, 12, 0, tzinfo=UTC),
        transcripts=[(f"episodes/{slug}.vtt", "text/vtt")],
        slug=slug,
        cues=[
            Cue(0.0, 1.5, "narrator", "The council met on Tuesday."),
            Cue(1.5, 3.0, "narrator", "It voted to fix the roads."),
        ],  # fmt: skip
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(SHOW, [older(), episode()])


@pytest.fixture(scope="module")
def page(pages: dict[str, str]) -> Node:
    """The front page: the listing of episodes and the subscribe section."""
    return parse(pages["index.html"])


@pytest.fixture(scope="module")
def episode_page(pages: dict[str, str]) -> Node:
    """The newer episode's own page: player, chapters, transcript."""
    return parse(pages["episodes/freed.html"])


def every_page(pages: dict[str, str]) -> list[tuple[str, Node]]:
    return [(name, parse(html)) for name, html in pages.items()]


# --- structure --------------------------------------------------------------------------------


def test_language_viewport_and_title(page: Node, episode_page: Node) -> None:
    for tree in (page, episode_page):
        (html,) = find(tree, "html")
        assert html.attrs["lang"] == "en-US"
        viewport = find(tree, "meta", name="viewport")[0].attrs["content"] or ""
        assert "width=device-width" in viewport and "user-scalable" not in viewport
    assert find(page, "title")[0].text() == SHOW.title
    assert find(episode_page, "title")[0].text() == f"{TRICKY_TITLE} – {SHOW.title}"


def test_landmarks_each_once_and_skip_link_is_the_first_stop(pages: dict[str, str]) -> None:
    for name, tree in every_page(pages):
        body = find(tree, "body")[0]
        landmarks = [n.tag for n in body.children if isinstance(n, Node)]
        if name.startswith("episodes/"):  # the way to the next and previous episodes follows
            assert landmarks == ["a", "header", "main", "nav", "footer", "script"], name
        else:
            assert landmarks == ["a", "header", "main", "footer", "script"], name
        main = find(tree, "main")[0]
        assert main.attrs["id"] == "main" and main.attrs["tabindex"] == "-1"
        first = next(n for n in body.iter() if n.tag in FOCUSABLE)
        assert first.attrs["href"] == "#main" and first.text() == "Skip to main content"


def _headings(root: Node) -> list[tuple[int, str]]:
    return [(int(n.tag[1]), n.words()) for n in root.iter() if re.fullmatch(r"h\d", n.tag)]


def test_headings_go_down_one_level_at_a_time(page: Node, episode_page: Node) -> None:
    for tree in (page, episode_page):
        headings = _headings(tree)
        assert [level for level, _ in headings].count(1) == 1
        for (a, _), (b, _) in zip(headings, headings[1:], strict=False):
            assert b <= a + 1, headings  # never skip a level going down
    # The front page: the show, how to subscribe, then one heading per episode.
    assert _headings(page) == [
        (1, SHOW.title), (2, "Subscribe"), (2, TRICKY_TITLE), (2, "Yesterday's single story"),
    ]  # fmt: skip
    # An episode's page: the episode, its chapters and transcript, the chapters within it.
    inner = _headings(find(episode_page, "article")[0])
    assert inner[:3] == [(1, TRICKY_TITLE), (2, "Chapters"), (2, "Transcript")]
    assert [t for level, t in inner if level == 3] == [m.title for m in MARKS]


def test_every_episode_is_listed_newest_first_with_a_link_to_its_page(
    page: Node, pages: dict[str, str]
) -> None:
    articles = find(page, "article")
    assert [a.attrs["id"] for a in articles] == ["ep-freed", "ep-older"]
    for article, slug in zip(articles, ["freed", "older"], strict=True):
        title = find(article, "h2")[0]
        assert article.attrs["aria-labelledby"] == title.attrs["id"]
        (link,) = title.iter("a")
        assert link.attrs["href"] == f"episodes/{slug}.html" and f"episodes/{slug}.html" in pages


def test_the_listing_says_when_how_long_and_what_in_a_few_words(page: Node) -> None:
    newer, old = find(page, "article")
    byline = next(p for p in find(newer, "p") if p.has_class("byline"))
    assert byline.words() == "By Eli Friedman, 4 March 2025 · 7 minutes"
    summary = "2 stories, read by synthetic voices. World: Activists freed; US: Budget cuts & more"
    assert summary in newer.words()
    assert "The council met on Tuesday." in old.words()
    # The transcript is on the episode's page, not in the listing.
    assert not [d for d in find(page, "div") if d.has_class("transcript")]
    assert "It voted to fix the roads." not in page.words()


def test_text_is_escaped_everywhere(pages: dict[str, str]) -> None:
    for html in (pages["index.html"], pages["episodes/freed.html"]):
        parse(html)  # well-formed: every tag closed in order
        assert "<after>" not in html and "<Paper>" not in html and "<stopped>" not in html
        assert "&lt;after&gt;" in html and "&quot;freed&quot;" in html
    index, own = parse(pages["index.html"]), parse(pages["episodes/freed.html"])
    assert find(index, "h1")[0].text() == SHOW.title
    assert find(index, "h2", id="ep-freed-title")[0].text() == TRICKY_TITLE
    assert find(own, "h1")[0].text() == TRICKY_TITLE
    assert "&amp; more" in pages["episodes/freed.html"]


def test_description_keeps_lists_and_drops_anything_else(episode_page: Node) -> None:
    hostile = '<p onclick="x()">Hi <a href="javascript:y()">there</a></p><script>z()</script>'
    assert description_html(hostile) == "<p>Hi there</p>"
    assert description_html("<ol><li>one<li>two") == "<ol><li>one<li>two</li></li></ol>"
    assert description_html("Plain &amp; simple <3") == "<p>Plain &amp; simple &lt;3</p>"
    assert description_text(hostile) == "Hi there"
    assert description_text("<ol><li>one<li>two") == "one; two"
    article = find(episode_page, "article")[0]
    assert [li.text() for li in find(article, "ol")[0].iter("li")] == [
        "World: Activists freed", "US: Budget cuts & more",
    ]  # fmt: skip
    assert len(find(episode_page, "script")) == 1  # only the page's own


def test_a_long_description_is_cut_at_a_word_in_the_listing() -> None:
    long = "<p>" + " ".join(f"word{n}" for n in range(200)) + "</p>"
    short = description_text(long)
    assert short.endswith("…") and len(short) <= 241
    assert short[:-1].split() == [f"word{n}" for n in range(len(short[:-1].split()))]


def test_byline_and_date(episode_page: Node) -> None:
    byline = next(p for p in find(episode_page, "p") if p.has_class("byline"))
    assert byline.words() == "By Eli Friedman, 4 March 2025"
    assert find(byline, "time")[0].attrs["datetime"] == "2025-03-04T12:00:00+00:00"


def test_audio_player_with_captions_and_no_autoplay(episode_page: Node) -> None:
    audio = find(episode_page, "audio", id="ep-freed-audio")[0]
    assert "controls" in audio.attrs and audio.attrs["preload"] == "none"
    assert "autoplay" not in audio.attrs
    (source,) = find(audio, "source")
    assert source.attrs == {"src": "../episodes/freed.mp3", "type": "audio/mpeg"}
    (track,) = find(audio, "track")
    assert track.attrs["kind"] == "captions" and track.attrs["src"] == "../episodes/freed.vtt"
    assert track.attrs["srclang"] == "en-US" and track.attrs["label"] and "default" in track.attrs


def test_download_link_says_length_and_size(page: Node, episode_page: Node) -> None:
    for tree, prefix in ((page, ""), (episode_page, "../")):
        mp3 = f"{prefix}episodes/freed.mp3"
        link = next(a for a in find(tree, "a", href=mp3) if "download" in a.attrs)
        assert link.text() == "Download the MP3 of " + TRICKY_TITLE
        assert "(7 minutes, 3.2 MB)" in find(tree, "article")[0].words()
    assert "(44 seconds, 40 kB)" in find(page, "article")[1].words()


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (44.4, "44 seconds"), (59.6, "1 minute"), (423, "7 minutes"),
     (3600, "1 hour"), (3900, "1 hour 5 minutes"), (7260, "2 hours 1 minute")],
)  # fmt: skip
def test_duration_in_words(seconds: float, words: str) -> None:
    assert duration_words(seconds) == words


def test_size_in_words() -> None:
    assert [size_words(n) for n in (300, 40_000, 3_249_999, 12_000_000)] == [
        "1 kB", "40 kB", "3.2 MB", "12.0 MB",
    ]  # fmt: skip


def test_chapters_are_links_with_times_that_play_from_there(episode_page: Node) -> None:
    chapters = next(ol for ol in find(episode_page, "ol") if ol.has_class("chapters"))
    links = list(chapters.iter("a"))
    assert [a.words() for a in links] == ["0:00 " + MARKS[0].title, "0:02 " + MARKS[1].title]
    # Without JavaScript a chapter opens the MP3 at its time; with it, the player seeks.
    assert [a.attrs["href"] for a in links] == [
        "../episodes/freed.mp3#t=0", "../episodes/freed.mp3#t=2",
    ]  # fmt: skip
    assert {a.attrs["data-audio"] for a in links} == {"ep-freed-audio"}


def _text_outside(node: Node, skip: set[str]) -> str:
    return " ".join(
        c if isinstance(c, str) else _text_outside(c, skip)
        for c in node.children
        if isinstance(c, str) or c.tag not in skip
    )


def test_each_episode_page_has_its_transcript_grouped_by_speaker(pages: dict[str, str]) -> None:
    # (This was asked of the one page that held every transcript; each now has its own page.)
    for name, cues in (("episodes/freed.html", CUES), ("episodes/older.html", older().cues)):
        (box,) = [d for d in find(parse(pages[name]), "div") if d.has_class("transcript")]
        assert [s.text() for s in box.iter("span")] == [c.text for c in cues]
        # Every word in the box but the speaker labels and chapter headings is a cue's.
        spoken = _text_outside(box, {"strong", "h3"}).split()
        assert spoken == " ".join(c.text for c in cues).split()
        labels = [strong.text() for strong in box.iter("strong")]
        if cues is CUES:
            assert labels == ["Narrator:", "Eli Friedman:", "Narrator:", "Rosa Díaz:"]
        else:
            assert labels == ["Narrator:"]


def test_a_new_paragraph_in_one_voice_starts_a_paragraph_not_a_turn() -> None:
    record = older()
    record.cues = [
        Cue(0.0, 1.0, "narrator", "First paragraph.", 1),
        Cue(1.35, 2.0, "narrator", "Same paragraph.", 1),
        Cue(2.7, 3.5, "narrator", "Second paragraph.", 2),
    ]
    tree = parse(render_pages(SHOW, [record])["episodes/older.html"])
    box = next(d for d in find(tree, "div") if d.has_class("transcript"))
    assert [p.words() for p in find(box, "p")] == [
        "Narrator: First paragraph. Same paragraph.", "Second paragraph.",
    ]  # fmt: skip


def test_speaker_labels() -> None:
    assert speaker_label("narrator") == "Narrator"
    assert speaker_label("an acquaintance of one of the activists").startswith("An ")
    assert speaker_label("the former activist") == "The former activist"
    assert speaker_label("bell hooks") == "bell hooks"  # a name stays as written


def test_transcript_files_are_linked(episode_page: Node) -> None:
    article = find(episode_page, "article")[0]
    hrefs = {a.attrs["href"] for a in article.iter("a")}
    files = {path for path, _ in episode().transcripts} | {"episodes/freed.chapters.json"}
    assert {"../" + path for path in files} <= hrefs
    texts = [a.text() for a in article.iter("a")]
    assert {"Captions (WebVTT)", "Subtitles (SRT)", "Transcript (JSON)"} <= set(texts)


def test_subscribe_offers_the_address_to_copy_and_app_links_not_raw_xml(page: Node) -> None:
    header = find(page, "header")[0]
    (section,) = find(header, "section", id="subscribe")
    (field,) = find(section, "input")
    assert field.attrs["value"] == SHOW.feed_url and "readonly" in field.attrs
    assert find(section, "label")[0].attrs["for"] == field.attrs["id"]
    links = {a.text(): a.attrs["href"] for a in section.iter("a")}
    assert links == {
        "Open in your podcast app": "feed://192.168.1.20:8000/feed.xml",
        "Apple Podcasts": "pcast://192.168.1.20:8000/feed.xml",
        "AntennaPod": "https://antennapod.org/deeplink/subscribe?url=http%3A%2F%2F192.168.1.20"
        "%3A8000%2Ffeed.xml&title=Talking+%3CPaper%3E+%26+%22Friends%22",
    }
    # Nothing in the header sends a browser to the feed's raw XML (only apps get the feed).
    raw = [a for a in header.iter("a") if (a.attrs["href"] or "").startswith(("http", "feed.xml"))]
    assert [a.attrs["href"] for a in raw] == [links["AntennaPod"]]


def test_cover_alt_and_synthetic_voices_statement(page: Node, episode_page: Node) -> None:
    (img,) = find(page, "img")
    assert img.attrs["src"] == "cover.jpg" and SHOW.title in (img.attrs["alt"] or "")
    # On an episode's page the cover sits in a link named by the show's title beside it.
    (small,) = find(episode_page, "img")
    assert small.attrs["src"] == "../cover.jpg" and small.attrs["alt"] == ""
    for tree in (page, episode_page):
        assert "synthetic" in find(tree, "header")[0].words()
        assert "synthetic" in find(tree, "footer")[0].words()


def test_nothing_is_loaded_from_elsewhere(pages: dict[str, str]) -> None:
    for _name, tree in every_page(pages):
        urls = [n.attrs["src"] for n in tree.iter() if n.attrs.get("src")]
        urls += [n.attrs["href"] for n in find(tree, "link")]
        assert urls and all("://" not in (u or "") and not (u or "/").startswith("/") for u in urls)


def test_reduced_motion_and_focus_styles() -> None:
    html = render_site(SHOW, [])
    assert "prefers-reduced-motion" in html and ":focus-visible" in html


def test_a_show_without_episodes_or_cover_still_renders() -> None:
    bare = ShowInfo("Empty", "Nothing yet", "Me", "fr", "http://x/")
    pages = render_pages(bare, [])
    assert list(pages) == ["index.html"]
    page = parse(pages["index.html"])
    assert find(page, "html")[0].attrs["lang"] == "fr"
    assert not find(page, "article") and not find(page, "img") and not find(page, "nav")
    assert "No episodes yet." in find(page, "main")[0].words()


def test_duplicate_or_odd_slugs_get_unique_ids_and_page_names() -> None:
    pages = render_pages(SHOW, [episode("a b"), episode("a-b"), older(""), older("A-B")])
    episode_pages = [name for name in pages if name.startswith("episodes/")]
    assert len({name.casefold() for name in episode_pages}) == 4
    assert all(re.fullmatch(r"episodes/[A-Za-z0-9_-]+\.html", name) for name in episode_pages)
    for _name, tree in every_page(pages):
        ids = [n.attrs["id"] for n in tree.iter() if n.attrs.get("id")]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i or "") for i in ids)


def test_write_site_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out" / "index.html"
    write_site(target, "<p>one</p>")
    write_site(target, "<p>two – ü</p>")
    assert target.read_text(encoding="utf-8") == "<p>two – ü</p>"
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]


# --- the real page in a real browser ----------------------------------------------------------


class RangeHandler(SimpleHTTPRequestHandler):
    """http.server plus single byte ranges: Chromium seeks audio with Range requests."""

    def send_head(self):  # type: ignore[override]
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first = int(match[1]) if match[1] else max(0, size - int(match[2] or 0))
        last = min(int(match[2]), size - 1) if match[1] and match[2] else size - 1
        if first >= size:
            self.send_error(416)
            return None
        fh = open(path, "rb")  # noqa: SIM115 - closed by copyfile's caller, as in http.server
        fh.seek(first)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self.range_left = last - first + 1
        return fh

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        left = getattr(self, "range_left", None)
        if left is None:
            return super().copyfile(source, outputfile)
        outputfile.write(source.read(left))

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


def _browser_ready() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (the Makefile does)"
    if not shutil.which("node"):
        return "no node: apt-get install nodejs npm"
    for package in ("playwright-core", "axe-core"):
        if not (BROWSER / "node_modules" / package).is_dir():
            return f"no {package}: run `npm ci --prefix tests/feeds/browser`"
    return None


def _publish(root: Path) -> None:
    """A small built show on disk: real MP3s, captions, a cover, and the page."""
    from feeds.cover import draw_cover

    episodes = root / "episodes"
    episodes.mkdir(parents=True)
    mp3 = episodes / "freed.mp3"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
         "sine=frequency=440:duration=4", "-ac", "1", "-b:a", "64k", str(mp3)],
        check=True, timeout=30,
    )  # fmt: skip
    shutil.copy(mp3, episodes / "older.mp3")
    for slug, cues in (("freed", CUES), ("older", older().cues)):
        vtt = ["WEBVTT", ""]
        for c in cues:
            vtt += [f"00:00:{c.start:06.3f} --> 00:00:{c.end:06.3f}", f"<v {c.speaker}>x", ""]
        (episodes / f"{slug}.vtt").write_text("\n".join(vtt), encoding="utf-8")
        (episodes / f"{slug}.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nx\n")
        (episodes / f"{slug}.transcript.json").write_text('{"segments": []}')
        (episodes / f"{slug}.chapters.json").write_text('{"chapters": []}')
    draw_cover(SHOW.title, root / "cover.jpg")
    records = [episode(duration=4.0, size=mp3.stat().st_size), older()]
    # One episode a listing page, so the pager is there to follow.
    write_pages(root, SHOW, records, per_page=1)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    reason = _browser_ready()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("site")
    _publish(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _check_in_chromium(url: str, name: str) -> tuple[dict, str]:
    """Run check_page.mjs on `url` and assert what every page owes: no axe violation in
    either colour scheme, nothing fetched from elsewhere or failing, no script error, the skip
    link first and working with a visible focus ring, nothing wider than a phone."""
    # TALKINGPAPER_SCREENSHOTS=/tmp/site keeps PNGs to look at (page, phone, focus, dark).
    args = ["node", str(BROWSER / "check_page.mjs"), url]
    if os.environ.get("TALKINGPAPER_SCREENSHOTS"):
        args.append(f"{os.environ['TALKINGPAPER_SCREENSHOTS']}-{name}")
    env = {**os.environ, "CHROMIUM": CHROMIUM}
    run = subprocess.run(args, capture_output=True, text=True, timeout=180, env=env)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    shown = json.dumps(result, indent=1)[:6000]
    assert "error" not in result, result.get("error")

    assert result["axe"] == [], shown
    assert result["axeDark"] == [], shown
    assert result["axeBestPractice"] == [], shown
    assert result["requests"] == {"outside": [], "failed": []}, shown
    assert result["console"] == [], shown

    skip = result["skip"]
    assert skip["first"]["cls"] == "skip" and skip["afterEnter"]["id"] == "main", shown
    assert skip["outline"]["style"] == "solid" and skip["outline"]["top"] >= 0, shown
    assert result["tabOrder"][0]["cls"] == "skip"
    assert result["phone"]["scrollWidth"] <= result["phone"]["innerWidth"], shown
    return result, shown


@pytest.mark.ffmpeg
def test_front_page_in_headless_chromium(served: str) -> None:
    result, shown = _check_in_chromium(served + "index.html", "index")
    # After the skip link, the first stop in main is the newest episode's title.
    assert result["skip"]["nextTab"]["text"] == TRICKY_TITLE, shown
    # The subscribe section (address, then its Copy button) comes before the episodes.
    stops = [(o["tag"], o["text"]) for o in result["tabOrder"]]
    field = next(i for i, (tag, _) in enumerate(stops) if tag == "input")
    assert stops[field + 1] == ("button", "Copy feed address"), stops
    assert field < stops.index(("a", TRICKY_TITLE)), stops

    # The Copy button, by keyboard: the clipboard then holds the feed address.
    copy = result["copy"]
    assert copy["button"]["text"] == "Copy feed address", shown
    assert copy["status"] == "Feed address copied." and copy["clipboard"] == SHOW.feed_url, shown

    # "Older episodes" leads to the second listing page and "Newer episodes" back.
    pager = result["pager"]
    assert pager["status"] == 200 and pager["next"]["url"] == served + "page-2.html", shown
    assert pager["next"]["articles"] == 1 and pager["next"]["current"] == "Page 2", shown
    assert pager["next"]["hasPrev"] and pager["back"] == pager["start"], shown

    # With JavaScript off the address is there to select, the app links to follow.
    bare = result["noScript"]
    assert not bare["scriptRan"] and bare["feedUrl"] == SHOW.feed_url, shown
    assert bare["appLinks"][:2] == [
        "feed://192.168.1.20:8000/feed.xml", "pcast://192.168.1.20:8000/feed.xml",
    ], shown  # fmt: skip
    assert bare["transcriptWords"] == 0  # the transcripts are on the episodes' pages


@pytest.mark.ffmpeg
def test_episode_page_in_headless_chromium(served: str) -> None:
    url = served + "episodes/freed.html"
    result, shown = _check_in_chromium(url, "episode")
    assert result["skip"]["nextTab"]["tag"] == "audio", shown
    assert "copy" not in result and "pager" not in result

    play = result["play"]
    assert play["ok"] and play["currentTime"] > 0.5, shown
    assert play["highlighted"] == 1, shown

    chapter = result["chapter"]
    assert chapter["focused"] and chapter["focused"]["role"] == "button", shown
    assert chapter["currentTime"] >= MARKS[1].start - 0.05, shown
    assert chapter["url"] == url  # it played in place rather than opening the MP3

    # With JavaScript off the transcript is all there and Space on the native player plays it.
    bare = result["noScript"]
    assert not bare["scriptRan"] and bare["focused"]["tag"] == "audio", shown
    assert bare["currentTime"] > 0.5, shown
    assert bare["transcriptWords"] >= len(" ".join(c.text for c in CUES).split()), shown
