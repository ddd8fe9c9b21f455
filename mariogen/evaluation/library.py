"""A segment library's contents as a picklable payload, parsed once per process.

Workers must not read a library from the folder it came from (the folder is on the main
machine). :class:`LibraryContents` carries every segment's text and the library's digest;
:meth:`LibraryContents.library` rebuilds the :class:`~mariogen.level.library.SegmentLibrary`
once per process and digest, so the tasks of a run share one parsed library per worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import make_segment

#: Libraries kept per process (a run uses one; a few cover runs that alternate).
_CACHE_SIZE = 4
_LIBRARIES: dict[str, SegmentLibrary] = {}


@dataclass(frozen=True)
class LibraryContents:
    """Every segment of a library as text, and the library's digest (its cache key).

    Attributes:
        digest: :meth:`SegmentLibrary.digest` of the library.
        segments: ``(id, family, rows, checked_by)`` of each segment, in library order.
    """

    digest: str
    segments: tuple[tuple[str, str, tuple[str, ...], str], ...]

    @classmethod
    def of(cls, library: SegmentLibrary) -> LibraryContents:
        """The contents of ``library`` (its folder is not kept)."""
        rows = tuple((seg.id, seg.family, seg.rows, seg.checked_by) for seg in library)
        return cls(library.digest(), rows)

    def library(self) -> SegmentLibrary:
        """The library, parsed on first use in this process and then reused.

        Raises:
            SegmentError: for a malformed segment.
        """
        cached = _LIBRARIES.get(self.digest)
        if cached is None:
            cached = SegmentLibrary(make_segment(*segment) for segment in self.segments)
            if len(_LIBRARIES) >= _CACHE_SIZE:
                _LIBRARIES.pop(next(iter(_LIBRARIES)))
            _LIBRARIES[self.digest] = cached
        return cached
