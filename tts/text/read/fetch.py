"""Fetching a page from the web: the network lives here, at the edge.

`fetch_url` returns a page's bytes and its final address, with a timeout and a size limit;
`read.read_article` reads them as HTML. Nothing here knows what an article is.
"""

from __future__ import annotations

from tts.errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # an article page is well under 10 MB; more is not an article
TIMEOUT = 20.0  # seconds; a news page that takes longer is not coming
USER_AGENT = "Mozilla/5.0 (compatible; talkingpaper/0.1; +https://example.invalid/talkingpaper)"
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def fetch_url(
    url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
) -> tuple[bytes, str]:
    """The page at url and its final address (after redirects); InputError on any failure."""
    # Imported here: urllib.request brings http.client and ssl (27 ms), which a build of
    # files on disk never needs.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            kind = response.headers.get_content_type()
            if kind not in _PAGE_TYPES:
                raise InputError(
                    f"{url}: the address gives {kind}, not a web page; give an article's page"
                )
            data = response.read(max_bytes + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(
            f"{url}: the site answered {exc.code} {exc.reason}; check the address, or save "
            "the page from a browser and add the file"
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(
            f"{url}: cannot fetch it ({reason}); check the address and your connection"
        ) from exc
    if len(data) > max_bytes:
        raise InputError(
            f"{url}: the page is over {max_bytes // 1_000_000} MB, too big for an article"
        )
    return data, final
