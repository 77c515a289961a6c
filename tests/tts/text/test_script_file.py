"""The editable script: saved by `script --format json`, edited, and used by the next build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import ROOT
from tts.errors import InputError
from tts.text.script_file import load_script

ARTICLE = """Council approves new bridge

By Jane Doe

The city council voted on Tuesday to replace the old river bridge.

"This bridge has served us for ninety years, and it is time," said Mayor Ana Ruiz.

Work starts in the spring.
"""


@pytest.fixture()
def show(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "show.toml", tmp_path / "show.toml")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _script_json(show: Path) -> dict:
    result = CliRunner().invoke(
        main, ["script", str(show / "content/bridge.txt"), "--format", "json", "--show", str(show)]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_saved_script_loads_back_unchanged(show: Path) -> None:
    data = _script_json(show)
    path = show / "content/bridge.script.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    script = load_script(path)
    assert [s.text for s in script.segments] == [s["text"] for s in data["segments"]]
    assert [s.speaker for s in script.segments] == [s["speaker"] for s in data["segments"]]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["segments"][1].update(kind="shout"), "segments[1].kind"),
        (lambda d: d["segments"][1].update(speaker="Nobody Known"), "segments[1].speaker"),
        (lambda d: d["segments"][0].update(text=""), "segments[0].text"),
        (lambda d: d.update(format="other/2"), "format"),
        (lambda d: d.update(segments=[]), "segments"),
        (lambda d: d["segments"][1].update(pause_after=-5), "segments[1].pause_after"),
    ],
)
def test_an_invalid_edit_is_rejected_naming_the_field(show: Path, edit, field: str) -> None:
    data = _script_json(show)
    edit(data)
    path = show / "content/bridge.script.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_script(path)
    assert str(path) in str(err.value) and field in str(err.value)


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "x.script.json"
    path.write_text('{"format": "talkingpaper.script/1",\n "segments": [,]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2 column"):
        load_script(path)


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_the_build_speaks_the_edited_script(show: Path) -> None:
    data = _script_json(show)
    quotes = [s for s in data["segments"] if s["kind"] == "quote"]
    assert quotes and all(s["speaker"] != "narrator" for s in quotes)
    # The user decides the quote should be read by the narrator, and rewords the ending.
    for seg in data["segments"]:
        seg["speaker"] = "narrator"
    data["segments"][-1]["text"] = "Work starts in the summer."
    (show / "content/bridge.script.json").write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 0, result.output
    record = json.loads((show / "output/episodes/bridge.json").read_text())
    assert {c["speaker"] for c in record["cues"]} == {"narrator"}
    assert any(c["text"] == "Work starts in the summer." for c in record["cues"])


def test_a_broken_script_file_skips_that_episode_with_one_line(show: Path) -> None:
    (show / "content/bridge.script.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 1
    assert "bridge.script.json" in result.output and "Traceback" not in result.output
