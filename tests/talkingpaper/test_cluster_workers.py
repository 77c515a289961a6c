"""A cluster's worker that runs other code than the build is named, not trusted: its audio
could differ from what the cache's keys promise. The odd worker here really runs other code
(a copy of talkingpaper with one file changed), started by `talkingpaper worker`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import ROOT

distributed = pytest.importorskip("distributed")

pytestmark = [pytest.mark.espeak_ng]

STORY = "Council approves new bridge\n\nBy Jane Doe\n\nThe council voted to replace it.\n"


@contextmanager
def cluster_and_worker(env: dict[str, str], cwd: Path) -> Iterator[tuple[str, str, str]]:
    """(scheduler, good worker, odd worker): a LocalCluster of one worker of this process's
    code and setup, and one more started by `talkingpaper worker` with `env` in `cwd`."""
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
            env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            client.wait_for_workers(2, timeout=60)
            (other,) = set(client.scheduler_info()["workers"]) - {good}
            yield local.scheduler_address, good, other
        finally:
            odd.terminate()
            odd.wait(timeout=30)


def _show(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", root / "show.toml")
    (root / "content/bridge.txt").write_text(STORY, encoding="utf-8")
    return root


def _build_fails(show: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["build", "--engine", "espeak-ng", "--show", str(show), *args]
    )
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert not list((show / "output/episodes").glob("*.mp3"))
    return line


def test_a_worker_running_other_code_is_named_in_one_line(tmp_path: Path) -> None:
    copy = tmp_path / "other-talkingpaper"  # another release: its engine has a line more
    for package in ("talkingpaper", "tts"):
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("*.pyc"))
    with (copy / "tts/engines/espeak_cli.py").open("a") as source:
        source.write("\nCHANGED = True\n")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    with cluster_and_worker(env, cwd=copy) as (scheduler, good, odd):  # -m: the cwd first
        line = _build_fails(_show(tmp_path / "show"), "--cluster", scheduler)
    assert f"worker {odd} runs talkingpaper" in line and good not in line
    assert "install the same talkingpaper" in line


def test_a_worker_without_the_engine_is_named_in_one_line(tmp_path: Path) -> None:
    nothing = tmp_path / "bin"  # a machine without espeak-ng: no program on its PATH
    nothing.mkdir()
    env = {**os.environ, "PATH": str(nothing)}
    with cluster_and_worker(env, cwd=ROOT) as (scheduler, good, odd):
        line = _build_fails(_show(tmp_path / "show"), "--cluster", scheduler)
    assert f"on worker {odd}: " in line and "espeak-ng" in line and good not in line


def test_without_distributed_the_cluster_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    show = _show(tmp_path / "show")
    with (show / "show.toml").open("a") as toml:
        toml.write('\n[build]\ncluster = "tcp://127.0.0.1:8786"\n')
    assert "pip install 'talkingpaper[cluster]'" in _build_fails(show)


def test_a_cluster_setting_that_is_no_address_names_the_setting(tmp_path: Path) -> None:
    show = _show(tmp_path / "show")
    with (show / "show.toml").open("a") as toml:
        toml.write('\n[build]\ncluster = "localhost"\n')
    line = _build_fails(show)
    assert "build.cluster 'localhost'" in line and "tcp://HOST:8786" in line
