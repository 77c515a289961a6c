"""FEED-17: show settings still at the placeholders `talkingpaper init` writes.

A new show's show.toml carries an owner address at a documentation domain, the tool's name as
author and a stock description; each is valid RSS, so no other rule minds them, yet
directories show them to listeners and Apple mails the owner. Each is named with the setting
that replaces it.
"""

from __future__ import annotations

from collections.abc import Iterator

from feeds.check.context import ITUNES_NS, Context, Issue, Rule

# Domains reserved for examples and tests (RFC 2606, RFC 6761): mail there reaches no one.
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
# What talkingpaper fills in when the producer has said nothing (talkingpaper/show.py: the
# Show defaults and init's show.toml); tests/feeds/check ties these to that file.
TOOL_NAME = "talkingpaper"
STOCK_DESCRIPTION = "News articles read aloud by synthetic voices"


def placeholder_email(address: str) -> bool:
    """True for an address no one reads: at a domain reserved for documentation."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    return (
        domain in _RESERVED_DOMAINS
        or domain.endswith(tuple("." + d for d in _RESERVED_DOMAINS))
        or domain.endswith(_RESERVED_SUFFIXES)
        or domain in ("localhost", "local")
    )


def stock_description(text: str) -> bool:
    """True for the description init writes (and the demo's variant of it)."""
    return text.strip().startswith(STOCK_DESCRIPTION)


def _it(name: str) -> str:
    return f"{{{ITUNES_NS}}}{name}"


def _placeholders(ctx: Context) -> Iterator[Issue]:
    channel = ctx.channel
    email = (channel.findtext(f"{_it('owner')}/{_it('email')}") or "").strip()
    if email and placeholder_email(email):
        yield Issue(
            f"the owner e-mail {email!r} is a placeholder: Apple and directories write to it",
            "set owner_email in show.toml's [show] to an address you read, and rebuild",
        )
    names = {
        "itunes:author": channel.findtext(_it("author")),
        "itunes:owner name": channel.findtext(f"{_it('owner')}/{_it('name')}"),
    }
    tool = [where for where, value in names.items() if (value or "").strip() == TOOL_NAME]
    if tool:
        yield Issue(
            f"the show's {' and '.join(tool)} is {TOOL_NAME!r}, the name of the program, "
            "not of the person or newsroom behind the show",
            "set author in show.toml's [show] (your name or your outlet's), and rebuild",
        )
    description = channel.findtext("description") or ""
    if stock_description(description):
        yield Issue(
            f"the show's description is the stock text {description.strip()[:60]!r}...",
            "set description in show.toml's [show] to what your show is about, and rebuild",
        )


RULES: list[Rule] = [
    Rule("FEED-17", "warning", "owner e-mail, author, description replaced", _placeholders),
]
