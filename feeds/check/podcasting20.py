"""Podcasting 2.0 rules P20-01..10 of PODCAST_RULES.md. The transcript files they open are read
by `transcripts`; the ID3 chapters the JSON chapters must match come from `id3`."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from feeds.check.context import NS, PODCAST_NS, PODCAST_NS_OLD, Context, Episode, Issue, Rule
from feeds.check.id3 import id3_chapters
from feeds.check.reference_lists import MEDIA, PERSON_GROUPS, PERSON_ROLES, TIMED_TRANSCRIPTS
from feeds.check.reference_lists import TRANSCRIPT_TYPES as TYPES
from feeds.check.transcripts import READERS, vtt_cues

# guid.md: podcast:guid is UUIDv5 of the feed URL (no scheme, no trailing slash) in this space.
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
MAX_LINE = 65  # characters per caption line a reader can take in at a glance
TOLERANCE = 0.1  # seconds: JSON chapters against ID3 CHAP, cue ends against the duration
_TAG = re.compile(r"<[^>]*>")


def _expected_guid(feed_url: str) -> str:
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, bare))


def _guid(ctx: Context) -> Iterator[Issue]:
    guids = ctx.channel.findall("podcast:guid", NS)
    if not guids:
        yield Issue("no podcast:guid", "add podcast:guid (uuid5 of the feed URL)")
        return
    value, expected = (guids[0].text or "").strip(), _expected_guid(ctx.feed_url)
    if len(guids) > 1:
        yield Issue(f"{len(guids)} podcast:guid elements", "write exactly one")
    if value != expected:
        yield Issue(
            f"podcast:guid is {value} but uuid5 of {ctx.feed_url} is {expected}",
            "compute the guid once from the first public feed URL and keep it when moving",
        )


def _locked(ctx: Context) -> Iterator[Issue]:
    from email_validator import EmailNotValidError, validate_email

    for locked in ctx.channel.findall("podcast:locked", NS):
        if (locked.text or "").strip() not in ("yes", "no"):
            yield Issue(f"podcast:locked is {locked.text!r}", "write yes or no")
        owner = locked.get("owner")
        if owner:
            try:
                validate_email(owner, check_deliverability=False)
            except EmailNotValidError as exc:
                yield Issue(f"podcast:locked owner {owner!r}: {exc}", "fix show.owner_email")


def _podcast_elements(ctx: Context) -> Iterator[etree._Element]:
    for element in ctx.root.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace in (
            PODCAST_NS,
            PODCAST_NS_OLD,
        ):
            yield element


def _https(ctx: Context) -> Iterator[Issue]:
    urls = [e.get(a) for e in _podcast_elements(ctx) for a in ("url", "href", "uri") if e.get(a)]
    issue = ctx.https_issue("podcast:* URLs", urls)
    if issue:
        yield issue


def _transcript_file(ctx: Context, episode: Episode, url: str, kind: str) -> Iterator[Issue]:
    path = ctx.local(url)
    if path is None:
        yield Issue(
            f"{episode.label} transcript {url} is not under the base URL; not checked",
            "serve transcripts from output/",
            "warning",
        )
        return
    if not path.is_file():
        yield Issue(f"{episode.label} transcript {path.name} is missing", "run talkingpaper build")
        return
    reader = READERS.get(kind)
    if reader is None:
        return
    try:
        cues = reader(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        yield Issue(f"{episode.label} {path.name} does not parse: {exc}", "rebuild the episode")
        return
    if not cues:
        yield Issue(f"{episode.label} {path.name} has no cues", "rebuild the episode")


def _transcripts(ctx: Context) -> Iterator[Issue]:
    import langcodes

    for episode in ctx.episodes:
        for element in episode.item.findall("podcast:transcript", NS):
            url, kind = element.get("url"), element.get("type")
            if not url or not kind:
                yield Issue(f"{episode.label} transcript lacks url or type", "write both")
                continue
            if kind not in TYPES:
                yield Issue(
                    f"{episode.label} transcript type {kind!r} is not one the spec lists",
                    "use " + ", ".join(TYPES),
                )
                continue
            suffix = Path(url.split("?")[0]).suffix.lower()
            if suffix not in TYPES[kind]:
                yield Issue(
                    f"{episode.label} transcript {url} is typed {kind}",
                    f"give {kind} files a {' or '.join(TYPES[kind])} name",
                )
            language = element.get("language")
            if language is not None and not langcodes.tag_is_valid(language):
                yield Issue(f"{episode.label} transcript language {language!r}", 'use e.g. "en"')
            if element.get("rel") == "captions" and kind not in TIMED_TRANSCRIPTS:
                yield Issue(
                    f'{episode.label} {kind} transcript has rel="captions" but no cue timing',
                    'keep rel="captions" for VTT and SRT only',
                )
            yield from _transcript_file(ctx, episode, url, kind)


def _captions(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        cues = vtt_cues(ctx, episode)
        if not cues:
            continue
        duration = episode.duration
        for number, (before, cue) in enumerate(zip([None, *cues], cues, strict=False), 1):
            where = f"{episode.label} VTT cue {number} ({cue.start:.3f} s)"
            if cue.end < cue.start:
                yield Issue(f"{where} ends before it starts", "rebuild the transcript")
            if before and cue.start < before.start:
                yield Issue(f"{where} starts before the cue above it", "sort cues by start")
                break
            if before and cue.start < before.end - 0.001:
                yield Issue(f"{where} overlaps the cue above it", "end each cue before the next")
                break
            if duration is not None and cue.end > duration + TOLERANCE:
                yield Issue(
                    f"{where} ends after the audio ({duration:.2f} s)",
                    "time cues from the encoded audio",
                )
                break
        long = [ln for c in cues for ln in c.lines if len(_TAG.sub("", ln)) > MAX_LINE]
        if long:
            yield Issue(
                f"{episode.label} VTT has {len(long)} lines over {MAX_LINE} characters, e.g. "
                f"{_TAG.sub('', long[0])[:80]!r}",
                f"wrap caption lines at {MAX_LINE} characters",
            )
        unvoiced = sum(1 for c in cues if not (c.lines and c.lines[0].startswith("<v ")))
        if unvoiced:
            yield Issue(
                f"{episode.label} VTT has {unvoiced} cues without a <v Speaker> tag",
                "name the speaker of every cue with <v Name>",
            )


def _chapters_json(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        element = episode.item.find("podcast:chapters", NS)
        if element is None:
            continue
        path, kind = ctx.local(element.get("url")), element.get("type")
        if kind != "application/json+chapters":
            yield Issue(
                f"{episode.label} chapters type {kind!r}", 'use "application/json+chapters"'
            )
        if path is None or not path.is_file():
            yield Issue(
                f"{episode.label} chapters file {element.get('url')} is missing",
                "run talkingpaper build",
            )
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            yield Issue(f"{episode.label} {path.name} is not JSON: {exc}", "rebuild it")
            continue
        yield from _chapter_list(episode, path.name, data)


def _chapter_list(episode: Episode, name: str, data: Any) -> Iterator[Issue]:
    fix = "write chapters in time order from the stitched audio (they must match the ID3 CHAPs)"
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        yield Issue(f'{episode.label} {name} has no "version" string', 'add "version": "1.2.0"')
    chapters = data.get("chapters") if isinstance(data, dict) else None
    if not isinstance(chapters, list):
        yield Issue(f'{episode.label} {name} has no "chapters" array', fix)
        return
    given = [c.get("startTime") if isinstance(c, dict) else None for c in chapters]
    starts: list[float] = [s for s in given if isinstance(s, int | float) and s >= 0]
    if len(starts) != len(given):
        yield Issue(f"{episode.label} {name}: every startTime must be a number >= 0", fix)
        return
    if any(b < a for a, b in zip(starts, starts[1:], strict=False)):
        yield Issue(f"{episode.label} {name}: chapters are not in ascending startTime", fix)
    duration = episode.duration
    if duration is not None and any(s >= duration for s in starts):
        yield Issue(f"{episode.label} {name}: a chapter starts after the audio ends", fix)
    frames = id3_chapters(episode)
    if not frames:
        return
    if len(frames) != len(chapters):
        yield Issue(
            f"{episode.label} {name} has {len(chapters)} chapters, the MP3 "
            f"{len(frames)} CHAP frames",
            fix,
        )
        return
    for number, (chapter, frame) in enumerate(zip(chapters, frames, strict=True), 1):
        pairs = [("start", chapter["startTime"], frame.start_time / 1000)]
        if isinstance(chapter.get("endTime"), int | float):
            pairs.append(("end", chapter["endTime"], frame.end_time / 1000))
        for what, json_time, id3_time in pairs:
            if abs(json_time - id3_time) > TOLERANCE:
                yield Issue(
                    f"{episode.label} {name} chapter {number} {what}s at {json_time:.3f} s, "
                    f"the ID3 CHAP at {id3_time:.3f} s",
                    fix,
                )


def _people(ctx: Context) -> Iterator[Issue]:
    for element in ctx.root.iterfind(".//podcast:person", NS):
        name = (element.text or "").strip()
        if not name or len(name) > 128:
            yield Issue(f"podcast:person {name[:40]!r} must have 1-128 characters", "shorten it")
        role, group = element.get("role"), element.get("group")
        if role is not None and role.strip().lower() not in PERSON_ROLES:
            yield Issue(f"podcast:person role {role!r} is not in the taxonomy", 'use e.g. "author"')
        if group is not None and group.strip().lower() not in PERSON_GROUPS:
            yield Issue(f"podcast:person group {group!r} is not in the taxonomy", "use e.g. cast")


def _txt(ctx: Context) -> Iterator[Issue]:
    txts = ctx.channel.findall("podcast:txt", NS)
    for txt in txts:
        if len(txt.text or "") > 4000 or len(txt.get("purpose") or "") > 128:
            yield Issue(
                "a podcast:txt is over 4000 characters (or its purpose over 128)", "shorten it"
            )
    ai = [t for t in txts if t.get("purpose") == "ai-content"]
    if not ai or (ai[0].text or "").strip() != "true":
        yield Issue(
            'no podcast:txt purpose="ai-content" saying true, yet synthetic voices read this',
            'add <podcast:txt purpose="ai-content">true</podcast:txt> to disclose TTS',
        )


def _medium(ctx: Context) -> Iterator[Issue]:
    media = ctx.channel.findall("podcast:medium", NS)
    if len(media) > 1:
        yield Issue(f"{len(media)} podcast:medium elements", "write at most one")
    for medium in media:
        if (medium.text or "").strip() not in MEDIA:
            yield Issue(f"podcast:medium {medium.text!r} is not in the list", 'use "podcast"')


def _signature(element: etree._Element) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    return (
        etree.QName(element).localname,
        (element.text or "").strip(),
        tuple(sorted(element.attrib.items())),
    )


def _old_namespace_copy(ctx: Context) -> Iterator[Issue]:
    # The feed may repeat podcast:* under the old GitHub URI for gPodder's podcastparser; both
    # kinds of client must then read the same thing.
    for where, parent in [("the channel", ctx.channel)] + [(e.label, e.item) for e in ctx.episodes]:
        old = [_signature(e) for e in parent if etree.QName(e).namespace == PODCAST_NS_OLD]
        if not old:
            continue
        new = {_signature(e) for e in parent if etree.QName(e).namespace == PODCAST_NS}
        missing = [s for s in old if s not in new]
        if missing:
            yield Issue(
                f"{where}: the old-namespace copy of podcast:{missing[0][0]} differs from the "
                "canonical one, so gPodder and other apps read different data",
                "write the old-URI copy from the same values as the canonical tags",
            )


RULES: list[Rule] = [
    Rule("P20-01", "warning", "podcast:guid is uuid5 of the feed URL", _guid),
    Rule("P20-02", "warning", "podcast:locked yes/no with an email owner", _locked),
    Rule("P20-03", "error", "every podcast:* URL is https", _https),
    Rule("P20-04", "error", "transcripts typed, named and parse", _transcripts),
    Rule("P20-05", "warning", "VTT cues ordered, in the audio, short lines, voiced", _captions),
    Rule("P20-06", "error", "JSON chapters valid and match the ID3 CHAPs", _chapters_json),
    Rule("P20-07", "warning", "podcast:person name length, role and group", _people),
    Rule("P20-08", "warning", "podcast:txt lengths; ai-content disclosed", _txt),
    Rule("P20-09", "warning", "podcast:medium valid, at most one", _medium),
    Rule("P20-10", "warning", "old-namespace copy matches the canonical tags", _old_namespace_copy),
]
