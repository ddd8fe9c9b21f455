"""Segment libraries: an ordered set of segments, and its folder (``index.csv`` + ``ID.txt``).

A library folder holds one text file per segment (``ID.txt``) and an index (``index.csv``,
columns :data:`INDEX_FIELDS`). :meth:`SegmentLibrary.load` reads one (by default the shipped
library, :data:`BUILTIN_LIBRARY`) within the size limits below, and :meth:`SegmentLibrary.write`
writes one, file by file and atomically. The segments themselves, their seams and the
assembly of levels are in :mod:`mariogen.level.segments`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from mariogen.fileio import FileTooLargeError, read_bounded
from mariogen.level.level import MAX_FILE_BYTES, Level, write_text_atomic
from mariogen.level.segments import (
    DIFFICULTY_AGENTS,
    ID_PATTERN,
    Segment,
    SegmentError,
    assemble,
    fits,
    make_segment,
)
from mariogen.resources import project_path

#: The shipped library (present in a source checkout / editable install).
BUILTIN_LIBRARY = project_path("levels", "segments")
#: Name of a library's index file.
INDEX_NAME = "index.csv"
#: Columns of the index file (an agent's column is its name with ``_`` for ``-``).
INDEX_FIELDS = (
    "id",
    "family",
    "width",
    "entry",
    "exit",
    "coins",
    "enemies",
    "gaps",
    *(agent.replace("-", "_") for agent in DIFFICULTY_AGENTS),
    "checked_by",
)
#: Largest index file :meth:`SegmentLibrary.load` reads (about 40 000 segments).
MAX_INDEX_BYTES = 4 * 1024 * 1024
#: Largest segment file :meth:`SegmentLibrary.load` reads (a level's limit).
MAX_SEGMENT_BYTES = MAX_FILE_BYTES
#: The most segments a library may hold (its index's rows).
MAX_SEGMENTS = 40_000
#: The most bytes of segment text a library may hold, all its segments together.
MAX_LIBRARY_BYTES = 64 * 1024 * 1024


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
        self._entering: dict[int, tuple[str, ...]] = {}

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

    def heights(self) -> list[int]:
        """The distinct entry and exit heights of the segments, lowest first (-1: irregular)."""
        return sorted({seg.entry for seg in self} | {seg.exit for seg in self})

    def entering(self, height: int) -> tuple[str, ...]:
        """Ids of the segments that may follow an end of ``height``, in library order.

        Those whose entry :func:`fits` ``height``: entry equal to it or irregular; every
        segment when ``height`` is :data:`IRREGULAR`.
        """
        if height not in self._entering:
            self._entering[height] = tuple(s.id for s in self if fits(height, s.entry))
        return self._entering[height]

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

        Only ``id`` and ``family`` are required in the index. Heights are always computed
        from the rows (an ``entry``/``exit`` column that disagrees is an error); the
        difficulty columns and ``checked_by`` are read when present (an index written
        before they existed loads with them unknown).

        Raises:
            SegmentError: for a missing, too large or malformed index or segment file.
        """
        root = Path(folder) if folder is not None else BUILTIN_LIBRARY
        index = root / INDEX_NAME
        text = _read_text(index, MAX_INDEX_BYTES, "the library index")
        reader = csv.DictReader(io.StringIO(text))
        try:
            return cls(_read_entries(root, index, reader), path=root)
        except csv.Error as exc:
            raise SegmentError(f"{index}:{reader.line_num}: not CSV ({exc})") from None

    def write(self, folder: str | os.PathLike[str]) -> None:
        """Write every segment file and the index into ``folder`` (atomically, file by file)."""
        root = Path(folder)
        for seg in self:
            write_text_atomic(root / f"{seg.id}.txt", seg.text())
        write_text_atomic(root / INDEX_NAME, index_text(self))


def index_text(segments: Iterable[Segment]) -> str:
    """The ``index.csv`` text of ``segments`` (header :data:`INDEX_FIELDS`, one line each)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(INDEX_FIELDS)
    for seg in segments:
        completion = [_format_completion(seg.completion.get(a)) for a in DIFFICULTY_AGENTS]
        shape = [seg.id, seg.family, seg.width, seg.entry, seg.exit]
        counts = [seg.coins, seg.enemies, seg.gaps]
        writer.writerow([*shape, *counts, *completion, seg.checked_by])
    return out.getvalue()


def _format_completion(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _read_entries(root: Path, index: Path, reader: csv.DictReader) -> list[Segment]:
    """The segments an index names, at most :data:`MAX_SEGMENTS` and
    :data:`MAX_LIBRARY_BYTES` of them."""
    if reader.fieldnames is None or not {"id", "family"} <= set(reader.fieldnames):
        raise SegmentError(f"{index}: expected a CSV header with at least id,family")
    segments, size = [], 0
    for entry in reader:
        where = f"{index}:{reader.line_num}"
        if len(segments) == MAX_SEGMENTS:
            raise SegmentError(f"{where}: a library holds at most {MAX_SEGMENTS} segments")
        segments.append(_segment_of_entry(root, where, entry))
        size += sum(len(row) + 1 for row in segments[-1].rows)
        if size > MAX_LIBRARY_BYTES:
            raise SegmentError(f"{where}: the segments hold more than {MAX_LIBRARY_BYTES} bytes")
    return segments


def _segment_of_entry(root: Path, where: str, entry: dict[str, str | None]) -> Segment:
    seg_id = (entry.get("id") or "").strip()
    if not ID_PATTERN.match(seg_id):
        raise SegmentError(f"{where}: bad segment id {seg_id!r}")
    rows = _read_rows(root / f"{seg_id}.txt")
    completion = {}
    for agent in DIFFICULTY_AGENTS:
        value = (entry.get(agent.replace("-", "_")) or "").strip()
        if value:
            completion[agent] = _parse_completion(where, agent, value)
    seg = make_segment(
        seg_id,
        entry.get("family") or "",
        rows,
        entry.get("checked_by") or "",
        completion,
    )
    for side in ("entry", "exit"):
        stated = (entry.get(side) or "").strip()
        if stated and stated != str(getattr(seg, side)):
            raise SegmentError(
                f"{where}: segment {seg_id} has {side} height {getattr(seg, side)}, "
                f"the index says {stated}"
            )
    return seg


def _parse_completion(where: str, agent: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0.0 <= number <= 1.0:
        raise SegmentError(f"{where}: completion by {agent} must be a number in 0..1: {value!r}")
    return number


def _read_text(path: Path, max_bytes: int, what: str) -> str:
    try:
        return read_bounded(path, max_bytes).decode("utf-8")
    except FileTooLargeError:
        raise SegmentError(f"{path}: {what} is larger than {max_bytes} bytes") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SegmentError(f"{path}: cannot read {what} ({exc})") from None


def _read_rows(path: Path) -> list[str]:
    text = _read_text(path, MAX_SEGMENT_BYTES, "segment")
    rows = text.replace("\r\n", "\n").split("\n")
    while rows and rows[-1] == "":
        rows.pop()
    return rows
