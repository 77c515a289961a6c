"""The dask cluster against the local pool, on this machine.

A batch of 200 news briefs (English gold articles' first paragraphs up to about 300
characters, some 75 words; past the first round, the paragraphs further on) is built cold
by the real CLI three ways: the local pool with 2 processes, with 1, and a LocalCluster of 2
single-threaded worker processes (`--cluster`), one run each (a run is minutes: the client
still makes every episode, its encode and its files). The cluster is started before its
build and not timed: it is a service that outlives builds; its workers' memory is not in
the peak. Then dask's own cost: 500 trivial tasks submitted at once (throughput) and 100 one
after the other (round trip), and the WAV bytes the workers sent back per article.

Run alone: .venv/bin/python bench/cluster_times.py (also part of `make bench`).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the cluster's workers import this checkout's talkingpaper
sys.path.insert(1, str(Path(__file__).resolve().parent))

import workloads  # noqa: E402

Row = tuple[str, str, str, str, str]
BATCH, CHARS = 200, 300


def briefs(count: int = BATCH, chars: int = CHARS) -> list[tuple[str, str]]:
    """`count` different English briefs of 40 words or more: each gold article's lead,
    then (round 2, 3...) the paragraphs further on. Other languages are left out: with no
    voice for them installed, their episodes would fail and so the measured build."""
    from tts.text.language import detect

    english = [(s, b) for s, b in workloads.gold_articles() if detect(b)[0] == "en"]
    found: list[tuple[str, str]] = []
    for round_ in range(20):
        for slug, body in english:
            paragraphs = [p for p in body.split("\n") if p.strip()]
            brief = workloads.lead("\n".join(paragraphs[round_ * 3 :]), chars)
            if len(brief.split()) >= 40 and len(found) < count:
                found.append((f"{slug}-{round_}", brief))
    return found


def _cluster() -> object:
    from distributed import LocalCluster

    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)


def task_overhead(address: str) -> tuple[float, float]:
    """(ms a task at 500 in flight, ms a task's round trip one at a time) of trivial tasks."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        client.gather(client.map(abs, range(-20, 0), pure=False))  # connections warm
        start = time.perf_counter()
        client.gather(client.map(abs, range(-500, 0), pure=False))
        burst = (time.perf_counter() - start) / 500
        trips = []
        for i in range(100):
            start = time.perf_counter()
            client.submit(abs, -i, pure=False).result()
            trips.append(time.perf_counter() - start)
    return burst * 1000, statistics.median(trips) * 1000


def _row(label: str, run: workloads.Run, show: Path, words: int, note: str) -> Row:
    minutes = workloads.audio_minutes(show)
    return (label, f"{run.seconds:.1f}", f"{minutes * 60 / run.seconds:.0f}x",
            f"{run.peak_tree_mb:.0f}", f"{words} words, {minutes:.1f} min; {note}")  # fmt: skip


def cluster_rows(work: Path, count: int = BATCH) -> list[Row]:
    articles = briefs(count)
    words = sum(len(text.split()) for _, text in articles)
    pool_show = workloads.make_show(work / "dask-pool", articles)
    pool = workloads.build(pool_show, "--jobs", "2")
    with _cluster() as cluster:
        address = cluster.scheduler_address  # type: ignore[attr-defined]
        dask_show = workloads.make_show(work / "dask-cluster", articles)
        dask = workloads.build(dask_show, "--jobs", "2", "--cluster", address)
        burst_ms, trip_ms = task_overhead(address)
    one_show = workloads.make_show(work / "dask-pool-one", articles)
    one = workloads.build(one_show, "--jobs", "1")
    segments = list((dask_show / "output/.cache").rglob("*.wav"))
    moved = sum(p.stat().st_size for p in segments)
    overhead = (dask.seconds / pool.seconds - 1) * 100
    return [
        _row(f"{count} briefs, pool of 2", pool, pool_show, words, "--jobs 2"),
        _row(f"{count} briefs, pool of 1", one, one_show, words,
             f"2 processes {one.seconds / pool.seconds:.2f}x as fast as 1"),
        _row(f"{count} briefs, LocalCluster of 2", dask, dask_show, words,
             f"{overhead:+.0f}% against the pool of 2 (target < 10%)"),
        ("  dask task overhead", f"{burst_ms / 1000:.4f}", "", "",
         f"{burst_ms:.2f} ms a task at 500 in flight, {trip_ms:.2f} ms a lone round trip"),
        ("  bytes moved", "", "", "",
         f"{moved / count / 1024:.0f} KiB of WAV an article ({len(segments)} segments, "
         f"{moved / words:.0f} B a word)"),
    ]  # fmt: skip


def client_rows(
    work: Path, count: int = 10, words: int = 800, engine: str = "pyttsx3"
) -> list[Row]:
    """What the building machine itself spends on an article of `words` words once its
    segments are spoken (by a pool or a cluster): stitching, the one encode, the files.
    Measured on one core by re-making `count` episodes whose segments are all cached (the
    loudness target changed: every episode is stale, no segment is). The cold build less
    that is the speaking as a build does it (short segments, voices pitch-shifted)."""
    from tts.text.language import detect

    articles = []
    for slug, body in workloads.gold_articles():
        if detect(body)[0] == "en" and len(body.split()) >= words:
            articles.append((slug, workloads.lead(body, words * 6)))
        if len(articles) == count:
            break
    show = workloads.make_show(work / "client", articles)
    cold = workloads.build(show, "--jobs", "1", "--engine", engine, one_core=True)
    toml = show / "show.toml"
    toml.write_text(toml.read_text().replace("loudness = -16.0", "loudness = -17.0"))
    warm = workloads.build(show, "--jobs", "1", "--engine", engine, one_core=True)
    spoken = sum(len(text.split()) for _, text in articles)
    minutes = workloads.audio_minutes(show)
    segments = len(list((show / "output/.cache").rglob("*.wav")))
    speaking = cold.seconds - warm.seconds
    return [
        (f"{count} articles, {engine}, one core, cold", f"{cold.seconds:.1f}", "", "",
         f"{spoken} words, {minutes:.1f} min, {segments} segments"),
        ("  re-made, segments cached", f"{warm.seconds:.1f}", "", "",
         f"{warm.seconds / count:.2f} s an article on the client (stitch, encode, files)"),
        ("  speaking in the build", f"{speaking:.1f}", f"{minutes * 60 / speaking:.0f}x", "",
         "the cold build less the re-made one: audio s per core s"),
    ]  # fmt: skip


def main() -> int:
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--client", action="store_true", help="only the client's cost an article")
    ap.add_argument("--engine", default="pyttsx3", help="with --client")
    ap.add_argument("--count", type=int, default=10, help="with --client: articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.client:
            rows = client_rows(Path(tmp), count=args.count, engine=args.engine)
        else:
            rows = cluster_rows(Path(tmp))
        for row in rows:
            print(" | ".join(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
