"""The words the system adds itself: a spoken intro and outro around each article, and
around a bulletin. A show may set each one as a template (show.toml's [announcements])."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tts.text.model import NARRATOR, Script, Segment
from tts.text.phrases import phrase, spoken_date


@dataclass(frozen=True)
class Announcements:
    """A show's own wording, each a template or None for the built-in one. Fields: {show},
    {title}, {author}, {outlet}, {date}, {story} and {stories} (in a bulletin); a bulletin's
    own: {show}, {name}, {date}, {stories}, {headlines}."""

    intro: str | None = None
    outro: str | None = None
    bulletin_intro: str | None = None
    bulletin_outro: str | None = None


TEMPLATE_FIELDS = {
    "intro": {"show", "title", "author", "outlet", "date", "story", "stories"},
    "outro": {"show", "title", "author", "outlet", "date", "story", "stories"},
    "bulletin_intro": {"show", "name", "date", "stories", "headlines"},
    "bulletin_outro": {"show", "name", "date", "stories", "headlines"},
}


def template_fields(template: str) -> set[str]:
    """The fields a template names; ValueError for one that is not a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def fill(template: str, values: dict[str, str]) -> str:
    """The template with its fields filled. A sentence naming a field the article does not
    give ("By {author}." with no author) is left out rather than said half."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", template.strip()):
        names = template_fields(sentence)
        if all(values.get(name) for name in names):
            kept.append(sentence.format_map({name: values[name] for name in names}))
    return " ".join(kept)


def _article_fields(show_title: str, script: Script, story: tuple[int, int] | None) -> dict:
    return {
        "show": show_title,
        "title": (script.title or "").rstrip("."),
        "author": script.author or "",
        "outlet": script.outlet or "",
        "date": spoken_date(script.published, script.language) or "",
        "story": str(story[0]) if story else "",
        "stories": str(story[1]) if story else "",
    }


def intro_text(show_title: str, script: Script, story: tuple[int, int] | None = None) -> str:
    """'Show. Headline. By Author, Outlet, June 9, 2020.' with what the article gives, in
    the article's language. In a bulletin the show was named once already; each story
    opens 'Story 2 of 5.'"""
    language = script.language
    parts = [phrase(language, "story", n=story[0], count=story[1]) if story else f"{show_title}."]
    if script.title:
        parts.append(script.title.rstrip(".") + ".")
    credit = ", ".join(p for p in (script.outlet, spoken_date(script.published, language)) if p)
    if script.author:
        by = phrase(language, "by", author=script.author)
        parts.append(by + (f", {credit}." if credit else "."))
    elif credit:
        parts.append(phrase(language, "from", credit=credit))
    return " ".join(parts)


def outro_text(show_title: str, script: Script, story: tuple[int, int] | None = None) -> str:
    """Which article that was; alone, the publisher's rights and the synthetic voices too.
    In a bulletin those are said once, by its own outro, not after every story."""
    language = script.language
    title = script.title.rstrip(".") if script.title else phrase(language, "the_article")
    said = (
        phrase(language, "that_was_from", title=title, outlet=script.outlet)
        if script.outlet
        else phrase(language, "that_was", title=title)
    )
    if story:
        return said
    return f"{said} {phrase(language, 'rights', show=show_title)}"


def bulletin_outro_text(show_title: str, name: str, language: str | None = None) -> str:
    return phrase(language, "bulletin_outro", name=name, show=show_title)


def bulletin_fields(
    show_title: str,
    name: str,
    headlines: list[str],
    day: str,
    groups: Sequence[str | None] = (),
    language: str | None = None,
) -> dict:
    return {
        "show": show_title,
        "name": name,
        "date": day,
        "stories": str(len(headlines)),
        "headlines": headline_list(headlines, groups, language),
    }


def headline_list(
    headlines: Sequence[str], groups: Sequence[str | None] = (), language: str | None = None
) -> str:
    """Every headline, numbered as the chapters are; with `groups` (each story's source, in
    the order the stories come), each source named once before its stories:
    "From NPR: 1: Bridge vote delayed. 2: ... From BBC News: 3: ..." """
    said, previous = [], None
    for i, headline in enumerate(headlines):
        group = groups[i] if i < len(groups) else None
        if group and group != previous:
            said.append(phrase(language, "from_group", group=group.rstrip(".")))
        previous = group
        said.append(f"{i + 1}: {headline.rstrip('.')}.")
    return " ".join(said)


def bulletin_intro_text(
    show_title: str,
    name: str,
    headlines: list[str],
    groups: Sequence[str | None] = (),
    language: str | None = None,
) -> str:
    """The table of contents a talking-newspaper listener expects first: every headline,
    so the whole edition is heard in a minute and a chapter skip lands on a story."""
    count = len(headlines)
    stories = headline_list(headlines, groups, language)
    number = (
        phrase(language, "one_story") if count == 1 else phrase(language, "stories", count=count)
    )
    return f"{show_title}. {name}. {number} {phrase(language, 'contents')}: {stories}"


def with_announcements(
    script: Script,
    show_title: str,
    story: tuple[int, int] | None = None,
    own: Announcements = Announcements(),
) -> Script:
    """Return the script with intro and outro announcement segments around it, in the
    show's `own` wording where it has one."""
    fields = _article_fields(show_title, script, story)
    said_in = own.intro and fill(own.intro, fields)
    said_out = own.outro and fill(own.outro, fields)
    intro = Segment(
        "announcement", NARRATOR, said_in or intro_text(show_title, script, story), pause_after=900
    )
    outro = Segment(
        "announcement",
        NARRATOR,
        said_out or outro_text(show_title, script, story),
        paragraph=(script.segments[-1].paragraph + 1) if script.segments else 0,
    )
    segments = list(script.segments)
    if segments and segments[0].kind == "headline":
        segments = segments[1:]  # the intro already speaks the headline
    if segments:
        last = segments[-1]
        segments[-1] = replace(last, pause_after=max(last.pause_after, 1200))
    return replace(script, segments=[intro, *segments, outro])
