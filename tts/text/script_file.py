"""The editable script: a Script saved as JSON (SCRIPT_FORMAT.md), read back and checked.

A user who disagrees with an attribution runs `talkingpaper script x.txt --format json >
x.script.json`, edits it, and rebuilds. A mistake in the file is reported with the path of
the field (`segments[3].speaker`) so it can be found and fixed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tts.errors import InputError
from tts.text.model import NARRATOR, SCRIPT_FORMAT, SEGMENT_KINDS, Script, Segment, Speaker


def script_path_for(article: Path) -> Path:
    """`content/x.txt` -> `content/x.script.json`."""
    return article.with_name(f"{article.stem}.script.json")


def _need(cond: bool, path: Path, field: str, what: str) -> None:
    if not cond:
        raise InputError(f"{path}: {field} {what}; fix it or delete the file to script anew")


def _optional_str(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    _need(value is None or isinstance(value, str), path, key, "must be a string or null")
    return value


def parse_script(data: Any, path: Path) -> Script:
    """Check a decoded script and build the Script; raise InputError naming the field."""
    _need(isinstance(data, dict), path, "the top level", "must be a JSON object")
    _need(data.get("format") == SCRIPT_FORMAT, path, "format", f"must be {SCRIPT_FORMAT!r}")
    raw_speakers = data.get("speakers", {})
    _need(isinstance(raw_speakers, dict), path, "speakers", "must be an object")
    speakers = _speakers(raw_speakers, path)
    segments = _segments(data.get("segments"), raw_speakers, path)
    return Script(
        source=str(data.get("source") or path),
        title=_optional_str(data, "title", path),
        author=_optional_str(data, "author", path),
        published=_optional_str(data, "published", path),
        outlet=_optional_str(data, "outlet", path),
        speakers=speakers,
        segments=segments,
        language=_optional_str(data, "language", path),
    )


def _speakers(raw_speakers: dict[str, Any], path: Path) -> dict[str, Speaker]:
    """The `speakers` object, each field checked."""
    speakers: dict[str, Speaker] = {}
    for name, info in raw_speakers.items():
        where = f"speakers[{name!r}]"
        _need(isinstance(info, dict), path, where, "must be an object")
        aliases = info.get("aliases", [])
        _need(
            isinstance(aliases, list) and all(isinstance(a, str) for a in aliases),
            path, f"{where}.aliases", "must be a list of strings",
        )  # fmt: skip
        voice = info.get("voice")
        _need(voice is None or isinstance(voice, str), path, f"{where}.voice", "must be a string")
        gender = info.get("gender")
        _need(
            gender in (None, "male", "female"), path, f"{where}.gender",
            "must be male, female or null",
        )  # fmt: skip
        pitch = info.get("pitch")
        _need(
            pitch is None or (isinstance(pitch, int) and 0 <= pitch <= 100),
            path, f"{where}.pitch", "must be a whole number 0-100",
        )  # fmt: skip
        if name != NARRATOR:
            speakers[name] = Speaker(name, list(aliases), gender, voice, pitch)
        elif voice:
            speakers[name] = Speaker(name, [], None, voice, pitch)
    return speakers


def _segments(raw_segments: Any, raw_speakers: dict[str, Any], path: Path) -> list[Segment]:
    """The `segments` list, each field checked; every speaker must be a key of speakers."""
    _need(
        isinstance(raw_segments, list) and bool(raw_segments), path, "segments",
        "must be a non-empty list",
    )  # fmt: skip
    segments = []
    for i, seg in enumerate(raw_segments):
        where = f"segments[{i}]"
        _need(isinstance(seg, dict), path, where, "must be an object")
        kind = seg.get("kind")
        _need(kind in SEGMENT_KINDS, path, f"{where}.kind", f"must be one of {SEGMENT_KINDS}")
        speaker = seg.get("speaker")
        _need(
            speaker == NARRATOR or speaker in raw_speakers, path, f"{where}.speaker",
            f"{speaker!r} is neither 'narrator' nor a key of speakers",
        )  # fmt: skip
        text = seg.get("text")
        _need(isinstance(text, str) and bool(text.strip()), path, f"{where}.text", "must be text")
        paragraph = seg.get("paragraph", 0)
        _need(
            isinstance(paragraph, int) and paragraph >= 0, path, f"{where}.paragraph",
            "must be a whole number >= 0",
        )  # fmt: skip
        pause = seg.get("pause_after", 0)
        _need(
            isinstance(pause, int) and 0 <= pause <= 10_000, path, f"{where}.pause_after",
            "must be milliseconds 0-10000",
        )  # fmt: skip
        # `spoken` is recomputed from `text`: an edit of the words is what the user means.
        segments.append(Segment(kind, speaker, text, "", paragraph, pause))
    return segments


def load_script(path: Path) -> Script:
    """Read an edited script file; raise InputError naming the file and the field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        ) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return parse_script(data, path)
