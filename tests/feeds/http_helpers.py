"""What the server tests share: a server run in a thread, and one plain HTTP request."""

from __future__ import annotations

import http.client
import http.server
import threading
from collections.abc import Iterator

Reply = tuple[int, dict[str, str], bytes]


def served(server: http.server.HTTPServer, poll: float = 0.5) -> Iterator[tuple[str, int]]:
    """Serve in a thread, yield (host, port), then shut the server down. A short `poll`
    makes shutdown() at the end of a test return at once."""
    thread = threading.Thread(target=server.serve_forever, args=(poll,), daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def request(port: int, path: str, method: str = "GET", **headers: str) -> Reply:
    """(status, headers in lower case, body); `If_None_Match="x"` sends If-None-Match."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()
