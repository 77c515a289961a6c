"""A build with nothing changed stops early (talkingpaper.warm_build), and every change that
decides the show's files still gets a real build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import talkingpaper.build
from talkingpaper import warm_build
from talkingpaper.cli import main
from tests.conftest import ROOT

STORY = """Council approves new bridge

By Jane Doe

The city council voted on Tuesday to replace the old river bridge.

"This bridge has served us for ninety years, and it is time," said Mayor Ana Ruiz.
"""
SUMMARY_TIME = " in 0.0 s"  # the summary's duration, the one part that differs run to run


def _age(folder: Path) -> None:
    """Files written a minute ago: a stamp trusts only times older than RACY_SECONDS."""
    past = time.time() - 60
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (past, past))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    show = tmp_path_factory.mktemp("warm") / "show"
    (show / "content").mkdir(parents=True)
    toml = (ROOT / "show.toml").read_text().replace('engine = "pyttsx3"', 'engine = "espeak-ng"')
    (show / "show.toml").write_text(toml)
    (show / "content" / "bridge.txt").write_text(STORY)
    _age(show)
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 0, result.output
    return show


@pytest.fixture
def show(built: Path, tmp_path: Path) -> Path:
    """A copy of the built show (times kept), built once more so that its stamp is its own."""
    copy = tmp_path / "show"
    shutil.copytree(built, copy)
    assert "0 built, 1 unchanged" in _build(copy)
    assert (copy / "output" / warm_build.STAMP_FILE).is_file()
    return copy


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The calls of build_show the command made: none when it stopped early."""
    calls: list[Any] = []
    real: Callable[..., Any] = talkingpaper.build.build_show

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(talkingpaper.build, "build_show", spy)
    yield calls


def _build(show: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["build", "--show", str(show), *args])
    assert result.exit_code == code, result.output
    return result.output


def _timeless(output: str) -> str:
    line = output.strip().splitlines()[-1]
    head, _, tail = line.partition(" in ")
    return head + SUMMARY_TIME + tail[tail.index(" s;") + 2 :]


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_nothing_changed_skips_the_build_and_says_what_a_build_would(
    show: Path, builds: list[Any]
) -> None:
    early = _build(show)
    assert builds == []  # the text, the engines, the feed: none was looked at
    assert early.strip().startswith("0 built, 1 unchanged, 0 failed in ")
    (show / "output" / warm_build.STAMP_FILE).unlink()
    assert _timeless(_build(show)) == _timeless(early)  # a full build says the same
    assert len(builds) == 1
    assert _build(show, "-qq") == "" and len(builds) == 1  # -qq: silent, as always


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_warm_build_loads_none_of_the_builds_modules(show: Path) -> None:
    """As a user runs it: a process of its own, bytecode cached, an engine on the line."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-X", "importtime", "-m", "talkingpaper.cli", "build",
               "--show", str(show), "--engine", "espeak-ng", "--jobs", "3"]  # fmt: skip
    runs = [subprocess.run(command, capture_output=True, text=True, env=env, timeout=300,
                           check=False) for _ in range(2)]  # fmt: skip
    assert [r.returncode for r in runs] == [0, 0], runs[-1].stderr
    first, second = ({line.split("|")[-1].strip() for line in run.stderr.splitlines()
                      if "|" in line} for run in runs)  # fmt: skip
    assert "talkingpaper.build" in first  # another option: a real build, then a stamp
    assert "talkingpaper.warm_build" in second  # the check ran, and saw no work
    for heavy in ("talkingpaper.build", "talkingpaper.show", "tts.engines", "py3langid"):
        assert heavy not in second
    assert "0 built, 1 unchanged, 0 failed" in runs[1].stderr.splitlines()[-1]


def _edit_article(show: Path) -> None:
    article = show / "content" / "bridge.txt"
    article.write_text(article.read_text().replace("Tuesday", "Monday"))


def _edit_show_toml(show: Path) -> None:
    toml = show / "show.toml"
    toml.write_text(toml.read_text().replace('title = "', 'title = "Renamed: ', 1))


def _delete_mp3(show: Path) -> None:
    (show / "output" / "episodes" / "bridge.mp3").unlink()


def _add_article(show: Path) -> None:
    (show / "content" / "ferry.txt").write_text(STORY.replace("bridge", "ferry"))


def _add_lexicon(show: Path) -> None:
    (show / "lexicon.toml").write_text('Ruiz = "Roo-eeth"\n')


# What changes, how, and what the build then says (None: whatever it says, it ran).
CHANGES: dict[str, tuple[Callable[[Path], None] | None, tuple[str, ...], str | None]] = {
    "article edited": (_edit_article, (), "1 built, 0 unchanged"),
    "article added": (_add_article, (), "1 built, 1 unchanged"),
    "show.toml edited": (_edit_show_toml, (), "1 built, 0 unchanged"),  # its intro
    "lexicon added": (_add_lexicon, (), "1 built, 0 unchanged"),
    "episode deleted": (_delete_mp3, (), "1 built, 0 unchanged"),
    "engine chosen": (None, ("--engine", "pyttsx3"), "1 built, 0 unchanged"),
    "bulletin asked": (None, ("--bulletin", "Evening edition"), None),
    "date given": (None, ("--date", "2026-01-05"), None),
    "prune asked": (None, ("--prune",), "0 built, 1 unchanged"),
}


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_that_decides_the_output_gets_a_real_build(
    show: Path, builds: list[Any], change: str
) -> None:
    edit, args, said = CHANGES[change]
    if edit:
        edit(show)
    output = _build(show, *args)
    assert len(builds) == 1, change  # the build ran
    assert said is None or said in output, output
    if change == "episode deleted":
        assert (show / "output" / "episodes" / "bridge.mp3").is_file()
    if change == "show.toml edited":
        assert b"<title>Renamed: " in (show / "output" / "feed.xml").read_bytes()


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_changed_code_gets_a_real_build(
    show: Path, builds: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if talkingpaper were upgraded: one of the code's files changes."""
    package = tmp_path / "code" / "fakepaper"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("SPEED = 1\n")
    _age(tmp_path / "code")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    monkeypatch.setattr(warm_build, "_PACKAGES", (*warm_build._PACKAGES, "fakepaper"))
    _build(show)  # the stamp now covers fakepaper too
    _build(show)
    assert len(builds) == 1  # the second one stopped early
    (package / "__init__.py").write_text("SPEED = 2\n")
    _build(show)
    assert len(builds) == 2


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_warning_is_printed_by_every_build(show: Path, builds: list[Any]) -> None:
    """A stray byte's warning is not silenced by stopping early: a build that warned leaves
    no stamp."""
    article = show / "content" / "bridge.txt"
    text = article.read_text().replace("Tuesday", "Tuesday \u2014 X").encode("utf-8")
    article.write_bytes(text.replace(b"X", b"\xe9"))  # one byte that is not UTF-8
    _age(show / "content")
    for _ in range(2):
        assert "warning: " in _build(show) and "not valid UTF-8" in _build(show)
    assert len(builds) == 4
    assert warm_build.check(show, warm_build.Options()) is None  # no stamp of this state


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_the_stamp_expires_when_time_alone_would_change_the_build(
    show: Path, builds: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept old audio version or keep_days: the build after its expiry runs for real."""
    toml = show / "show.toml"
    toml.write_text(toml.read_text() + "\n[retention]\nkeep_days = 30\n")
    _age(show)
    _build(show)
    _build(show)
    assert len(builds) == 1
    tomorrow = time.time() + 24 * 3600
    monkeypatch.setattr(warm_build.time, "time", lambda: tomorrow)
    _build(show)
    assert len(builds) == 2


def test_inputs_that_cannot_be_read_mean_a_real_build(tmp_path: Path) -> None:
    assert warm_build.check(tmp_path, warm_build.Options()) is None  # no show.toml, no stamp
    stamp = tmp_path / "output" / warm_build.STAMP_FILE
    stamp.parent.mkdir(parents=True)
    stamp.write_text("{not json")
    (tmp_path / "show.toml").write_text("")
    assert warm_build.check(tmp_path, warm_build.Options()) is None


def test_the_command_lines_default_engine_is_the_shows() -> None:
    """`voices --engine` shows its default without loading the show's modules."""
    from talkingpaper.cli_options import DEFAULT_ENGINE
    from talkingpaper.show import Show

    assert Show.engine == DEFAULT_ENGINE


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_while_another_build_runs_the_build_says_so(show: Path, builds: list[Any]) -> None:
    import fcntl

    with open(show / "output" / ".build.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        said = _build(show, code=1)
    assert "another talkingpaper build is running" in said and len(builds) == 1
    _build(show)
    assert len(builds) == 1  # the lock went with its holder: nothing to do again
