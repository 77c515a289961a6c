"""`talkingpaper add`: a news page fetched, checked to hold a story, saved into content/."""

from __future__ import annotations

from pathlib import Path

from talkingpaper.errors import UserError
from talkingpaper.show import Show

# Fewer words than this after cleaning is a listing, a login wall or an error page, not news
# (the shortest news briefs run 40-60 words).
MIN_STORY_WORDS = 25


def story_words(paragraphs: list[str]) -> int:
    """The words of prose: a table's rows ("| Pos. | Driver | Points |", as extraction
    writes them) are a results page's, not a story's."""
    return sum(len(p.split()) for p in paragraphs if not p.lstrip().startswith("|"))


def add_article(show: Show, url: str, overwrite: bool = False) -> Path:
    """Fetch the article at `url` and save it into the show's content/; its path."""
    if not url.startswith(("http://", "https://")):
        raise UserError(f"{url}: give an http:// or https:// address")
    # Imported here: the text rules load in half a second, which `update` with nothing new
    # (it imports this module for its word count) must not pay.
    from tts.text.article_file import AlreadySaved, save_article
    from tts.text.clean import clean_article
    from tts.text.read import read_article

    article = read_article(url)
    story = clean_article(article, keep=show.keep, captions=show.captions)
    words = story_words(story.paragraphs)
    if words < MIN_STORY_WORDS:
        raise UserError(
            f"{url}: the page holds no article ({words} words of text after cleaning); give "
            "the address of an article's own page"
        )
    try:
        return save_article(article, show.content, overwrite=overwrite)
    except AlreadySaved as exc:
        raise UserError(f"{exc} (talkingpaper add --force {url})") from None
