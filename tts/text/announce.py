"""The words the system adds itself: a spoken intro and outro around each article."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tts.text.model import NARRATOR, Script, Segment


def _spoken_date(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return f"{day:%B} {day.day}, {day.year}"


def intro_text(show_title: str, script: Script, story: tuple[int, int] | None = None) -> str:
    """'Show. Headline. By Author, Outlet, June 9, 2020.' with what the article gives.

    In a bulletin the show was named once already; each story opens 'Story 2 of 5.'"""
    parts = [f"Story {story[0]} of {story[1]}." if story else f"{show_title}."]
    if script.title:
        parts.append(script.title.rstrip(".") + ".")
    credit = ", ".join(p for p in (script.outlet, _spoken_date(script.published)) if p)
    if script.author:
        parts.append(f"By {script.author}" + (f", {credit}." if credit else "."))
    elif credit:
        parts.append(f"From {credit}.")
    return " ".join(parts)


def outro_text(show_title: str, script: Script) -> str:
    source = f" from {script.outlet}" if script.outlet else ""
    return (
        f"That was {script.title.rstrip('.') if script.title else 'the article'}{source}. "
        f"Copyright belongs to the original publisher. "
        f"{show_title} is read by synthetic voices."
    )


def bulletin_intro_text(show_title: str, name: str, headlines: list[str]) -> str:
    """The table of contents a talking-newspaper listener expects first."""
    count = len(headlines)
    stories = " ".join(f"{i}: {h.rstrip('.')}." for i, h in enumerate(headlines, start=1))
    return f"{show_title}. {name}. {count} {'story' if count == 1 else 'stories'}. {stories}"


def with_announcements(
    script: Script, show_title: str, story: tuple[int, int] | None = None
) -> Script:
    """Return the script with intro and outro announcement segments around it."""
    intro = Segment(
        "announcement", NARRATOR, intro_text(show_title, script, story), pause_after=900
    )
    outro = Segment(
        "announcement",
        NARRATOR,
        outro_text(show_title, script),
        paragraph=(script.segments[-1].paragraph + 1) if script.segments else 0,
    )
    segments = list(script.segments)
    if segments and segments[0].kind == "headline":
        segments = segments[1:]  # the intro already speaks the headline
    if segments:
        last = segments[-1]
        segments[-1] = replace(last, pause_after=max(last.pause_after, 1200))
    return replace(script, segments=[intro, *segments, outro])
