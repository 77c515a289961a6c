"""`talkingpaper check`: hold a built show (output/) to the rules of PODCAST_RULES.md.

    findings = check_output(Path("output"))
    for finding in findings:
        print(format_finding(finding))

Rules are a table (id, severity, summary, check function) spread over modules by job:
`channel` (FEED), `items` (ITEM), `podcasting20` (Podcasting 2.0), `audio` (AUD), `id3` (ID3)
and `serving`, `served_links` (SRV, only with a server URL). Feed URLs are mapped to files under
output/ by stripping the feed's base URL (its self link up to feed.xml) and any `?v=` query.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from feeds.check.alternates import RULES as ALTERNATE_RULES
from feeds.check.audio import RULES as AUDIO_RULES
from feeds.check.channel import RULES as CHANNEL_RULES
from feeds.check.context import (
    NS,
    Context,
    Finding,
    Issue,
    Rule,
    Severity,
    Targets,
    ToolMissing,
)
from feeds.check.id3 import RULES as ID3_RULES
from feeds.check.items import RULES as ITEM_RULES
from feeds.check.placeholders import RULES as PLACEHOLDER_RULES
from feeds.check.podcasting20 import RULES as PODCASTING20_RULES
from feeds.check.served_links import RULES as SERVED_LINK_RULES
from feeds.check.serving import RULES as SERVING_RULES

__all__ = ["RULES", "Finding", "Rule", "Targets", "check_output", "format_finding"]

REBUILD = "run talkingpaper build (it writes output/feed.xml)"


def _shape(ctx: Context) -> Iterable[Issue]:
    encoding = (ctx.root.getroottree().docinfo.encoding or "").upper()
    if encoding not in ("UTF-8", "UTF8"):
        yield Issue(
            f"the feed is encoded {encoding or 'without a declaration'}, not UTF-8",
            "write the feed as UTF-8 with <?xml version='1.0' encoding='UTF-8'?>",
        )
    if ctx.root.get("version") != "2.0":
        yield Issue(f'<rss version="{ctx.root.get("version")}">', 'write <rss version="2.0">')
    channels = ctx.root.findall("channel")
    if len(channels) != 1:
        yield Issue(f"the feed has {len(channels)} <channel> elements", "write exactly one")


RULES: list[Rule] = [
    Rule("FEED-01", "error", "well-formed UTF-8 RSS 2.0 with one channel", _shape),
    *CHANNEL_RULES,
    *PLACEHOLDER_RULES,
    *ITEM_RULES,
    *PODCASTING20_RULES,
    *ALTERNATE_RULES,
    *AUDIO_RULES,
    *ID3_RULES,
    *SERVING_RULES,
    *SERVED_LINK_RULES,
]


def format_finding(finding: Finding) -> str:
    """One line for a terminal: `RULE severity: message — fix`."""
    return f"{finding.rule} {finding.severity}: {finding.message} — {finding.fix}"


def _parse(feed: Path) -> tuple[etree._Element | None, list[Finding]]:
    def fail(message: str, fix: str = REBUILD) -> tuple[None, list[Finding]]:
        return None, [Finding("FEED-01", "error", message, fix)]

    if not feed.is_file():
        return fail(f"{feed} does not exist")
    # No entities, no network: a feed is data, and a hostile one must not read local files.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.parse(str(feed), parser).getroot()
    except etree.XMLSyntaxError as exc:
        return fail(f"{feed.name} is not well-formed XML: {exc}", "fix the XML; " + REBUILD)
    if root.tag != "rss" or root.find("channel") is None:
        return fail(
            f"{feed.name} is not RSS: root <{root.tag}> without <channel>",
            "publish an RSS 2.0 feed: " + REBUILD,
        )
    return root, []


def _self_href(channel: etree._Element) -> str | None:
    self_link = channel.find("atom:link[@rel='self']", NS)
    return self_link.get("href") if self_link is not None else None


def _base_url(feed_url: str) -> str:
    """Where output/ is served: the feed URL up to its last "/" (the feed is output/feed.xml)."""
    return feed_url[: feed_url.rfind("/") + 1] if "/" in feed_url else ""


def _selected(rules: Iterable[str] | None, server: str | None) -> list[Rule]:
    wanted = [r.upper() for r in rules] if rules else None
    return [
        rule
        for rule in RULES
        if (server or not rule.id.startswith("SRV-"))
        and (wanted is None or any(rule.id == w or rule.id.startswith(w + "-") for w in wanted))
    ]


def _run(rule: Rule, ctx: Context) -> list[Finding]:
    def finding(issue: Issue) -> Finding:
        severity: Severity = issue.severity or rule.severity
        return Finding(rule.id, severity, issue.message, issue.fix)

    try:
        return [finding(issue) for issue in rule.check(ctx)]
    except ToolMissing as exc:
        return [
            Finding(
                rule.id,
                "error",
                f"cannot check: {exc}",
                "install ffmpeg (apt-get install ffmpeg) and check again",
            )
        ]
    except Exception as exc:  # one broken check must not hide every other finding
        return [
            Finding(
                rule.id,
                "error",
                f"the check itself failed: {type(exc).__name__}: {exc}",
                "report this as a talkingpaper bug",
            )
        ]


def check_output(
    output: Path,
    feed_url: str | None = None,
    server: str | None = None,
    *,
    targets: Targets | None = None,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Every broken rule in a built show folder's output/, in rule-table order.

    `feed_url` is the public feed URL (default: the feed's own self link). `server` is the
    base URL of a running server to ask the SRV rules of. `targets` are the show's audio
    settings. `rules` limits the run to rule ids or families ("ITEM-03", "AUD").
    """
    output = Path(output)
    root, findings = _parse(output / "feed.xml")
    if root is None:
        return findings
    channel = root.find("channel")
    # Files are found from the feed's own self link; the caller's URL is what it should say.
    published = _self_href(channel) or feed_url or ""
    ctx = Context(
        output=output,
        root=root,
        channel=channel,
        base_url=_base_url(published),
        feed_url=feed_url or published,
        targets=targets or Targets(),
        server=server,
    )
    for rule in _selected(rules, server):
        findings.extend(_run(rule, ctx))
    return findings
