from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # one folder of test data, whichever folder a test lives in
DEMO_ARTICLE = ROOT / "content" / "npr-freed-labor-activists.txt"


# The programs behind each marker (registered in pyproject.toml). A machine without them
# skips those tests, each with the reason, and runs the rest; `make test` installs them all,
# so CI runs every test.
PROGRAMS = {
    "espeak_ng": ("espeak-ng",),
    "ffmpeg": ("ffmpeg", "ffprobe"),
    "epubcheck": ("epubcheck", "java"),
}
# Fixtures that speak or encode: a test that uses one needs what the fixture needs.
FIXTURE_NEEDS = {"demo_show": ("espeak_ng", "ffmpeg"), "engine": ("espeak_ng",)}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {
        marker: [p for p in programs if not shutil.which(p)]
        for marker, programs in PROGRAMS.items()
    }
    for item in items:
        callspec = getattr(item, "callspec", None)
        parametrized = callspec.params if callspec else {}  # an argument, not our fixture
        used = getattr(item, "fixturenames", ())  # test functions have them, other items not
        for fixture, markers in FIXTURE_NEEDS.items():
            if fixture in used and fixture not in parametrized:
                for marker in markers:
                    item.add_marker(marker)
        absent = [
            p
            for marker, programs in missing.items()
            if item.get_closest_marker(marker)
            for p in programs
        ]
        if absent:
            reason = f"not installed: {', '.join(absent)} (`make test` installs them)"
            item.add_marker(pytest.mark.skip(reason=reason))


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
