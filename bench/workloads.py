"""Bigger workloads for the benchmark: a batch of 50 articles, a one-hour bulletin.

The articles are the gold bodies of the shared extraction benchmark (real news pages), so
nothing here is written to flatter the code. Each measurement runs the real CLI in a child
process and reports wall time and memory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "ground-truth.json"
CLI = [sys.executable, "-m", "talkingpaper.cli"]
WORDS_PER_MINUTE = 165


def gold_articles() -> list[tuple[str, str]]:
    """(slug, body) of every gold article, in a fixed order, with its dangling '...' cut."""
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    found = []
    for key in sorted(data):
        body = data[key]["articleBody"].strip().removesuffix("...").strip()
        slug = re.sub(r"[^a-z0-9]+", "-", data[key]["url"].rstrip("/").rsplit("/", 1)[-1].lower())
        found.append((f"{len(found):03d}-{slug.strip('-')[:40]}", body))
    return found


def lead(body: str, chars: int) -> str:
    """The article's first paragraphs up to about `chars` characters: a news brief."""
    kept: list[str] = []
    for paragraph in (p.strip() for p in body.split("\n") if p.strip()):
        kept.append(paragraph)
        if sum(len(p) for p in kept) >= chars:
            break
    return "\n\n".join(kept)


def make_show(folder: Path, articles: list[tuple[str, str]]) -> Path:
    (folder / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", folder / "show.toml")
    for slug, text in articles:
        (folder / "content" / f"{slug}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


@dataclass
class Run:
    seconds: float
    peak_tree_mb: float  # the most the whole process tree held at once (sampled every 20 ms)
    peak_process_mb: float  # the largest single process (its high-water mark, VmHWM)


def _tree_memory_kib(root: int) -> tuple[int, int]:
    """(resident memory of `root` and all its descendants, the largest high-water mark of
    any one of them), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, tuple[int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(entry), int(fields.get("PPid", "0").strip() or 0)
        children.setdefault(ppid, []).append(pid)
        kib = (
            int(fields.get("VmRSS", "0 kB").split()[0]),
            int(fields.get("VmHWM", "0 kB").split()[0]),
        )
        rss[pid] = kib
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        now, high = rss.get(pid, (0, 0))
        total, largest = total + now, max(largest, high)
        todo.extend(children.get(pid, []))
    return total, largest


def measured(cmd: list[str], prefix: list[str] | None = None) -> Run:
    """Run a command to the end; time it and sample its process tree's memory."""
    start = time.perf_counter()
    proc = subprocess.Popen([*(prefix or []), *cmd], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    peaks = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            total, largest = _tree_memory_kib(proc.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-800:]}")
    return Run(seconds, peaks[0] / 1024, peaks[1] / 1024)


def build(show: Path, *args: str, one_core: bool = False) -> Run:
    cmd = [*CLI, "build", "--quiet", "--show", str(show), *args]
    return measured(cmd, prefix=["taskset", "-c", "0"] if one_core else None)


def audio_minutes(show: Path) -> float:
    total = 0.0
    for sidecar in (show / "output" / "episodes").glob("*.json"):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "duration" in data:
            total += data["duration"]
    return total / 60


def floor(texts: list[str], work: Path, workers: int) -> float:
    """The bare programs on the same texts: espeak-ng speaks each, ffmpeg encodes each."""
    work.mkdir(parents=True, exist_ok=True)

    def one(i: int) -> None:
        wav, mp3 = work / f"{i}.wav", work / f"{i}.mp3"
        speak = ["espeak-ng", "-v", "en-us", "-w", str(wav)]
        encode = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav),
                  "-ar", "44100", "-ac", "1", "-b:a", "64k", str(mp3)]  # fmt: skip
        subprocess.run(speak, input=texts[i], text=True, check=True)
        subprocess.run(encode, check=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, range(len(texts))))
    return time.perf_counter() - start


def batch_rows(work: Path, count: int = 50, chars: int = 1200) -> list[tuple[str, ...]]:
    """`count` news briefs built cold on every core, then on one core, beside the floor."""
    articles = [(slug, lead(body, chars)) for slug, body in gold_articles()[:count]]
    words = sum(len(text.split()) for _, text in articles)
    cores = os.cpu_count() or 1
    rows = []
    for label, one_core in ((f"all {cores} cores", False), ("one core", True)):
        show = make_show(work / f"batch-{'one' if one_core else 'all'}", articles)
        run = build(show, *(["--jobs", "1"] if one_core else []), one_core=one_core)
        minutes = audio_minutes(show)
        rows.append((f"{count} articles, {label}", f"{run.seconds:.1f}",
                     f"{minutes * 60 / run.seconds:.0f}x", f"{run.peak_tree_mb:.0f}",
                     f"{words} words, {minutes:.1f} min of audio"))  # fmt: skip
    texts = [text for _, text in articles]
    for label, workers in ((f"all {cores} cores", cores), ("one core", 1)):
        seconds = floor(texts, work / f"floor-{workers}", workers)
        rows.append((f"  floor, {label}", f"{seconds:.1f}", "", "", "bare espeak-ng + ffmpeg"))
    return rows


def bulletin_rows(work: Path, minutes: float = 60.0) -> list[tuple[str, ...]]:
    """Whole articles in one bulletin episode until it runs about `minutes` long."""
    need = minutes * WORDS_PER_MINUTE
    chosen, words = [], 0
    for slug, body in gold_articles():
        if words >= need:
            break
        chosen.append((slug, body))
        words += len(body.split())
    show = make_show(work / "bulletin", chosen)
    run = build(show, "--bulletin", "One hour")
    length = audio_minutes(show)
    text = "\n\n".join(body for _, body in chosen)
    start_floor = time.perf_counter()
    floor_dir = work / "bulletin-floor"
    floor([text], floor_dir, 1)
    floor_seconds = time.perf_counter() - start_floor
    return [
        (f"bulletin, {len(chosen)} articles", f"{run.seconds:.1f}",
         f"{length * 60 / run.seconds:.0f}x", f"{run.peak_tree_mb:.0f}",
         f"{words} words, {length:.1f} min; largest process {run.peak_process_mb:.0f} MB"),
        ("  floor, one core", f"{floor_seconds:.1f}", "", "", "bare espeak-ng + ffmpeg"),
    ]  # fmt: skip
