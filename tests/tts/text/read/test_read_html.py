"""HTML pages as a listener meets them: the headline once, no pop-up cards, site prompts or
credits in the story, embedded posts spoken as quotes of their authors.

The pages in tests/data/html/ are invented, each in the shape of markup seen on news sites.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import DATA
from tts.text.clean.article import clean_article
from tts.text.clean.site_lines import drop_site_lines, is_prompt, is_source_line
from tts.text.model import Article, Script
from tts.text.pipeline import article_from_source
from tts.text.read.article import read_article, read_html
from tts.text.read.html_headline import page_headline, same_headline, title_part
from tts.text.script.segments import script_article

PAGES = DATA / "html"


def read(name: str, **options: str) -> Article:
    return read_article(PAGES / name, **options)


def script(name: str) -> Script:
    return script_article(clean_article(read(name)))


def rules(article: Article) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for cut in article.dropped:
        found.setdefault(cut.rule, []).append(cut.text)
    return found


def spoken_text(result: Script) -> str:
    return " ".join(seg.text for seg in result.segments)


# ---- pop-up cards and hidden text inside the story ---------------------------------------


def test_hover_card_goes_and_the_name_stays() -> None:
    article = clean_article(read("hover-card.html"))
    assert article.paragraphs[0] == (
        "Mayor Dana Ortiz (D) signed the flood plan on Tuesday after the council passed it "
        "by seven votes to two."
    )
    cards = rules(article)["hover-card"]
    assert any("Dana Maria Ortiz" in text and "MORE" in text for text in cards)


def test_tooltip_text_goes_and_the_term_stays() -> None:
    paragraphs = clean_article(read("hover-card.html")).paragraphs
    assert paragraphs[1].startswith("The plan raises the levee along the east side")
    # A term named for a tooltip but holding only the term is part of the sentence.
    assert paragraphs[2].startswith("Work on the embankment starts in the spring")
    assert "embankment built to stop" not in " ".join(paragraphs)


def test_hidden_text_inside_a_paragraph_is_not_read() -> None:
    article = clean_article(read("hover-card.html"))
    text = " ".join(article.paragraphs)
    assert "Sponsored" not in text and "share counter" not in text
    assert "on a new advisory board, the council said." in text
    assert "Hidden share counter 1,204" in rules(article)["hidden-text"]


def test_a_tag_left_open_is_not_a_card() -> None:
    """A broken page's open pop-up tag holds the rest of the story: it must stay."""
    result = script("malformed.html")
    text = spoken_text(result)
    assert "thirty stalls selling fruit, fish and bread" in text
    assert "Traders said the new roof kept the hall dry" in text


# ---- the site talking: prompts and source credits ------------------------------------------


def test_prompts_and_source_lines_go() -> None:
    article = clean_article(read("site-lines.html"))
    assert article.paragraphs[-1] == 'Her book about the choir, "Sing It Back", is out now.'
    # Each goes with a rule `--explain` names; which of the cleaning rules that know the
    # kind takes it first does not matter to a listener.
    cut = {c.text: c.rule for c in article.dropped}
    assert cut["SOURCE: Wire services"] == "source-line"
    assert cut["Follow her on Twitter @rosaalvarez."] == "reader-prompt"  # a paragraph's tail
    for line in (
        "Follow Valley Beat on Instagram, Facebook and Twitter.",
        "Sign up for the free weekly Valley Beat newsletter.",
        "Read more: Valley choir heads for national final",
        "Reporting by Jane Roe; editing by John Doe",
    ):
        assert cut[line].endswith(("prompt", "read-more", "credit")), (line, cut.get(line))
    assert any(text.startswith("Listen to Valley Beat live") for text in cut)
    assert len(article.paragraphs) == 4  # the story's own paragraphs, all of them


@pytest.mark.parametrize(
    "sentence",
    [
        "Follow us on Twitter and Facebook.",
        "Follow The Evening Post's politics desk on Instagram.",
        "Follow @valleynews for updates.",
        "Listen to Morning Desk live at 7:30 - or listen back here.",
        "Email Jane Roe at jroe@example.com or follow her @janeroe.",
        "Reach the reporter on Twitter at https://twitter.com/janeroe",
        "Read more at https://example.com/floods",
    ],
)
def test_prompts(sentence: str) -> None:
    assert is_prompt(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Follow the money, investigators told the committee.",
        "Like many residents on Facebook, she posted photos of the flood.",
        "Watch the river rise, officials warned people living near the bank.",
        'Follow us on Twitter, the sign read, "or we will find you."',
        "Listen to the river and you can hear the pumps working all night.",
        "Contact with the river bank was lost at noon.",
    ],
)
def test_story_sentences_are_not_prompts(sentence: str) -> None:
    assert not is_prompt(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("(Reporting by Jane Roe; Editing by John Doe)", "credit-line"),
        ("Additional reporting by Sam Lee", "credit-line"),
        ("Contributing: Sam Lee", "credit-line"),
        ("The fire began at noon. Sam Lee contributed reporting from Lyon.", "credit-line"),
        ("With Valley Times wires", "credit-line"),
        ("READ MORE: Flood waters reach the old town", "related-link"),
        ("[Related: Ten bridges worth a visit]", "related-link"),
        ("Also on example.com Council votes down the budget", "related-link"),
        ("Flood waters reach the old town [VIDEO]", "related-link"),
        ("You may also like...", "related-link"),
    ],
)
def test_credit_and_related_lines(line: str, rule: str) -> None:
    kept, cuts = drop_site_lines([line])
    assert cuts and cuts[-1].rule == rule
    assert kept == (["The fire began at noon."] if line.startswith("The fire") else [])


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the newspaper found that the council had ignored the warnings for years.",
        "She said her reporting by phone was harder than visiting the town, she recalled later.",
        "Read more about the flood in the council's own report, officials said.",
        "Related costs rose by a third: the pumps, the staff and the fuel.",
        "With the wires down, the town had no power for two days.",
        "The mayor wrote that the levee 'will hold [sic]' and went home.",
        "The council said the report [PDF] would be published on Friday.",
        "[CNET]",
    ],
)
def test_story_lines_are_not_credits_or_links(line: str) -> None:
    assert drop_site_lines([line]) == ([line], [])


def test_only_trailing_prompts_leave_a_paragraph() -> None:
    line = "Follow us on Twitter, she told the crowd. The rally then moved to the square."
    assert drop_site_lines([line]) == ([line], [])
    kept, cuts = drop_site_lines(["The rally ended at dusk. Follow us on Twitter."])
    assert kept == ["The rally ended at dusk."]
    assert [cut.text for cut in cuts] == ["Follow us on Twitter."]


@pytest.mark.parametrize(
    ("line", "is_source"),
    [
        ("SOURCE: News agencies", True),
        ("Sources: Reuters, AP", True),
        ("Source: a person familiar with the talks said the deal was close. More later.", False),
        ("The source: a leaked memo from the ministry", False),
    ],
)
def test_source_lines(line: str, is_source: bool) -> None:
    assert is_source_line(line) is is_source


def test_a_huge_one_word_line_is_read() -> None:
    """The prompt and source patterns stay linear: a 200,000-character word is no trouble."""
    word = "follow" + "a" * 200_000
    kept, cuts = drop_site_lines([word, "Source: " + word, "Email " + "x" * 100_000 + "@"])
    assert kept[0] == word and not cuts


# ---- embedded posts --------------------------------------------------------------------------


def test_embedded_post_is_a_quote_of_its_author() -> None:
    result = script("embedded-posts.html")
    quotes = [seg for seg in result.segments if seg.kind == "quote"]
    assert [(q.speaker, q.text) for q in quotes] == [
        (
            "Rosa Alvarez",
            "The bridge is open again. Thank you to every crew member who worked through the "
            "winter to get it done.",
        ),
        ("Ben Carter", "Free rolls for everyone crossing today, come and say hello"),
    ]


def test_embed_credit_links_and_buttons_are_not_read() -> None:
    article = read("embedded-posts.html")
    result = script_article(clean_article(article))
    text = spoken_text(result)
    for unread in ("@rosa_builds", "March 2, 2021", "pic.twitter.com", "View this post", "@"):
        assert unread not in text
    found = rules(article)
    assert "— Rosa Alvarez (@rosa_builds) March 2, 2021" in found["embed-credit"]
    assert "pic.twitter.com/AbCdEf1234" in found["embed-link"]


def test_embed_without_an_author_is_not_narrated() -> None:
    article = read("embedded-posts.html")
    assert "Nobody knows who wrote this one" not in spoken_text(script("embedded-posts.html"))
    assert rules(article)["embedded-post"] == ["Nobody knows who wrote this one"]


def test_embeds_can_be_dropped() -> None:
    article = read("embedded-posts.html", embeds="drop")
    text = " ".join(article.paragraphs)
    assert "posted" not in text and "bridge is open again" not in text
    assert "A local bakery celebrated too" in text
    assert len(rules(article)["embedded-post"]) == 3
    with pytest.raises(ValueError, match="embeds must be one of"):
        read_html((PAGES / "embedded-posts.html").read_bytes(), source="x", embeds="narrate")


def test_script_command_gives_the_author_a_quote() -> None:
    path = PAGES / "embedded-posts.html"
    result = CliRunner().invoke(main, ["script", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    speakers = {seg["speaker"] for seg in data["segments"] if seg["kind"] == "quote"}
    assert speakers == {"Rosa Alvarez", "Ben Carter"}


def test_explain_lists_what_the_html_lost() -> None:
    result = CliRunner().invoke(main, ["script", str(PAGES / "hover-card.html"), "--explain"])
    assert result.exit_code == 0, result.output
    assert "[hover-card] Dana Maria Ortiz" in result.output
    assert "[hidden-text] Sponsored: the best flood insurance deals" in result.output


# ---- the headline --------------------------------------------------------------------------


def test_h1_is_the_title_and_is_read_once() -> None:
    result = script("headline-repeats.html")
    assert result.title == "Valley’s library will open on Sundays"
    texts = [seg.text for seg in result.segments]
    assert texts.count("Valley’s library will open on Sundays") == 1
    assert "Analysis" not in texts  # the kicker above the headline
    assert texts[1].startswith("The main library in the valley will open on Sundays")


def test_headline_printed_below_the_lead_is_read_once() -> None:
    result = script("headline-below-lead.html")
    texts = [seg.text for seg in result.segments]
    assert texts.count("Storm closes ferry service for a week") == 1
    assert texts[0] == "Storm closes ferry service for a week"
    assert "The island ferry will not sail until next Tuesday" in texts[1]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sweden drops rape inquiry", "Julian Assange: Sweden drops rape inquiry", True),
        ("Guide to tariffs and trade", "Guide to tariffs and world trade", True),
        ("Jo Bloggs' design for Lumo", "Lighting | Jo Bloggs’ design for Lumo", True),
        ("Library opens on Sundays", "The library opened on Sundays for the first time.", False),
        ("Storm closes ferry", "Storm closes schools and the ferry for a week", False),
        ("Breaking news", "Breaking news", False),  # too short to tell
    ],
)
def test_same_headline(a: str, b: str, same: bool) -> None:
    assert same_headline(a, b) is same


def test_many_embeds_and_cards_deep_inside_a_page() -> None:
    """Thousands of embeds and tooltips, and an embed 200 boxes deep: read whole, no error."""
    post = (
        '<blockquote class="twitter-tweet"><p>Post number {n} about the bridge.</p>'
        "&mdash; Rosa Alvarez (@rosa_builds) <a>March 2, 2021</a></blockquote>"
    )
    tip = '<span class="tooltip">levee<span class="tooltiptext">an embankment</span></span> '
    body = "".join(
        f"<p>Paragraph {n} says the {tip}held through the night in every town.</p>"
        + post.format(n=n)
        for n in range(2000)
    )
    deep = "<div>" * 200 + post.format(n="deep") + "</div>" * 200
    page = f"<html><head><title>Many posts</title></head><body><article>{body}{deep}</article>"
    article = read_html(page + "</body></html>", source="many.html")
    text = "\n".join(article.paragraphs)
    assert text.count('Rosa Alvarez posted: "Post number') == 2001  # 2,000 and the deep one
    assert 'Rosa Alvarez posted: "Post number deep about the bridge."' in text
    assert text.count("the levee held through the night") == 2000
    assert "embankment" not in text


@pytest.mark.parametrize(
    ("heading", "title", "part"),
    [
        ("Ferry back after storm", "Coast Times | Island news: Ferry back after storm", True),
        ("Ferry back after storm", "The Coast Times | Island news: Ferry back after storm", False),
        ("BREAKING: Ferry back after storm", "Coast Times: BREAKING: Ferry back after storm", True),
        ("Ferry back after storm", "Ferry back after storm - Coast Times", True),
        ("The Coast Times", "Ferry back after storm | The Coast Times", False),  # a logo
        ("Ferry back after storm", "Ferry back after storm damage", False),
    ],
)
def test_title_part(heading: str, title: str, part: bool) -> None:
    assert title_part(heading, title) is part


def test_headline_is_the_h1_not_the_logo() -> None:
    headings = ["The Coast Times", "Ferry back after storm"]
    title = "The Coast Times | Ferry back after storm"
    assert page_headline(headings, title, site="The Coast Times") == "Ferry back after storm"
    # A logo as long as the headline: the site name says which part is the headline.
    title = "Ferry is back | The Coast Times"
    assert page_headline(["The Coast Times"], title, site="The Coast Times") == title


def test_the_keep_list_protects_what_the_html_clean_up_would_remove() -> None:
    """A show's keep list (as `--explain` advises) works on these cuts too."""
    article = article_from_source(
        PAGES / "site-lines.html", keep=["follow valley beat", "SOURCE: Wire"]
    )
    assert "Follow Valley Beat on Instagram, Facebook and Twitter." in article.paragraphs
    assert "SOURCE: Wire services" in article.paragraphs
    assert "Follow her on Twitter @rosaalvarez." not in " ".join(article.paragraphs)
    cards = read_article(PAGES / "hover-card.html", keep=["an embankment built"])
    assert "An embankment built to stop a river" in cards.paragraphs[1]
    assert "Dana Maria Ortiz" not in cards.paragraphs[0]  # the other card still goes
    titled = read_article(PAGES / "headline-repeats.html", keep=["library will open on"])
    assert "Valley’s library will open on Sundays" in titled.paragraphs


STORY = (
    "<p>The old river bridge reopened to traffic on Monday morning after six months of "
    "repairs that cost the county more than four million dollars in all.</p>"
    "<p>Drivers had used a detour through the hills since the spring, adding half an hour "
    "to many commutes between the two towns on either side of the river.</p>"
)


@pytest.mark.parametrize(
    ("embed", "paragraph"),
    [
        (  # Bluesky
            '<blockquote class="bluesky-embed"><p lang="en">Crossing it now, feels great</p>'
            '&mdash; Sam Lee (<a href="https://bsky.app/profile/x">@samlee.bsky.social</a>) '
            '<a href="https://bsky.app/profile/x/post/1">March 2, 2021</a></blockquote>',
            'Sam Lee posted: "Crossing it now, feels great"',
        ),
        (  # Facebook
            '<div class="fb-post"><blockquote cite="https://www.facebook.com/valleybakery/posts/1"'
            ' class="fb-xfbml-parse-ignore"><p>Free rolls all day on the bridge</p>Posted by '
            '<a href="https://www.facebook.com/valleybakery">Valley Bakery</a> on&nbsp;'
            "<a>Tuesday, March 2, 2021</a></blockquote></div>",
            'Valley Bakery posted: "Free rolls all day on the bridge"',
        ),
        (  # X, with only a handle and quotation marks inside the post
            '<blockquote class="twitter-tweet"><p>The sign says "open" at last</p>&mdash; '
            '(@bridgewatch) <a href="https://twitter.com/bridgewatch/status/1">March 2, 2021</a>'
            "</blockquote>",
            "@bridgewatch posted: \"The sign says 'open' at last\"",
        ),
        (  # no credit line: the author from the post's address
            '<blockquote class="twitter-tweet"><p>Open again</p><a href='
            '"https://twitter.com/countyroads/status/99">March 2, 2021</a></blockquote>',
            '@countyroads posted: "Open again"',
        ),
    ],
)
def test_embeds_of_each_platform(embed: str, paragraph: str) -> None:
    page = f"<html><head><title>Bridge</title></head><body><article>{STORY}{embed}</article>"
    article = read_html(page + "</body></html>", source="bridge.html")
    assert article.paragraphs[-1] == paragraph


def test_a_class_name_that_only_contains_popup_letters_is_not_a_popup() -> None:
    """ "payroll-overview" holds "roll-over" but names no pop-up: its words are the story's."""
    box = (
        '<span class="payroll-overview"><a href="/a">payroll</a> and <a href="/b">tax</a>'
        '<img src="/chart.png" alt=""></span>'
    )
    page = (
        f"<html><head><title>Budget</title></head><body><article>{STORY}"
        f"<p>The {box} figures for the county were published on Friday, a week late.</p>"
        "</article></body></html>"
    )
    article = read_html(page, source="budget.html")
    assert article.paragraphs[-1] == (
        "The payroll and tax figures for the county were published on Friday, a week late."
    )
