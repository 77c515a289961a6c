"""Synthesis of many segments: cached on disk by content hash, run in a process pool.

A segment's audio is keyed by the hash of (engine, voice, pitch, rate, spoken text), so a
re-build with nothing changed synthesises nothing and one changed paragraph re-synthesises
only its own segments. pyttsx3 is not thread-safe and hangs in a forked child, so workers are
separate processes started with `spawn`.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from dataclasses import dataclass
from pathlib import Path

from talkingpaper.workers import exit_with_parent, sigint_blocked
from tts.engines import Engine, engine_class, get_engine
from tts.errors import EngineError, NoSpeech, TTSError, raise_if_disk_full
from tts.files import replace_durably, temporary_name

CACHE_VERSION = "2"  # bump when an engine maps rate, pitch or voice differently


@dataclass(frozen=True)
class Job:
    text: str
    voice: str
    pitch: int
    rate: int
    engine: str  # a build may speak with several: the narrator's and the speakers' engines


def cache_key(job: Job) -> str:
    """The audio's identity: the engine's revision, the voice settings and the words."""
    revision = engine_revision(job.engine)
    raw = "\x1f".join((CACHE_VERSION, revision, job.voice, str(job.pitch), str(job.rate), job.text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def cache_path(cache_dir: Path, job: Job) -> Path:
    return cache_dir / job.engine / f"{cache_key(job)}.wav"


_worker_engines: dict[str, Engine] = {}
SELF_TEST = "Testing the speech engine."


def engine_revision(name: str) -> str:
    """The engine's name and revision, read from its class: no engine needs to start."""
    return f"{name}:{engine_class(name).revision}"


def speak_into(job: Job, tmp: Path) -> None:
    """Speak `job` into the file `tmp` with this process's engine (loaded once); a failure
    leaves no `tmp` behind. Shared by the pool's workers and a cluster's."""
    engine = _worker_engines.get(job.engine)
    if engine is None:
        engine = _worker_engines[job.engine] = get_engine(job.engine)
    try:
        engine.synthesize(job.text, job.voice, job.rate, tmp, pitch=job.pitch)
    except BaseException as exc:
        try:
            if isinstance(exc, TTSError):  # judged before our partial file frees its space
                raise_if_disk_full(tmp.parent, exc)
        finally:
            tmp.unlink(missing_ok=True)
        raise


def _synthesize(job: Job, path: str) -> str:
    """Run in a worker: speak into a temporary name, then rename (a killed build leaves
    no half-written cache entry)."""
    target = Path(path)
    tmp = temporary_name(target)
    speak_into(job, tmp)
    try:
        replace_durably(tmp, target)  # on the disk before its name says it is whole
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def silent_engine(probe: Job) -> EngineError:
    """The error for an engine whose test phrase came out as silence."""
    return EngineError(
        f"the {probe.engine} speech engine is not working: a test phrase in voice "
        f"{probe.voice!r} came out as silence or unreadable audio; reinstall it "
        "(Debian/Ubuntu: sudo apt-get install --reinstall espeak-ng) or choose another "
        "engine with --engine"
    )


def self_tests(jobs: Sequence[Job]) -> list[Job]:
    """One test phrase per engine of `jobs`, in the voice of its first job."""
    return [
        Job(SELF_TEST, first.voice, first.pitch, first.rate, first.engine)
        for first in {j.engine: j for j in reversed(jobs)}.values()
    ]


class Synthesizer:
    """One pool of engine processes for a whole build, so every episode's segments can be
    queued at once: the workers speak the next episodes while this process stitches and
    encodes the current one. With one worker, segments are spoken here, one at a time."""

    def __init__(self, engine_name: str, cache_dir: Path, workers: int | None = None) -> None:
        self.engine_name = engine_name
        self.cache_dir = cache_dir
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: Executor | None = None
        self._futures: dict[Job, Future[str]] = {}
        # Episodes are rendered on several threads: they share the queue, and segments
        # spoken here (not in the pool) go one at a time, as engines are not thread-safe.
        self._lock = threading.Lock()

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def _close(self) -> None:
        if self._pool is not None:
            # A failure or Ctrl-C: drop the queue; a worker mid-segment writes to a temporary
            # name, so nothing half-spoken enters the cache.
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _restart(self) -> None:
        # A dead worker breaks the whole pool: forget what it had queued so later episodes
        # queue their segments again in a fresh pool.
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            self._futures = {
                j: f
                for j, f in self._futures.items()
                if f.done() and not f.cancelled() and f.exception() is None
            }

    def start(self, jobs: Sequence[Job]) -> None:
        """Queue `jobs` behind one test phrase per engine, then wait for the tests: a broken
        or silent engine is one clear error for the whole build, not one per episode. The
        tests run in the pool when there is one, so no engine is loaded here first while the
        workers wait: they load theirs and start on the jobs meanwhile."""
        probes: dict[Job, Path] = {}
        for probe in self_tests(jobs):
            folder = self.cache_dir / probe.engine
            folder.mkdir(parents=True, exist_ok=True)
            probes[probe] = temporary_name(folder / "self-test.wav")
        with self._lock:
            pool = self._pool_for(len(jobs), {j.engine for j in [*jobs, *probes]})
            with sigint_blocked():
                tests = (
                    {j: pool.submit(_synthesize, j, str(p)) for j, p in probes.items()}
                    if pool
                    else {}
                )
            self._queue(jobs)
        try:
            for probe, path in probes.items():
                try:
                    if probe in tests:
                        tests[probe].result()
                    else:
                        _synthesize(probe, str(path))
                except NoSpeech as exc:  # a missing engine or voice already says how to fix it
                    raise silent_engine(probe) from exc
        finally:
            if any(not test.done() for test in tests.values()):
                # Interrupted, or another engine failed: a worker still speaking a test phrase
                # would write it back after it is deleted here.
                self._close()
            for path in probes.values():
                path.unlink(missing_ok=True)

    def path(self, job: Job) -> Path:
        return cache_path(self.cache_dir, job)

    def queue(self, jobs: Sequence[Job]) -> None:
        """Start speaking the jobs not cached yet, in the background (pool only)."""
        with self._lock:
            self._queue(jobs)

    def _pool_for(self, count: int, engines: set[str]) -> Executor | None:
        """The pool, started now if `count` jobs of `engines` are worth it; None to speak
        them here. Engines that run a program of their own per segment (espeak-ng) speak on
        threads: a worker process costs a Python start and the engine's imports."""
        # Starting worker processes costs about a second; a handful of segments is quicker here.
        if self.workers == 1 or not count or (self._pool is None and count < 4):
            return None
        threads = all(engine_class(e).own_program for e in engines)
        if isinstance(self._pool, ThreadPoolExecutor) and not threads:
            return None  # an engine that must not share a process: spoken here, in turn
        if self._pool is None and threads:
            self._pool = ThreadPoolExecutor(max_workers=self.workers)
        elif self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=ctx,
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _queue(self, jobs: Sequence[Job]) -> None:
        missing = [
            j for j in dict.fromkeys(jobs) if j not in self._futures and not self.path(j).exists()
        ]
        pool = self._pool_for(len(missing), {j.engine for j in missing})
        if pool is None:
            return
        for engine in {job.engine for job in missing}:
            (self.cache_dir / engine).mkdir(parents=True, exist_ok=True)
        with sigint_blocked():  # a worker started now never sees Ctrl-C, even as it starts
            for job in missing:
                self._futures[job] = pool.submit(_synthesize, job, str(self.path(job)))

    def speak(
        self, jobs: Sequence[Job], on_done: Callable[[], None] | None = None
    ) -> dict[Job, Path]:
        """Return the cached WAV of every job, waiting for (or doing) the missing ones. The
        first failure is raised; the other jobs already queued go on for later episodes."""
        paths = {job: self.path(job) for job in jobs}
        unique = list(dict.fromkeys(jobs))
        self.queue(unique)
        for job in unique:
            future = self._futures.get(job)
            if future is not None:
                try:
                    future.result()  # re-raises the worker's error here, in this episode
                except BrokenExecutor as exc:
                    self._restart()
                    raise EngineError(
                        f"a {job.engine} worker process died while speaking (out of "
                        "memory, or killed); the segments already spoken are kept, so build "
                        "again to go on"
                    ) from exc
            elif not paths[job].exists():
                with self._lock:
                    if not paths[job].exists():  # another episode may have spoken it
                        paths[job].parent.mkdir(parents=True, exist_ok=True)
                        _synthesize(job, str(paths[job]))
            if on_done:
                on_done()
        return paths
