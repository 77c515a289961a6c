"""The server's request log line: no token, no terminal control characters.

The token is the feed's password and a request line can carry it in forms the server refuses
but a log reader could still decode: percent-encoded (`%73` for `s`), after doubled slashes,
or anywhere in the target. So it is masked wherever it stands, in any mix of those spellings.
"""

from __future__ import annotations

import re

MASK = "TOKEN"


def token_pattern(token: str) -> re.Pattern[str]:
    """A pattern for `token` with each character literal or percent-encoded, in any case.

    One fixed-width choice per character: linear in the line, whatever it holds.
    """
    parts = (f"(?:{re.escape(char)}|%{ord(char):02x})" for char in token)
    return re.compile("".join(parts), re.IGNORECASE)


def log_line(line: str, token: re.Pattern[str] | None) -> str:
    """`line` safe to print: the token masked, control characters shown as `\\xNN`."""
    if token is not None:
        line = token.sub(MASK, line)
    # Request lines come from the network: never echo control characters to a terminal.
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in line)
