"""Build times for the demo article: cold, one paragraph changed, nothing changed.

Per engine, beside the floor: the same text through the bare `espeak-ng` program plus one
ffmpeg MP3 encode, and each beside its target (issue 18). Prints a table.
Run: .venv/bin/python bench/build_times.py [--engines ...]
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
from dataclasses import dataclass
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


RUNS = 3  # cold builds, edits and floors: each the median of this many (the machine is noisy)
EDITS = ("Their families were not told.", "Nobody answered.", "The office was closed.")


@dataclass
class EngineTimes:
    engine: str
    cold: float  # a fresh show, nothing cached
    warm: float  # nothing changed
    changed: float  # one paragraph edited
    respoken: int  # segments spoken again for the edit
    reencoded: int  # blocks of the episode's audio encoded again for it


def engine_row(engine: str, work: Path) -> EngineTimes:
    colds = []
    for run in range(RUNS):
        show, article = _fresh_show(work / f"{engine}-{run}")
        colds.append(timed([*CLI, "build", "--quiet", "--engine", engine, "--show", str(show)]))
    build = [*CLI, "build", "--quiet", "--engine", engine, "--show", str(show)]
    warm = statistics.median(timed(build) for _ in range(WARM_RUNS))
    # One paragraph changed: a sentence added to the story's last paragraph, each time another.
    cache = show / "output" / ".cache"
    changes, respoken, reencoded = [], [], []
    for edit in EDITS[:RUNS]:
        text = article.read_text(encoding="utf-8")
        last = "since being released."
        article.write_text(text.replace(last, f"{last} {edit}", 1), encoding="utf-8")
        wavs, blocks = _count(cache, "*.wav"), _count(cache / "blocks", "*.mp3")
        changes.append(timed(build))
        respoken.append(_count(cache, "*.wav") - wavs)
        reencoded.append(_count(cache / "blocks", "*.mp3") - blocks)
    return EngineTimes(engine, statistics.median(colds), warm, statistics.median(changes),
                       max(respoken), max(reencoded))  # fmt: skip


def _fresh_show(show: Path) -> tuple[Path, Path]:
    (show / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", show / "show.toml")
    article = show / "content" / ARTICLE.name
    shutil.copy(ARTICLE, article)
    return show, article


def _count(folder: Path, pattern: str) -> int:
    return sum(1 for _ in folder.rglob(pattern))


def floor(work: Path) -> float:
    """The bare programs: espeak-ng speaks the cleaned text, ffmpeg encodes one MP3 (the
    episode's format: 44.1 kHz mono 64 kbps). The median of RUNS."""
    from tts.text.normalize import normalize
    from tts.text.pipeline import script_from_source

    text = "\n".join(normalize(s.text) for s in script_from_source(ARTICLE).segments)
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav)], input=text, text=True,
                       check=True)  # fmt: skip
        subprocess.run(
            ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), "-ar", "44100",
             "-ac", "1", "-b:a", "64k", str(mp3)],
            check=True,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rows(engines: list[str], work: Path) -> list[tuple[str, ...]]:
    """The demo's rows of the bench table, each beside its target."""
    base = floor(work)
    out: list[tuple[str, ...]] = [
        ("demo floor", f"{base:.2f}", "", "", "bare espeak-ng + one ffmpeg MP3 encode")
    ]
    for t in (engine_row(e, work) for e in engines):
        out += [
            (f"demo, {t.engine}: cold", f"{t.cold:.2f}", "", "",
             f"{t.cold / base:.2f} x the floor (target <= 1.3)"),
            (f"demo, {t.engine}: one change", f"{t.changed:.2f}", "", "",
             f"{t.changed / t.cold:.0%} of cold (target <= 25%); {t.respoken} segment "
             f"re-spoken, {t.reencoded} block re-encoded"),
            (f"demo, {t.engine}: nothing changed", f"{t.warm:.3f}", "", "",
             f"{t.warm / t.cold:.1%} of cold (target <= 2%)"),
        ]  # fmt: skip
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--engines", nargs="+", default=["pyttsx3", "espeak-ng", "piper"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows(args.engines, Path(tmp)):
            print(f"{row[0]:34} {row[1]:>7}  {row[4]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
