"""The one exception type for mistakes a user can make and fix."""


class UserError(Exception):
    """A problem the user can fix: the message names the file and the fix; no traceback."""
