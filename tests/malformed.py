"""Malformed level files, written on demand, with where the error must point.

Shared by the parser tests and the ``mariogen validate`` tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mariogen.level import LEVEL_HEIGHT, MAX_FILE_BYTES, MAX_WIDTH

WIDTH = 20


def good_rows(width: int = WIDTH) -> list[str]:
    """A small valid level: sky, Mario, an exit and two rows of ground."""
    rows = ["-" * width for _ in range(LEVEL_HEIGHT - 2)] + ["X" * width] * 2
    rows[13] = "-M" + "-" * (width - 4) + "F-"
    return rows


def _text(rows: list[str]) -> str:
    return "\n".join(rows) + "\n"


def _with(row: int, column: int, char: str) -> str:
    rows = good_rows()
    line = rows[row - 1]
    rows[row - 1] = line[: column - 1] + char + line[column:]
    return _text(rows)


@dataclass(frozen=True)
class Case:
    """A malformed file: ``write(folder)`` creates it and returns its path.

    Attributes:
        name: test id.
        write: creates the file inside the given folder.
        where: the (line, column) the error must name.
    """

    name: str
    write: Callable[[Path], Path]
    where: tuple[int, int]


def _file(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return write


def _huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes, written instantly
    return path


def _missing(folder: Path) -> Path:
    return folder / "does-not-exist.txt"


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.txt"
    path.mkdir()
    return path


_RAGGED = good_rows()
_RAGGED[4] = _RAGGED[4][:-1]

CASES: list[Case] = [
    Case("ragged-row", _file("ragged.txt", _text(_RAGGED)), (5, WIDTH)),
    Case("unknown-char", _file("unknown.txt", _with(3, 7, "Z")), (3, 7)),
    Case("empty-file", _file("empty.txt", ""), (1, 1)),
    Case("whitespace-only", _file("blank.txt", "  \n\n \t \n"), (1, 1)),
    Case("15-rows", _file("rows15.txt", _text(good_rows()[1:])), (15, 1)),
    Case("17-rows", _file("rows17.txt", _text([*good_rows(), "-" * WIDTH])), (17, 1)),
    Case("binary", _file("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"), (1, 1)),
    Case("50-megabytes", _huge, (0, 0)),
    Case(
        "too-wide",
        _file("wide.txt", _text(good_rows(MAX_WIDTH + 1))),
        (1, MAX_WIDTH + 1),
    ),
    Case("nul-byte", _file("nul.txt", _with(2, 3, "\x00")), (2, 3)),
    Case("missing-file", _missing, (0, 0)),
    Case("directory", _directory, (0, 0)),
    Case("leading-blank-line", _file("lead.txt", "\n" + _text(good_rows())), (1, 1)),
    Case("latin-1", _file("latin1.txt", _with(4, 2, "é").encode("latin-1")), (4, 2)),
    Case("tab", _file("tab.txt", _with(6, 9, "\t")), (6, 9)),
    Case("cr-line-breaks", _file("cr.txt", "\r".join(good_rows())), (1, WIDTH + 1)),
    Case("space-row", _file("spaces.txt", _text([" " * WIDTH, *good_rows()[1:]])), (1, 1)),
    Case("trailing-spaces-line", _file("trail.txt", _text(good_rows()) + "   \n"), (17, 4)),
]

assert MAX_FILE_BYTES < 50 * 1024 * 1024
