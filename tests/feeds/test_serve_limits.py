"""The LAN server under hostile or broken clients (issue 13): real sockets, no mocks.

Connection cap, head budget and deadline, backlog, strict request lines, the token as sent and
masked (CORS is in test_serve.py with SRV-07). Servers that run under a low `ulimit -n`, or whose
memory and CPU time are read, run in a process of their own.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from feeds.feed_server import FeedServer
from feeds.serve import make_server
from tests.conftest import ROOT
from tests.feeds.http_helpers import served

TOKEN = "s3cret-Tok_en"
FEED = b"<rss version='2.0'/>"
HEAD_END = b"\r\nHost: x\r\nConnection: close\r\n\r\n"
PROC = Path("/proc")
needs_proc = pytest.mark.skipif(not (PROC / "self" / "stat").exists(), reason="reads /proc")


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("output")
    (root / "feed.xml").write_bytes(FEED)
    (root / "index.html").write_text("<!doctype html><title>Show</title>")
    return root


def _serve(server: FeedServer) -> Iterator[tuple[str, int]]:
    return served(server, poll=0.05)  # a short poll: shutdown() at each test's end is quick


@pytest.fixture()
def tight(show: Path) -> Iterator[tuple[FeedServer, tuple[str, int]]]:
    """A server with room for four connections."""
    server = make_server(show, port=0, quiet=True, max_connections=4)
    for address in _serve(server):
        yield server, address


def reply_to(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes, or what came before a reset."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def status_of(reply: bytes) -> int | None:
    return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.") else None


def send_raw(address: tuple[str, int], data: bytes) -> bytes:
    with socket.create_connection(address, timeout=10) as sock:
        # Refused part-way: the reply, if any, is already on its way.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        return reply_to(sock)


def settle(server: FeedServer, live: int, idle: int) -> None:
    """Wait until the server holds `live` connections of which `idle` wait for a request."""
    deadline = time.monotonic() + 5
    while (len(server.slots), server.slots.idle_count()) != (live, idle):
        assert time.monotonic() < deadline, (len(server.slots), server.slots.idle_count())
        time.sleep(0.01)


def get_feed(address: tuple[str, int]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(*address, timeout=10)
    try:
        conn.request("GET", "/feed.xml")
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# --- backlog ------------------------------------------------------------------------------


def test_backlog_holds_a_burst_of_64_connects_while_nothing_accepts(show: Path) -> None:
    # The server is bound but not serving: every connect below waits in the listen queue. With
    # the stdlib's backlog of 5 the seventh would stall on SYN retries and time out.
    server = make_server(show, port=0, quiet=True)
    socks: list[socket.socket] = []
    try:
        for _ in range(64):
            socks.append(socket.create_connection(server.server_address[:2], timeout=3))
    finally:
        for sock in socks:
            sock.close()
        server.server_close()
    assert len(socks) == 64
    assert server.request_queue_size >= 64


# --- the request head: budget, deadline, strict request line ------------------------------


def test_a_head_over_the_byte_budget_is_refused_431(tight) -> None:
    server, address = tight
    many = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 1000) for i in range(40))
    reply = send_raw(address, b"GET /feed.xml HTTP/1.1\r\n" + many + b"\r\n")
    assert status_of(reply) == 431
    assert b"Connection: close" in reply
    # A long but reasonable head (a browser with cookies) is still served.
    some = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 1000) for i in range(12))
    reply = send_raw(address, b"GET /feed.xml HTTP/1.1\r\n" + some + HEAD_END[2:])
    assert status_of(reply) == 200 and reply.endswith(FEED)
    assert server.max_head_bytes <= 32 * 1024


def test_an_endless_request_line_is_refused_414(tight) -> None:
    _, address = tight
    reply = send_raw(address, b"GET /" + b"a" * 40_000 + b" HTTP/1.1" + HEAD_END)
    assert status_of(reply) == 414


def test_a_slow_drip_of_header_bytes_is_cut_at_the_head_deadline(tight) -> None:
    # One byte every 0.1 s never lets a per-read timeout fire; the head deadline (1 s here)
    # counts from the first byte, so the server must hang up while the bytes still come.
    server, address = tight
    server.head_timeout = 1.0  # read by each new connection
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(b"GET /feed.xml HTTP/1.1\r\nX-Slow: ")
        sock.settimeout(0.1)
        cut = False
        for _ in range(50):  # 5 s of drip at most
            try:
                sock.sendall(b"a")
                if sock.recv(100) == b"":
                    cut = True
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
    assert cut, "the server kept reading a head that did not end"


def test_waiting_between_requests_is_not_the_head_deadline(tight) -> None:
    # An idle keep-alive connection (or one opened early) may wait longer than a head may take.
    server, address = tight
    server.head_timeout = 1.0
    with socket.create_connection(address, timeout=10) as sock:
        time.sleep(1.5)  # beyond the 1 s head deadline, well within the idle timeout
        sock.sendall(b"GET /feed.xml HTTP/1.1" + HEAD_END)
        reply = reply_to(sock)
    assert status_of(reply) == 200 and reply.endswith(FEED)


@pytest.mark.parametrize(
    "line",
    [
        b"GET\t/feed.xml\tHTTP/1.1",  # tabs
        b"GET  /feed.xml HTTP/1.1",  # two spaces
        b"GET /feed.xml  HTTP/1.1",
        b"GET /feed.xml",  # HTTP/0.9
        b"GET /fe ed.xml HTTP/1.1",
        b"GET /feed.xml\x0b HTTP/1.1",  # a control byte in the target
        b"GET /f\xc3\xa9ed.xml HTTP/1.1",  # raw non-ASCII: a client must percent-encode it
        b"GET /feed.xml HTTP/1.1 extra",
    ],
)
def test_odd_request_lines_are_400(tight, line: bytes) -> None:
    _, address = tight
    assert status_of(send_raw(address, line + HEAD_END)) == 400


@pytest.mark.parametrize("version", [b"HTTP/2.0", b"HTTP/3.0", b"HTTP/0.9"])
def test_other_http_versions_get_a_readable_505(tight, version: bytes) -> None:
    _, address = tight
    reply = send_raw(address, b"GET /feed.xml " + version + HEAD_END)
    assert reply.startswith(b"HTTP/1.1 505 ")


# --- the connection cap -------------------------------------------------------------------


def test_at_the_cap_an_idle_connection_gives_way_to_a_new_request(tight) -> None:
    server, address = tight
    idle = []
    try:
        for count in range(1, 5):
            idle.append(socket.create_connection(address, timeout=5))
            settle(server, live=count, idle=count)
        status, body = get_feed(address)
        assert (status, body) == (200, FEED)
        # The connection idle longest was the one closed to make room; the others stay open.
        assert idle[0].recv(1) == b""
        settle(server, live=3, idle=3)
    finally:
        for sock in idle:
            sock.close()


def test_at_the_cap_with_every_connection_busy_a_newcomer_waits_then_is_served(tight) -> None:
    server, address = tight
    # Four heads begun and not finished: busy, so none may be closed for a newcomer.
    busy = []
    for _ in range(4):
        busy.append(socket.create_connection(address, timeout=5))
        busy[-1].sendall(b"GET /feed.xml HTTP/1.1\r\n")
    settle(server, live=4, idle=0)
    newcomer = socket.create_connection(address, timeout=5)  # waits in the listen queue
    try:
        newcomer.sendall(b"GET /feed.xml HTTP/1.1" + HEAD_END)
        newcomer.settimeout(0.5)
        with pytest.raises(TimeoutError):
            newcomer.recv(1)  # not served while all four slots are in use
        assert len(server.slots) == 4
        busy[0].sendall(b"Host: x\r\nConnection: close\r\n\r\n")  # one finishes
        assert status_of(reply_to(busy[0])) == 200
        newcomer.settimeout(5)
        reply = reply_to(newcomer)
        assert status_of(reply) == 200 and reply.endswith(FEED)
    finally:
        for sock in [*busy, newcomer]:
            sock.close()


# --- the token: one spelling accepted, every spelling masked ------------------------------


def _percent(text: str) -> str:
    return "".join(f"%{ord(c):02x}" for c in text)


TOKEN_FORMS = {
    f"//{TOKEN}/feed.xml": 404,
    f"///{TOKEN}/feed.xml": 404,
    f"/%{ord(TOKEN[0]):02X}{TOKEN[1:]}/feed.xml": 404,  # one character encoded
    f"/{_percent(TOKEN)}/feed.xml": 404,  # every character, lower-case hex
    f"/{_percent(TOKEN).upper()}/feed.xml": 404,
    f"/x/{TOKEN}/feed.xml": 404,
    f"/{TOKEN}/feed.xml": 200,
}


def test_the_token_is_accepted_as_sent_only_and_masked_in_every_form(show: Path, capfd) -> None:
    server = make_server(show, port=0, token=TOKEN)
    statuses = {}
    for address in _serve(server):
        for target, _ in TOKEN_FORMS.items():
            reply = send_raw(address, f"GET {target} HTTP/1.1".encode() + HEAD_END)
            statuses[target] = status_of(reply)
        tabbed = send_raw(address, f"GET\t/{TOKEN}/feed.xml\tHTTP/1.1".encode() + HEAD_END)
    assert statuses == TOKEN_FORMS
    assert status_of(tabbed) == 400
    err = capfd.readouterr().err
    lines = err.splitlines()
    assert len(lines) == len(TOKEN_FORMS) + 1, err
    assert all("TOKEN" in line for line in lines), err
    for spelling in [TOKEN, _percent(TOKEN), _percent(TOKEN).upper(), TOKEN[1:]]:
        assert spelling.lower() not in err.lower(), spelling


# --- out of descriptors, and memory, in a process of its own ------------------------------

SERVER = """
import resource, sys
from feeds.serve import make_server
nofile, cap = int(sys.argv[2]), int(sys.argv[3]) or None
if nofile:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))
server = make_server(sys.argv[1], port=0, quiet=True, max_connections=cap)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def _server_process(root: Path, nofile: int = 0, cap: int = 0) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(root), str(nofile), str(cap)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    port = proc.stdout.readline().strip()  # type: ignore[union-attr]
    assert port.isdigit(), proc.stderr.read()  # type: ignore[union-attr]
    return proc, int(port)


def _cpu_seconds(pid: int) -> float:
    fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _rss_kib(pid: int) -> int:
    for line in (PROC / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.fixture()
def enough_descriptors() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 512:
        if hard != resource.RLIM_INFINITY and hard < 512:
            pytest.skip("this test opens 130 sockets and cannot raise its own limit to 512")
        resource.setrlimit(resource.RLIMIT_NOFILE, (512, hard))


@needs_proc
@pytest.mark.parametrize(
    "cap",
    [0, 1000],
    ids=["cap-from-the-limit", "cap-above-the-limit-so-accept-hits-EMFILE"],
)
def test_ulimit_128_and_130_idle_sockets_a_request_is_served_and_cpu_stays_low(
    show: Path, enough_descriptors: None, cap: int
) -> None:
    proc, port = _server_process(show, nofile=128, cap=cap)
    idle: list[socket.socket] = []
    try:
        for _ in range(130):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        assert get_feed(("127.0.0.1", port)) == (200, FEED)
        # With 130 sockets still open, the server must rest, not retry accept() in a loop.
        before, start = _cpu_seconds(proc.pid), time.monotonic()
        time.sleep(1.0)
        share = (_cpu_seconds(proc.pid) - before) / (time.monotonic() - start)
        assert share < 0.5, f"server used {share:.0%} of a CPU while clients sat idle"
        assert get_feed(("127.0.0.1", port)) == (200, FEED)
    finally:
        for sock in idle:
            sock.close()
        proc.kill()
        _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err


def _send_head_lines(port: int, lines: list[bytes]) -> socket.socket:
    """A connection that sent a request line and `lines`, and no blank line to end them."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    # Refused part-way, as it should be past the budget.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        sock.sendall(b"GET /feed.xml HTTP/1.1\r\n")
        for line in lines:
            sock.sendall(line)
    return sock


@needs_proc
def test_unfinished_heads_cost_kilobytes_not_megabytes(show: Path) -> None:
    # http.server alone kept up to 100 lines of 64 KB per unfinished head: 6.4 MB each.
    proc, port = _server_process(show)
    socks: list[socket.socket] = []
    try:
        growth = []
        # Twenty heads just under the budget, parked; then twenty of 99 lines of 64 KB.
        for lines in (
            [b"X-Filler-%d: %s\r\n" % (i, b"a" * 1000) for i in range(30)],
            [b"X-Filler: " + b"a" * 65_000 + b"\r\n"] * 99,
        ):
            base = _rss_kib(proc.pid)
            socks += [_send_head_lines(port, lines) for _ in range(20)]
            time.sleep(0.5)  # let the server read what was sent
            growth.append((_rss_kib(proc.pid) - base) / 20)
        assert max(growth) < 512, f"KiB per unfinished head: {growth}"
        replies = [status_of(reply_to(sock)) for sock in socks[20:]]
    finally:
        for sock in socks:
            sock.close()
        proc.kill()
        proc.communicate(timeout=10)
    assert set(replies) <= {431, None}  # None: reset before the reply could be read
    assert 431 in replies
