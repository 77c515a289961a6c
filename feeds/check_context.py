"""Moved to `feeds.check.context`. Kept only while talkingpaper/cli.py still imports `Targets`
from here; once it imports `from feeds.check import Targets`, delete this file."""

from feeds.check.context import Targets

__all__ = ["Targets"]
