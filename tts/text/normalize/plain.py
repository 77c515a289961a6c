"""Spoken text is words only: nothing from an article can steer the speech engine.

espeak-ng reads `[[...]]` as phonemes whatever its flags (and pyttsx3 is given espeak's
phoneme flag for the lexicon), Piper reads `[[...]]` as phonemes too, and an engine run with
SSML would obey `<break/>` or `&lt;speak&gt;` pasted into a story. So an article's tags and
character references are taken out before the rules read the sentence (a tag is not words,
`&amp;` is "&"), and what the rules give back loses every bracket, angle bracket and control
code. Only the show's lexicon, applied after this, may hand an engine phonemes.
"""

from __future__ import annotations

import html
import re

# A character reference with its semicolon ("&amp;", "&#8217;", "&#x2019;"); without one it
# is the ampersand of "AT&T" or "R&D", left to the word rules.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});")
# A tag, comment or processing instruction: markup that leaked from a page or was pasted in.
# Attributes stop at the next < or >, so each try ends where the next one starts (linear).
_TAG = re.compile(
    r"<(?:/?[A-Za-z][\w:.-]{0,30}(?:\s[^<>]{0,500})?/?|![^<>]{0,500}|\?[^<>]{0,500})>"
)
# A comparison sign before a number is words ("over > 30" is "over greater than 30"); the
# sign itself would be dropped below with the markup.
_COMPARISON = re.compile(r"(?<!\S)([<>])(=?)\s?(?=[$€£+\-−]?\d)")
_COMPARED = {"<": "less than", ">": "greater than"}
# What no engine may be given from an article: brackets (espeak's phoneme escapes are
# double brackets, and an editorial rule may leave a pair behind), angle brackets (SSML)
# and control codes (espeak's embedded commands start with one).
_MARKUP = re.compile(r"[\[\]<>\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A letter or digit in any script: a text without one has nothing to say.
_WORD = re.compile(r"[^\W_]")


def without_markup(text: str) -> str:
    """The text with character references read and tags taken out (before normalising)."""
    if "&" in text:
        text = _REFERENCE.sub(lambda m: html.unescape(m.group(0)), text)
    if "<" in text:
        text = _TAG.sub(_gap, text)
    if "<" in text or ">" in text:
        text = _COMPARISON.sub(_comparison, text)
    return text


def _gap(m: re.Match[str]) -> str:
    """What a removed piece of markup leaves: a space between two words ("x<br>y"), nothing
    beside a space or a mark ("late</b>." stays one word with its full stop)."""
    text, start, end = m.string, m.start(), m.end()
    joined = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return " " if joined else ""


def _comparison(m: re.Match[str]) -> str:
    return _COMPARED[m[1]] + (" or equal to " if m[2] else " ")


def plain_speech(text: str) -> str:
    """The spoken form as an engine may take it: no brackets, tags or control codes, and ""
    when nothing is left to say (a segment of punctuation only is skipped, not spoken)."""
    # U+FFFD stands for a byte the file's encoding could not read: not a sound, and the
    # letters on either side belong to one word ("it\ufffds").
    text = _MARKUP.sub(_gap, text).replace("\ufffd", "")
    return text if _WORD.search(text) else ""
