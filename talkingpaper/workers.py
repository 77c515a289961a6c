"""What every worker process of a build shares: it ignores Ctrl-C and leaves with the build.

Ctrl-C in a terminal reaches the whole process group. The build handles it (one line, exit
130, its workers stopped); a worker that took it too would print its own traceback, even one
still starting up, before any handler of ours could run. So workers are started with SIGINT
blocked (the mask is inherited across fork and exec) and then ignore it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


def exit_with_parent(parent: int) -> None:
    """In a worker: ignore Ctrl-C, and leave when the build that started us is gone (killed
    with SIGKILL, it cannot tell us) rather than wait for work forever. PR_SET_PDEATHSIG
    would fire when the starting thread ends, not the process, so the parent is watched."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.1)  # gone within a tenth of a second of a killed build
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """Processes started inside this block are born with Ctrl-C blocked. In this thread a
    Ctrl-C waits until the block ends, then interrupts as usual."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
