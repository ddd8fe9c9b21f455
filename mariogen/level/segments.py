"""Segments: fixed-width level slices that join into levels, and libraries of them.

A *segment* is a 16-row slice of a level, :data:`SEGMENT_WIDTH` columns wide in the shipped
library. A *library* is a folder with one text file per segment (``ID.txt``) and an index
(``index.csv``: id, family, width, coins, enemies, gaps, checked_by). Levels are assembled as::

    start pad (Mario's start) + segment + segment + ... + end pad (the flag)

**The seam rule.** Every segment of the shipped library has solid ground (``X``) in rows 14 and
15 of its first and last :data:`SEAM_COLUMNS` columns, and nothing at all above it there. So
Mario always meets a segment, and leaves it, walking on the ground at row 13, and any segment
joins any other: no gap, wall or enemy straddles a seam. :meth:`Segment.seam_problems` checks
it. Libraries imported from other levels (:func:`slice_level`) do not promise the rule; their
joins are only as good as the levels they were cut from, and the generator's playability
constraint weeds out levels that cannot be finished.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mariogen.errors import InputError
from mariogen.level.errors import LevelFormatError
from mariogen.level.level import LEVEL_HEIGHT, Level, write_text_atomic
from mariogen.level.tiles import ENEMY_CHARS
from mariogen.resources import project_path

#: Width of the shipped library's segments, in tiles.
SEGMENT_WIDTH = 16
#: Columns at each end of a segment that follow the seam rule.
SEAM_COLUMNS = 2
#: Rows of solid ground under the seams (Mario walks on row 13).
GROUND_ROWS = (14, 15)
#: The shipped library (present in a source checkout / editable install).
BUILTIN_LIBRARY = project_path("levels", "segments")
#: Name of a library's index file.
INDEX_NAME = "index.csv"
#: Columns of the index file.
INDEX_FIELDS = ("id", "family", "width", "coins", "enemies", "gaps", "checked_by")
#: Start pad: ground with Mario's start (``M``) on it.
START_PAD: tuple[str, ...] = ("---",) * 13 + ("-M-", "XXX", "XXX")
#: End pad: ground with the exit (``F``, where the flagpole stands).
END_PAD: tuple[str, ...] = ("------",) * 13 + ("---F--", "XXXXXX", "XXXXXX")
#: Characters allowed in segment ids (ids are file names).
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_COIN_CHARS = frozenset("QC2o!")
_SOLID_GROUND = frozenset("X#")


class SegmentError(InputError):
    """A segment or library that cannot be read or does not follow the format."""


@dataclass(frozen=True)
class Segment:
    """A slice of a level, to be joined with others.

    Attributes:
        id: unique name in its library (a file name stem: letters, digits, ``-``, ``_``, ``.``).
        family: the kind of content (``gap``, ``enemies``, ``coins`` ...).
        rows: the 16 text rows, top first, all of the same width.
        checked_by: the agent that finished it alone (padded), or ``""`` if never checked.
    """

    id: str
    family: str
    rows: tuple[str, ...]
    checked_by: str = field(default="", compare=False)

    @property
    def width(self) -> int:
        """Width in tiles."""
        return len(self.rows[0])

    @property
    def coins(self) -> int:
        """Coins it offers (coin tiles, coin blocks and coin bricks)."""
        return sum(row.count(c) for row in self.rows for c in _COIN_CHARS)

    @property
    def enemies(self) -> int:
        """Enemy templates (walking enemies and piranha plants of ``T`` pipes)."""
        return Level.from_text(self.text(), source=self.id).enemy_count

    @property
    def gaps(self) -> int:
        """Runs of columns with nothing solid in the bottom row (holes Mario can fall into)."""
        bottom = self.rows[-1]
        runs, inside = 0, False
        for char in bottom:
            hole = char in "-oMF|" or char in ENEMY_CHARS
            runs += hole and not inside
            inside = hole
        return runs

    def text(self) -> str:
        """The segment as text (16 lines)."""
        return "\n".join(self.rows) + "\n"

    def seam_problems(self) -> list[str]:
        """What breaks the seam rule (empty when the segment joins any other)."""
        problems = []
        seams = list(range(SEAM_COLUMNS)) + list(range(self.width - SEAM_COLUMNS, self.width))
        for x in seams:
            for y, row in enumerate(self.rows):
                want = "X" if y in GROUND_ROWS else "-"
                if row[x] != want:
                    problems.append(
                        f"column {x} row {y} is {row[x]!r}, the seam rule needs {want!r}"
                    )
        return problems

    def padded(self) -> Level:
        """The segment alone between the start and end pads, as a playable level."""
        return assemble([self], name=f"segment {self.id}")


def make_segment(seg_id: str, family: str, rows: Iterable[str], checked_by: str = "") -> Segment:
    """A checked :class:`Segment`: a valid id, 16 equal rows, only level characters, no M/F.

    Raises:
        SegmentError: for a bad id, shape, character, or a start or exit inside the segment.
    """
    rows = tuple(rows)
    if not _ID_PATTERN.match(seg_id):
        raise SegmentError(f"segment id {seg_id!r}: use 1-64 letters, digits, '-', '_' or '.'")
    if not family or "," in family:
        raise SegmentError(f"segment {seg_id}: family {family!r} must be a non-empty word")
    text = "\n".join(rows) + "\n"
    try:
        Level.from_text(text, source=seg_id)
    except LevelFormatError as exc:
        raise SegmentError(f"segment {seg_id}: {exc}") from None
    if any("M" in row or "F" in row for row in rows):
        raise SegmentError(f"segment {seg_id}: a segment may not hold Mario's start or the exit")
    return Segment(seg_id, family, rows, checked_by)


def assemble(segments: Sequence[Segment], name: str = "<generated>") -> Level:
    """Join segments between the start pad and the end pad.

    Args:
        segments: the segments, left to right (at least one).
        name: the level's name in messages.

    Returns:
        The level; its text round-trips (``Level.from_text(level.to_text()) == level``).

    Raises:
        SegmentError: for an empty sequence.
    """
    if not segments:
        raise SegmentError("a level needs at least one segment")
    rows = [
        START_PAD[y] + "".join(seg.rows[y] for seg in segments) + END_PAD[y]
        for y in range(LEVEL_HEIGHT)
    ]
    return Level.from_text("\n".join(rows) + "\n", source=name)


def slice_level(level: Level, width: int, prefix: str) -> list[Segment]:
    """Cut a level into segments of ``width`` columns (a last, narrower piece is dropped).

    Mario's start and the exit become empty cells; the flagpole is not copied (it is not in
    the text). Segment ids are ``PREFIX-000``, ``PREFIX-001``, ...; the family is ``PREFIX``.

    Raises:
        SegmentError: for a width below 1 or a prefix that cannot start an id.
    """
    if width < 1:
        raise SegmentError(f"segment width must be at least 1, got {width}")
    clean = [row.replace("M", "-").replace("F", "-") for row in level.rows]
    family = re.sub(r"[^A-Za-z0-9_.-]+", "-", prefix).strip("-.") or "imported"
    return [
        make_segment(f"{family}-{i:03d}", family, [row[x : x + width] for row in clean])
        for i, x in enumerate(range(0, level.width - width + 1, width))
    ]


class SegmentLibrary:
    """An ordered collection of equally wide segments, keyed by id.

    Args:
        segments: the segments (ids unique, widths equal).
        path: the folder it was read from, if any.

    Raises:
        SegmentError: for an empty library, repeated ids or unequal widths.
    """

    def __init__(self, segments: Iterable[Segment], path: Path | None = None) -> None:
        self._segments: dict[str, Segment] = {}
        for seg in segments:
            if seg.id in self._segments:
                raise SegmentError(f"segment id {seg.id!r} appears twice")
            self._segments[seg.id] = seg
        if not self._segments:
            raise SegmentError("a segment library needs at least one segment")
        widths = {seg.width for seg in self._segments.values()}
        if len(widths) != 1:
            raise SegmentError(f"segments of one library must be equally wide, found {widths}")
        self.width: int = widths.pop()
        self.path = path

    @property
    def ids(self) -> tuple[str, ...]:
        """Segment ids in library order."""
        return tuple(self._segments)

    def __len__(self) -> int:
        return len(self._segments)

    def __iter__(self):
        return iter(self._segments.values())

    def __contains__(self, seg_id: object) -> bool:
        return seg_id in self._segments

    def __getitem__(self, seg_id: str) -> Segment:
        try:
            return self._segments[seg_id]
        except KeyError:
            raise SegmentError(f"no segment {seg_id!r} in the library") from None

    def families(self) -> Counter[str]:
        """Number of segments per family."""
        return Counter(seg.family for seg in self)

    def digest(self) -> str:
        """A fingerprint of the library's content (ids, families and rows; sha256, hex)."""
        h = hashlib.sha256()
        for seg in self:
            h.update(f"{seg.id}\0{seg.family}\0{seg.text()}\0".encode())
        return h.hexdigest()

    def assemble(self, genome: Sequence[str], name: str = "<generated>") -> Level:
        """The level made of the segments named in ``genome``."""
        return assemble([self[seg_id] for seg_id in genome], name=name)

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None) -> SegmentLibrary:
        """Read a library folder (``index.csv`` plus ``ID.txt`` files); default: the shipped one.

        Raises:
            SegmentError: for a missing or malformed index or segment file.
        """
        root = Path(folder) if folder is not None else BUILTIN_LIBRARY
        index = root / INDEX_NAME
        try:
            text = index.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SegmentError(f"{index}: cannot read the library index ({exc})") from None
        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or not {"id", "family"} <= set(reader.fieldnames):
            raise SegmentError(f"{index}: expected a CSV header with at least id,family")
        segments = []
        for line, entry in enumerate(reader, start=2):
            seg_id = (entry.get("id") or "").strip()
            if not _ID_PATTERN.match(seg_id):
                raise SegmentError(f"{index}:{line}: bad segment id {seg_id!r}")
            rows = _read_rows(root / f"{seg_id}.txt")
            segments.append(
                make_segment(seg_id, entry.get("family") or "", rows, entry.get("checked_by") or "")
            )
        return cls(segments, path=root)

    def write(self, folder: str | os.PathLike[str]) -> None:
        """Write every segment file and the index into ``folder`` (atomically, file by file)."""
        root = Path(folder)
        for seg in self:
            write_text_atomic(root / f"{seg.id}.txt", seg.text())
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(INDEX_FIELDS)
        for seg in self:
            writer.writerow(
                [seg.id, seg.family, seg.width, seg.coins, seg.enemies, seg.gaps, seg.checked_by]
            )
        write_text_atomic(root / INDEX_NAME, out.getvalue())


def _read_rows(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SegmentError(f"{path}: cannot read segment ({exc})") from None
    rows = text.replace("\r\n", "\n").split("\n")
    while rows and rows[-1] == "":
        rows.pop()
    return rows
