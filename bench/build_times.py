"""Build times for the demo article: cold, warm (nothing changed), one paragraph changed.

Per engine, beside the floor: the same text through the bare `espeak-ng` program plus one
ffmpeg MP3 encode. Prints a table. Run: .venv/bin/python bench/build_times.py [--engines ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "content" / "npr-freed-labor-activists.txt"
CLI = [sys.executable, "-m", "talkingpaper.cli"]


# As a user runs it: Python may cache compiled modules (some shells and CI images set
# PYTHONDONTWRITEBYTECODE, which makes every run compile the package again: 0.1 s).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
WARM_RUNS = 5  # the warm build is short and noisy: its median


def timed(cmd: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=ENV, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


def engine_row(engine: str, work: Path) -> tuple[str, float, float, float, int]:
    show = work / engine
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    article = show / "content" / ARTICLE.name
    shutil.copy(ARTICLE, article)
    build = [*CLI, "build", "--quiet", "--engine", engine, "--show", str(show)]
    cold = timed(build)
    warm = statistics.median(timed(build) for _ in range(WARM_RUNS))
    # One paragraph changed: a sentence added to the story's last paragraph.
    text = article.read_text(encoding="utf-8")
    last = "since being released."
    article.write_text(text.replace(last, last + " Their families were not told.", 1))
    cache = show / "output" / ".cache"
    before = sum(1 for _ in cache.rglob("*.wav"))
    changed = timed(build)
    resynthesised = sum(1 for _ in cache.rglob("*.wav")) - before
    return engine, cold, warm, changed, resynthesised


def floor(work: Path) -> float:
    """The bare programs: espeak-ng speaks the cleaned text, ffmpeg encodes one MP3."""
    from tts.text.normalize import normalize
    from tts.text.pipeline import script_from_source

    text = "\n".join(normalize(s.text) for s in script_from_source(ARTICLE).segments)
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav)], input=text, text=True, check=True)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), "-ar", "44100",
         "-ac", "1", "-b:a", "64k", str(mp3)],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--engines", nargs="+", default=["pyttsx3", "espeak-ng", "piper"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = [engine_row(engine, work) for engine in args.engines]
        base = floor(work)
    words = len(ARTICLE.read_text(encoding="utf-8").split())
    print(f"Demo article ({words} words in the page), seconds; 'resynth' = segments remade")
    print(f"{'engine':12} {'cold':>7} {'warm':>7} {'1 para':>7} {'resynth':>8}")
    for engine, cold, warm, changed, n in rows:
        print(f"{engine:12} {cold:7.2f} {warm:7.2f} {changed:7.2f} {n:8d}")
    print(f"{'floor':12} {base:7.2f} {'':>7} {'':>7} {'':>8}  (bare espeak-ng + one ffmpeg encode)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
