"""A build killed with SIGKILL at any moment leaves output/ old or new, never half made.

A show with three articles is built once (the old state); then one paragraph is edited and
a fourth article added, and `talkingpaper build` (the real CLI, real espeak-ng, real ffmpeg)
is killed at seeded random moments spread over the whole of that build, and a few times
just after its last episode. Half the kills take the whole process group (the session or
the machine dies), half the main process alone (the OOM killer's choice), whose workers and
ffmpeg live on. After each kill the feed, the page, every MP3 and sidecar must be the old
complete one or the new complete one, content/ must be untouched, and the next build must
make exactly what an uninterrupted one makes, from the cache, sweeping what the kill left.
One summary line (kills, phases, leftovers, orphans, windows) is printed for the record.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import feedparser
import pytest
from mutagen.mp3 import MP3

from tests.conftest import ROOT
from tts.episode import probe_duration

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

# espeak-ng: the real engine, several times faster than pyttsx3 to start, and deterministic,
# so a complete file can be told from a half-written one byte for byte.
ENGINE = "espeak-ng"
# CRASH_KILLS=200 for a longer soak; the default keeps the file near 90 s on two cores.
KILL_POINTS = int(os.environ.get("CRASH_KILLS", "30"))
MIN_KILLS = KILL_POINTS * 2 // 3  # 20 by default; a slow machine may finish a few early
# What follows the last episode (pool shut down, cast.json, feed, page: some 50 ms) is
# seldom reached by timed kills on a busy machine, where builds vary by a third: these kills
# come 0-80 ms after the last changed sidecar is written.
PUBLISH_KILLS = 4
SEED = 7
# Kill moments run from 0 s to this share of the measured build. The feed and page are
# written in its last 2-3 %, so the range goes nearly to the end; a kill that finds the build
# finished (it varies by a few percent) is checked all the same but not counted.
LATEST = 0.995
# After killing only the main process, how long its orphans may go on before we look.
ORPHAN_GRACE = 0.5
BASE_URL = "http://localhost:8000/"
# Hidden names a build keeps on purpose; anything else hidden is a leftover of a killed write.
KEPT_HIDDEN = {".cache", ".cover-title", ".build.lock", ".published", ".versions"}
TALKINGPAPER = str(Path(sys.executable).with_name("talkingpaper"))

ARTICLES = {
    "bridge.txt": """---
title: Council approves new bridge
author: Jane Doe
published: 2024-03-05
---
The city council voted on Tuesday to replace the old river bridge.

"This bridge has served us for ninety years, and it is time," said Mayor Ana Ruiz.

Work starts in the spring and will last two years.
""",
    "library.txt": """---
title: Library opens late on Fridays
author: Sam Lee
published: 2024-03-06
---
The public library will stay open until nine on Friday evenings from next month.

"People asked for it, and we listened," said librarian Tom Okafor.

Mayor Ana Ruiz said the change costs little. "It is a small thing that helps many," she said.
""",
    "market.txt": """---
title: Farmers market moves to the square
author: Priya Nair
published: 2024-03-07
---
The weekly farmers market will move to the town square in April.

"More people walk through the square than anywhere else in town," said organiser Luis Ortega.

Stall fees will stay the same for the first season.
""",
}
ADDED = (
    "park.txt",
    """---
title: New park opens by the river
author: Mei Chen
published: 2024-03-08
---
A new riverside park opened on Saturday with a playground and a path for cyclists.

"Children finally have somewhere safe to play near the water," said parent Dana Brooks.

The park will host free concerts on Sunday afternoons in the summer.
""",
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


@dataclass
class State:
    """output/ as the feed and the server see it, plus the cache and what lies hidden."""

    files: dict[str, str]  # visible path -> sha256 (of feed.xml without its build date)
    feed: bytes
    records: dict[str, dict]  # slug -> its sidecar, parsed
    cache: dict[str, tuple[int, str]]  # WAV name -> (mtime_ns, sha256)
    leftovers: list[str]  # hidden paths a finished build would not leave


def read_state(output: Path) -> State:
    files, leftovers = {}, []
    for path in sorted(output.rglob("*")):
        rel = path.relative_to(output)
        if _hidden(rel):
            top = next(p for p in rel.parts if p.startswith("."))
            if top not in KEPT_HIDDEN and rel.parts.index(top) == len(rel.parts) - 1:
                leftovers.append(str(rel))
        elif path.is_file():
            files[str(rel)] = _sha(path)
    feed = (output / "feed.xml").read_bytes()
    files["feed.xml"] = hashlib.sha256(_masked(feed)).hexdigest()
    # Every sidecar must parse: json.loads raises on half a file.
    records = {
        p.stem: json.loads(p.read_text())
        for p in (output / "episodes").glob("*.json")
        if "." not in p.stem
    }
    cache_dir = output / ".cache" / ENGINE
    cache = {
        p.name: (p.stat().st_mtime_ns, _sha(p))
        for p in cache_dir.glob("*.wav")
        if not p.name.startswith(".")
    }
    leftovers += [str(p.relative_to(output)) for p in cache_dir.glob(".*")]
    return State(files, feed, records, cache, leftovers)


def content_state(content: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry of content/ (folders too: a file made and removed again changes the
    folder's mtime) with size, mtime_ns and sha256."""
    state = {".": (0, content.stat().st_mtime_ns, "dir")}
    for path in sorted(content.rglob("*")):
        st = path.stat()
        state[str(path.relative_to(content))] = (
            st.st_size,
            st.st_mtime_ns,
            _sha(path) if path.is_file() else "dir",
        )
    return state


def _masked(feed: bytes) -> bytes:
    # The one thing two complete builds of the same show write differently.
    return re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"<lastBuildDate/>", feed)


def _build_command(show: Path) -> list[str]:
    return [TALKINGPAPER, "build", "--quiet", "--engine", ENGINE, "--show", str(show)]


def build(show: Path) -> float:
    """An uninterrupted build; its duration in seconds."""
    started = time.monotonic()
    proc = subprocess.run(_build_command(show), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return time.monotonic() - started


def _group(pgid: int) -> list[str]:
    """Live (not zombie) processes of a process group: 'pid command'."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, _ppid, group = stat[stat.rfind(")") + 2 :].split()[:3]
        if int(group) == pgid and state != "Z":
            members.append(f"{entry.name} {cmdline[:80]}")
    return members


def _end_group(pgid: int) -> None:
    # Only processes of the build's own session: it was started with start_new_session.
    deadline = time.monotonic() + 20
    while _group(pgid):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            return
        assert time.monotonic() < deadline, f"build processes would not die: {_group(pgid)}"
        time.sleep(0.05)


@dataclass
class Kill:
    at: float  # seconds after the start, or after every episode is written
    whole_group: bool
    after_episodes: bool = False
    landed: bool = False
    phase: str = ""
    orphans: list[str] = field(default_factory=list)


def kill_build_at(show: Path, kill: Kill, change: Change, errors: Path) -> None:
    """Start a build, SIGKILL it `kill.at` seconds later: the whole process group (the
    machine or the session dies) or the main process only (the OOM killer picks it)."""
    output = show / "output"
    started = time.monotonic()
    with open(errors, "wb") as stderr:
        proc = subprocess.Popen(
            _build_command(show), stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
    if kill.after_episodes:
        while proc.poll() is None and not change.episodes_written(output):
            time.sleep(0.002)
        started = time.monotonic()
    time.sleep(max(0.0, kill.at - (time.monotonic() - started)))
    if proc.poll() is None:
        if kill.whole_group:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            os.kill(proc.pid, signal.SIGKILL)
    code = proc.wait()
    assert code in (0, -signal.SIGKILL), errors.read_text()
    kill.landed = code == -signal.SIGKILL
    kill.phase = change.phase(output) if kill.landed else "finished"
    if not kill.whole_group:
        time.sleep(ORPHAN_GRACE)
        kill.orphans = _group(proc.pid)
    # Nothing the build started may still write while output/ is checked.
    _end_group(proc.pid)


@dataclass
class Change:
    """What the edit asks of a build, to tell from output/ how far a killed one got."""

    old_mtimes: dict[str, int]  # output/ path -> mtime_ns in the old state
    segments: set[str]  # cache WAVs to speak
    episodes: list[str]  # slugs to render

    def written(self, output: Path, name: str) -> bool:
        path = output / name
        return path.exists() and path.stat().st_mtime_ns != self.old_mtimes.get(name)

    def episodes_written(self, output: Path) -> bool:
        return all(self.written(output, f"episodes/{s}.json") for s in self.episodes)

    def phase(self, output: Path) -> str:
        # Workers speak while episodes are encoded, so the two overlap.
        if self.episodes_written(output):  # only cast.json, the feed and the page remain
            return "after publish" if self.written(output, "index.html") else "publish"
        cache = output / ".cache" / ENGINE
        unspoken = self.segments - {p.name for p in cache.glob("*.wav")}
        speaking = unspoken != self.segments or any(cache.glob(".*"))
        encoding = any((output / "episodes").glob(".*.mp3.*.tmp")) or any(
            self.written(output, f"episodes/{s}.mp3") for s in self.episodes
        )
        if encoding:
            return "synthesis+encoding" if unspoken else "encoding"
        return "synthesis" if speaking else "startup"


@cache
def decodes_whole(sha: str, path: Path) -> float:
    """Decode every frame (ffmpeg reports any damage) and return ffprobe's duration. Keyed by
    content: identical bytes decode identically, so each distinct file is decoded once."""
    proc = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 0 and not proc.stderr.strip(), f"{path}: {proc.stderr}"
    return probe_duration(path)


@dataclass
class Seen:
    """What one kill left, for the summary."""

    feed: str
    stale_lengths: list[str]  # the feed's enclosure length no longer the file's
    mp3_ahead: list[str]  # MP3 already new, its sidecar still old
    leftovers: list[str]


def check_output(output: Path, old: State, new: State) -> Seen:
    """Old or new, each file whole; the feed and page parse and point at files that exist."""
    now = read_state(output)
    assert set(old.files) <= set(now.files) <= set(new.files), sorted(
        set(now.files) ^ set(new.files)
    )
    version = {}
    for path, sha in now.files.items():
        assert sha in (old.files.get(path), new.files[path]), f"{path} is neither old nor new"
        version[path] = "new" if sha == new.files[path] else "old"

    feed = version["feed.xml"]
    if feed == "old":
        assert now.feed == old.feed, "feed.xml rewritten with the old episodes"
    parsed = feedparser.parse(now.feed)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    listed = (old if feed == "old" else new).records.values()
    assert sorted(e.guid for e in parsed.entries) == sorted(r["guid"] for r in listed)
    for url in re.findall(rf'(?:url|href)="{re.escape(BASE_URL)}([^"?]+)', now.feed.decode()):
        assert url in now.files, f"feed.xml points at {url}, which is missing or hidden"
    stale_lengths = []
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        audio = enclosure.href.removeprefix(BASE_URL).split("?")[0]
        if int(enclosure.length) != (output / audio).stat().st_size:
            # Known: an MP3 is renamed into place before the feed that describes it.
            assert feed == "old" and version[audio] == "new", f"{audio}: wrong length in feed"
            stale_lengths.append(Path(audio).stem)

    mp3_ahead = []
    mp3s = {Path(p).stem for p in now.files if p.endswith(".mp3")}
    assert set(now.records) <= mp3s, "a sidecar without its MP3"
    for slug in sorted(mp3s):
        mp3 = output / "episodes" / f"{slug}.mp3"
        mp3_version = version[f"episodes/{slug}.mp3"]
        record = now.records.get(slug)
        if record is None or version[f"episodes/{slug}.json"] != mp3_version:
            # Known: the sidecar is written after the MP3 is renamed into place.
            assert mp3_version == "new", f"{slug}: an old MP3 beside a new sidecar"
            mp3_ahead.append(slug)
            record = new.records[slug]
        seconds = decodes_whole(now.files[f"episodes/{slug}.mp3"], mp3)
        assert abs(seconds - record["duration"]) <= 0.1, (slug, seconds, record["duration"])
        audio = MP3(mp3)
        assert audio.info.length > 0 and str(audio.tags["TIT2"]) == record["title"]
    for name, (_mtime, sha) in now.cache.items():
        assert sha == new.cache[name][1], f"cached {name} is not the whole segment"
    return Seen(feed, stale_lengths, mp3_ahead, [_pattern(p) for p in now.leftovers])


def _pattern(path: str) -> str:
    """A leftover's name with its process id, hash and random part generalised."""
    path = re.sub(r"\.mp3\.\w+\.tmp\b", ".mp3.XXXX.tmp", path)  # an encoder's folder
    path = re.sub(r"[0-9a-f]{24}", "HASH", path)
    return re.sub(r"\.\d+\.", ".PID.", path)


def check_resume(show: Path, new: State, content: dict) -> tuple[int, int]:
    """The next build finishes: the new output exactly, no leftovers, no segment spoken twice.
    Returns (segments that were missing, segments it spoke)."""
    output = show / "output"
    before = read_state(output).cache
    build(show)
    after = read_state(output)
    assert content_state(show / "content") == content, "the build wrote into content/"
    differ = sorted(
        k for k in new.files.keys() | after.files.keys() if after.files.get(k) != new.files.get(k)
    )
    assert not differ, f"the next build did not make what an uninterrupted one makes: {differ}"
    assert after.leftovers == [], "the next build left a killed build's temporary files"
    for name, (mtime, _sha) in before.items():
        assert after.cache[name][0] == mtime, f"{name} was synthesised again"
    spoken = set(after.cache) - set(before)
    missing = set(new.cache) - set(before)
    assert spoken == missing
    return len(missing), len(spoken)


def test_a_killed_build_leaves_the_old_or_the_new_show_never_half(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    prepared = tmp_path / "prepared"
    (prepared / "content").mkdir(parents=True)
    shutil.copy(ROOT / "show.toml", prepared / "show.toml")
    for name, text in ARTICLES.items():
        (prepared / "content" / name).write_text(text)
    build(prepared)
    old = read_state(prepared / "output")
    old_mtimes = {
        str(p.relative_to(prepared / "output")): p.stat().st_mtime_ns
        for p in (prepared / "output").rglob("*")
        if p.is_file()
    }
    # The change a build has to publish: an edited paragraph and an added article.
    bridge = prepared / "content" / "bridge.txt"
    bridge.write_text(bridge.read_text().replace("two years", "three years"))
    (prepared / "content" / ADDED[0]).write_text(ADDED[1])

    # Always the same folder, so sidecars (which name their sources) compare byte for byte.
    run = tmp_path / "run"
    shutil.copytree(prepared, run, symlinks=True)
    duration = build(run)
    new = read_state(run / "output")
    assert old.leftovers == new.leftovers == [] and set(old.cache) < set(new.cache)
    change = Change(
        old_mtimes,
        set(new.cache) - set(old.cache),
        [
            s
            for s in new.records
            if new.files[f"episodes/{s}.mp3"] != old.files.get(f"episodes/{s}.mp3")
        ],
    )
    # How long the old feed points at a new MP3 (of an episode it lists), and how long an MP3
    # sits beside its old sidecar, in the uninterrupted build.
    mtime = {p.name: p.stat().st_mtime_ns / 1e9 for p in (run / "output").rglob("*")}
    remade = [s for s in change.episodes if f"episodes/{s}.mp3" in old.files]
    window = max(mtime["feed.xml"] - mtime[f"{s}.mp3"] for s in remade)
    sidecar_gap = max(mtime[f"{s}.json"] - mtime[f"{s}.mp3"] for s in remade)

    rng = random.Random(SEED)
    kills = [
        Kill(duration * LATEST * (i + rng.random()) / KILL_POINTS, whole_group=i % 2 == 0)
        for i in range(KILL_POINTS)
    ]
    kills += [
        Kill(rng.uniform(0, 0.08), whole_group=i % 2 == 0, after_episodes=True)
        for i in range(PUBLISH_KILLS)
    ]
    seen: list[Seen] = []
    resumed = []
    for kill in kills:
        shutil.rmtree(run)
        shutil.copytree(prepared, run, symlinks=True)
        content = content_state(run / "content")
        kill_build_at(run, kill, change, tmp_path / "stderr.txt")
        try:
            assert content_state(run / "content") == content, "the build wrote into content/"
            seen.append(check_output(run / "output", old, new))
            resumed.append(check_resume(run, new, content))
        except AssertionError as exc:
            how = "its process group" if kill.whole_group else "its main process"
            raise AssertionError(f"{how} killed at {kill.at:.3f} s ({kill.phase}): {exc}") from exc

    landed = [k for k in kills if k.landed]
    timed = [k for k in kills if not k.after_episodes]
    in_time = sum(k.landed for k in timed)
    assert in_time >= MIN_KILLS, f"only {in_time} timed kills landed before the build ended"
    phases = Counter(k.phase for k in kills)
    leftovers = Counter(p for s in seen for p in s.leftovers)
    orphans = [len(k.orphans) for k in kills if not k.whole_group and k.landed]
    windows = f"{window:.2f} s and {sidecar_gap * 1000:.0f} ms"
    grouped = sum(k.whole_group for k in landed)
    with capsys.disabled():
        print(
            f"\ncrash: {len(landed)}/{len(kills)} kills landed ({grouped} of the process "
            f"group) in a {duration:.2f} s build "
            f"(t {min(k.at for k in timed):.2f}-{max(k.at for k in timed):.2f} s, {PUBLISH_KILLS} "
            f"after the last episode); phases "
            f"{dict(phases)}; feed {dict(Counter(s.feed for s in seen))}; old feed with a "
            f"stale enclosure length {sum(bool(s.stale_lengths) for s in seen)}, MP3 ahead of "
            f"its sidecar {sum(bool(s.mp3_ahead) for s in seen)} (windows {windows}); "
            f"leftovers {dict(leftovers) or 'none'}; orphans alive {ORPHAN_GRACE} s after a "
            f"main-only kill {orphans}; resumed {len(resumed)}, segments missing/spoken "
            f"{sum(m for m, _ in resumed)}/{sum(s for _, s in resumed)}; "
            f"{time.monotonic() - started:.0f} s in all"
        )
