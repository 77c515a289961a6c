"""Each article's text is prepared in a worker with a time budget: one article that takes
too long is stopped and skipped, and the show builds without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import talkingpaper.text_worker as text_worker
from talkingpaper.cli import main
from talkingpaper.plan import prepare_script
from talkingpaper.show import load_show
from talkingpaper.text_worker import TextTooSlow, TextWorker
from tests.conftest import ROOT

STORY = """Harbour plan approved

The port authority approved the new harbour plan on Monday.

"It is a good day for the town," said harbour master Ines Prado.

"We waited ten years," said fisher Tomas Reyes.
"""
# Several megabytes of ordinary sentences: seconds of honest text work, far over a budget
# of one second, far under the 10 MB a file may have.
LONG = "\n\n".join(
    f"Paragraph {i} tells of the council and the harbour. " * 40 for i in range(1500)
)


def _show(tmp_path: Path) -> Path:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    (show / "show.toml").write_text((ROOT / "show.toml").read_text())
    (show / "content" / "harbour.txt").write_text(STORY)
    return show


def test_the_worker_prepares_as_the_build_would_here(tmp_path: Path) -> None:
    show = load_show(_show(tmp_path))
    article = show.content / "harbour.txt"
    here: dict = {}
    there: dict = {}
    expected = prepare_script(show, article, here, None)
    with TextWorker() as worker:
        got = worker.prepare(show, article, there, None)
    assert [(s.speaker, s.spoken) for s in got.segments] == [
        (s.speaker, s.spoken) for s in expected.segments
    ]
    assert there == here and len(there) >= 2  # the quoted speakers' voices came back


def test_an_article_over_its_budget_is_stopped_and_the_next_one_prepared(
    tmp_path: Path,
) -> None:
    show = load_show(_show(tmp_path))
    slow = show.content / "long.txt"
    slow.write_text("Long report\n\n" + LONG)
    with TextWorker(budget=1.0) as worker:
        with pytest.raises(TextTooSlow, match="over 1 s"):
            worker.prepare(show, slow, {}, None)
        script = worker.prepare(show, show.content / "harbour.txt", {}, None)
    assert script.title == "Harbour plan approved"


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_build_skips_an_article_over_its_budget_and_builds_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_worker, "TEXT_BUDGET_SECONDS", 1.0)
    show = _show(tmp_path)
    (show / "content" / "long.txt").write_text("Long report\n\n" + LONG)
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 1
    assert "long.txt: its text took over 1 s to prepare" in result.output
    assert "Traceback" not in result.output
    assert (show / "output/episodes/harbour.mp3").exists()
    assert not (show / "output/episodes/long.mp3").exists()
