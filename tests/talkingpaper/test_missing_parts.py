"""Missing parts: no ffmpeg, no espeak-ng, a silent engine, a full disk.

Each is one clear line on stderr naming the fix, a non-zero exit, and nothing half-written:
the feed, the page and every episode stay as the last good build left them, no temporary
file is left behind, and content/ is never touched. The parts are really missing: ffmpeg,
the espeak-ng program and libespeak-ng are hidden by bind mounts in a private mount
namespace, the disk is a real tmpfs that really fills up.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from tests.conftest import ROOT

CLI = [sys.executable, "-m", "talkingpaper.cli"]

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # every test starts from a real build

needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("unshare"),
    reason="hiding programs and mounting a small disk need root (CI runs as root)",
)

OLD_STORY = """\
---
title: Library reopens after flood repairs
author: Dana Whitfield
---
The Riverside branch library reopened on Monday, eight months after floodwater ruined it.
Workers replaced the flooring, the wiring and about twelve thousand books.
"People kept asking when they could come back," said branch manager Luis Ortega. "Now they can."
The city paid for most of the repairs with a state disaster grant.
"""

NEW_STORY = """\
---
title: Council votes to extend late-night bus service
author: Priya Nandakumar
---
The city council voted seven to two on Tuesday to keep three bus routes running until 2 a.m.
The routes serve hospitals, warehouses and the university, where many people work night shifts.
"I finish at midnight, and until now I walked home," said nurse Amara Okafor.
Council member Greg Hollis voted against the plan, calling it "a luxury we cannot afford."
The extension begins in March and will be reviewed after a year.
"""


def run(
    show: Path, *args: str, prefix: list[str] | None = None, env=None
) -> subprocess.CompletedProcess:
    cmd = [*(prefix or []), *CLI, "build", "--quiet", "--show", str(show), *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)


def hidden(*paths: str) -> list[str]:
    """A command prefix that runs the rest with `paths` replaced by /dev/null (not
    executable, not a library) in a private mount namespace: gone for it, not for us."""
    mounts = " && ".join(f"mount --bind /dev/null {p}" for p in paths)
    return [
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        mounts + ' && exec "$@"',
        "sh",
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A show with one episode built the normal way: the 'last good build'."""
    show = tmp_path_factory.mktemp("built") / "show"
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    (show / "content" / "library-reopens.txt").write_text(OLD_STORY, encoding="utf-8")
    result = run(show)
    assert result.returncode == 0, result.stderr
    return show


def fresh_copy(built: Path, where: Path) -> Path:
    """The built show plus a new article, so the next build has real work to do."""
    show = where / "show"
    shutil.copytree(built, show, symlinks=True)
    (show / "content" / "night-buses.txt").write_text(NEW_STORY, encoding="utf-8")
    return show


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (but the audio cache and the lock) by content."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith("output/.cache") and path.name != ".build.lock":
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


TEMPORARY = re.compile(r"^\..+\.tmp(\.wav)?$")  # every writer's temporary name


def assert_nothing_half_written(show: Path, before: dict[str, str]) -> None:
    after = snapshot(show)
    assert after == before, sorted(set(after.items()) ^ set(before.items()))
    leftovers = [p for p in (show / "output").rglob("*") if TEMPORARY.search(p.name)]
    assert not leftovers, leftovers
    for wav in (show / "output" / ".cache").rglob("*.wav"):
        with wave.open(str(wav), "rb") as w:  # every cache entry is a whole WAV
            frames = w.getnframes()
            assert frames > 0 and wav.stat().st_size >= 44 + frames * w.getsampwidth(), wav


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    (line,) = lines
    assert line.startswith("error: "), line
    for word in words:
        assert word in line, line
    return line


@needs_root
def test_no_ffmpeg(built: Path, tmp_path: Path) -> None:
    show = fresh_copy(built, tmp_path)
    before = snapshot(show)
    programs = [p for p in (shutil.which("ffmpeg"), shutil.which("ffprobe")) if p]
    result = run(show, prefix=hidden(*programs))
    assert_one_clear_line(result, "ffmpeg is not installed", "apt-get install ffmpeg")
    assert_nothing_half_written(show, before)


@needs_root
def test_no_ffmpeg_is_fine_when_nothing_needs_encoding(built: Path, tmp_path: Path) -> None:
    show = tmp_path / "show"
    shutil.copytree(built, show, symlinks=True)
    programs = [p for p in (shutil.which("ffmpeg"), shutil.which("ffprobe")) if p]
    result = run(show, prefix=hidden(*programs))
    assert result.returncode == 0, result.stderr


@needs_root
def test_no_espeak_ng_library(built: Path, tmp_path: Path) -> None:
    libraries = [p for p in glob.glob("/usr/lib/*/libespeak-ng.so*") if not os.path.islink(p)]
    assert libraries, "libespeak-ng is not where Debian puts it"
    show = fresh_copy(built, tmp_path)
    before = snapshot(show)
    result = run(show, prefix=hidden(*libraries))
    assert_one_clear_line(result, "espeak-ng", "apt-get install espeak-ng")
    assert_nothing_half_written(show, before)


@needs_root
def test_no_espeak_ng_program(built: Path, tmp_path: Path) -> None:
    show = fresh_copy(built, tmp_path)
    before = snapshot(show)
    program = shutil.which("espeak-ng")
    assert program
    result = run(show, "--engine", "espeak-ng", prefix=hidden(program))
    assert_one_clear_line(result, "espeak-ng program is not installed", "apt-get install espeak-ng")
    assert_nothing_half_written(show, before)


SILENT_ESPEAK = """#!/bin/sh
# A broken espeak-ng: it lists voices like the real one, but every WAV it writes is silent.
case "$*" in *--voices*) exec {real} "$@";; esac
out=""; while [ $# -gt 0 ]; do [ "$1" = "-w" ] && out="$2"; shift; done
cat >/dev/null
exec ffmpeg -loglevel error -y -f lavfi -i anullsrc=r=22050:cl=mono -t 2 -c:a pcm_s16le "$out"
"""


def test_engine_that_returns_silence(built: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "espeak-ng"
    fake.write_text(SILENT_ESPEAK.format(real=shutil.which("espeak-ng")))
    fake.chmod(0o755)
    show = fresh_copy(built, tmp_path)
    before = snapshot(show)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = run(show, "--engine", "espeak-ng", env=env)
    assert_one_clear_line(result, "espeak-ng speech engine is not working", "silence", "reinstall")
    assert_nothing_half_written(show, before)
    assert not list((show / "output" / ".cache" / "espeak-ng").glob("*.wav"))  # none cached


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 24 MB file system that the test can fill up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill `disk` until `leave` bytes are free."""
    filler = disk / "filler"
    size = shutil.disk_usage(disk).free - leave
    with open(filler, "wb") as fh:
        os.posix_fallocate(fh.fileno(), 0, max(size, 0))
    return filler


# From a disk that is full before anything is written, through one that fills while the
# segments are spoken, to one that fills while the episode is stitched or encoded.
@needs_root
@pytest.mark.parametrize("leave", [0, 100_000, 1_000_000, 2_000_000, 3_000_000])
def test_full_disk(built: Path, small_disk: Path, leave: int) -> None:
    show = fresh_copy(built, small_disk)
    before = snapshot(show)
    filler = fill(small_disk, leave)
    result = run(show)
    assert_one_clear_line(result, str(show / "output"), "disk is full", "free some space")
    assert_nothing_half_written(show, before)
    # Room again: the next build finishes, and the new story is in the feed.
    filler.unlink()
    again = run(show)
    assert again.returncode == 0, again.stderr
    assert "Council votes" in (show / "output" / "feed.xml").read_text(encoding="utf-8")


def test_a_second_build_at_once_is_refused(built: Path, tmp_path: Path) -> None:
    show = tmp_path / "show"
    shutil.copytree(built, show, symlinks=True)
    with open(show / "output" / ".build.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        result = run(show)
    assert_one_clear_line(result, "another talkingpaper build is running", "wait")
    assert run(show).returncode == 0  # the lock went with its holder


def test_leftovers_of_a_killed_build_are_swept_and_nothing_else(
    built: Path, tmp_path: Path
) -> None:
    show = tmp_path / "show"
    shutil.copytree(built, show, symlinks=True)
    output = show / "output"
    (cache,) = [d for d in (output / ".cache").iterdir() if d.is_dir() and d.name != "blocks"]
    blocks = output / ".cache" / "blocks"
    leftovers = [
        output / ".feed.xml.4242.tmp",
        output / ".index.html.4242.tmp",
        output / "episodes" / ".library-reopens.json.4242.tmp",
        output / "episodes" / ".library-reopens.mp3.k2j4h1.tmp" / "episode.wav",
        cache / ".0123456789abcdef01234567.wav.4242.tmp.wav",
        cache / "..0123456789abcdef01234567.wav.4242.tmp.wav.4243.0.tmp.wav",
        cache / "..0123456789abcdef01234567.wav.4242.tmp.wav.4243.pitch.tmp.wav",
        blocks / ".0123456789abcdef01234567.mp3.4242.tmp",  # a block's frames, half written
        blocks / ".blocks.k2j4h1.tmp" / "0.s16le",  # an encoder's work folder
    ]
    keep = [output / ".notes.txt", output / "episodes" / "notes.tmp", show / "content" / ".x.1.tmp"]
    for path in leftovers + keep:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    assert run(show).returncode == 0
    assert [p for p in leftovers if p.exists()] == []
    assert not (output / "episodes" / ".library-reopens.mp3.k2j4h1.tmp").exists()
    assert not (blocks / ".blocks.k2j4h1.tmp").exists()
    assert all(p.read_bytes() == b"half" for p in keep)
