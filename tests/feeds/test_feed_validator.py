"""The W3C feed validator (github.com/w3c/feedvalidator, MIT) on the demo show and on an
edition, each published at an https address: no error and no warning.

The validator is not on PyPI and its setup.py no longer builds, so it runs from a copy of
one commit's package in tests/vendor/feedvalidator (or FEEDVALIDATOR=checkout/src), in a
subprocess, on the feed file as if fetched with the Content-Type our server sends: no
network at test time. What it prints is what the online validator shows (its level "AA":
errors and warnings).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from feeds.chapters_ns import PSC_NS
from feeds.served_files import CONTENT_TYPES
from talkingpaper.cli import main

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # both shows are built for real

# A copy of one commit's package lives in tests/vendor (see its README); FEEDVALIDATOR names
# another checkout's src/ folder to try a newer one.
VENDORED = Path(__file__).parents[1] / "vendor" / "feedvalidator"
SOURCE = Path(os.environ.get("FEEDVALIDATOR", VENDORED))
BASE_URL = "https://news.example.org/podcast/"

# Runs inside the validator's checkout; prints each event as JSON.
RUNNER = """
import json, sys
from feedvalidator import validateStream
from feedvalidator.compatibility import AA
from feedvalidator.formatter.text_plain import Formatter
path, url, content_type = sys.argv[1:]
with open(path, "rb") as f:
    events = validateStream(f, firstOccurrenceOnly=1, contentType=content_type, base=url)
shown = AA(events["loggedEvents"])
print(json.dumps([
    {"event": type(e).__name__, "params": {k: str(v) for k, v in e.params.items()}, "text": t}
    for e, t in zip(shown, Formatter(shown))
]))
"""

# The one warning the feed cannot lose: the validator knows no Podlove namespace
# (w3c/feedvalidator issue 179, open), so any feed with Podlove Simple Chapters gets it.
VALIDATOR_GAPS = {("UnknownNamespace", PSC_NS)}


def _validate(feed: Path, url: str) -> list[dict[str, Any]]:
    assert (SOURCE / "feedvalidator" / "__init__.py").is_file(), f"no feed validator in {SOURCE}"
    env = {**os.environ, "PYTHONPATH": str(SOURCE), "LANGUAGE": "en"}
    content_type = CONTENT_TYPES[".xml"]
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(feed), url, content_type],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    events: list[dict[str, Any]] = json.loads(proc.stdout)
    return events


def _beyond_gaps(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if (e["event"], e["params"].get("namespace")) not in VALIDATOR_GAPS]


def _at_https(built: Path, tmp_path: Path) -> Path:
    """A copy of a built show published at BASE_URL: the build remakes only the feed and
    pages (its audio is unchanged), as a producer moving to https would."""
    show = tmp_path / "show"
    shutil.copytree(built, show)
    settings = (show / "show.toml").read_text(encoding="utf-8")
    settings, n = re.subn(r'(?m)^base_url = "[^"]*"', f'base_url = "{BASE_URL}"', settings)
    assert n == 1
    (show / "show.toml").write_text(settings, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 0, result.output
    return show / "output" / "feed.xml"


@pytest.mark.parametrize("built", ["demo_show", "bulletin_show"])
def test_the_validator_finds_no_error_and_no_warning(
    built: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    feed = _at_https(request.getfixturevalue(built), tmp_path)
    assert BASE_URL + "episodes/" in feed.read_text(encoding="utf-8")
    left = _beyond_gaps(_validate(feed, BASE_URL + "feed.xml"))
    assert left == [], "\n".join(e["text"] for e in left)


def test_the_validator_is_heard_when_the_feed_is_wrong(demo_show: Path, tmp_path: Path) -> None:
    """The run above can fail: a feed whose self link is not where it was fetched from."""
    feed = _at_https(demo_show, tmp_path)
    events = _beyond_gaps(_validate(feed, "https://elsewhere.example.org/feed.xml"))
    assert [e["event"] for e in events] == ["SelfDoesntMatchLocation"], events
