"""The command line as a well-kept tool behaves: Ctrl-C, settings out of range, a folder that
is not a show, output meant for a terminal or for a log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import DEMO_ARTICLE, ROOT
from tts.files import TEMPORARY

TALKINGPAPER = str(Path(sys.executable).with_name("talkingpaper"))


def _show(tmp_path: Path, toml: str | None = None) -> Path:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    (show / "show.toml").write_text(toml if toml is not None else (ROOT / "show.toml").read_text())
    return show


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("loudness = -16.0", "loudness = 5", ["audio.loudness", "-30 to -10 LUFS"]),
        ("loudness = -16.0", "loudness = -45", ["audio.loudness", "-30 to -10"]),
        ('bitrate = "64k"', 'bitrate = "8k"', ["audio.bitrate", "32 to 320"]),
        ('bitrate = "64k"', 'bitrate = "fast"', ["audio.bitrate", "'fast'", "32 to 320"]),
        ("sample_rate = 44100", "sample_rate = 11025", ["audio.sample_rate", "44100"]),
        ("rate = 165", "rate = 40", ["voices.rate", "80 to 450 words a minute"]),
    ],
)
def test_a_setting_out_of_range_is_refused_with_its_range(
    tmp_path: Path, old: str, new: str, words: list[str]
) -> None:
    toml = (ROOT / "show.toml").read_text()
    assert old in toml
    show = _show(tmp_path, toml.replace(old, new))
    result = CliRunner().invoke(main, ["build", "--show", str(show)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    for word in words:
        assert word in result.output


def test_build_and_add_outside_a_show_say_so_and_create_nothing(tmp_path: Path) -> None:
    for args in (["build"], ["add", "https://example.invalid/story"], ["check"]):
        result = CliRunner().invoke(main, [*args, "--show", str(tmp_path)])
        assert result.exit_code == 1, result.output
        assert "not a talkingpaper show" in result.output and "talkingpaper init" in result.output
    assert list(tmp_path.iterdir()) == []  # no content/ or output/ made on the way


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_log_gets_the_summary_line_and_no_cursor_codes(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (show / "content" / "story.txt").write_text(DEMO_ARTICLE.read_text()[:1500])
    # stderr is a pipe here, as in cron or CI: no bars, but the summary line.
    run = subprocess.run([TALKINGPAPER, "build", "--show", str(show)], capture_output=True,
                         text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "\r" not in run.stderr and "\x1b[" not in run.stderr
    assert "1 built, 0 unchanged, 0 failed" in run.stderr
    quiet = subprocess.run([TALKINGPAPER, "build", "-q", "--show", str(show)],
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert "0 built, 1 unchanged, 0 failed" in quiet.stderr
    silent = subprocess.run([TALKINGPAPER, "build", "-qq", "--show", str(show)],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert silent.returncode == 0 and silent.stderr == ""


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_ctrl_c_is_one_line_exit_130_and_leaves_the_show_as_it_was(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (show / "content" / "first.txt").write_text(DEMO_ARTICLE.read_text()[:1200])
    assert subprocess.run([TALKINGPAPER, "build", "-qq", "--show", str(show)]).returncode == 0
    feed = (show / "output" / "feed.xml").read_bytes()
    (show / "content" / "second.txt").write_text(DEMO_ARTICLE.read_text())
    cache = show / "output" / ".cache"
    before = set(cache.rglob("*.wav"))
    # Ctrl-C in a terminal reaches the whole process group: the build and its workers.
    build = subprocess.Popen([TALKINGPAPER, "build", "--show", str(show)], text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while set(cache.rglob("*.wav")) == before and time.monotonic() < deadline:
        time.sleep(0.02)  # until the new article is being spoken
    os.killpg(build.pid, signal.SIGINT)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted:"), stderr
    assert (show / "output" / "feed.xml").read_bytes() == feed
    assert not [p for p in (show / "output").rglob("*") if TEMPORARY.match(p.name)]
    again = subprocess.run([TALKINGPAPER, "build", "--show", str(show)], capture_output=True,
                           text=True, timeout=300)  # fmt: skip
    # The next build finishes what was stopped (or finds it finished just before Ctrl-C).
    assert again.returncode == 0 and "0 failed" in again.stderr, again.stderr
    assert (show / "output" / "episodes" / "second.mp3").exists()


def test_say_with_nothing_to_say_asks_for_words() -> None:
    result = CliRunner().invoke(main, ["say", "  "])
    assert result.exit_code == 1 and "nothing to say" in result.output
    assert "tmp" not in result.output


@pytest.mark.espeak_ng
def test_say_without_a_working_sound_device_says_so(tmp_path: Path) -> None:
    fake = tmp_path / "aplay"
    fake.write_text(
        "#!/bin/sh\necho 'aplay: main:831: audio open error: No such file' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run([TALKINGPAPER, "say", "Hello"], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "aplay could not play the sound (aplay: main:831: audio open error" in run.stderr
    assert "--out FILE.wav" in run.stderr


@pytest.mark.espeak_ng
def test_voices_for_a_language_the_engine_lacks_names_the_languages_it_has() -> None:
    result = CliRunner().invoke(main, ["voices", "--engine", "espeak-ng", "--language", "xx"])
    assert result.exit_code == 1
    assert "no voice for 'xx'" in result.output and "de, " in result.output


@pytest.fixture
def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real web server over a folder: a directory listing and an article page."""
    import functools
    import http.server
    import threading

    root = tmp_path / "site"
    (root / "files").mkdir(parents=True)
    rows = "".join(f'<a href="{n}">{n}</a>  01-Dec-2026 12:00  1234\n' for n in ("a", "b"))
    (root / "files" / "index.html").write_text(  # as nginx lists a folder
        f"<html><head><title>Index of /files/</title></head><body><h1>Index of /files/</h1>"
        f'<hr><pre><a href="../">../</a>\n{rows}</pre><hr></body></html>'
    )
    story = " ".join(["The council voted on Tuesday to rebuild the old river bridge."] * 6)
    (root / "bridge.html").write_text(
        f"<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>"
        f"<p>{story}</p><p>{story}</p></article></body></html>"
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_add_refuses_a_page_with_no_article_and_names_force_for_a_clash(
    tmp_path: Path, site: str
) -> None:
    show = _show(tmp_path)
    listing = CliRunner().invoke(main, ["add", site + "files/", "--show", str(show)])
    assert listing.exit_code == 1 and "holds no article" in listing.output
    assert list((show / "content").iterdir()) == []
    first = CliRunner().invoke(main, ["add", site + "bridge.html", "--show", str(show)])
    assert first.exit_code == 0, first.output
    (saved,) = (show / "content").iterdir()
    assert saved.stat().st_mode & 0o777 == 0o644 & ~_umask()
    saved.write_text(saved.read_text() + "\nA note of my own.\n")
    clash = CliRunner().invoke(main, ["add", site + "bridge.html", "--show", str(show)])
    assert clash.exit_code == 1 and "--force" in clash.output


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_stray_byte_is_one_warning_line_and_the_article_builds(tmp_path: Path) -> None:
    show = _show(tmp_path)
    text = "Bridge vote\n\nThe council voted \xe9 on Tuesday \u2014 to rebuild it.\n"
    data = text.encode("utf-8").replace("\xe9".encode(), b"\xe9")  # one byte that is not UTF-8
    (show / "content" / "bridge.txt").write_bytes(data)
    run = subprocess.run([TALKINGPAPER, "build", "-qq", "--show", str(show)],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith("warning: ") and "bridge.txt: 1 byte not valid UTF-8" in line
    assert "Warning:" not in line and ".py:" not in line  # not Python's own format
