"""The output/ folder as state between builds: one build at a time (the lock), what a killed
build left behind (the sweep), the show's guid, the cast file, and atomic writes into it.

Every file is written under a temporary name and renamed into place; content/ is only ever
read.
"""

from __future__ import annotations

import fcntl
import hashlib
import ipaddress
import json
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from feeds.served_files import VERSIONS
from talkingpaper.errors import UserError
from talkingpaper.show import Show, guid_for_feed
from tts.files import TEMPORARY, write_atomic
from tts.voices import Casting

STATE_FILE = "show-state.json"
CAST_FILE = "cast.json"


def atomic_json(path: Path, data: Any) -> None:
    atomic_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def atomic_text(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def show_guid(show: Show) -> str:
    """podcast:guid, computed once and kept: show.toml's `guid`, else the one stored in
    output/ by the first build at a public address, else UUIDv5 of the feed URL (without
    scheme and trailing slash). A later change of base_url must not make every episode look
    new to apps; a localhost or LAN feed is not public, so its guid is not kept (every
    talkingpaper show starts at http://localhost:8000/ and would share it)."""
    if show.guid:
        return show.guid
    feed_url = show.base_url + "feed.xml"
    if _is_local(show.base_url):
        return guid_for_feed(feed_url)
    state_file = show.output / STATE_FILE
    state = load_json(state_file) or {}
    if not state.get("guid"):
        state["guid"] = guid_for_feed(feed_url)
        show.output.mkdir(parents=True, exist_ok=True)
        atomic_json(state_file, state)
    return str(state["guid"])


def _is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith((".local", ".lan", ".home.arpa")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def episode_guid(show: Show, slug: str) -> str:
    # From the show and the article's stored name only: never from title, URL or time.
    return str(uuid.uuid5(uuid.UUID(show_guid(show)), slug))


def load_cast(show: Show) -> dict[str, Casting]:
    """The voices the show's speakers were given by earlier builds with its engine."""
    data = load_json(show.output / CAST_FILE) or {}
    entries = data.get(show.engine, {}) if isinstance(data, dict) else {}
    return {
        name: Casting(str(v["voice"]), int(v.get("pitch", Casting.pitch)))
        for name, v in entries.items()
        if isinstance(v, dict) and "voice" in v
    }


def save_cast(show: Show, cast: dict[str, Casting]) -> None:
    path = show.output / CAST_FILE
    data = load_json(path) or {}
    data[show.engine] = {name: asdict(c) for name, c in sorted(cast.items())}
    atomic_json(path, data)


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """One build at a time per show: a second one would sweep the first one's temporary
    files and race it to the feed. The lock dies with its process, even under SIGKILL."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / ".build.lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"{output}: another talkingpaper build is running for this show; wait for it "
                "to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def sweep_temporaries(output: Path) -> list[Path]:
    """Remove what a killed build left half-written. Called under the build lock only."""
    swept = []
    episodes = output / "episodes"
    folders = [output, episodes, episodes / VERSIONS, *sorted((output / ".cache").glob("*/"))]
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if not TEMPORARY.match(entry.name) or entry.is_symlink():
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            swept.append(entry)
    return swept


# What the feed and page in output/ were last made from (see publish_key).
PUBLISHED_FILE = ".published"
_PUBLISHED = ("feed.xml", "index.html")


def publish_key(*inputs: object) -> str:
    """A key of everything the feed and the page are made from (the show's details, every
    episode's record) and of the code that makes them (the `feeds` package's files)."""
    import feeds

    h = hashlib.sha256(repr(inputs).encode())
    for source in sorted(Path(feeds.__file__).parent.rglob("*.py")):
        stat = source.stat()
        h.update(f"{source.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return h.hexdigest()


def is_published(output: Path, key: str) -> bool:
    """Whether the feed and the page are already the ones `key` makes: then they are left
    alone, byte for byte, so an app's conditional request hears "not modified"."""
    marker = output / PUBLISHED_FILE
    try:
        made_from = marker.read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return made_from == key and all((output / name).is_file() for name in _PUBLISHED)


def mark_published(output: Path, key: str) -> None:
    atomic_text(output / PUBLISHED_FILE, key)  # written last: a killed publish is redone
