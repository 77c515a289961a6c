"""Lines of an HTML page's extracted text that are the site talking, not the story.

trafilatura keeps paragraphs that sit inside the story's box even when the site wrote them:
a source credit ("SOURCE: News agencies") or a prompt to follow, listen or e-mail ("Follow
Newsbeat on Instagram, Facebook, Twitter and YouTube.", "Listen to Newsbeat live at 12:45").
Such a prompt may also end a paragraph of the story ("...is out now. Follow him on Twitter
@handle."): then only the trailing prompt sentences go. Each removal is a `Cut`.

Every pattern is anchored at the start of a line or sentence and has no nested repeats, so a
line costs time linear in its length.
"""

from __future__ import annotations

import re

from tts.text.model import Cut

# "SOURCE: News agencies", "Sources: Reuters, AP": a credit line, a few words after a colon.
_SOURCE_LINE = re.compile(r"^\s*sources?\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
_SOURCE_WORDS = 8
_SOURCE_CHARS = 80
_SOCIAL = (
    r"(?:instagram|facebook|twitter|x|youtube|tiktok|snapchat|linkedin|threads|bluesky"
    r"|mastodon|whatsapp|telegram|flipboard|apple podcasts|spotify|podcasts?)"
)
_HANDLE_OR_LINK = r"(?:@\w|https?://|www\.|\w@[\w-]+\.\w)"
# Prompts, by the imperative that opens them and what it points the reader to.
_PROMPTS = (
    # "Follow Newsbeat on Instagram", "Follow us on Twitter", "Like us on Facebook",
    # "Follow AP's coverage at https://...", "Follow @handle for more".
    re.compile(r"^(?:follow|like|find|join|connect with)\s+(?:us|him|her|them|me)\b", re.I),
    re.compile(
        rf"^(?:follow|subscribe to|connect with)\s+"
        rf"(?:.*\b(?:on|via)\s+{_SOCIAL}\b|.*{_HANDLE_OR_LINK})",
        re.IGNORECASE,
    ),
    # "Listen to Newsbeat live at 12:45 ... or listen back here", "Tune in live on ...".
    re.compile(
        rf"^(?:listen|tune in|watch)\b.*(?:\blive\b|\blisten back\b|\bon\s+{_SOCIAL}\b"
        rf"|{_HANDLE_OR_LINK})",
        re.IGNORECASE,
    ),
    # "Email Jane Doe at jd@example.com or follow her @janedoe", "Reach the reporters on
    # Twitter at ...".
    re.compile(rf"^(?:e-?mail|reach|contact)\b.*{_HANDLE_OR_LINK}", re.IGNORECASE),
    re.compile(rf"^reach\b.*\bon\s+{_SOCIAL}\b", re.IGNORECASE),
    # "Read more at https://...", "Visit www.example.com".
    re.compile(r"^(?:read|see|visit|download|get)\b.*(?:https?://|www\.)", re.IGNORECASE),
)
_PROMPT_WORDS = 40  # a prompt is a short sentence; a long one is the story's
_PROMPT_CHARS = 400
_QUOTE_MARK = re.compile(r"[\"“”]")  # a sentence holding a quotation is someone's words
# Sentence ends: after . ! ? (and a closing quote or bracket), before a capital, "@" or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[A-Z@\"“‘'(])")


def drop_site_lines(lines: list[str]) -> tuple[list[str], list[Cut]]:
    """The lines without source credits and reader prompts, and what was removed."""
    kept: list[str] = []
    cuts: list[Cut] = []
    for line in lines:
        if is_source_line(line):
            cuts.append(Cut("source-line", line.strip()))
            continue
        story, prompts = _split_trailing_prompts(line)
        cuts.extend(Cut("reader-prompt", prompt) for prompt in prompts)
        if story or not prompts:
            kept.append(story if prompts else line)
    return kept, cuts


def is_source_line(line: str) -> bool:
    match = _SOURCE_LINE.match(line)
    if not match:
        return False
    rest = match.group("rest")
    short = len(rest) <= _SOURCE_CHARS and len(rest.split()) <= _SOURCE_WORDS
    return short and not re.search(r"[.!?]\s", rest)


def is_prompt(sentence: str) -> bool:
    text = sentence.strip()
    if len(text) > _PROMPT_CHARS or len(text.split()) > _PROMPT_WORDS or _QUOTE_MARK.search(text):
        return False
    return any(p.match(text) for p in _PROMPTS)


def _split_trailing_prompts(line: str) -> tuple[str, list[str]]:
    """(the line without the prompts ending it, those prompts in reading order)."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(line)]
    prompts: list[str] = []
    end = len(line)
    for start in reversed(starts):
        sentence = line[start:end]
        if not sentence.strip() or not is_prompt(sentence):
            break
        prompts.insert(0, sentence.strip())
        end = start
    return line[:end].rstrip(), prompts
