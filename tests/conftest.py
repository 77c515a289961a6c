from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_ARTICLE = ROOT / "content" / "npr-freed-labor-activists.txt"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Real synthesis needs espeak-ng and ffmpeg; say so plainly rather than fail obscurely.
    missing = [p for p in ("espeak-ng", "ffmpeg", "ffprobe") if not shutil.which(p)]
    if missing:
        raise pytest.UsageError(f"tests need {', '.join(missing)}: run `make test` to install")


@pytest.fixture(scope="session")
def demo_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo show built once by the real CLI (real speech, real encoding). Read only:
    a test that breaks files works on a copy."""
    from click.testing import CliRunner

    from talkingpaper.cli import main

    show = tmp_path_factory.mktemp("demo-show")
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    (show / "content").mkdir()
    shutil.copy(DEMO_ARTICLE, show / "content" / DEMO_ARTICLE.name)
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 0, result.output
    return show


@pytest.fixture(scope="session")
def engine():
    from tts.engines.pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine()
