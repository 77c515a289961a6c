"""Errors raised by the feeds library."""


class FeedError(Exception):
    """A feed, page or server problem the user can fix; the message says how."""
