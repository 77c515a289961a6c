"""Building on a dask cluster: a real LocalCluster of two single-threaded worker processes
speaks, this process encodes. Its audio is the local pool's, byte for byte."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import DEMO_ARTICLE, ROOT

distributed = pytest.importorskip("distributed")

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

STORIES = {
    "bridge.txt": "Council approves new bridge\n\nBy Jane Doe\n\nThe city council voted on "
    'Tuesday to replace the old river bridge.\n\n"It is time," said Mayor Ana Ruiz.\n',
    "library.txt": "Library opens late on Fridays\n\nBy Sam Lee\n\nThe central library will "
    "stay open until nine on Fridays from next month.\n",
    "market.txt": "Farmers market moves indoors\n\nBy Kim Park\n\nThe Saturday market moves "
    'to the old depot for the winter.\n\n"We stay dry," said one grower.\n',
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def _show(root: Path, articles: dict[str, str]) -> Path:
    root.mkdir()
    shutil.copy(ROOT / "show.toml", root / "show.toml")
    (root / "content").mkdir()
    for name, text in articles.items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    return root


def _build(show: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main,
        ["build", "-qq", "--engine", "espeak-ng", "--date", "2026-12-01", "--show", str(show),
         *args],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def _audio(show: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((show / "output/episodes").glob("*.mp3"))}


DEMO = {DEMO_ARTICLE.name: DEMO_ARTICLE.read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def pool_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The local pool's builds, the reference the cluster's must equal."""
    root = tmp_path_factory.mktemp("pool")
    demo, bulletin = _show(root / "demo", DEMO), _show(root / "bulletin", STORIES)
    _build(demo)
    _build(bulletin, "--bulletin", "Evening news")
    return {"demo": _audio(demo), "bulletin": _audio(bulletin)}


def test_the_cluster_speaks_the_demo_and_a_bulletin_as_the_pool_does(
    cluster: str, pool_builds: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    demo, bulletin = _show(tmp_path / "demo", DEMO), _show(tmp_path / "bulletin", STORIES)
    _build(demo, "--cluster", cluster)
    _build(bulletin, "--bulletin", "Evening news", "--cluster", cluster)
    assert _audio(demo) == pool_builds["demo"] and len(pool_builds["demo"]) == 1
    assert _audio(bulletin) == pool_builds["bulletin"] and len(pool_builds["bulletin"]) == 1


def test_show_toml_names_the_cluster(
    cluster: str, pool_builds: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    bulletin = _show(tmp_path / "bulletin", STORIES)
    with (bulletin / "show.toml").open("a") as toml:
        toml.write(f'\n[build]\ncluster = "{cluster}"\n')
    _build(bulletin, "--bulletin", "Evening news")
    assert _audio(bulletin) == pool_builds["bulletin"]
    # The cluster spoke: the client's cache holds the segments, written from their bytes.
    assert list((bulletin / "output/.cache/espeak-ng").glob("*.wav"))


def test_a_worker_killed_mid_build_still_gives_the_whole_show(
    cluster: str, pool_builds: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    demo = _show(tmp_path / "demo", DEMO)
    with distributed.Client(cluster, set_as_default=False) as client:
        victim, pid = next(iter(client.run(os.getpid).items()))
    cache = demo / "output/.cache/espeak-ng"
    killed: list[str] = []

    def kill_once_speech_arrives() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if cache.is_dir() and len(list(cache.glob("*.wav"))) >= 3:
                os.kill(pid, signal.SIGKILL)
                killed.append(victim)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_once_speech_arrives)
    killer.start()
    _build(demo, "--cluster", cluster)
    killer.join()
    assert killed, "the build ended before a worker could be killed"
    assert _audio(demo) == pool_builds["demo"]


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path) -> None:
    show = _show(tmp_path / "show", {"bridge.txt": STORIES["bridge.txt"]})
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    result = CliRunner().invoke(main, ["build", "--show", str(show), "--cluster", address])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: ") and address in line and "dask scheduler" in line
    assert not list((show / "output/episodes").glob("*.mp3"))
