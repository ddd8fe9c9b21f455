"""The one error type raised for malformed level files."""

from __future__ import annotations

from mariogen.errors import InputError


class LevelFormatError(InputError):
    """A level file or text that is not a valid Mario AI Framework level.

    Attributes:
        source: the file name, or ``"<text>"`` for text given directly.
        line: 1-based line number of the problem (0 when it concerns the whole file).
        column: 1-based column number of the problem (0 when it concerns a whole line).
        reason: what was wrong and what was expected.
    """

    def __init__(self, source: str, line: int, column: int, reason: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(f"{source}:{line}:{column}: {reason}")
