"""A cluster's worker that runs other code than the build is named, not trusted: its audio
could differ from what the cache's keys promise. The odd worker here really runs other code
(a copy of talkingpaper with one file changed), started by `talkingpaper worker`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import ROOT

distributed = pytest.importorskip("distributed")

pytestmark = [pytest.mark.espeak_ng]

STORY = "Council approves new bridge\n\nBy Jane Doe\n\nThe council voted to replace it.\n"


@pytest.fixture
def cluster_with_an_odd_worker(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(scheduler, good worker, odd worker): one worker of this code, one of a copy whose
    espeak-ng engine has one line more."""
    copy = tmp_path / "other-talkingpaper"
    for package in ("talkingpaper", "tts"):
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("*.pyc"))
    with (copy / "tts/engines/espeak_cli.py").open("a") as source:
        source.write("\nCHANGED = True  # another release's engine\n")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        (good,) = client.scheduler_info()["workers"]
        odd = subprocess.Popen(
            [sys.executable, "-m", "talkingpaper.cli", "worker", local.scheduler_address,
             "--nworkers", "1"],
            env={**os.environ, "PYTHONPATH": str(copy)}, cwd=copy,  # -m puts the cwd first
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            client.wait_for_workers(2, timeout=60)
            (other,) = set(client.scheduler_info()["workers"]) - {good}
            yield local.scheduler_address, good, other
        finally:
            odd.terminate()
            odd.wait(timeout=30)


def test_a_worker_running_other_code_is_named_in_one_line(
    cluster_with_an_odd_worker: tuple[str, str, str], tmp_path: Path
) -> None:
    scheduler, good, odd = cluster_with_an_odd_worker
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    (show / "content/bridge.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "--engine", "espeak-ng", "--show", str(show), "--cluster", scheduler]
    )
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert f"worker {odd} runs talkingpaper" in line and good not in line
    assert "install the same talkingpaper" in line, line
    assert not list((show / "output/episodes").glob("*.mp3"))


def test_without_distributed_the_cluster_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    (show / "content/bridge.txt").write_text(STORY, encoding="utf-8")
    with (show / "show.toml").open("a") as toml:
        toml.write('\n[build]\ncluster = "tcp://127.0.0.1:8786"\n')
    result = CliRunner().invoke(main, ["build", "--show", str(show)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "pip install 'talkingpaper[cluster]'" in line


def test_a_cluster_setting_that_is_no_address_names_the_setting(tmp_path: Path) -> None:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    with (show / "show.toml").open("a") as toml:
        toml.write('\n[build]\ncluster = "localhost"\n')
    result = CliRunner().invoke(main, ["build", "--show", str(show)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "build.cluster 'localhost'" in line and "tcp://HOST:8786" in line
