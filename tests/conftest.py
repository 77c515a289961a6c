from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEMO_ARTICLE = ROOT / "content" / "npr-freed-labor-activists.txt"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Real synthesis needs espeak-ng and ffmpeg; say so plainly rather than fail obscurely.
    missing = [p for p in ("espeak-ng", "ffmpeg", "ffprobe") if not shutil.which(p)]
    if missing:
        raise pytest.UsageError(f"tests need {', '.join(missing)}: run `make test` to install")


@pytest.fixture(scope="session")
def engine():
    from tts.engines.pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine()
