"""The base of every error mariogen raises for bad input: a file or value a user supplied.

Each loader raises its own subclass (:class:`~mariogen.level.LevelFormatError`,
``PersonaCardError``, ``ReplayError``, ``SegmentError``, ``CheckpointError``,
``TraceFormatError`` ...) whose message names the file and, where it can, the line and
column. The command line reports any of them as one line, ``mariogen: error: MESSAGE``, and
exits with status 2, never with a traceback.
"""

from __future__ import annotations


class InputError(ValueError):
    """Input that mariogen cannot use: a malformed file, an unknown name, a bad value."""
