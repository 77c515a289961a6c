"""`talkingpaper worker tcp://HOST:8786`: this machine speaks for builds run elsewhere.

It is `dask worker` with the options a build needs: one single-threaded worker process per
core (the engines are not thread-safe, and each is one core's work), and talkingpaper
imported as each worker starts, so a machine without it fails there and then.
"""

from __future__ import annotations

import os
import sys

import click

from talkingpaper.cli_errors import user_errors


def dask_worker_command(scheduler: str, nworkers: int) -> list[str]:
    """The `dask worker` command line that `talkingpaper worker` runs."""
    return [
        sys.executable, "-m", "distributed.cli.dask_worker", scheduler,
        "--nworkers", str(nworkers), "--nthreads", "1",
        "--preload", "talkingpaper.cluster_task",
    ]  # fmt: skip


@click.command("worker")
@click.argument("scheduler", metavar="tcp://HOST:8786")
@click.option(
    "--nworkers",
    type=click.IntRange(min=1),
    help="Worker processes, each speaking one segment at a time (default: one per core).",
)
def worker_command(scheduler: str, nworkers: int | None) -> None:
    """Speak for the builds sent to a dask scheduler (build --cluster tcp://HOST:8786).

    Start the scheduler once (`dask scheduler`), then this on every machine that speaks;
    each needs the same talkingpaper and speech engines as the building machine.

    Example: talkingpaper worker tcp://192.0.2.10:8786 --nworkers 8
    """
    from talkingpaper.cluster import require_distributed
    from talkingpaper.show import check_cluster

    with user_errors():
        check_cluster(scheduler, "the scheduler")
        require_distributed()
    command = dask_worker_command(scheduler, nworkers or os.cpu_count() or 1)
    sys.stdout.flush()
    os.execv(command[0], command)
