"""The base of every error mariogen raises for bad input: a file or value a user supplied.

Each loader raises its own subclass (:class:`~mariogen.level.LevelFormatError`,
``PersonaCardError``, ``ReplayError``, ``SegmentError``, ``CheckpointError``,
``TraceFormatError``, ``ExperimentConfigError``, ``RunFolderError`` ...) whose message
names the file and, where it can, the line and column (or the key). The sizes each loader
accepts are listed in README.md, "Limits and bad input"; ``bench/fuzz.py`` checks that
hostile files raise nothing else. The command line reports any of them as one line,
``mariogen: error: MESSAGE``, and exits with status 2, never with a traceback.

Every subclass pickles, whatever its constructor takes, so an error raised in a worker
process (a level a worker assembled, a card a worker read) travels back to the main process
as the same error with the same message and attributes, and is reported as the same line.
"""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Input that mariogen cannot use: a malformed file, an unknown name, a bad value."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickles ``self.args`` and calls ``type(self)(*args)`` on load, which
        # fails for subclasses whose constructor takes other arguments (LevelFormatError's
        # source, line, column, reason); a failed unpickling in a process pool breaks the
        # whole pool. Rebuild without calling the constructor instead.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[InputError], args: tuple[Any, ...], state: dict[str, Any]) -> InputError:
    """An ``InputError`` of class ``cls`` with ``args`` and attributes ``state`` (unpickling)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error
