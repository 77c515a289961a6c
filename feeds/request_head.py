"""Reading a request's head (request line and headers) within a byte budget and a deadline.

http.server alone reads up to 100 header lines of 64 KB each and restarts its socket timeout on
every byte, so one client dripping a byte a minute, or twenty sending 6 MB heads, could hold the
server's threads and memory. Here a head must arrive whole within `head_timeout` seconds of its
first byte and within `budget` bytes; waiting for the next request on a keep-alive connection
is a separate, longer idle timeout, during which the connection may be closed to make room.
"""

from __future__ import annotations

import io
import re
import socket
import time

from feeds.connection_slots import ConnectionSlots

# RFC 9112 3: method SP request-target SP HTTP-version, one space each, a visible-ASCII target.
# Tabs, runs of spaces, control bytes or raw non-ASCII mean a client or proxy we would read
# differently from the next hop: refuse rather than guess.
_REQUEST_LINE = re.compile(
    rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+ ([\x21-\x7e]+) HTTP/([0-9])\.[0-9]\r?\n",
)


class HeadTooLarge(Exception):
    """The request line and headers passed the byte budget: answer 414 or 431 and close."""


def request_line(raw_line: bytes) -> tuple[str, int] | None:
    """The request-target, exactly as sent, and the HTTP major version; None if malformed."""
    match = _REQUEST_LINE.fullmatch(raw_line)
    return (match.group(1).decode("ascii"), int(match.group(2))) if match else None


class RequestReader(io.RawIOBase):
    """A connection's socket as a raw stream that knows which part of a request it reads.

    Between requests it waits up to `idle_timeout`, marked idle in `slots`; the first byte of a
    request starts the head's deadline, which every later read counts down instead of restarting.
    """

    def __init__(
        self,
        sock: socket.socket,
        slots: ConnectionSlots,
        idle_timeout: float,
        head_timeout: float,
    ) -> None:
        super().__init__()
        self._sock = sock
        self._slots = slots
        self._idle_timeout = idle_timeout
        self._head_timeout = head_timeout
        self._awaiting = False
        self._deadline: float | None = None

    def readable(self) -> bool:
        return True

    def await_request(self) -> None:
        self._awaiting, self._deadline = True, None

    def head_done(self, send_timeout: float) -> None:
        self._awaiting, self._deadline = False, None
        self._sock.settimeout(send_timeout)

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._awaiting:
            self._sock.settimeout(self._idle_timeout)
            self._slots.idle(self._sock)
            try:
                count = self._sock.recv_into(buffer)
            finally:
                self._slots.busy(self._sock)
            self._awaiting = False
            self._deadline = time.monotonic() + self._head_timeout
            return count
        if self._deadline is not None:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("request head not complete by its deadline")
            self._sock.settimeout(remaining)
        return self._sock.recv_into(buffer)


class HeadStream(io.BufferedReader):
    """The buffered request stream; while a head is read, its lines count against a budget."""

    def __init__(self, reader: RequestReader, budget: int) -> None:
        super().__init__(reader)
        self._reader = reader
        self._max = budget
        self._budget: int | None = None

    def begin_head(self) -> None:
        """A new request starts: full budget, deadline from its first byte."""
        self._budget = self._max
        self._reader.await_request()

    def end_head(self, send_timeout: float) -> None:
        """The head is read: no budget, no deadline; sends time out after `send_timeout`."""
        self._budget = None
        self._reader.head_done(send_timeout)

    def readline(self, size: int | None = -1) -> bytes:
        if self._budget is None:
            return super().readline(size)
        limit = self._budget + 1 if size is None or size < 0 else min(size, self._budget + 1)
        line = super().readline(limit)
        if len(line) > self._budget:
            raise HeadTooLarge
        self._budget -= len(line)
        return line
