"""The level model and the Mario AI Framework text format (ENGINE_SPEC §3)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded
from mariogen.level.errors import LevelFormatError
from mariogen.level.tiles import ENEMY_CHARS, SpriteType, Tile

#: Every level has this many rows.
LEVEL_HEIGHT = 16
#: The widest level accepted, in tiles.
MAX_WIDTH = 4096
#: The largest level file accepted, in bytes (16 rows of MAX_WIDTH characters plus line breaks).
MAX_FILE_BYTES = LEVEL_HEIGHT * (MAX_WIDTH + 2)

#: Characters with a meaning in the text format; ``-`` is empty space.
KNOWN_CHARS = frozenset("-MFX#%|*Bb?@Q!12DSCULotT<>[]" + "".join(ENEMY_CHARS))

_SIMPLE_TILES: dict[str, Tile] = {
    "X": Tile.GROUND,
    "#": Tile.PYRAMID,
    "|": Tile.PLATFORM_BACKGROUND,
    "B": Tile.CANNON_HEAD,
    "?": Tile.SPECIAL_QUESTION,
    "@": Tile.SPECIAL_QUESTION,
    "Q": Tile.COIN_QUESTION,
    "!": Tile.COIN_QUESTION,
    "1": Tile.HIDDEN_LIFE,
    "2": Tile.HIDDEN_COIN,
    "D": Tile.USED,
    "S": Tile.BRICK,
    "C": Tile.COIN_BRICK,
    "U": Tile.SPECIAL_BRICK,
    "L": Tile.LIFE_BRICK,
    "o": Tile.COIN,
    "<": Tile.PIPE_TOP_LEFT,
    ">": Tile.PIPE_TOP_RIGHT,
    "[": Tile.PIPE_BODY_LEFT,
    "]": Tile.PIPE_BODY_RIGHT,
}
_COIN_CHARS = frozenset("QC2o!")
#: Characters that count as solid when looking for the default start and exit rows (§3.4).
_FLOOR_CHARS = frozenset("X#@!BCQ<>[]?SUD%tT")
_PIPE_CHARS = frozenset("tT")


@dataclass(frozen=True, eq=False)
class Level:
    """A parsed level.

    Attributes:
        rows: the 16 text rows, top first, exactly as written.
        tiles: tile ids, shape ``(16, width)``, indexed ``tiles[row, column]``, flagpole included.
        templates: sprite type placed at each cell (``SpriteType`` values, 0 for none).
        mario_start: ``(column, row)`` of Mario's start cell.
        exit: ``(column, row)`` of the exit cell (the flagpole column).
        total_coins: coins the level offers (coin tiles, coin blocks and coin bricks).
        trailing_newline: whether the text ended with a line break (kept for round trips).
        name: a label for messages, usually the file name.
    """

    rows: tuple[str, ...]
    tiles: np.ndarray = field(repr=False)
    templates: np.ndarray = field(repr=False)
    mario_start: tuple[int, int]
    exit: tuple[int, int]
    total_coins: int
    trailing_newline: bool = True
    name: str = "<text>"

    @property
    def width(self) -> int:
        """Width in tiles."""
        return len(self.rows[0])

    @property
    def height(self) -> int:
        """Height in tiles (always 16)."""
        return len(self.rows)

    @property
    def enemy_count(self) -> int:
        """Number of enemy templates (walking enemies and piranha flowers)."""
        return int(np.count_nonzero(self.templates))

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> Level:
        """Parse a level from text in the Mario AI Framework format.

        Args:
            text: the level text; ``\\n`` and ``\\r\\n`` line breaks are both accepted.
            source: a name used in error messages.

        Raises:
            LevelFormatError: when the text is not a valid 16-row rectangular level.
        """
        rows = _split_rows(text, source)
        tiles, templates, total_coins = _parse_grid(rows)
        start, exit_cell = _start_and_exit(rows)
        _place_flagpole(tiles, exit_cell)
        tiles.setflags(write=False)
        templates.setflags(write=False)
        return cls(
            rows=tuple(rows),
            tiles=tiles,
            templates=templates,
            mario_start=start,
            exit=exit_cell,
            total_coins=total_coins,
            trailing_newline=text.endswith("\n"),
            name=source,
        )

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Level:
        """Read and parse a level file.

        Raises:
            LevelFormatError: when the file is missing, too large, not text, or not a valid level.
        """
        source = str(path)
        try:
            data = read_bounded(path, MAX_FILE_BYTES)
        except OSError as exc:
            raise LevelFormatError(source, 0, 0, f"cannot read file: {exc.strerror}") from None
        except FileTooLargeError:
            raise LevelFormatError(
                source, 0, 0, f"file larger than {MAX_FILE_BYTES} bytes; not a level"
            ) from None
        return cls.from_text(_decode(data, source), source=source)

    def to_text(self) -> str:
        """The level in the text format; parsing it again gives an equal level."""
        return "\n".join(self.rows) + ("\n" if self.trailing_newline else "")

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the level text atomically (temporary file, then rename)."""
        write_text_atomic(Path(path), self.to_text())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Level) and self.rows == other.rows

    def __hash__(self) -> int:
        return hash(self.rows)


def write_text_atomic(path: Path, text: str) -> None:
    """Write text to ``path`` through a temporary file in the same folder and a rename."""
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark, as some editors write
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LevelFormatError(source, line, column, "not UTF-8 text (binary file?)") from None
    return text


def _split_rows(text: str, source: str) -> list[str]:
    if not text.strip():
        raise LevelFormatError(source, 1, 1, f"no rows; expected {LEVEL_HEIGHT} rows of tiles")
    rows = text.replace("\r\n", "\n").split("\n")
    while rows and rows[-1] == "":
        rows.pop()
    width = len(rows[0])
    if width == 0:
        raise LevelFormatError(source, 1, 1, "empty first row; expected a row of tiles")
    if width > MAX_WIDTH:
        raise LevelFormatError(
            source, 1, MAX_WIDTH + 1, f"row is {width} tiles wide; the limit is {MAX_WIDTH}"
        )
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            column = min(len(row), width) + 1
            raise LevelFormatError(
                source,
                number,
                column,
                f"row has {len(row)} characters; expected {width} like the first row",
            )
        for column, char in enumerate(row, start=1):
            if char not in KNOWN_CHARS:
                raise LevelFormatError(
                    source, number, column, f"unknown tile character {char!r}; see the format docs"
                )
    if len(rows) != LEVEL_HEIGHT:
        raise LevelFormatError(
            source, len(rows), 1, f"level has {len(rows)} rows; expected {LEVEL_HEIGHT}"
        )
    return rows


def _parse_grid(rows: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
    height, width = len(rows), len(rows[0])
    tiles = np.zeros((height, width), dtype=np.int16)
    templates = np.zeros((height, width), dtype=np.int8)
    total_coins = 0
    for y, row in enumerate(rows):
        for x, char in enumerate(row):
            if char in _COIN_CHARS:
                total_coins += 1
            if char in _SIMPLE_TILES:
                tiles[y, x] = _SIMPLE_TILES[char]
            elif char in ENEMY_CHARS:
                templates[y, x] = ENEMY_CHARS[char]
            elif char == "%":
                tiles[y, x] = _platform_tile(row, x)
            elif char == "*":
                tiles[y, x] = _cannon_column_tile(rows, x, y)
            elif char == "b":
                above2 = rows[y - 2][x] if y > 1 else ""
                tiles[y, x] = Tile.CANNON_BODY if above2 == "B" else Tile.CANNON_NECK
            elif char in _PIPE_CHARS:
                tiles[y, x], flower = _pipe_tile(rows, tiles, x, y)
                if char == "T" and flower:
                    templates[y, x] = SpriteType.ENEMY_FLOWER
    return tiles, templates, total_coins


def _platform_tile(row: str, x: int) -> int:
    tile = int(Tile.PLATFORM)
    if x > 0 and row[x - 1] == "%":
        tile += 2
    if x < len(row) - 1 and row[x + 1] == "%":
        tile += 1
    return tile


def _cannon_column_tile(rows: list[str], x: int, y: int) -> int:
    tile = int(Tile.CANNON_HEAD)
    if y > 0 and rows[y - 1][x] == "*":
        tile += 1
    if y > 1 and rows[y - 2][x] == "*":
        tile += 1
    return tile


def _pipe_tile(rows: list[str], tiles: np.ndarray, x: int, y: int) -> tuple[int, bool]:
    """Pipe expansion (§3.3); returns the tile id and whether a flower sits here."""
    row, width = rows[y], len(rows[y])
    single = 0 < x < width - 1 and row[x - 1] not in _PIPE_CHARS and row[x + 1] not in _PIPE_CHARS
    k = 0
    if x > 0 and tiles[y, x - 1] in (Tile.PIPE_TOP_LEFT, Tile.PIPE_BODY_LEFT):
        k += 1
    if y > 0 and rows[y - 1][x] in _PIPE_CHARS:
        k += 1 if single else 2
    if single:
        return int(Tile.PIPE_SINGLE_TOP) + k, False
    return int(Tile.PIPE_TOP_LEFT) + k, k == 0


def _first_floor(rows: list[str], x: int) -> int:
    seen_solid = False
    for y in range(len(rows) - 1, -1, -1):
        solid = rows[y][x] in _FLOOR_CHARS
        if solid:
            seen_solid = True
        elif seen_solid:
            return y
    return -1


def _last_cell(rows: list[str], char: str) -> tuple[int, int] | None:
    found = None
    for y, row in enumerate(rows):
        x = row.rfind(char)
        if x >= 0:
            found = (x, y)
    return found


def _start_and_exit(rows: list[str]) -> tuple[tuple[int, int], tuple[int, int]]:
    width = len(rows[0])
    start = _last_cell(rows, "M") or (0, _first_floor(rows, 0))
    exit_cell = _last_cell(rows, "F") or (width - 1, _first_floor(rows, width - 1))
    return start, exit_cell


def _place_flagpole(tiles: np.ndarray, exit_cell: tuple[int, int]) -> None:
    ex, ey = exit_cell
    top = max(1, ey - 11)
    for r in range(top + 1, ey + 1):
        if 0 <= r < tiles.shape[0] and 0 <= ex < tiles.shape[1]:
            tiles[r, ex] = Tile.FLAG_POLE
    if 0 <= top < tiles.shape[0] and 0 <= ex < tiles.shape[1]:
        tiles[top, ex] = Tile.FLAG_TOP
