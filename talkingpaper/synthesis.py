"""Synthesis of many segments: cached on disk by content hash, run in a process pool.

A segment's audio is keyed by the hash of (engine, voice, pitch, rate, spoken text), so a
re-build with nothing changed synthesises nothing and one changed paragraph re-synthesises
only its own segments. pyttsx3 is not thread-safe and hangs in a forked child, so workers are
separate processes started with `spawn`.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from tts.engines import Engine, get_engine

CACHE_VERSION = "2"  # bump when an engine maps rate, pitch or voice differently


@dataclass(frozen=True)
class Job:
    text: str
    voice: str
    pitch: int
    rate: int


def cache_key(engine: str, job: Job) -> str:
    """The audio's identity: the engine's revision, the voice settings and the words."""
    revision = engine_revision(engine)
    raw = "\x1f".join((CACHE_VERSION, revision, job.voice, str(job.pitch), str(job.rate), job.text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def cache_path(cache_dir: Path, engine: str, job: Job) -> Path:
    return cache_dir / engine / f"{cache_key(engine, job)}.wav"


_worker_engines: dict[str, Engine] = {}


@functools.cache
def engine_revision(name: str) -> str:
    return f"{name}:{get_engine(name).revision}"


def _synthesize(engine_name: str, job: Job, path: str) -> str:
    """Run in a worker: speak into a temporary name, then rename (a killed build leaves
    no half-written cache entry)."""
    engine = _worker_engines.get(engine_name)
    if engine is None:
        engine = _worker_engines[engine_name] = get_engine(engine_name)
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp.wav")
    engine.synthesize(job.text, job.voice, job.rate, tmp, pitch=job.pitch)
    os.replace(tmp, target)
    return path


def synthesize_all(
    engine_name: str,
    jobs: Sequence[Job],
    cache_dir: Path,
    workers: int | None = None,
    on_done: Callable[[], None] | None = None,
) -> dict[Job, Path]:
    """Return the cached WAV for every job, synthesising only the missing ones."""
    paths = {job: cache_path(cache_dir, engine_name, job) for job in jobs}
    missing = list(dict.fromkeys(job for job, p in paths.items() if not p.exists()))
    if missing:
        (cache_dir / engine_name).mkdir(parents=True, exist_ok=True)
    workers = max(1, min(workers or os.cpu_count() or 1, len(missing)))
    if workers == 1 or len(missing) < 4:
        for job in missing:
            _synthesize(engine_name, job, str(paths[job]))
            if on_done:
                on_done()
        return paths
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = [pool.submit(_synthesize, engine_name, j, str(paths[j])) for j in missing]
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                if future.exception() is not None:
                    pool.shutdown(cancel_futures=True)
                    raise future.exception()  # type: ignore[misc]
                if on_done:
                    on_done()
    return paths
