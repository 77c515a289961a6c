"""Lines of a page's text that are the site talking, not the story.

Run by `clean_article` on every input, a page's text or the text trafilatura took from its
HTML (which keeps paragraphs that sit inside the story's box even when the site wrote them):
a source credit ("SOURCE: News agencies"), a prompt to follow, listen, sign up or e-mail
("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "Listen to Newsbeat live at
12:45"), a link to another story ("Read more: Headline") or the staff credits ("Reporting by
Jane Roe; Editing by John Doe"). A prompt or a credit may also end a paragraph of the story
("...is out now. Follow him on Twitter @handle."): then only those trailing sentences go.
Each removal is a `Cut`.

Every pattern is anchored at the start of a line or sentence and has no nested repeats, so a
line costs time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    # "Sign up for the free daily newsletter", "Subscribe now", "Click here for more".
    re.compile(r"^(?:sign up|subscribe|register)\b.*\b(?:newsletter|inbox|free|now|today)\b", re.I),
    re.compile(r"^(?:click|tap) here\b", re.IGNORECASE),
    # "Like this story? Share it with a friend!"
    re.compile(r"^(?:like|liked|enjoy|enjoyed|love|loved) this (?:story|article|post)\?", re.I),
    re.compile(r"^share (?:it|this|this story|this article)\b.*\bfriends?\b", re.IGNORECASE),
)
# Who else worked on the story: "Reporting by Jane Roe; Editing by John Doe", "Contributing:
# Jane Roe", "Jane Roe contributed reporting from Paris.", "With Post wires".
_CREDITS = (
    re.compile(
        r"^\(?(?:additional |further |with )?(?:reporting|writing|editing|research)"
        r"(?: and (?:writing|editing|reporting))? by\b",
        re.IGNORECASE,
    ),
    re.compile(r"^contributing\s*:", re.IGNORECASE),
    re.compile(r"\bcontributed (?:reporting|research|to this (?:report|story|article))\b", re.I),
    re.compile(r"^with (?:[\w.’']+ ){0,3}(?:wires?|wire services|news agencies)\.?$", re.I),
)
_CREDIT_WORDS = 40
# A credit is names and these words; any other lower-case word makes it a sentence of the
# story ("Reporting by the newspaper found that ...").
_CREDIT_VOCABULARY = frozenset(
    str.split(
        """and by with in from at for of additional further reporting editing writing research
    contributed contributing to this report story article also writer writers staff reporter
    reporters correspondent correspondents wire wires services agencies news"""
    )
)
# Links to other stories: "Read more: Headline", "SEE MORE: Headline", "[Related: Headline]",
# "Related post: Headline", "Also on example.com Headline", "You may also like...", and a
# headline tagged with what it links to: "Storm hits coast [VIDEO]", "... [PICTURES]".
_RELATED_LINK = re.compile(
    r"^\[?(?:(?:read|see|watch) (?:more|also|next)|related(?: post| story| article)?)\s*:"
    r"|^also on [\w-]+\.(?:com|org|net|co\.uk|news)\b"
    r"|^you (?:may|might) also (?:like|enjoy)\b",
    re.IGNORECASE,
)
_TAGGED_WORDS = 4
_LINK_TAG = re.compile(r"\[[A-Z]{3,12}\]\W{0,3}$")
_RELATED_WORDS = 30
_PROMPT_WORDS = 40  # a prompt is a short sentence; a long one is the story's
_PROMPT_CHARS = 400
_QUOTE_MARK = re.compile(r"[\"“”]")  # a sentence holding a quotation is someone's words
# Sentence ends: after . ! ? (and a closing quote or bracket), before a capital, "@" or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[A-Z@\"“‘'(])")


def drop_site_lines(lines: list[str], keep: Sequence[str] = ()) -> tuple[list[str], list[Cut]]:
    """The lines without source credits and reader prompts, and what was removed: the same
    rules cleaning applies (`site_line_rule`, `trailing_cuts`), line by line.

    keep: lower-case texts; a line holding one is kept whole (the show's keep list).
    """
    kept: list[str] = []
    cuts: list[Cut] = []
    for line in lines:
        if any(k in line.casefold() for k in keep):
            kept.append(line)
        elif (rule := site_line_rule(line)) is not None:
            cuts.append(Cut(rule, line.strip()))
        else:
            end = len(line)
            tail: list[Cut] = []
            for at, tail_rule in trailing_cuts(line):  # last sentence first
                tail.insert(0, Cut(tail_rule, line[at:end].strip()))
                end = at
            cuts.extend(tail)
            if line[:end].strip() or not tail:
                kept.append(line[:end].rstrip() if tail else line)
    return kept, cuts


def site_line_rule(line: str) -> str | None:
    """The rule a whole line of the site falls under ("source-line", "related-link")."""
    if is_source_line(line):
        return "source-line"
    if is_related_link(line):
        return "related-link"
    return None


def is_source_line(line: str) -> bool:
    match = _SOURCE_LINE.match(line)
    if not match:
        return False
    rest = match.group("rest")
    short = len(rest) <= _SOURCE_CHARS and len(rest.split()) <= _SOURCE_WORDS
    return short and not re.search(r"[.!?]\s", rest)


def is_related_link(line: str) -> bool:
    text = line.strip()
    if len(text.split()) > _RELATED_WORDS:
        return False
    # A tag alone ("[CNET]") names the source of what came before: it is not a link.
    tagged = len(text.split()) >= _TAGGED_WORDS and bool(_LINK_TAG.search(text))
    return tagged or bool(_RELATED_LINK.match(text))


def is_credit(sentence: str) -> bool:
    text = sentence.strip()
    if len(text) > _PROMPT_CHARS or len(text.split()) > _CREDIT_WORDS or _QUOTE_MARK.search(text):
        return False
    lower = (w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if w[0].islower())
    return any(p.search(text) for p in _CREDITS) and all(w in _CREDIT_VOCABULARY for w in lower)


def is_prompt(sentence: str) -> bool:
    text = sentence.strip()
    if len(text) > _PROMPT_CHARS or len(text.split()) > _PROMPT_WORDS or _QUOTE_MARK.search(text):
        return False
    return any(p.match(text) for p in _PROMPTS)


def trailing_cuts(line: str) -> list[tuple[int, str]]:
    """Where the prompts and credits ending a line start, last one first, with their rule:
    cutting the line's tail at each in turn leaves the story's sentences."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(line)]
    cuts: list[tuple[int, str]] = []
    end = len(line)
    for start in reversed(starts):
        sentence = line[start:end].strip()
        if not sentence:
            break
        if is_prompt(sentence):
            cuts.append((start, "reader-prompt"))
        elif is_credit(sentence):
            cuts.append((start, "credit-line"))
        else:
            break
        end = start
    return cuts
