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
from feeds.site import render_site, write_site
from feeds.site_description import description_html
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
def page() -> Node:
    return parse(render_site(SHOW, [older(), episode()]))


# --- structure --------------------------------------------------------------------------------


def test_language_viewport_and_title(page: Node) -> None:
    (html,) = find(page, "html")
    assert html.attrs["lang"] == "en-US"
    viewport = find(page, "meta", name="viewport")[0].attrs["content"] or ""
    assert "width=device-width" in viewport and "user-scalable" not in viewport
    assert find(page, "title")[0].text() == SHOW.title


def test_landmarks_each_once_and_skip_link_is_the_first_stop(page: Node) -> None:
    body = find(page, "body")[0]
    assert [n.tag for n in body.children if isinstance(n, Node)] == [
        "a", "header", "nav", "main", "footer", "script",
    ]  # fmt: skip
    main = find(page, "main")[0]
    assert main.attrs["id"] == "main" and main.attrs["tabindex"] == "-1"
    first = next(n for n in body.iter() if n.tag in FOCUSABLE)
    assert first.attrs["href"] == "#main" and first.text() == "Skip to main content"


def test_headings_go_show_then_episode_then_sections(page: Node) -> None:
    headings = [(int(n.tag[1]), n.words()) for n in page.iter() if re.fullmatch(r"h\d", n.tag)]
    assert headings[0] == (1, SHOW.title)
    assert [level for level, _ in headings].count(1) == 1
    for (a, _), (b, _) in zip(headings, headings[1:], strict=False):
        assert b <= a + 1, headings  # never skip a level going down
    article = find(page, "article")[0]
    inner = [(int(n.tag[1]), n.words()) for n in article.iter() if re.fullmatch(r"h\d", n.tag)]
    assert inner[:3] == [(2, TRICKY_TITLE), (3, "Chapters"), (3, "Transcript")]
    assert [t for level, t in inner if level == 4] == [m.title for m in MARKS]


def test_every_episode_is_listed_and_shown_newest_first(page: Node) -> None:
    articles = find(page, "article")
    assert [a.attrs["id"] for a in articles] == ["ep-freed", "ep-older"]
    nav_links = [a.attrs["href"] for a in find(page, "nav")[0].iter("a")]
    assert nav_links == ["#ep-freed", "#ep-older"]
    for article in articles:
        title = find(article, "h2")[0]
        assert article.attrs["aria-labelledby"] == title.attrs["id"]


def test_text_is_escaped_everywhere() -> None:
    html = render_site(SHOW, [episode()])
    page = parse(html)
    assert find(page, "h2", id="ep-freed-title")[0].text() == TRICKY_TITLE
    assert find(page, "h1")[0].text() == SHOW.title
    assert "<after>" not in html and "<Paper>" not in html and "<stopped>" not in html
    assert "&lt;after&gt;" in html and "&amp; more" in html and "&quot;freed&quot;" in html


def test_description_keeps_lists_and_drops_anything_else() -> None:
    hostile = '<p onclick="x()">Hi <a href="javascript:y()">there</a></p><script>z()</script>'
    assert description_html(hostile) == "<p>Hi there</p>"
    assert description_html("<ol><li>one<li>two") == "<ol><li>one<li>two</li></li></ol>"
    assert description_html("Plain &amp; simple <3") == "<p>Plain &amp; simple &lt;3</p>"
    page = parse(render_site(SHOW, [episode()]))
    article = find(page, "article")[0]
    assert [li.text() for li in find(article, "ol")[0].iter("li")] == [
        "World: Activists freed", "US: Budget cuts & more",
    ]  # fmt: skip
    assert len(find(page, "script")) == 1  # only the page's own


def test_byline_and_date(page: Node) -> None:
    byline = next(p for p in find(page, "p") if p.has_class("byline"))
    assert byline.words() == "By Eli Friedman, 4 March 2025"
    assert find(byline, "time")[0].attrs["datetime"] == "2025-03-04T12:00:00+00:00"


def test_audio_player_with_captions_and_no_autoplay(page: Node) -> None:
    audio = find(page, "audio", id="ep-freed-audio")[0]
    assert "controls" in audio.attrs and audio.attrs["preload"] == "none"
    assert "autoplay" not in audio.attrs
    (source,) = find(audio, "source")
    assert source.attrs == {"src": "episodes/freed.mp3", "type": "audio/mpeg"}
    (track,) = find(audio, "track")
    assert track.attrs["kind"] == "captions" and track.attrs["src"] == "episodes/freed.vtt"
    assert track.attrs["srclang"] == "en-US" and track.attrs["label"] and "default" in track.attrs


def test_download_link_says_length_and_size(page: Node) -> None:
    link = next(a for a in find(page, "a", href="episodes/freed.mp3") if "download" in a.attrs)
    assert link.text() == "Download the MP3 of " + TRICKY_TITLE
    assert "(7 minutes, 3.2 MB)" in find(page, "article")[0].words()
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


def test_chapters_are_links_with_times_that_play_from_there(page: Node) -> None:
    chapters = next(ol for ol in find(page, "ol") if ol.has_class("chapters"))
    links = list(chapters.iter("a"))
    assert [a.words() for a in links] == ["0:00 " + MARKS[0].title, "0:02 " + MARKS[1].title]
    # Without JavaScript a chapter opens the MP3 at its time; with it, the player seeks.
    assert [a.attrs["href"] for a in links] == ["episodes/freed.mp3#t=0", "episodes/freed.mp3#t=2"]
    assert {a.attrs["data-audio"] for a in links} == {"ep-freed-audio"}


def _text_outside(node: Node, skip: set[str]) -> str:
    return " ".join(
        c if isinstance(c, str) else _text_outside(c, skip)
        for c in node.children
        if isinstance(c, str) or c.tag not in skip
    )


def test_transcript_has_every_word_grouped_by_speaker(page: Node) -> None:
    for article, cues in zip(find(page, "article"), [CUES, older().cues], strict=True):
        box = next(d for d in find(article, "div") if d.has_class("transcript"))
        assert [s.text() for s in box.iter("span")] == [c.text for c in cues]
        # Every word in the box but the speaker labels and chapter headings is a cue's.
        spoken = _text_outside(box, {"strong", "h4"}).split()
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
    box = next(
        d for d in find(parse(render_site(SHOW, [record])), "div") if d.has_class("transcript")
    )
    assert [p.words() for p in find(box, "p")] == [
        "Narrator: First paragraph. Same paragraph.", "Second paragraph.",
    ]  # fmt: skip


def test_speaker_labels() -> None:
    assert speaker_label("narrator") == "Narrator"
    assert speaker_label("an acquaintance of one of the activists").startswith("An ")
    assert speaker_label("the former activist") == "The former activist"
    assert speaker_label("bell hooks") == "bell hooks"  # a name stays as written


def test_transcript_files_are_linked(page: Node) -> None:
    article = find(page, "article")[0]
    hrefs = {a.attrs["href"] for a in article.iter("a")}
    assert {path for path, _ in episode().transcripts} | {"episodes/freed.chapters.json"} <= hrefs
    texts = [a.text() for a in article.iter("a")]
    assert {"Captions (WebVTT)", "Subtitles (SRT)", "Transcript (JSON)"} <= set(texts)


def test_feed_address_to_copy_and_subscribe_link(page: Node) -> None:
    header = find(page, "header")[0]
    (field,) = find(header, "input")
    assert field.attrs["value"] == SHOW.feed_url and "readonly" in field.attrs
    assert find(header, "label")[0].attrs["for"] == field.attrs["id"]
    subscribe = next(a for a in header.iter("a") if "Subscribe" in a.text())
    assert subscribe.attrs["href"] == "feed.xml"


def test_cover_alt_and_synthetic_voices_statement(page: Node) -> None:
    (img,) = find(page, "img")
    assert img.attrs["src"] == "cover.jpg" and SHOW.title in (img.attrs["alt"] or "")
    assert "synthetic" in find(page, "header")[0].words()
    assert "synthetic" in find(page, "footer")[0].words()


def test_nothing_is_loaded_from_elsewhere(page: Node) -> None:
    urls = [n.attrs["src"] for n in page.iter() if n.attrs.get("src")]
    urls += [n.attrs["href"] for n in find(page, "link")]
    assert urls and all("://" not in (u or "") and not (u or "/").startswith("/") for u in urls)


def test_reduced_motion_and_focus_styles() -> None:
    html = render_site(SHOW, [])
    assert "prefers-reduced-motion" in html and ":focus-visible" in html


def test_a_show_without_episodes_or_cover_still_renders() -> None:
    bare = ShowInfo("Empty", "Nothing yet", "Me", "fr", "http://x/")
    page = parse(render_site(bare, []))
    assert find(page, "html")[0].attrs["lang"] == "fr"
    assert not find(page, "article") and not find(page, "img")
    assert "No episodes yet." in find(page, "nav")[0].words()


def test_duplicate_or_odd_slugs_get_unique_ids() -> None:
    page = parse(render_site(SHOW, [episode("a b"), episode("a-b"), older("")]))
    ids = [n.attrs["id"] for n in page.iter() if n.attrs.get("id")]
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
    write_site(root / "index.html", render_site(SHOW, records))


@pytest.fixture
def served(tmp_path: Path):
    reason = _browser_ready()
    if reason:
        pytest.skip(reason)
    _publish(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=tmp_path))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.ffmpeg
def test_page_in_headless_chromium(served: str) -> None:
    # TALKINGPAPER_SCREENSHOTS=/tmp/site keeps PNGs to look at (page, phone, focus, dark).
    args = ["node", str(BROWSER / "check_page.mjs"), served]
    if os.environ.get("TALKINGPAPER_SCREENSHOTS"):
        args.append(os.environ["TALKINGPAPER_SCREENSHOTS"])
    env = {**os.environ, "CHROMIUM": CHROMIUM}
    run = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
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
    assert skip["nextTab"]["tag"] == "audio", shown
    assert skip["outline"]["style"] == "solid" and skip["outline"]["top"] >= 0, shown
    order = result["tabOrder"]
    assert order[0]["cls"] == "skip"
    stops = [o["tag"] for o in order]
    assert "input" in stops and "button" in stops and "audio" in stops
    assert stops.index("input") < stops.index("audio")  # header, nav, then the episodes

    play = result["play"]
    assert play["ok"] and play["currentTime"] > 0.5, shown
    assert play["highlighted"] == 1, shown

    chapter = result["chapter"]
    assert chapter["focused"] and chapter["focused"]["role"] == "button", shown
    assert chapter["currentTime"] >= MARKS[1].start - 0.05, shown
    assert chapter["url"] == served  # it played in place rather than opening the MP3

    assert result["phone"]["scrollWidth"] <= result["phone"]["innerWidth"], shown

    # With JavaScript off the transcript is all there and Space on the native player plays it.
    bare = result["noScript"]
    assert not bare["scriptRan"] and bare["focused"]["tag"] == "audio", shown
    assert bare["currentTime"] > 0.5, shown
    assert bare["transcriptWords"] >= len(" ".join(c.text for c in CUES).split()), shown
