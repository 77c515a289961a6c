"""Builds over time: what a rebuild remakes, bulletins, stable identities, voices kept."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from talkingpaper.cli import main
from tests.conftest import ROOT

STORY_A = """Council approves new bridge

By Jane Doe

The city council voted on Tuesday to replace the old river bridge.

"This bridge has served us for ninety years, and it is time," said Mayor Ana Ruiz.

Work starts in the spring and will last two years.
"""

STORY_B = """Library opens late on Fridays

By Sam Lee

The public library will stay open until nine on Friday evenings from next month.

"People asked for it, and we listened," said librarian Tom Okafor.

Mayor Ana Ruiz said the change costs little. "It is a small thing that helps many," she said.
"""


def _show(tmp_path: Path, base_url: str = "http://localhost:8000/") -> Path:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    toml = (ROOT / "show.toml").read_text().replace('"http://localhost:8000/"', f'"{base_url}"')
    (show / "show.toml").write_text(toml)
    (show / "content" / "bridge.txt").write_text(STORY_A)
    (show / "content" / "library.txt").write_text(STORY_B)
    return show


def _build(show: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["build", "--show", str(show), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _cached(show: Path) -> set[Path]:
    return set((show / "output/.cache").rglob("*.wav"))


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_one_changed_paragraph_resynthesises_only_its_segments(tmp_path: Path) -> None:
    show = _show(tmp_path)
    _build(show, "--quiet")
    first = _cached(show)
    bridge = show / "content/bridge.txt"
    bridge.write_text(STORY_A.replace("two years.", "three years."))
    output = _build(show)
    new = _cached(show) - first
    assert len(new) == 1  # the one sentence that changed
    assert "1 built, 1 unchanged" in output


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_one_changed_paragraph_re_encodes_only_its_own_stretch_of_audio(tmp_path: Path) -> None:
    """The demo article, one sentence added in its middle: one block of the episode's audio is
    encoded again, the others' MP3 frames are joined as they were."""
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    article = show / "content" / "demo.txt"
    text = (ROOT / "content" / "npr-freed-labor-activists.txt").read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    _build(show, "--quiet", "--engine", "espeak-ng")
    blocks = set((show / "output/.cache/blocks").glob("*.mp3"))
    assert len(blocks) >= 4
    paragraphs = text.split("\n\n")
    middle = next(p for p in paragraphs[len(paragraphs) // 2 :] if ". " in p and '"' not in p)
    sentence_end = middle.index(". ") + 1
    edited = middle[:sentence_end] + " Nobody answered." + middle[sentence_end:]
    article.write_text(text.replace(middle, edited), encoding="utf-8")
    _build(show, "--quiet", "--engine", "espeak-ng")
    assert len(set((show / "output/.cache/blocks").glob("*.mp3")) - blocks) == 1
    mp3 = show / "output/episodes/demo.mp3"
    decode = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "null", "-"],
                            capture_output=True, text=True)  # fmt: skip
    assert decode.returncode == 0 and decode.stderr == ""
    transcript = json.loads((show / "output/episodes/demo.transcript.json").read_text())
    assert any("Nobody answered." in s["body"] for s in transcript["segments"])


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_bulletin_is_one_episode_with_a_chapter_per_article(tmp_path: Path) -> None:
    show = _show(tmp_path)
    _build(show, "--quiet", "--bulletin", "Evening news")
    (mp3,) = (show / "output/episodes").glob("evening-news-*.mp3")  # today's edition
    record = json.loads(mp3.with_suffix(".json").read_text())
    titles = [c["title"] for c in record["chapters"]]
    assert titles[1:] == ["Council approves new bridge", "Library opens late on Fridays"]
    starts = [c["start"] for c in record["chapters"]]
    assert starts == sorted(starts) and record["chapters"][-1]["end"] <= record["duration"]
    # The intro lists the stories, as talking newspapers do.
    assert "2 stories" in record["cues"][0]["text"]
    tags = ID3(mp3)
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [c.sub_frames["TIT2"].text[0] for c in chaps][1:] == titles[1:]
    (toc,) = tags.getall("CTOC")
    assert list(toc.child_element_ids) == [c.element_id for c in chaps]
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert len(json.loads(probe.stdout)["chapters"]) == 3


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_speakers_keep_their_voice_across_episodes(tmp_path: Path) -> None:
    show = _show(tmp_path)
    _build(show, "--quiet")
    cast = json.loads((show / "output/cast.json").read_text())["pyttsx3"]
    ruiz = cast["Ana Ruiz"]
    voices = {}
    for slug in ("bridge", "library"):
        record = json.loads((show / f"output/episodes/{slug}.json").read_text())
        voices[slug] = {c["speaker"]: c["voice"] for c in record["cues"]}
    assert voices["bridge"]["Ana Ruiz"] == voices["library"]["Ana Ruiz"] == ruiz["voice"]
    assert voices["library"]["Tom Okafor"] != ruiz["voice"]


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_guids_stay_when_the_title_or_base_url_changes(tmp_path: Path) -> None:
    show = _show(tmp_path, base_url="https://paper.example.org/")
    _build(show, "--quiet")
    first = json.loads((show / "output/episodes/bridge.json").read_text())["guid"]
    feed = (show / "output/feed.xml").read_text()
    toml = show / "show.toml"
    toml.write_text(
        toml.read_text().replace("https://paper.example.org/", "https://new.example.org/")
    )
    (show / "content/bridge.txt").write_text(STORY_A.replace("new bridge", "a new bridge"))
    _build(show, "--quiet")
    record = json.loads((show / "output/episodes/bridge.json").read_text())
    assert record["guid"] == first
    assert record["title"] == "Council approves a new bridge"
    new_feed = (show / "output/feed.xml").read_text()
    guid = feed.split("<podcast:guid>")[1].split("<")[0]
    assert f"<podcast:guid>{guid}</podcast:guid>" in new_feed
    assert "https://new.example.org/episodes/bridge.mp3" in new_feed


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_one_bad_article_is_skipped_and_the_rest_still_build(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (show / "content/broken.txt").write_bytes(b"\x00\xff\x00binary" * 50)
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "Traceback" not in result.output
    assert (show / "output/episodes/bridge.mp3").exists()
    assert (show / "output/episodes/library.mp3").exists()
    assert "bridge.mp3" in (show / "output/feed.xml").read_text()


@pytest.mark.ffmpeg
@pytest.mark.parametrize(
    "engine", [pytest.param("espeak-ng", marks=pytest.mark.espeak_ng), "piper"]
)
def test_other_engines_build_the_same_show(tmp_path: Path, engine: str) -> None:
    show = _show(tmp_path)
    _build(show, "--quiet", "--engine", engine)
    record = json.loads((show / "output/episodes/library.json").read_text())
    voices = {c["speaker"]: c["voice"] for c in record["cues"]}
    assert len(voices) >= 3
    assert shutil.which("ffprobe")


def test_a_bad_cover_is_one_clear_error_before_any_work(tmp_path: Path) -> None:
    from PIL import Image

    show = _show(tmp_path)
    Image.new("RGB", (1400, 900)).save(show / "wide.jpg")
    toml = show / "show.toml"
    toml.write_text(toml.read_text().replace("[show]\n", '[show]\ncover = "wide.jpg"\n', 1))
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 1
    assert result.output.count("not square") == 1 and "Traceback" not in result.output
    assert not list((show / "output").glob("episodes/*.mp3"))


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_two_articles_that_would_share_an_episode_are_not_silently_merged(
    tmp_path: Path,
) -> None:
    show = _show(tmp_path)
    (show / "content/bridge.html").write_text(
        "<html><head><title>Other bridge</title></head><body><article><h1>Other bridge</h1>"
        + "<p>A different story about a different bridge, told in a few plain words.</p>" * 3
        + "</article></body></html>"
    )
    result = CliRunner().invoke(main, ["build", "--quiet", "--engine", "espeak-ng",
                                       "--show", str(show)])  # fmt: skip
    assert result.exit_code == 1
    assert "bridge.txt: it would make the same episode as" in result.output
    assert "bridge.html" in result.output and "rename one" in result.output
    record = json.loads((show / "output/episodes/bridge.json").read_text())
    assert record["sources"] == ["content/bridge.html"]  # the first, untouched
    assert (show / "output/episodes/library.mp3").exists()


def test_names_without_latin_letters_get_episodes_of_their_own() -> None:
    from talkingpaper.plan import slugify

    assert slugify("Council bridge") == "council-bridge"
    assert slugify("خبر") != slugify("新闻")
    assert slugify("خبر").startswith("episode-") and slugify("خبر") == slugify("خبر")


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_an_internal_error_on_one_article_skips_only_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug of ours on one article (here forced) must not stop the show, nor print a trace.
    import talkingpaper.build as build

    real = build.prepare_episode

    def fails_on_bridge(show, plan, cast, *rest):  # type: ignore[no-untyped-def]
        if plan.slug == "bridge":
            raise ValueError("unexpected")
        return real(show, plan, cast, *rest)

    monkeypatch.setattr(build, "prepare_episode", fails_on_bridge)
    show = _show(tmp_path)
    result = CliRunner().invoke(main, ["build", "--quiet", "--engine", "espeak-ng",
                                       "--show", str(show)])  # fmt: skip
    assert result.exit_code == 1
    assert "bridge.txt: talkingpaper failed on it (ValueError: unexpected)" in result.output
    assert "please report" in result.output and "Traceback" not in result.output
    assert (show / "output/episodes/library.mp3").exists()


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_build_that_changes_nothing_leaves_the_feed_and_page_as_they_were(
    tmp_path: Path,
) -> None:
    """An app's conditional request then hears "not modified"; any change still shows."""
    show = _show(tmp_path)
    _build(show, "--quiet")
    feed, page = show / "output/feed.xml", show / "output/index.html"
    made = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (feed, page)}
    _build(show, "--quiet")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (feed, page)} == made
    page.unlink()  # a lost file is made again
    _build(show, "--quiet")
    assert page.read_bytes() == made[page][0]
    toml = show / "show.toml"
    toml.write_text(toml.read_text().replace('title = "', 'title = "Renamed: ', 1))
    _build(show, "--quiet")
    assert b"<title>Renamed: " in feed.read_bytes() and b"Renamed: " in page.read_bytes()
