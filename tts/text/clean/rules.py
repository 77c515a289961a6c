"""The table of line rules: page chrome recognisable from one line alone.

Each rule has a name (shown in `Article.dropped` and `script --explain`), a pattern matched
against the whole stripped line, a word limit (so a rule about short widgets can never eat a
story sentence that happens to contain the same words) and a comment saying why it exists.
Rules that need context (captions printed twice, a page title repeating the headline, pull
quotes, the story region, bios at the end) live in `article.py` and `context.py`; the
rules themselves are `furniture_rules.py` and `reader_rules.py`, in that order.
"""

from __future__ import annotations

import re

from tts.text.clean.furniture_rules import FURNITURE_RULES
from tts.text.clean.line_rule import LineRule
from tts.text.clean.reader_rules import READER_RULES

# Single words and short phrases that are buttons or menu entries when they fill a line.
# Compared after lower-casing and dropping punctuation, so "Share:" and "SHARE" match too.
NAVIGATION_LINES = frozenset(
    " ".join(entry.split())
    for entry in re.split(
        r"\|",
        """
    share|share this|share this article|share this story|share on facebook|share on twitter
    |tweet|email|e-mail|print|facebook|twitter|linkedin|reddit|pinterest|whatsapp|flipboard
    |instagram|youtube|rss|copy link|link copied|copy|save|save article|bookmark|comments
    |comment|menu|search|sign in|log in|login|logout|log out|sign up|register|subscribe
    |subscribe now|skip to content|skip to main content|skip to navigation|skip to site index
    |advertisement|advertising|ad|sponsored|sponsored content|actions|close|open|next|previous
    |prev|back|back to top|top|home|more|see more|show more|load more|view more|expand|collapse
    |font size|text size|listen|listen now|listen live|watch|watch now|watch live|live
    |live tv|video|videos|photos|photo|gallery|view gallery|play|pause|mute|unmute|replay
    |enlarge this image|hide caption|toggle caption|caption|full screen|fullscreen|embed
    |menu sections|sections|topics|tags|related|trending|trending now|popular|most popular
    |most read|most viewed|top stories|latest|latest news|breaking|breaking news|news|local
    |newsletter|newsletters|cancel|submit|send|reply|report|ok|accept|continue|learn more
    |read more|read next|up next|next up|now playing|on air|on air now|all streams|donate
    |donate now|give now|support us|contribute|shop|store|contact|contact us|about us|about
    |privacy|privacy policy|terms|terms of use|terms of service|cookie policy|cookies|sitemap
    |site map|advertise|careers|jobs|feedback|help|faq|weather|traffic|sports|opinion
    |view all|see all|show all|advert|adverts|this slideshow requires javascript
    """,
    )
)

# In order: the first rule a line matches names its cut.
LINE_RULES: tuple[LineRule, ...] = FURNITURE_RULES + READER_RULES


def navigation_key(line: str) -> str:
    """The form a line is compared in against NAVIGATION_LINES: lower case, letters only."""
    return " ".join(re.sub(r"[^\w\s'-]", " ", line.lower()).split())
