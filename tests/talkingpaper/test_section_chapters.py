"""An article with subheads is an episode with a chapter per section, in every place an app
looks: the MP3's ID3 chapters, the JSON chapters, the feed's Podlove chapters and the times
listed after the description. An edition keeps one chapter a story (its intro numbers them)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from talkingpaper.cli import main
from tests.conftest import ROOT

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

TITLE = "River school reopens after the flood"
SUBHEADS = ["What the water took", "How it was rebuilt"]
# Invented news, a paragraph a line as articles are kept: a lead, two sections under
# subheads, a quote.
ARTICLE = f"""---
title: {TITLE}
author: Noor Haddad
---

The village school by the river opened again on Monday, eight months after the spring flood filled its classrooms with mud and closed the only road to the valley.

{SUBHEADS[0]}

The water took every book in the library and the piano in the hall, and the teachers lost a year of their pupils' drawings.

"We kept only the bell," said Petra Lind, the head teacher.

{SUBHEADS[1]}

Parents and students spent the summer painting the walls, and a bakery in town paid for the new books.
"""  # noqa: E501
SLUG = "river-school"


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article built as an episode, then (speech from the cache) as a one-story edition."""
    show = tmp_path_factory.mktemp("sections")
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    (show / "content").mkdir()
    (show / "content" / f"{SLUG}.txt").write_text(ARTICLE, encoding="utf-8")
    for extra in ([], ["--bulletin", "Evening edition"]):
        result = CliRunner().invoke(main, ["build", "--quiet", *extra, "--show", str(show)])
        assert result.exit_code == 0, result.output
    return show


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_each_subhead_starts_a_chapter_where_it_is_spoken(show: Path) -> None:
    episodes = show / "output" / "episodes"
    chapters = _json(episodes / f"{SLUG}.chapters.json")["chapters"]
    assert [c["title"] for c in chapters] == [TITLE, *SUBHEADS]
    cues = _json(episodes / f"{SLUG}.transcript.json")["segments"]
    for chapter in chapters[1:]:
        cue = next(c for c in cues if c["body"].startswith(chapter["title"]))
        assert chapter["startTime"] == pytest.approx(cue["startTime"], abs=0.010)
    ends = [c["endTime"] for c in chapters[:-1]]
    assert ends == [c["startTime"] for c in chapters[1:]]  # sections meet, none overlaps


def test_the_mp3_holds_the_same_chapters(show: Path) -> None:
    episodes = show / "output" / "episodes"
    chapters = _json(episodes / f"{SLUG}.chapters.json")["chapters"]
    frames = ID3(episodes / f"{SLUG}.mp3").getall("CHAP")
    assert [f.sub_frames["TIT2"].text[0] for f in frames] == [TITLE, *SUBHEADS]
    assert [f.start_time for f in frames] == [round(c["startTime"] * 1000) for c in chapters]


def test_the_feed_item_lists_the_sections_in_podlove_chapters_and_its_description(
    show: Path,
) -> None:
    feed = feedparser.parse(str(show / "output" / "feed.xml"))
    item = next(e for e in feed.entries if e.title == TITLE)
    assert [c["title"] for c in item.psc_chapters["chapters"]] == [TITLE, *SUBHEADS]
    times = item.summary.splitlines()[-3:]
    assert [t.split(" ", 1)[1] for t in times] == [TITLE, *SUBHEADS]
    assert times[0].startswith("00:00 ")


def test_an_edition_keeps_one_chapter_a_story(show: Path) -> None:
    edition = next((show / "output" / "episodes").glob("evening-edition-*.mp3"))
    chapters = _json(edition.with_suffix(".chapters.json"))["chapters"]
    assert [c["title"] for c in chapters][1:] == [TITLE]  # after the edition's contents


def test_the_read_along_book_keeps_one_story_with_its_subheads_as_headings(show: Path) -> None:
    """The EPUB's unit is the article: its subheads are headings inside it, each spoken and
    synchronised like a sentence, not stories of their own."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(show / "output" / "episodes" / f"{SLUG}.epub") as book:
        pages = [n for n in book.namelist() if n.endswith(".xhtml") and "nav" not in n]
        trees = [etree.fromstring(book.read(n)) for n in pages]
    xhtml = "{http://www.w3.org/1999/xhtml}"
    headings = [
        (h.tag[len(xhtml) :], "".join(h.itertext()).strip(), h.find(f".//{xhtml}span[@id]"))
        for tree in trees
        for h in tree.iter(*(f"{xhtml}h{n}" for n in range(1, 7)))
    ]
    titles = [text for _, text, _ in headings]
    assert titles.count(TITLE) == 1, titles
    subheads = [(tag, span) for tag, text, span in headings if text in SUBHEADS]
    assert [text for _, text, _ in headings if text in SUBHEADS] == SUBHEADS
    title_level = next(tag for tag, text, _ in headings if text == TITLE)
    for tag, span in subheads:
        assert tag > title_level  # a level below the headline
        assert span is not None  # a sentence with its audio clip
