"""The plan of a build, alone: which articles make which episode, what each will say in
which voice, and whether it is stale. No audio is made (the engine is only asked its
revision), so these run in well under a second each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from talkingpaper.episode import Episode, save_episode, sidecar_path
from talkingpaper.errors import UserError
from talkingpaper.plan import Prepared, edition_name, plan_episodes, prepare_episode, slugify
from talkingpaper.show import Show, load_show

HARBOUR = """Harbour ferry returns after repairs

By Lina Ortiz

The harbour ferry carried passengers again on Monday after three months in dry dock.

"We missed the crossing more than we expected," said commuter Paul Mensah.

Tickets keep last year's price until the summer.
"""

MARKET = """Night market moves to the old station

By Omar Haddad

The weekly night market opens in the old railway station from Saturday.

"The roof means we can open in any weather," said organiser Greta Lind.
"""


def _show(tmp_path: Path) -> Show:
    root = tmp_path / "show"
    (root / "content").mkdir(parents=True)
    (root / "show.toml").write_text(
        '[show]\ntitle = "Harbour Radio"\n[voices]\nengine = "espeak-ng"\n'
    )
    (root / "content" / "harbour.txt").write_text(HARBOUR)
    (root / "content" / "market.txt").write_text(MARKET)
    return load_show(root)


def _record(show: Show, slug: str, prep: Prepared) -> Episode:
    """The record a build makes of `prep` (its key, and the date it gave the episode)."""
    return Episode(key=prep.key, slug=slug, sources=[], guid="g", title="t", author=None,
                   outlet=None, description="d", audio=f"episodes/{slug}.mp3", bytes=1,
                   duration=1.0, loudness=None, published=prep.published)  # fmt: skip


def test_each_article_is_an_episode_named_after_its_file(tmp_path: Path) -> None:
    show = _show(tmp_path)
    plans, clashes = plan_episodes(show.articles())
    assert [(p.slug, [a.name for a in p.articles]) for p in plans] == [
        ("harbour", ["harbour.txt"]),
        ("market", ["market.txt"]),
    ]
    assert clashes == []


def test_a_bulletin_is_one_episode_of_every_article_under_its_title(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (plan,), _ = plan_episodes(show.articles(), bulletin="Evening News", day=date(2026, 12, 2))
    assert plan.slug == "evening-news-2026-12-02" and plan.title == "Evening News"
    assert [a.name for a in plan.articles] == ["harbour.txt", "market.txt"]


@pytest.mark.parametrize(
    ("template", "language", "title", "slug"),
    [
        ("Morning edition {date}", "en", "Morning edition December 2, 2026", "morning-edition"),
        (
            "Morgenausgabe vom {date}",
            "de",
            "Morgenausgabe vom 2. Dezember 2026",
            "morgenausgabe-vom",
        ),
        ("Édition du {date}", "fr", "Édition du 2 décembre 2026", "dition-du"),
        ("{date}", "en", "December 2, 2026", "edition"),
        ("News {date}", "zz", "News 2026-12-02", "news"),  # a language CLDR lacks
    ],
)
def test_an_editions_name_carries_the_date_in_the_shows_language(
    template: str, language: str, title: str, slug: str
) -> None:
    assert edition_name(template, date(2026, 12, 2), language) == (title, f"{slug}-2026-12-02")


def test_two_articles_that_would_share_an_episode_keep_the_first(tmp_path: Path) -> None:
    show = _show(tmp_path)
    html = show.content / "harbour.html"
    html.write_text(f"<html><body><p>{HARBOUR}</p></body></html>")
    plans, clashes = plan_episodes(show.articles())
    assert [p.slug for p in plans] == ["harbour", "market"]
    assert plans[0].articles == [html]  # .html sorts before .txt
    ((slug, message),) = clashes
    assert slug == "harbour"
    assert message.startswith(f"{show.content / 'harbour.txt'}: it would make the same episode")
    assert "rename one" in message


def test_slugs_are_safe_in_a_url() -> None:
    assert slugify("Budget 2025: what's next?") == "budget-2025-what-s-next"
    assert slugify("  --  ") != slugify("---")
    assert slugify("  --  ").startswith("episode-")


def test_an_episode_says_its_article_in_the_cast_voices(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (plan, _), _ = plan_episodes(show.articles())
    cast: dict = {}
    prep = prepare_episode(show, plan, cast)
    assert prep.title == "Harbour ferry returns after repairs"
    spoken = " ".join(line.job.text for line in prep.lines)
    assert "three months in dry dock" in spoken
    assert "Harbour Radio" in spoken  # the show's intro announcement
    quote = next(line for line in prep.lines if line.segment.speaker == "Paul Mensah")
    narrator = prep.lines[0].job.voice
    assert quote.job.voice != narrator and "Paul Mensah" in cast
    assert {line.job.rate for line in prep.lines} == {show.rate}
    assert prep.lines[0].chapter == "Harbour ferry returns after repairs"
    assert all(line.chapter is None for line in prep.lines[1:])


def test_a_bulletin_opens_with_its_intro_and_numbers_paragraphs_across_stories(
    tmp_path: Path,
) -> None:
    show = _show(tmp_path)
    (plan,), _ = plan_episodes(show.articles(), bulletin="Evening News")
    prep = prepare_episode(show, plan, {})
    intro = prep.lines[0]
    assert intro.segment.kind == "announcement" and intro.paragraph == 0
    assert "Evening News" in intro.segment.text
    chapters = [line for line in prep.lines if line.chapter]
    assert len(chapters) == 3  # the bulletin's own, then one per story
    first_story = {line.paragraph for line in prep.lines[1 : prep.lines.index(chapters[2])]}
    second_story = {line.paragraph for line in prep.lines[prep.lines.index(chapters[2]) :]}
    assert first_story and second_story and max(first_story) < min(second_story)


def test_an_episode_is_stale_until_its_record_mp3_and_book_match_its_key(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (plan, _), _ = plan_episodes(show.articles())
    prep = prepare_episode(show, plan, {})
    assert prep.stale and prep.previous is None  # never built

    save_episode(sidecar_path(show.output, "harbour"), _record(show, "harbour", prep))
    assert prepare_episode(show, plan, {}).stale  # the record, but no MP3

    (show.output / "episodes" / "harbour.mp3").write_bytes(b"ID3")
    assert prepare_episode(show, plan, {}).stale  # no read-along book yet

    (show.output / "episodes" / "harbour.epub").write_bytes(b"PK")
    again = prepare_episode(show, plan, {})
    assert not again.stale and again.key == prep.key
    assert again.previous is not None and again.previous.key == prep.key


@pytest.mark.parametrize(
    "change",
    [{"loudness": -19.0}, {"bitrate": "96k"}, {"rate": 180}, {"title": "Other Radio"}],
)
def test_a_setting_that_shapes_the_file_makes_the_episode_stale(
    tmp_path: Path, change: dict
) -> None:
    show = _show(tmp_path)
    (plan, _), _ = plan_episodes(show.articles())
    first = prepare_episode(show, plan, {})
    key = first.key
    save_episode(sidecar_path(show.output, "harbour"), _record(show, "harbour", first))
    (show.output / "episodes" / "harbour.mp3").write_bytes(b"ID3")
    (show.output / "episodes" / "harbour.epub").write_bytes(b"PK")
    assert not prepare_episode(show, plan, {}).stale
    changed = prepare_episode(replace(show, **change), plan, {})
    assert changed.stale and changed.key != key


def test_an_edited_sentence_changes_only_its_own_line(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (plan, _), _ = plan_episodes(show.articles())
    before = prepare_episode(show, plan, {})
    article = show.content / "harbour.txt"
    article.write_text(HARBOUR.replace("until the summer", "until the autumn"))
    after = prepare_episode(show, plan, {})
    assert after.key != before.key
    changed = [b.job for b, a in zip(before.lines, after.lines, strict=True) if a.job != b.job]
    assert len(changed) == 1 and "summer" in changed[0].text


def test_a_bulletin_says_the_rights_notice_once_at_its_end(tmp_path: Path) -> None:
    show = _show(tmp_path)
    (plan,), _ = plan_episodes(show.articles(), bulletin="Evening News")
    texts = [line.segment.text for line in prepare_episode(show, plan, {}).lines]
    assert sum("Copyright" in t for t in texts) == 1 and "Copyright" in texts[-1]
    assert "Evening News" in texts[-1]


def test_the_shows_own_announcements_come_from_show_toml(tmp_path: Path) -> None:
    show = _show(tmp_path)
    toml = show.root / "show.toml"
    toml.write_text(toml.read_text() + (
        '\n[announcements]\nintro = "Now, {title}. By {author}."\n'
        'bulletin_intro = "Welcome to {name} on {show} for {date}: {stories} stories. '
        '{headlines}"\n'
        'bulletin_outro = "Goodbye from {show}."\n'
    ))  # fmt: skip
    show = load_show(show.root)
    (plan,), _ = plan_episodes(show.articles(), bulletin="Evening News", day=date(2026, 3, 5))
    texts = [line.segment.text for line in prepare_episode(show, plan, {}).lines]
    assert texts[0].startswith(
        "Welcome to Evening News on Harbour Radio for March 5, 2026: 2 stories. 1: "
    )
    assert texts[1] == "Now, Harbour ferry returns after repairs. By Lina Ortiz."
    assert texts[-1] == "Goodbye from Harbour Radio."


@pytest.mark.parametrize(
    ("setting", "words"),
    [('intro = "By {writer}."', ["announcements.intro", "{writer}", "{author}"]),
     ('outro = "That was {title"', ["announcements.outro", "not a template"])],
)  # fmt: skip
def test_an_announcement_naming_an_unknown_field_is_refused(
    tmp_path: Path, setting: str, words: list[str]
) -> None:
    show = _show(tmp_path)
    toml = show.root / "show.toml"
    toml.write_text(toml.read_text() + f"\n[announcements]\n{setting}\n")
    with pytest.raises(UserError) as caught:
        load_show(show.root)
    for word in words:
        assert word in str(caught.value)
