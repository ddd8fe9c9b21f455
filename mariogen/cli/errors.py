"""Errors that the command line reports as one line and exit status 2."""

from __future__ import annotations

#: Exit status for a user mistake: a bad argument, a malformed level, a missing file.
EXIT_USER_ERROR = 2


class UserError(Exception):
    """A mistake by the user (a bad option value, an unusable path) rather than a bug.

    ``mariogen`` prints ``mariogen: error: <message>`` to stderr and exits with status 2.
    The message should say what was wrong and what was expected.
    """
