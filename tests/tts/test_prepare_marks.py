"""A paragraph with nothing to say is skipped, not fatal: its spoken form is empty, which the
build skips, and only a story with no words at all is refused, saying so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tts.errors import InputError
from tts.prepare import Reading, prepare_script
from tts.text.pipeline import script_from_source
from tts.text.script_file import script_path_for

READING = Reading("Quay", "espeak-ng", "gmw/en-us")
ARTICLE = (
    "Harbour fees rise\n\nThe harbour board raised berth fees on Tuesday, its chair said.\n\n"
    + "[" * 5000
    + "\n\n"
    + "!?" * 200
    + "\n\nBoat owners said the rise was steep.\n"
)


def test_script_of_an_article_with_mark_paragraphs_keeps_the_words(tmp_path: Path) -> None:
    path = tmp_path / "fees.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["script", str(path), "--format", "json", "--show", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    segments = json.loads(result.stdout)["segments"]
    spoken = [s["spoken"] for s in segments]
    assert all(s == "" or any(c.isalnum() for c in s) for s in spoken)
    assert not [s for s in spoken if set(s) & set("[]<>")]
    heard = " ".join(spoken)
    assert "raised berth fees" in heard and "the rise was steep" in heard


def _edited(tmp_path: Path, texts: dict[int, str]) -> Path:
    """The article with its NAME.script.json edited: segment i's text replaced."""
    path = tmp_path / "fees.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    data = script_from_source(path).to_dict()
    for index, text in texts.items():
        data["segments"][index]["text"] = text
    script_path_for(path).write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_segment_of_marks_is_left_blank_for_the_build_to_skip(tmp_path: Path) -> None:
    path = _edited(tmp_path, {1: "[" * 5000})
    script = prepare_script(path, READING, {})
    edited = [s for s in script.segments if s.text == "[" * 5000]
    assert [s.spoken for s in edited] == [""]
    assert any("the rise was steep" in s.spoken for s in script.segments)


def test_a_story_of_marks_only_is_refused_naming_why(tmp_path: Path) -> None:
    path = tmp_path / "fees.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    count = len(script_from_source(path).segments)
    path = _edited(tmp_path, {i: "!?" * 10 for i in range(1, count)})
    with pytest.raises(InputError, match="no words to read"):
        prepare_script(path, READING, {})
