"""How the command line reports what went wrong: a user's mistake or a system's refusal as
one line naming the file and the fix, exit status 1, never a traceback."""

from __future__ import annotations

import errno
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from feeds.errors import FeedError
from talkingpaper.errors import UserError
from tts.errors import TTSError

USER_ERRORS = (UserError, TTSError, FeedError)


def fail(exc: BaseException) -> NoReturn:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a user's mistake as one line and exit 1; never a traceback for those."""
    try:
        yield
    except USER_ERRORS as exc:
        fail(exc)
    except OSError as exc:  # a full disk, a read-only folder: name the file
        fail(UserError(describe_os_error(exc)))


def describe_os_error(exc: OSError) -> str:
    """The file, what went wrong and what to do about it, in one line."""
    where = f"{exc.filename}: " if exc.filename else ""
    fix = {
        errno.ENOSPC: "the disk is full; free some space (output/.cache can be deleted) and "
        "build again",
        errno.EDQUOT: "the disk quota is used up; free some space and build again",
        errno.EACCES: "permission denied; check the folder's owner and permissions",
        errno.EROFS: "the file system is read-only; put the show on a writable disk",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{where}{fix}"


def plain_warnings() -> None:
    """Print a warning (a stray byte replaced, say) as one `warning: ...` line, like every
    other message of the command line, not as Python's file, line and source code. Worker
    processes forked later inherit it."""

    def show(message: Warning | str, *_: object, **__: object) -> None:
        click.echo(f"warning: {message}", err=True)

    warnings.showwarning = show
