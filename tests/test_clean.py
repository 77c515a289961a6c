"""Cleaning: every rule removes its chrome and leaves story lines that only look like chrome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tts.errors import InputError
from tts.text.clean import clean_article
from tts.text.clean_region import is_prose, line_scores, story_span
from tts.text.metadata import bio_author, byline_author, find_date, is_name, sign_off_author
from tts.text.model import Article
from tts.text.read import read_article

DATA = Path(__file__).parent / "data" / "clean"
CASES = sorted(DATA.glob("*.txt"))


def clean_lines(*lines: str, **options: object) -> Article:
    return clean_article(Article(source="test.txt", paragraphs=list(lines)), **options)  # type: ignore[arg-type]


def rule_of(article: Article, line: str) -> str | None:
    return next((cut.rule for cut in article.dropped if cut.text == line), None)


STORY = [
    "The county opened a new shelter for storm victims on Tuesday, officials said.",
    "It has room for 200 people and will stay open through the end of the month.",
    "Volunteers brought food, blankets and toys for the children staying there.",
]


# Data-driven cases: tests/data/clean/NAME.txt beside NAME.json, the expected result.
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_clean_cases(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    article = clean_article(read_article(path))
    for key, value in expected.items():
        if key == "dropped":
            rules = {cut.text: cut.rule for cut in article.dropped}
            for line, rule in value.items():
                assert rules.get(line) == rule, line
        else:
            assert getattr(article, key) == value, key


# One line per rule of the table, each inside a story so the region step keeps the rest.
@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Play Live Radio", "audio-player"),
        ("Next Up:", "audio-player"),
        ("Available On Air Stations", "audio-player"),
        ("0:00 0:00", "time-code"),
        ("Valley Public Radio | Your Source for NPR News", "station-tagline"),
        ("88.5 FM | 91.7 FM", "station-tagline"),
        ("Become a sustaining member and you could win a trip!", "pledge-prompt"),
        ("Support independent journalism", "pledge-prompt"),
        ("Sign up for our morning newsletter", "newsletter-prompt"),
        ("Credit Jane Smith", "photo-credit"),
        ("Photo: Damian Dovarganes, AP", "photo-credit"),
        ("Getty Images", "agency-credit"),
        ("Xinhua /Landov", "agency-credit"),
        ("Image 1 of 5", "gallery-counter"),
        ("close video ad", "video-player"),
        ("Unmutetoggle ad audio on off", "video-player"),
        ("Posted at 5:05 PM, Oct 30, 2016", "date-line"),
        ("and last updated 2016-10-30 17:05:27-04", "date-line"),
        ("November 20, 2019", "date-line"),
        ("5 min read", "reading-time"),
        ("Copyright 2020 NPR. To see more, visit https://www.npr.org.", "copyright"),
        ("Powered by Frankly", "platform-credit"),
        ("Read more at the Gazette.", "read-more"),
        ("Continue reading the main story", "read-more"),
        ("NPR : News", "breadcrumb"),
        ("Filed Under:", "tag-list"),
        ("Tags: weather, storms", "tag-list"),
        ("Related Content", "related-heading"),
        ("You May Also Like", "related-heading"),
        ("Leave a comment", "comments"),
        ("34 responses to “Storm shelter opens”", "comments"),
        ("1. riverfan says:", "comment-author"),
        ("Click to share on Facebook (Opens in new window)", "share-button"),
        ("jdoe@example.com", "contact-address"),
        ("Follow us on Twitter", "social-prompt"),
        ("Share", "navigation"),
        ("Advertisement", "navigation"),
        ("By Jane Smith", "byline"),
        ("*", "no-words"),
    ],
)
def test_line_rule(line: str, rule: str) -> None:
    article = clean_lines(STORY[0], STORY[1], line, STORY[2])
    assert rule_of(article, line) == rule
    if rule in ("copyright", "comments", "comment-author"):
        # These end the story: whatever follows them is a footer or a comment.
        assert article.paragraphs == STORY[:2]
    else:
        assert article.paragraphs == STORY


@pytest.mark.parametrize(
    "line",
    [
        "It was close.",  # a one-line paragraph
        "Photos show the water reached the second floor.",  # starts like a credit
        "Credit where credit is due, she said.",  # starts like a credit, is a sentence
        "Published reports said 12 people died.",  # starts like a date stamp
        "Share prices fell 4% on the news.",  # starts like a share button
        "“We will rebuild.”",  # a short quote paragraph
        "Emily Davis is a county spokesperson.",  # "Name is ..." in the middle is story
        "Follow the money, he said.",  # starts like a social prompt
    ],
)
def test_story_lines_that_look_like_chrome_stay(line: str) -> None:
    article = clean_lines(STORY[0], line, STORY[1], STORY[2])
    assert line in article.paragraphs


def test_dateline_and_subhead_stay() -> None:
    lines = ["FLAGSTAFF, Ariz. – " + STORY[0], "What comes next", STORY[1], STORY[2]]
    assert clean_lines(*lines).paragraphs == lines


def test_caption_printed_twice_around_credits_is_kept_once() -> None:
    caption = "A volunteer hands out blankets at the shelter on Tuesday."
    article = clean_lines("Shelter Opens", caption, "Jane Smith", "AP", caption, *STORY)
    assert article.image_caption == caption
    assert article.paragraphs == STORY
    assert rule_of(article, "Jane Smith") == "photo-credit"
    assert [c.rule for c in article.dropped if c.text == caption] == [
        "photo-caption",
        "photo-caption-repeat",
    ]


@pytest.mark.parametrize(("mode", "kept"), [("announce", True), ("once", True), ("drop", False)])
def test_caption_modes(mode: str, kept: bool) -> None:
    caption = "A volunteer hands out blankets at the shelter on Tuesday."
    article = clean_lines(caption, "Jane Smith", caption, *STORY, captions=mode)
    assert (article.image_caption == caption) is kept
    assert caption not in article.paragraphs


def test_unknown_caption_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="captions"):
        clean_lines(*STORY, captions="twice")


def test_page_title_line_repeating_the_headline() -> None:
    article = clean_lines(
        "Shelter Opens For Storm Victims | Valley News", "Shelter Opens For Storm Victims", *STORY
    )
    assert article.title == "Shelter Opens For Storm Victims"
    assert article.outlet == "Valley News"
    assert rule_of(article, "Shelter Opens For Storm Victims | Valley News") == "page-title"
    assert article.paragraphs == STORY


def test_pull_quote_repeating_a_later_sentence_is_said_once() -> None:
    quote = "It has room for 200 people and will stay open"
    article = clean_lines(STORY[0], quote, STORY[1], STORY[2])
    assert rule_of(article, quote) == "pull-quote"
    assert article.paragraphs == STORY


def test_repeated_line_is_said_once() -> None:
    article = clean_lines(*STORY, STORY[1])
    assert article.paragraphs == STORY


def test_chrome_before_the_headline_goes() -> None:
    article = clean_lines("Valley Radio", "Local News", "Shelter Opens For Storm Victims", *STORY)
    assert article.title == "Shelter Opens For Storm Victims"
    assert rule_of(article, "Local News") == "before-headline"
    assert article.paragraphs == STORY


def test_bare_name_under_the_headline_is_the_author() -> None:
    article = clean_lines("Shelter Opens For Storm Victims", "Ana Lima", *STORY)
    assert article.author == "Ana Lima"
    assert article.paragraphs == STORY


def test_closing_bio_is_the_author_not_the_story() -> None:
    bio = "Ana Lima is Valley Radio's weather reporter."
    article = clean_lines("Shelter Opens For Storm Victims", *STORY, bio)
    assert article.author == "Ana Lima"
    assert rule_of(article, bio) == "author-bio"
    assert article.paragraphs == STORY


def test_bio_after_copyright_footer_gives_the_author() -> None:
    lines = [*STORY, "Copyright 2021 Valley Radio. To see more, visit", "Ana Lima is our edi"]
    article = clean_lines(*lines)
    assert article.author == "Ana Lima"
    assert article.paragraphs == STORY


def test_teasers_after_footer_go() -> None:
    teaser = "The film follows a young musician through a long winter in the city."
    article = clean_lines(*STORY, "© 2021 Valley Radio", "NPR", "Winter Film Opens", teaser)
    assert article.paragraphs == STORY


def test_crawl_prefix_is_cut_and_gives_the_date() -> None:
    article = clean_lines(" date 2019-12-19 " + STORY[0], STORY[1], STORY[2])
    assert article.paragraphs == STORY
    assert article.published == "2019-12-19"
    assert rule_of(article, "date 2019-12-19") == "crawl-prefix"


def test_keep_overrides_rules() -> None:
    article = clean_lines(STORY[0], "Image 1 of 5", *STORY[1:], keep=["Image 1 of"])
    assert "Image 1 of 5" in article.paragraphs


def test_every_removed_line_is_listed_with_its_rule() -> None:
    raw = ["Play Live Radio", "Shelter Opens For Storm Victims", *STORY, "Powered by Frankly"]
    article = clean_lines(*raw)
    assert sorted([*article.paragraphs, *(c.text for c in article.dropped)]) == sorted(raw)


def test_only_chrome_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"test\.txt: no story text"):
        clean_lines("Play Live Radio", "Next Up:", "Share", "Image 1 of 5")


def test_whole_page_menus_and_teasers_go() -> None:
    menu = [f"* {word}" for word in ("Home", "World", "Markets", "Opinion", "Tech", "Travel")]
    teasers = ["Markets rally", "Stocks rose for a third day as traders...", "Rates hold"] * 3
    article = clean_lines(*menu, "Shelter Opens For Storm Victims", *STORY, *teasers, *menu)
    assert article.paragraphs == STORY


# The pieces the rules are built from.
def test_story_span_is_the_best_run() -> None:
    assert story_span([-4, 10, -4, 12, -20, 5]) == (1, 4)
    assert story_span([-1, -2]) == (0, 0)


def test_menus_cost_more_the_longer_they_run() -> None:
    one = line_scores([("Subhead", False)])
    five = line_scores([("Entry", False)] * 5)
    assert sum(five) < 5 * one[0]


def test_prose_test() -> None:
    assert is_prose("The sky was falling.")
    assert not is_prose("Weather Stories")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Posted at 5:05 PM, Oct 30, 2016", "2016-10-30"),
        ("and last updated 2016-10-30 17:05:27-04", "2016-10-30"),
        ("Tuesday, 19 November 2019", "2019-11-19"),
        ("Sept. 4, 2018", "2018-09-04"),
        ("no date here", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_metadata_lines() -> None:
    assert byline_author("By Daniel Kraker") == "Daniel Kraker"
    assert byline_author("By the time we arrived, it was over.") is None
    assert sign_off_author("Courtney Lane, reporting. clane@example.com") == "Courtney Lane"
    assert bio_author("Emily Feng is NPR's Beijing correspondent.") == "Emily Feng"
    assert bio_author("Emily Davis is a Grand Canyon spokesperson.") is None
    assert is_name("Sue-Lin Wong") and not is_name("Image 1 of 5")
