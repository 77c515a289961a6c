"""A build with nothing to do, recognised before anything heavy is imported.

A build that changed nothing still read, scripted and keyed every article to learn that:
close to a second for the demo. So a build that succeeded leaves a stamp in output/.cache:
a key of everything that decides its output (talkingpaper's code, the installed packages,
show.toml, the lexicon, the cover, every file in content/ and every article given, the
options, and today's date when a bulletin is named after it), taken before the build read
any of it, and a key of the files it left in output/ (so a deleted or replaced episode is
made again). The next build with the same keys has nothing to do: it prints the same
summary line and stops. Any difference, or any doubt, and the build runs as always.

Only the standard library is imported here: this runs before the build's own modules load.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STAMP_FILE = ".cache/warm-build.json"  # under output/; the segment cache's folder
LOCK_FILE = ".build.lock"  # talkingpaper.output's build lock
SHOW_FILE = "show.toml"
LEXICON_FILE = "lexicon.toml"
_PACKAGES = ("talkingpaper", "tts", "feeds")  # the code that makes a show's files
_SITE_FOLDERS = ("site-packages", "dist-packages")
# A file changed this close to the time the inputs were read could change again without
# its size or time telling (file systems keep times as coarse as 2 s): no stamp then.
RACY_SECONDS = 2.0


@dataclass(frozen=True)
class Options:
    """The build command's options that decide its output (not --jobs, --quiet, --cluster:
    they change how the work is done, not what it makes)."""

    paths: tuple[Path, ...] = ()
    bulletin: str | None = None
    engine: str | None = None
    day: str | None = None  # --date, as given
    prune: bool = False


@dataclass(frozen=True)
class Inputs:
    """The key of a build's inputs, and how fresh the newest of them was when read."""

    key: str
    read_at: float  # time.time() when they were read
    newest: float  # the latest modification time among them


@dataclass(frozen=True)
class Warm:
    """What the last build said, for its summary line."""

    episodes: int
    feed: str


def read_inputs(show_dir: Path, options: Options) -> Inputs:
    """The inputs' key. Raises OSError or ValueError when they cannot be read: the caller
    then builds as always, and the build reports the problem."""
    read_at = time.time()
    root = show_dir.resolve()
    digest = hashlib.sha256()
    newest = 0.0
    for entry in _input_entries(root, options):
        digest.update(entry[0].encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        newest = max(newest, entry[1])
    return Inputs(digest.hexdigest(), read_at, newest)


def _input_entries(root: Path, options: Options) -> Iterator[tuple[str, float]]:
    """(description, modification time) of each input; the time is 0 where it tells
    nothing."""
    yield repr((sys.version, sys.executable, options.bulletin, options.engine)), 0.0
    yield repr((options.day, options.prune, _day_of_bulletin(options))), 0.0
    for package in _PACKAGES:
        yield from _files(_package_folder(package))
    for folder in sys.path:  # installing, upgrading or removing a package touches its folder
        # Only the packages' folders: the current folder (`python -m`) changes all the time.
        if os.path.basename(folder) in _SITE_FOLDERS and os.path.isdir(folder):
            yield f"path {folder} {os.stat(folder).st_mtime_ns}", 0.0
    show_toml = (root / SHOW_FILE).read_bytes()
    yield f"show.toml {hashlib.sha256(show_toml).hexdigest()}", _mtime(root / SHOW_FILE)
    yield _stat_entry(root / LEXICON_FILE)
    cover = _cover(root, show_toml)
    if cover is not None:
        yield _stat_entry(cover)
    yield from _files(root / "content")
    for path in options.paths:
        yield _stat_entry(path.resolve())


def _day_of_bulletin(options: Options) -> str | None:
    # A bulletin without --date is today's edition: tomorrow the same command makes another.
    if options.bulletin and not options.day:
        return time.strftime("%Y-%m-%d")
    return None


def _package_folder(name: str) -> Path:
    module = sys.modules.get(name) or __import__(name)
    return Path(next(iter(module.__path__)))


def _cover(root: Path, show_toml: bytes) -> Path | None:
    if b"cover" not in show_toml:  # skips tomllib for the shows that have no cover
        return None
    import tomllib

    cover = tomllib.loads(show_toml.decode("utf-8")).get("show", {}).get("cover")
    return root / cover if isinstance(cover, str) and cover else None


def _mtime(path: Path) -> float:
    return os.stat(path).st_mtime


def _stat_entry(path: Path) -> tuple[str, float]:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return f"{path} absent", 0.0
    return f"{path} {stat.st_size} {stat.st_mtime_ns}", stat.st_mtime


def _files(folder: Path, skip: str | None = None) -> Iterator[tuple[str, float]]:
    """Every file under `folder` (symbolic links followed) as (path, size, time), in name
    order; `skip` is a folder of `folder` left out."""
    if not folder.is_dir():
        yield f"{folder} absent", 0.0
        return
    seen: set[tuple[int, int]] = set()
    for where, folders, names in os.walk(folder, followlinks=True):
        stat = os.stat(where)
        if (stat.st_dev, stat.st_ino) in seen:  # a link back up the tree: walked already
            folders.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        if where == str(folder) and skip in folders:
            folders.remove(skip)
        for name in sorted(names):
            yield _stat_entry(Path(where, name))


def output_key(output: Path) -> str:
    """The key of what is in output/ (its cache aside): a file deleted, added or replaced
    changes it."""
    digest = hashlib.sha256()
    for description, _ in _files(output, skip=".cache"):
        digest.update(description.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


def check(show_dir: Path, options: Options) -> Warm | None:
    """What the last build made, when nothing it depends on has changed since; else None.
    Checked under the build lock: while another build runs, the build says so, as always."""
    try:
        output = show_dir.resolve() / "output"
        stamp = json.loads((output / STAMP_FILE).read_text(encoding="utf-8"))
        if time.time() >= float(stamp["valid_until"]):
            return None
        with open(output / LOCK_FILE, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when closed
            if stamp["inputs"] != read_inputs(show_dir, options).key:
                return None
            if stamp["outputs"] != output_key(output):
                return None
        return Warm(int(stamp["episodes"]), str(stamp["feed"]))
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        return None  # no stamp, a damaged one, a build running: the build decides


def remember(output: Path, inputs: Inputs, warm: Warm, valid_until: float) -> bool:
    """Write the stamp of a build that succeeded without a warning; False when the inputs
    were too fresh to trust their times (the next build then writes one)."""
    if inputs.newest >= inputs.read_at - RACY_SECONDS:
        return False
    stamp = {
        "inputs": inputs.key,
        "outputs": output_key(output),
        "valid_until": valid_until,
        "episodes": warm.episodes,
        "feed": warm.feed,
    }
    from tts.files import write_atomic  # the standard library alone, like this module

    write_atomic(output / STAMP_FILE, json.dumps(stamp).encode("utf-8"))
    return True
