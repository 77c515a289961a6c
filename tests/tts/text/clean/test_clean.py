"""Cleaning: every rule removes its chrome and leaves story lines that only look like chrome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA
from tts.errors import InputError
from tts.text.clean.article import clean_article
from tts.text.clean.region import is_prose, line_scores, story_span
from tts.text.metadata import bio_author, byline_author, find_date, is_name, sign_off_author
from tts.text.model import Article, Cut
from tts.text.read.article import read_article

DATA = DATA / "clean"
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
        ("[ 12 comments ]", "comments"),
        ("Top Rated Comments", "comments"),
        ("Rating: 36 Votes", "comment-votes"),
        ("2 days ago at 07:52 am", "date-line"),
        ("Tag: bridges", "tag-list"),
        ("Related Roundup: Storm Season", "tag-list"),
        ("Read more: Council approves the parks budget after a long night of debate", "read-more"),
        ("Like this story? Share it with a friend!", "reader-prompt"),
        ("Have a tip? Ana Lima may be reached at alima@example.com.", "reader-prompt"),
        ("We may earn a commission when you buy through links on our site.", "disclosure"),
        ("(Reporting by Ana Lima; Editing by Tom Park)", "reporting-credit"),
        ("Opinion Columnist", "author-role"),
        ("Email (required)", "newsletter-prompt"),
        ("No spam, we promise. You can unsubscribe at any time.", "newsletter-prompt"),
        ("Follow the Valley News opinion desk on Facebook and Twitter.", "social-prompt"),
        ("Advert", "navigation"),
        ("Sign Up for e-mail newsletters", "newsletter-prompt"),
        ("Email Ana Lima at alima@example.com or follow her @analima.", "social-prompt"),
        ("Join our forums to keep talking about the weather!", "social-prompt"),
        ("Crews clear the road near the bridge. The work will take a week. less", "caption-toggle"),
        ("Crews clear the road near the bridge. The work will ... more", "caption-toggle"),
        ("Storm shelters fill up across the valley [PICTURES]", "read-more"),
        (
            "In this May 4, 2020, file photo, volunteers stack sandbags by the river.",
            "caption-label",
        ),
        ("Tom Park contributed reporting from the capital.", "contributor-note"),
        ("Please enable JavaScript to view the comments.", "page-notice"),
        ("Image caption Volunteers unload blankets at the shelter", "caption-label"),
        ("2 of 4 A volunteer carries a box of food into the shelter on Tuesday.", "caption-label"),
        ("Valley News Service May 4, 2020, 9:02 AM", "date-line"),
        ("Mon 4 May 2020 18.54 BST Last modified on Mon 4 May 2020 19.10 BST", "date-line"),
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
        "The Valley Reporter",  # a newspaper's name, not a job title
        "Reporting by the county and the state showed the shelter was full.",  # not a credit
        "Subscribers to the water district will pay more next year.",  # not a sign-up box
        "The storm hit on May 4, 2020 at 9:02 a.m. and lasted all day.",  # a date and a time
        "Above all, the volunteers wanted the children to feel safe.",  # starts like a caption
        "In this town, everyone knows the river.",  # starts like an agency caption
        "She said the new plan would cost more, not less",  # ends like a caption toggle
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


# ---- chrome recognised by its kind (issue 11) ----------------------------------------------

HEADLINE = "Shelter Opens For Storm Victims"


def test_teasers_after_the_story_go_without_a_footer() -> None:
    teasers = [
        "Council Approves New Budget For Parks",
        "The vote came after a long debate over the cost of the new playgrounds.",
        "Road Repairs Will Close Main Street",
        "Drivers should expect delays for two weeks while crews repave the road.",
        "High School Band Wins State Title",
    ]
    article = clean_lines(HEADLINE, *STORY, *teasers)
    assert article.paragraphs == STORY
    # The region step already leaves out the last headline, which has no blurb under it.
    assert [rule_of(article, line) for line in teasers[:4]] == ["teaser"] * 4


def test_one_subhead_and_paragraph_at_the_end_stay() -> None:
    ending = ["What Comes Next", "The county will decide next month whether to build a second one."]
    article = clean_lines(HEADLINE, *STORY, *ending)
    assert article.paragraphs == [*STORY, *ending]


@pytest.mark.parametrize(
    "line",
    [
        "90.1 Springfield 88.3 Dover 91.7 Milton",
        "90.1 Springfield 88.3 Dover 91.7 Milton 89.5 Fort Rye 104.9 Lake Town 92.1 Ashby",
        "KXYZ 89.9",
        "WKRP-FM 101.5 | 1230 AM",
    ],
)
def test_station_identity_lines_go_even_before_the_headline(line: str) -> None:
    article = clean_lines(line, HEADLINE, *STORY, line)
    assert rule_of(article, line) == "station-identity"
    assert article.title == HEADLINE
    assert article.paragraphs == STORY


@pytest.mark.parametrize("line", ["Highway 101 reopened on Friday.", "Route 95.5", "KXYZ"])
def test_numbers_and_capitals_in_story_lines_are_not_station_identity(line: str) -> None:
    article = clean_lines(STORY[0], line, STORY[1], STORY[2])
    assert rule_of(article, line) != "station-identity"


def test_host_profile_is_not_the_byline_nor_the_headline() -> None:
    profile = [
        "Dana Reyes",
        "Dana Reyes",
        "Hi! I'm Dana, your morning host. I love coffee, hiking and my two dogs. Full Bio",
    ]
    article = clean_lines(*profile, HEADLINE, "By Ana Lima", *STORY)
    assert article.title == HEADLINE
    assert article.author == "Ana Lima"
    assert article.paragraphs == STORY
    assert [c.rule for c in article.dropped if c.text in profile] == ["host-profile"] * 3


def test_name_twice_above_a_first_person_bio_is_a_profile() -> None:
    profile = ["Dana Reyes", "Dana Reyes", "I grew up in the valley and have hosted mornings here."]
    article = clean_lines(HEADLINE, *STORY, *profile)
    assert article.paragraphs == STORY
    assert article.author is None


@pytest.mark.parametrize(
    "desk", ["Example Media Group National Content Desk", "By the Valley Metro News Desk"]
)
def test_syndication_desk_line_is_never_the_headline(desk: str) -> None:
    article = clean_lines(desk, *STORY)
    assert rule_of(article, desk) == "desk-line"
    assert article.title != desk
    assert article.paragraphs == STORY
    article = clean_lines(HEADLINE, desk, *STORY)
    assert article.title == HEADLINE
    assert article.author is None
    assert article.paragraphs == STORY


def test_read_more_prompt_line_goes() -> None:
    article = clean_lines(STORY[0], ">> Read more trending news", STORY[1], STORY[2])
    assert rule_of(article, ">> Read more trending news") == "read-more"
    assert article.paragraphs == STORY


@pytest.mark.parametrize(
    "prompt", [">> Read more trending news", "READ MORE: Council votes on the parks budget"]
)
def test_read_more_prompt_inside_a_line_is_cut_and_explained(prompt: str) -> None:
    article = clean_lines(STORY[0], f"{STORY[1]} {prompt}", STORY[2])
    assert article.paragraphs == STORY
    assert Cut("read-more", prompt) in article.dropped


def test_reading_more_in_a_sentence_is_story() -> None:
    line = "She wanted to read more: books, papers and letters from the war."
    article = clean_lines(STORY[0], line, STORY[1], STORY[2])
    assert line in article.paragraphs


def test_link_prompt_ending_the_last_paragraph_is_cut() -> None:
    article = clean_lines(*STORY[:2], f"{STORY[2]} (More lost-and-found stories.)")
    assert article.paragraphs == STORY
    assert Cut("link-prompt", "(More lost-and-found stories.)") in article.dropped


def test_parenthesis_about_more_of_something_stays() -> None:
    last = "The new tower will be the tallest in the county (more than 20 stories)."
    article = clean_lines(*STORY, last)
    assert article.paragraphs[-1] == last


def test_lone_photographer_credit_under_a_caption_goes() -> None:
    caption = "A volunteer carries blankets into the shelter on Tuesday."
    article = clean_lines(STORY[0], caption, "Jane Smith", STORY[1], STORY[2])
    assert rule_of(article, "Jane Smith") == "photo-credit"
    assert article.paragraphs == [STORY[0], caption, STORY[1], STORY[2]]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("AFP/Valley Wire/Getty Images", "agency-credit"),
        ("A firefighter sprays the roof on Tuesday. (AP Photo/Jane Roe)", "caption-with-credit"),
        ("Crews clear the road near the bridge (Image: GETTY)", "caption-with-credit"),
        ("A cargo ship leaves the harbor on May 4, 2020. (AP)", "caption-with-credit"),
        (
            "Crews clear the road near the bridge. Credit... Jane Roe/Valley Times",
            "caption-with-credit",
        ),
    ],
)
def test_credits_and_credited_captions_go(line: str, rule: str) -> None:
    article = clean_lines(STORY[0], STORY[1], line, STORY[2])
    assert rule_of(article, line) == rule
    assert article.paragraphs == STORY


@pytest.mark.parametrize("credit", ["Jane Roe/The Valley Times", "Jane Roe | Valley Wire | AFP"])
def test_photographer_and_agency_credit_takes_its_caption(credit: str) -> None:
    caption = "A volunteer carries blankets into the shelter on Tuesday."
    article = clean_lines(STORY[0], STORY[1], caption, credit, STORY[2])
    assert rule_of(article, credit) == "agency-credit"
    assert rule_of(article, caption) == "photo-caption"
    assert article.paragraphs == STORY


def test_name_wrote_above_a_statement_is_attribution_not_a_comment() -> None:
    lines = [
        HEADLINE,
        STORY[0],
        "Mayor Ann Lee wrote:",
        '"We will rebuild the shelter before winter, and we will do it together."',
        *STORY[1:],
    ]
    article = clean_lines(*lines)
    assert article.paragraphs == lines[1:]


@pytest.mark.parametrize("intro", ["He said:", "Okafor wrote:", "She said:"])
def test_a_pronoun_or_surname_with_said_above_a_quote_is_attribution(intro: str) -> None:
    """A one-word commenter's name is a screen name; `He said:` introduces the story's quote
    and starts no comments region that would drop the rest of the story."""
    lines = [
        HEADLINE,
        STORY[0],
        intro,
        '"We will rebuild the shelter before winter, and we will do it together."',
        *STORY[1:],
    ]
    article = clean_lines(*lines)
    assert article.paragraphs == lines[1:]


def test_dated_comment_headers_start_comments_that_never_win() -> None:
    comments = [
        "2 Comments",
        "Milan Ortiz on May 2, 2019 at 4:05 pm said:",
        "I think the county should have built this shelter years ago, when the first storm hit "
        "the valley and hundreds of families had nowhere to go for the whole of the winter.",
        "Rosa Vega on May 3, 2019 at 9:12 am said:",
        "Thanks to all the volunteers who gave their time, food and blankets to the families.",
    ]
    article = clean_lines(HEADLINE, *STORY, *comments)
    assert article.paragraphs == STORY


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Tom Gillespie News reporter", "Tom Gillespie"),
        ("Tom Gillespie, News reporter", "Tom Gillespie"),
        ("By Jane Doe, Associated Press", "Jane Doe"),
        ("By Dan Park | Valley Media Group", "Dan Park"),
        ("By Dan Park on Monday, May 4th, 2020 at 11:08 a.m.", "Dan Park"),
    ],
)
def test_author_is_a_persons_name(byline: str, author: str) -> None:
    article = clean_lines(HEADLINE, byline, *STORY)
    assert article.author == author
    assert article.paragraphs == STORY


def test_byline_naming_no_person_gives_no_author() -> None:
    article = clean_lines(HEADLINE, "By Associated Press", *STORY)
    assert article.author is None
    assert article.paragraphs == STORY


@pytest.mark.parametrize(
    "line",
    [
        "88.1 " * 20_000,
        "Aa " * 20_000 + "Desk",
        "(more " * 10_000 + "stories",
        ">> read more " * 5_000,
        "x. READ MORE: " * 5_000,
        "Credit: " * 10_000,
        "Jane Roe/" * 10_000,
        "Ann wrote " * 10_000 + ":",
        "Ann on " + "9" * 50_000 + " said:",
        "By Ann Lee " + "x" * 50_000,
        "Monday May 4, 2020 " + "1" * 50_000 + " by Ann Lee",
        "Aa " * 100 + "Full Bio",
        "[" * 20_000 + "VIDEO]",
    ],
)
def test_new_rules_finish_on_long_hostile_lines(line: str) -> None:
    # Exponential backtracking would hang here; every rule is linear in the line's length.
    article = clean_lines(*STORY, line)
    assert article.paragraphs[: len(STORY)] == STORY


def test_date_stamp_ending_in_a_byline_gives_author_and_date() -> None:
    stamp = "Monday May 4, 2020 7:45 am PDT by Ann Lee"
    article = clean_lines(HEADLINE, stamp, *STORY)
    assert (article.author, article.published) == ("Ann Lee", "2020-05-04")
    assert article.paragraphs == STORY


def test_sentence_with_a_date_and_by_is_not_a_stamp() -> None:
    line = "On May 4, 2020 the county gave its first award for courage to a poem by Ann Lee"
    article = clean_lines(STORY[0], line, STORY[1], STORY[2])
    assert article.author is None
    assert line in article.paragraphs


def test_teasers_with_author_and_date_go() -> None:
    teasers = [
        "Council approves new budget for parks",
        "Ann Lee",
        "Tuesday, May 5, 2020",
        "The vote came after a long debate over the cost of the new playgrounds in the city.",
        "Road repairs will close Main Street",
        "Tom Park",
        "Monday, May 4, 2020",
        "Drivers should expect delays for two weeks while crews repave the whole road.",
    ]
    article = clean_lines(HEADLINE, *STORY, *teasers)
    assert article.paragraphs == STORY


def test_comments_under_a_story_are_never_the_story() -> None:
    comment = (
        "I have lived in this valley all my life and I can tell you that the county has never "
        "once done anything this good for the families who lose their homes to the storms, "
        "and I hope that they keep the shelter open all through the winter and the spring, "
        "because the river will rise again and we will need it more than we did this year."
    )
    article = clean_lines(HEADLINE, *STORY, "Comments", "riverfan", comment, comment + " Yes.")
    assert article.paragraphs == STORY


def test_chrome_cut_by_rules_still_parts_a_teaser_from_the_story() -> None:
    teaser = 'Video shows volunteers opening a storm shelter: "We did it!"'
    lines = [teaser, "Updated on: May 4, 2020 / 10:07 AM", "Share", "Tweet", "Email", HEADLINE]
    article = clean_lines(*lines, *STORY)
    assert article.title == HEADLINE
    assert article.paragraphs == STORY


@pytest.mark.parametrize("heading", ["Next Up In Science & Health", "More In Good Deals"])
def test_headings_of_teaser_lists_go(heading: str) -> None:
    article = clean_lines(*STORY, heading, "Rates Hold Steady As Markets Wait")
    assert rule_of(article, heading) == "related-heading"
    assert article.paragraphs == STORY


def test_deck_between_headline_and_byline_goes() -> None:
    deck = "The county's first shelter opened as the river kept rising."
    article = clean_lines(HEADLINE, deck, "By Ana Lima", "May 4, 2020", *STORY)
    assert rule_of(article, deck) == "deck"
    assert article.paragraphs == STORY


def test_first_paragraph_under_the_headline_is_not_a_deck() -> None:
    article = clean_lines(HEADLINE, *STORY, "By Ana Lima")
    assert article.paragraphs == STORY


def test_the_authors_bio_box_ends_the_story() -> None:
    bio = "Ana Lima is a weather reporter for Valley Radio, covering storms and floods."
    teaser = "The county will vote next week on a plan to widen the river banks near town."
    article = clean_lines(HEADLINE, "By Ana Lima", *STORY, bio, "More From Valley Radio", teaser)
    assert article.author == "Ana Lima"
    assert rule_of(article, bio) == "author-bio"
    assert article.paragraphs == STORY


def test_another_persons_bio_in_the_story_stays() -> None:
    line = "Tom Park is a reporter for the county paper who first wrote about the shelter."
    ending = "The shelter will stay open through March."
    article = clean_lines(HEADLINE, "By Ana Lima", *STORY[:2], line, STORY[2], ending)
    assert line in article.paragraphs


def test_teasers_under_one_section_label_go() -> None:
    teasers = []
    for blurb in (
        "The council voted to repave the whole of Main Street before the winter comes.",
        "The library will stay open late on weekdays so students have a place to study.",
        "The bus company said it will add two routes to the north side of the city.",
    ):
        teasers += ["Local News", blurb]
    article = clean_lines(HEADLINE, *STORY, *teasers)
    assert article.paragraphs == STORY


def test_numbered_list_under_a_most_read_heading_goes() -> None:
    listed = [
        "1. Council votes to repave Main Street. Work starts in the spring.",
        "2. Library extends its hours for students. The change starts Monday.",
        "3. Bus company adds two routes",
    ]
    article = clean_lines(HEADLINE, *STORY, "Most Read", *listed)
    assert article.paragraphs == STORY


def test_a_story_continuing_after_a_related_heading_stays() -> None:
    article = clean_lines(HEADLINE, STORY[0], "Related Stories", STORY[1], STORY[2])
    assert article.paragraphs == STORY


def test_byline_on_two_lines() -> None:
    article = clean_lines(HEADLINE, "By", "Ana Lima", *STORY)
    assert article.author == "Ana Lima"
    assert article.paragraphs == STORY
