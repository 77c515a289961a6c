"""Chrome inside a line: a prompt glued to the end of a paragraph.

Some pages print a link prompt on the same line as story text: "... closed the road.
>> Read more trending news", or a last paragraph ending "(More lost-and-found stories.)".
The line must stay and only its tail go, so these rules return where the chrome starts.
Each pattern is searched once over the line and every repetition in it is bounded, so the
work is linear in the line's length.
"""

from __future__ import annotations

import re

# A prompt after an arrow or a bar (">> Read more trending news", "» Related: ...") or after a
# sentence with a colon ("... on Monday. READ MORE: Council votes on budget").
_PROMPT_WORDS = (
    r"(?:read|see|watch|listen)(?:\s+(?:more|also|next|now))?|also\s+read|related(?:\s+"
    r"(?:story|stories|coverage|article|content|video))?|more(?:\s+(?:news|stories|coverage))?"
    r"|trending|click\s+here"
)
_MARKED_PROMPT = re.compile(
    rf"(?:>>|»|›|▶|►|→|\|)\s*(?i:{_PROMPT_WORDS})\b(?:(?!>>|»|▶|►|→).){{0,160}}$"
)
_COLON_PROMPT = re.compile(
    rf"(?<=[.!?\"”’)])\s+(?i:{_PROMPT_WORDS})\s*:\s*\S(?:(?!>>|»|▶|►|→).){{0,160}}$"
)
# "(More lost-and-found stories.)", "(Read more about the festival.)", "(Click here for more
# weather coverage.)": a parenthesised prompt closing the story's last paragraph. "(more than
# 20 stories)" is story text.
_TRAILING_LINK = re.compile(
    r"\s*\((?i:(?:read |see |find |get |check out |click (?:here )?for )?more)\s+"
    r"(?!than\b|of\b|or\b|and\b|\d)[^()]{1,80}?\.?\)\s*$"
)
# A prompt's text is a headline or a few words, never a run of sentences.
_MAX_PROMPT_WORDS = 25
_WORD = re.compile(r"\w+")


def read_more_tail(line: str) -> int | None:
    """Where a "read more" prompt starts in line (0 when it is all prompt), else None."""
    for pattern in (_MARKED_PROMPT, _COLON_PROMPT):
        match = pattern.search(line)
        if match and len(_WORD.findall(match.group(0))) <= _MAX_PROMPT_WORDS:
            return match.start()
    return None


def trailing_link_prompt(line: str) -> int | None:
    """Where a closing "(More ... stories.)" prompt starts in a paragraph, else None."""
    match = _TRAILING_LINK.search(line)
    return match.start() if match else None
