"""The index's subscribe section: the feed address to copy, and links that hand it to an app.

Only links an app's own documentation or code vouches for are offered (a link no app answers
fails with a vague browser error, worse than none):
- `feed://HOST/PATH`: registered by AntennaPod (its AndroidManifest.xml lists the `feed`,
  `pcast` and `itpc` schemes) and by gPodder (gpodder-url-handler.desktop registers it and
  util.normalize_feed_url reads it as http://). Hence the generic "Open in your podcast app".
- `pcast://HOST/PATH`: associated with Apple Podcasts on iOS since 2012 (Castro's "A Podcast
  URL Scheme", castro.fm/blog/a-podcast-url-scheme); AntennaPod's manifest accepts it too.
- `https://antennapod.org/deeplink/subscribe?url=FEED&title=TITLE`: AntennaPod's own
  documentation for podcasters ("add on AntennaPod"), which asks for this link.
Overcast (`overcast://x-callback-url/add?url=`), Pocket Casts (`pktc://subscribe/`), Podcast
Addict (`podcastaddict://`) and Castro (`castros://subscribe/`) appear only in third-party
lists, so they are left out.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from feeds.model import ShowInfo
from feeds.site_parts import e


def _bare(url: str) -> str:
    """The feed address without its http(s) scheme, as the scheme links carry it."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            return url[len(scheme) :]
    return url


def app_links(show: ShowInfo) -> list[tuple[str, str]]:
    """(label, address) of each app link for the show's feed, the generic one first."""
    bare = quote(_bare(show.feed_url), safe="/:@!$&'()*+,;=?%~-._")
    query = urlencode({"url": show.feed_url, "title": show.title})
    return [
        ("Open in your podcast app", f"feed://{bare}"),
        ("Apple Podcasts", f"pcast://{bare}"),
        ("AntennaPod", f"https://antennapod.org/deeplink/subscribe?{query}"),
    ]


def subscribe_section(show: ShowInfo) -> str:
    """The feed address in a field (readable and selectable without JavaScript; the script
    adds a Copy button) and the app links, under a "Subscribe" heading."""
    links = "".join(
        f'<li><a href="{e(address)}">{e(label)}</a></li>' for label, address in app_links(show)
    )
    return (
        '<section id="subscribe" aria-labelledby="subscribe-title">'
        '<h2 id="subscribe-title">Subscribe</h2>'
        "<p>A podcast app fetches each new episode for you. Open the show in your app:</p>"
        f'<ul class="apps">{links}</ul>'
        "<p>Or copy the feed address and add it in your app (often under “Add by URL”).</p>"
        '<div><label for="feed-url">Feed address</label>'
        f'<div class="copy"><input id="feed-url" type="text" readonly '
        f'value="{e(show.feed_url)}" spellcheck="false" autocomplete="off"></div></div>'
        "</section>"
    )
