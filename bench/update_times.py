"""`talkingpaper update` measured: 10 feeds of 20 new items each on a local news site, whose
pages are the shared extraction benchmark's 181 real pages (200 items: 19 pages are carried
by two feeds, as wire stories are), then the same update again with nothing new.

The CLI runs in a child process, as cron runs it; its own timing line says how the time
splits between the feeds, the items (fetching and reading, summed over threads) and the
build. Run alone: .venv/bin/python bench/update_times.py
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.talkingpaper.sources.news_site import NewsSite, running  # noqa: E402

PAGES = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "html"
CLI = [sys.executable, "-m", "talkingpaper.cli"]
FEEDS, ITEMS = 10, 20
_TIMING = re.compile(
    r"time: feeds ([\d.]+) s, items ([\d.]+) s \(fetching ([\d.]+) s and reading ([\d.]+) s"
    r".*saving ([\d.]+) s, build ([\d.]+) s"
)


def _feed(site: NewsSite, number: int, pages: list[str]) -> str:
    now = datetime.now(UTC)
    items = "".join(
        f"<item><title>Story {number}-{i}</title><guid isPermaLink='false'>feed{number}-{i}</guid>"
        f"<link>{site.base}/pages/{page}</link>"
        f"<pubDate>{format_datetime(now - timedelta(minutes=10 * i + number))}</pubDate></item>"
        for i, page in enumerate(pages)
    )
    return f"<rss version='2.0'><channel><title>Feed {number}</title>{items}</channel></rss>"


def _site(site: NewsSite) -> None:
    names = sorted(p.name for p in PAGES.glob("*.html.gz"))
    for name in names:
        site.add(f"/pages/{name[:-3]}", gzip.decompress((PAGES / name).read_bytes()))
    for n in range(FEEDS):
        pages = [names[(n * ITEMS + i) % len(names)][:-3] for i in range(ITEMS)]
        site.add(f"/feeds/{n}.xml", _feed(site, n, pages), "application/rss+xml")


def _show(work: Path, site: NewsSite) -> Path:
    show = work / "update-show"
    subprocess.run([*CLI, "init", str(show)], check=True, capture_output=True)
    with open(show / "show.toml", "a", encoding="utf-8") as fh:
        for n in range(FEEDS):
            fh.write(f'\n[[sources]]\nname = "Feed {n}"\nurl = "{site.base}/feeds/{n}.xml"\n')
    return show


def _update(show: Path) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([*CLI, "update", "--show", str(show)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):  # 1: some items are no articles (a table, a gallery)
        raise RuntimeError(f"update failed: {proc.stderr[-800:]}")
    return seconds, proc.stderr


def update_rows(work: Path) -> list[tuple[str, ...]]:
    with running(NewsSite()) as site:
        _site(site)
        show = _show(work, site)
        cold, said = _update(show)
        warm, said_again = _update(show)
    t = _TIMING.search(said)
    if not t:
        raise RuntimeError(f"no timing line in: {said[-800:]}")
    feeds, items, fetching, reading, saving, build = (float(x) for x in t.groups())
    saved = len([p for p in (show / "content").glob("*.txt")])
    episodes = len(list((show / "output" / "episodes").glob("*.mp3")))
    asked = len(re.findall(r": unchanged$", said_again, re.MULTILINE))
    return [
        (f"update, {FEEDS} feeds x {ITEMS} new items", f"{cold:.1f}", "", "",
         f"{saved} articles saved, {episodes} episodes built"),
        ("  feeds", f"{feeds:.2f}", "", "", "10 feeds fetched and parsed at once"),
        ("  items", f"{items:.1f}", "", "",
         f"pages fetched {fetching:.1f} s + read {reading:.1f} s, summed over 8 threads"),
        ("  saving", f"{saving:.2f}", "", "", "fingerprints compared, articles written"),
        ("  build", f"{build:.1f}", "", "", "every new article spoken and encoded"),
        ("update, nothing new", f"{warm:.2f}", "", "",
         f"{asked} of {FEEDS} feeds answered 304; the whole command, start to exit"),
    ]  # fmt: skip


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for row in update_rows(Path(tmp)):
            print("  ".join(row))
