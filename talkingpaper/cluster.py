"""Speaking a build's segments on a dask.distributed cluster instead of the local pool.

The unit of work is one segment (cluster_task.speak_bytes); the workers return the WAV
bytes and this process writes them into its own cache under the pool's keys, so the build
around it (stitching, encoding, the progress bar) is the pool's, unchanged, and a cluster
build gives the same bytes as a local one. A worker that dies mid-segment is the
scheduler's to retry elsewhere (its `allowed-failures`); a worker running other code or
lacking the engine is named in one error. distributed is imported only here, on connecting:
the local pool needs nothing of it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Executor, Future
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from talkingpaper.cluster_task import speak_bytes, worker_identity
from talkingpaper.code_identity import code_identity
from talkingpaper.errors import UserError
from talkingpaper.show import check_cluster
from talkingpaper.synthesis import Job, Synthesizer, self_tests, silent_engine
from tts.errors import EngineError, NoSpeech
from tts.files import write_atomic

CONNECT_TIMEOUT = 10.0  # seconds: a scheduler that does not answer by then is not there
INSTALL = "pip install 'talkingpaper[cluster]'"


def require_distributed() -> Any:
    """The distributed package, or one line saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise UserError(
            f"a cluster needs dask.distributed, which is not installed: {INSTALL}"
        ) from None
    return distributed


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Any:
    """A dask Client of the scheduler at `address`, with at least one worker."""
    check_cluster(address, "--cluster")
    distributed = require_distributed()
    unreachable = (
        f"cannot reach the dask scheduler at {address}{{}}; start one there (`dask "
        f"scheduler`), check the address, or build without --cluster"
    )
    _knock(address, timeout, unreachable)
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UserError(unreachable.format(f" ({exc})")) from exc
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise UserError(
            f"the dask scheduler at {address} has no workers; start some on the machines "
            f"that speak: talkingpaper worker {address}"
        ) from None
    return client


def _knock(address: str, timeout: float, unreachable: str) -> None:
    """A refused TCP connection is final: say so now rather than after dask's retries."""
    parts = urlsplit(address)
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or not parts.port:
        return
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=timeout).close()
    except OSError as exc:
        raise UserError(unreachable.format(f" ({exc.strerror or exc})")) from exc


def check_workers(client: Any, address: str) -> None:
    """Every worker runs this build's code, or one error names the first that does not."""
    mine = code_identity()
    for worker, theirs in client.run(worker_identity, on_error="return").items():
        if isinstance(theirs, BaseException):
            raise EngineError(
                f"worker {worker} of {address} cannot run talkingpaper ({theirs}); install "
                f"talkingpaper {mine.split('+')[0]} there ({INSTALL}) and restart the worker"
            )
        _check_identity(worker, theirs)


def _check_identity(worker: str, theirs: str) -> None:
    mine = code_identity()
    if theirs != mine:
        raise EngineError(
            f"worker {worker} runs talkingpaper {theirs}, this build {mine}: install the "
            "same talkingpaper (same version and code) on it and restart the worker"
        )


class ClusterExecutor(Executor):
    """The pool's Executor interface over a dask Client: `submit(_synthesize, job, path)`
    has a worker speak `job` and lands its bytes at `path` here; the Future is done then."""

    def __init__(self, client: Any, address: str) -> None:
        self._client = client
        self._address = address
        # In flight: each dask future (kept, or dask forgets its task) and the Future it ends.
        self._remote: dict[str, tuple[Any, Future[Any]]] = {}
        self._closed = False
        self._lock = threading.Lock()

    @property
    def client(self) -> Any:
        return self._client

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        job, path = args  # the pool's call: _synthesize(job, path)
        done: Future[Any] = Future()
        remote = self._client.submit(speak_bytes, job, pure=False)
        with self._lock:
            self._remote[remote.key] = (remote, done)
        remote.add_done_callback(lambda r: self._landed(r, job, Path(path), done))
        return done

    def _landed(self, remote: Any, job: Job, path: Path, done: Future[Any]) -> None:
        """On dask's callback thread: the worker's bytes into the cache, then done."""
        with self._lock:
            self._remote.pop(remote.key, None)
            if self._closed or not done.set_running_or_notify_cancel():
                return
        try:
            identity, worker, wav = remote.result()
            _check_identity(worker, identity)
            write_atomic(path, wav)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for it
            done.set_exception(self._explained(exc, job))
        else:
            done.set_result(str(path))

    def _explained(self, exc: BaseException, job: Job) -> BaseException:
        from distributed.scheduler import KilledWorker

        if isinstance(exc, KilledWorker):
            return EngineError(
                f"a {job.engine} segment killed every dask worker that tried it (out of "
                "memory, or killed); the segments already spoken are kept, build again"
            )
        if isinstance(exc, CancelledError):
            return EngineError(
                f"the dask scheduler at {self._address} dropped the work (restarted, or "
                "the connection was lost); the segments already spoken are kept, build again"
            )
        if isinstance(exc, (ImportError, AttributeError)):  # a worker without our code
            return EngineError(
                f"a worker of {self._address} cannot run talkingpaper ({exc}); install the "
                f"same talkingpaper there ({INSTALL}) and restart it"
            )
        return exc

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            pending = list(self._remote.values())
            self._remote.clear()
        for _, done in pending:
            done.cancel()  # whoever still waits is told, rather than left waiting
        if pending:
            self._client.cancel([remote for remote, _ in pending])
        self._client.close()


class ClusterSynthesizer(Synthesizer):
    """A Synthesizer whose segments are spoken by the workers of a dask scheduler."""

    def __init__(self, address: str, engine_name: str, cache_dir: Path) -> None:
        super().__init__(engine_name, cache_dir, workers=1)
        self.address = address

    def _pool_for(self, count: int, engines: set[str] | None = None) -> Executor | None:
        if not count:
            return None
        if self._pool is None:
            client = connect(self.address)
            try:
                check_workers(client, self.address)
            except BaseException:
                client.close()
                raise
            self._pool = ClusterExecutor(client, self.address)
        return self._pool

    def start(self, jobs: Sequence[Job]) -> None:
        """Test every engine on every worker (a worker without one is named now, not in the
        middle of the build), then queue the jobs."""
        if not jobs:
            return
        with self._lock:
            pool = self._pool_for(len(jobs))
        assert isinstance(pool, ClusterExecutor)
        client = pool.client
        workers = list(client.scheduler_info()["workers"])
        for probe in self_tests(jobs):
            # Pinned loosely: a worker that dies now must not leave its test waiting for it.
            tests = [
                client.submit(speak_bytes, probe, workers=[w], allow_other_workers=True,
                              pure=False)
                for w in workers
            ]  # fmt: skip
            try:
                for identity, worker, _ in client.gather(tests):
                    _check_identity(worker, identity)
            except NoSpeech as exc:
                raise silent_engine(probe) from exc
        self.queue(jobs)
