"""How many connections the server holds at once, and which one gives way to a newcomer.

Each connection costs a thread and a file descriptor (two while a file is being sent). Past the
cap the server stops accepting, so new connections wait in the kernel's listen queue
(backpressure) instead of failing to accept in a tight loop. A connection that waits for its
next request (idle keep-alive, or a socket opened and never used) holds a slot for nothing: when
someone is queued, the one idle longest is closed to make room, as nginx and Apache do. A
connection that is sending a request head or receiving a file is never closed for a newcomer.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

# A request head or a download holds a slot until it ends; past the cap, give up the accept
# loop's turn after this long so shutdown() and later arrivals are not kept waiting.
ROOM_WAIT = 0.5
# After accept() found no free descriptor: how long to wait for one before trying again, so a
# process at its `ulimit -n` retries a few times a second rather than spinning.
DESCRIPTOR_PAUSE = 0.25
# Most households need a handful; each connection is a thread.
CEILING = 100
# Descriptors the process needs besides connections: listener, selector, std streams, imports.
RESERVE = 16


def default_connection_cap(ceiling: int = CEILING, reserve: int = RESERVE) -> int:
    """The cap that fits this process's descriptor limit: one socket plus one open file each."""
    try:
        import resource
    except ImportError:  # no rlimits on this OS
        return ceiling
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return ceiling
    return max(1, min(ceiling, (soft - reserve) // 2))


class ConnectionSlots:
    """The server's open connections, counted against a cap, with the idle ones timed."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"a server needs at least one connection, not {limit}")
        self.limit = limit
        self._cond = threading.Condition()
        self._live = 0
        self._freed = 0  # how many connections have ended, so a waiter can tell one did
        self._idle: dict[socket.socket, float] = {}  # connection -> idle since (monotonic)
        self._evicting: set[socket.socket] = set()

    def __len__(self) -> int:
        with self._cond:
            return self._live

    def idle_count(self) -> int:
        """How many connections wait for a request and could give way to a newcomer."""
        with self._cond:
            return len(self._idle)

    def add(self, conn: socket.socket) -> None:
        with self._cond:
            self._live += 1

    def idle(self, conn: socket.socket) -> None:
        """`conn` waits for its next request: it may be closed to make room."""
        with self._cond:
            if conn not in self._evicting:
                self._idle[conn] = time.monotonic()

    def busy(self, conn: socket.socket) -> None:
        """`conn` has started a request: it keeps its slot until it ends."""
        with self._cond:
            self._idle.pop(conn, None)

    def detach(self, conn: socket.socket) -> None:
        """`conn` is about to close: never touch it again."""
        with self._cond:
            self._idle.pop(conn, None)
            self._evicting.discard(conn)

    def freed(self) -> None:
        """A connection has closed: its slot and its descriptor are free."""
        with self._cond:
            self._live -= 1
            self._freed += 1
            self._cond.notify_all()

    def wait_for_room(self, timeout: float = ROOM_WAIT) -> bool:
        """True when one more connection may be accepted.

        At the cap, closes the connection idle longest (if none is already closing) and waits up
        to `timeout` for a slot; False if none came free, e.g. every connection is busy.
        """
        with self._cond:
            if self._live < self.limit:
                return True
            if self._live - len(self._evicting) >= self.limit:
                self._evict_idlest()
            return self._cond.wait_for(lambda: self._live < self.limit, timeout)

    def relieve(self, pause: float = DESCRIPTOR_PAUSE) -> None:
        """accept() found no free descriptor: close the idlest connection, wait for one to end."""
        with self._cond:
            freed = self._freed
            if not self._evicting:
                self._evict_idlest()
            self._cond.wait_for(lambda: self._freed != freed, pause)

    def close_idle(self) -> None:
        """Close every idle connection, so a stopping server is not held up by them."""
        with self._cond:
            while self._evict_idlest():
                pass

    def _evict_idlest(self) -> bool:
        # Called with the lock held, which also keeps the socket from closing under us: its
        # thread must detach it (taking the lock) before it closes.
        if not self._idle:
            return False
        conn = min(self._idle, key=self._idle.__getitem__)
        del self._idle[conn]
        self._evicting.add(conn)
        # Wakes the thread blocked in recv() on it with end-of-file; it then closes. OSError:
        # already reset by the client, and its thread ends anyway.
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)
        return True
