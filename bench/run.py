"""The benchmark in one command: build times per engine, a batch of 50 articles on every
core and on one, and a one-hour bulletin's time and peak memory, each beside the bare
espeak-ng + ffmpeg floor; then `update` of 10 local feeds of 20 items, and with nothing new;
then each English voice's speed on one core and word error rate on 10 news paragraphs, and
a build in Spanish, French and German (bench/voices.py). Prints one table.
Run: make bench (or .venv/bin/python bench/run.py)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_times  # noqa: E402
import cluster_times  # noqa: E402
import update_times  # noqa: E402
import voices  # noqa: E402
import workloads  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--engines", nargs="+", default=["pyttsx3", "espeak-ng", "piper"])
    ap.add_argument("--articles", type=int, default=50, help="articles in the batch")
    ap.add_argument("--minutes", type=float, default=60.0, help="length of the bulletin")
    ap.add_argument("--no-update", action="store_true", help="skip the 200-item update")
    ap.add_argument("--no-voices", action="store_true", help="skip voices and languages")
    ap.add_argument("--cluster-articles", type=int, default=200, help="briefs, pool vs dask")
    ap.add_argument("--no-cluster", action="store_true", help="skip the dask cluster rows")
    args = ap.parse_args()
    started = time.perf_counter()
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows.extend(build_times.rows(args.engines, work))
        rows.extend(workloads.batch_rows(work, count=args.articles))
        rows.extend(workloads.bulletin_rows(work, minutes=args.minutes))
        if not args.no_cluster:
            rows.extend(cluster_times.cluster_rows(work, count=args.cluster_articles))
        if not args.no_update:
            rows.extend(update_times.update_rows(work))
        if not args.no_voices:
            rows.extend(voices.voice_rows(work))
    header = ("workload", "seconds", "speed", "peak MB", "notes")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"talkingpaper benchmark: {os.cpu_count()} cores; speed = audio time / wall time; "
          "peak MB = the build's whole process tree")  # fmt: skip
    for row in [header, *rows]:
        print("  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))  # fmt: skip
    print(f"({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
