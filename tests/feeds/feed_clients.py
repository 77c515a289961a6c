"""Real podcast clients' parsers run on a feed file: the npm ones (podcast-partytime,
feedsmith, installed by `npm ci --prefix tests/feeds/clients`), for any test that checks
what an app shows."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

CLIENTS = Path(__file__).resolve().parent / "clients"


def node_parsers(feed: Path) -> dict[str, Any]:
    """What each npm parser made of the feed ({"partytime": ..., "feedsmith": ...}); the
    test is skipped, with the reason, on a machine without node or the parsers."""
    if not shutil.which("node"):
        pytest.skip("node is not installed (apt-get install nodejs npm)")
    if not (CLIENTS / "node_modules").is_dir():
        pytest.skip("the npm parsers are not installed: npm ci --prefix tests/feeds/clients")
    proc = subprocess.run(
        ["node", str(CLIENTS / "parse_feed.mjs"), str(feed)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    parsed: dict[str, Any] = json.loads(proc.stdout)
    return parsed
