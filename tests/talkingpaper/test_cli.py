"""The command line as a user meets it: help, the script command, init, clear errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from talkingpaper.show import load_show
from tests.conftest import DATA, DEMO_ARTICLE, ROOT


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    assert isinstance(main, click.Group)
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        text = " ".join(result.output.split())
        assert re.search(rf"Example: [^\n]*talkingpaper {name}\b", text), name


def test_script_json_follows_the_script_format() -> None:
    result = CliRunner().invoke(main, ["script", str(DEMO_ARTICLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    script = json.loads(result.output)
    assert script["format"] == "talkingpaper.script/1"
    assert script["title"].startswith("Some Of China's Freed Labor Activists")
    assert script["author"] == "Emily Feng"
    kinds = {"headline", "byline", "caption", "body", "quote", "announcement"}
    for seg in script["segments"]:
        assert seg["kind"] in kinds
        assert seg["speaker"] == "narrator" or seg["speaker"] in script["speakers"]
        assert seg["text"].strip() and seg["spoken"].strip()
    assert script["segments"][0]["kind"] == "headline"


def test_script_text_form_labels_quoted_speakers() -> None:
    result = CliRunner().invoke(main, ["script", str(DEMO_ARTICLE)])
    assert result.exit_code == 0
    assert "[Eli Friedman] Especially given that" in result.output


def test_script_json_on_stdout_is_nothing_but_json() -> None:
    # pyttsx3 prints "Audio saved to"; nothing may reach the script's stdout.
    proc = subprocess.run(
        [sys.executable, "-m", "talkingpaper.cli", "script", str(DEMO_ARTICLE), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    json.loads(proc.stdout)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02\xff" * 100, "binary")],
)
def test_bad_article_is_one_line_naming_the_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["script", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert str(path) in result.output
    assert message in result.output.lower()


def test_init_makes_a_show_folder_and_never_overwrites(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "paper"), "--title", "My Paper"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "paper/content").is_dir() and (tmp_path / "paper/output").is_dir()
    assert 'title = "My Paper"' in (tmp_path / "paper/show.toml").read_text()
    again = runner.invoke(main, ["init", str(tmp_path / "paper")])
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("AC\\DC", "AC\\DC"),
        ('The "Daily" Paper', 'The "Daily" Paper'),
        ("Two\nlines\r\n", "Two lines"),
        ("Tab\tand\x7fDEL\x00", "Tab and DEL"),
        ("Ünïcödé 📻 — $x {title} \\u00e9", "Ünïcödé 📻 — $x {title} \\u00e9"),
    ],
)
def test_init_writes_a_show_toml_that_loads_for_any_title(
    tmp_path: Path, title: str, kept: str
) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "p"), "--title", title]).exit_code == 0
    result = runner.invoke(main, ["build", "--show", str(tmp_path / "p"), "--quiet"])
    assert "show.toml" not in result.output, result.output  # it loads: no article yet
    assert load_show(tmp_path / "p").title == kept


def test_init_with_a_blank_title_names_the_show_after_its_folder(tmp_path: Path) -> None:
    assert (
        CliRunner().invoke(main, ["init", str(tmp_path / "Evening"), "--title", "  "]).exit_code
        == 0
    )
    assert load_show(tmp_path / "Evening").title == "Evening"


def test_a_broken_show_toml_is_named_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "show.toml").write_text("[show]\ntitle = \n")
    result = CliRunner().invoke(main, ["build", "--show", str(tmp_path)])
    assert result.exit_code == 1
    assert "show.toml" in result.output and "Traceback" not in result.output


@pytest.mark.espeak_ng
def test_voices_lists_the_engines_voices() -> None:
    result = CliRunner().invoke(main, ["voices"])
    assert result.exit_code == 0
    assert "gmw/en-us" in result.output


def test_show_setting_drops_embedded_posts(tmp_path: Path) -> None:
    """`[cleaning] embeds = "drop"` in show.toml: the script reads no embedded post."""
    page = DATA / "html" / "embedded-posts.html"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "paper"), "--title", "P"]).exit_code == 0
    show = tmp_path / "paper"
    quoted = runner.invoke(main, ["script", str(page), "--show", str(show)])
    assert "[Rosa Alvarez] The bridge is open again." in quoted.output
    toml = (show / "show.toml").read_text()
    (show / "show.toml").write_text(toml.replace('embeds = "quote"', 'embeds = "drop"'))
    dropped = runner.invoke(main, ["script", str(page), "--show", str(show)])
    assert dropped.exit_code == 0, dropped.output
    assert "The bridge is open again" not in dropped.output
    assert "Rosa Alvarez" not in dropped.output


def test_script_speaks_with_the_show_lexicon_as_a_build_does(tmp_path: Path) -> None:
    """`talkingpaper script` fills the spoken form the way a build does: the show's lexicon
    applies (it used to be left out of `script`), and each segment is normalised once."""
    runner = CliRunner()
    show = tmp_path / "paper"
    assert runner.invoke(main, ["init", str(show), "--title", "P"]).exit_code == 0
    (show / "lexicon.toml").write_text('Nguyen = "Win"\n', encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text(
        "Council picks a new chair\n\nThe council chose Mai Nguyen on Aug. 6 to lead it.\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["script", str(article), "--format", "json", "--show", str(show)])
    assert result.exit_code == 0, result.output
    spoken = [s["spoken"] for s in json.loads(result.output)["segments"] if s["kind"] == "body"]
    assert spoken == ["The council chose Mai Win on August sixth to lead it."]
