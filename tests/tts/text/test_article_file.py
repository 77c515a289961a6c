"""The saved article's front matter: dates a feed can carry, or an error naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts.errors import InputError
from tts.text.read.article import read_article

BODY = "The council met on Tuesday.\n\nIt voted to rebuild the bridge.\n"


def _article(tmp_path: Path, published: str) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(f"---\ntitle: Bridge vote\npublished: {published}\n---\n\n{BODY}")
    return path


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00+01:00", "2024-03-05T10:00:00+01:00"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
    ],
)
def test_a_date_in_any_common_form_is_read_as_an_iso_date(
    tmp_path: Path, written: str, read: str
) -> None:
    assert read_article(_article(tmp_path, written)).published == read


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("0001-01-01", ["published", "year 1", "1900"]),  # parsers read it as 2001
        ("1850-06-01", ["published", "year 1850"]),
        ("2999-01-01", ["published", "year 2999"]),
        ("yesterday", ["published", "not a date", "2024-03-05"]),
        ("2024-02-30", ["published", "not a date"]),
    ],
)
def test_a_date_no_feed_can_carry_is_an_error_naming_the_field(
    tmp_path: Path, written: str, words: list[str]
) -> None:
    with pytest.raises(InputError) as caught:
        read_article(_article(tmp_path, written))
    for word in words:
        assert word in str(caught.value)


def test_a_new_article_never_takes_a_name_in_use_or_once_used(tmp_path: Path) -> None:
    from tts.text.article_file import read_front_matter, save_new_article
    from tts.text.model import Article

    def story(text: str) -> Article:
        return Article(source="feed", title="Bridge vote", paragraphs=[text],
                       source_name="City Desk", guid="item-1")  # fmt: skip

    first, wrote = save_new_article(story("The council voted."), tmp_path)
    assert (first.name, wrote) == ("bridge-vote.txt", True)
    again, wrote = save_new_article(story("The council voted."), tmp_path)
    assert (again, wrote) == (first, False)  # the same text is not saved twice
    other, _ = save_new_article(story("A second vote."), tmp_path, avoid={"bridge-vote-2"})
    assert other.name == "bridge-vote-3.txt"  # -2 was once used: its guid is not given again
    assert read_front_matter(other) == {
        "title": "Bridge vote", "source": "City Desk", "guid": "item-1"
    }  # fmt: skip
