"""Tile-pattern distributions, KL and Jensen-Shannon divergences, and compression distance.

A level's tile patterns are all its k x k windows of (canonical) text characters, counted
without padding. Reference corpora are folders or lists of level files (default: the
repository's ``levels/`` folder, read recursively), counted once and cached.
"""

from __future__ import annotations

import math
import os
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mariogen.level import Level
from mariogen.metrics import grid
from mariogen.metrics.base import BaseMetric, Direction, Kind
from mariogen.metrics.registry import register_metric
from mariogen.resources import project_path

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

LUCAS_2019 = (
    "Lucas & Volz 2019, Tile pattern KL-divergence for analysing and evolving game levels (GECCO)"
)
LIN_1991 = "Lin 1991, Divergence measures based on the Shannon entropy (IEEE Trans. Inf. Theory)"
HORN_2014 = (
    "Horn, Dahlskog, Shaker, Smith & Togelius 2014, A comparative evaluation of procedural "
    "level generators in the Mario AI framework (FDG); Li, Chen, Li, Ma & Vitányi 2004 (NCD)"
)

#: The default reference corpus: the repository's ``levels/`` folder.
DEFAULT_REFERENCE_DIR = project_path("levels")
#: The smoothing constant of the tile-pattern KL divergence.
DEFAULT_EPSILON = 1e-6

#: A reference corpus: a folder, one level file, several files, or parsed levels.
Reference = str | os.PathLike[str] | Level | Sequence[str | os.PathLike[str] | Level] | None


def pattern_counts(rows: Sequence[str], size: int = 2) -> Counter[str]:
    """Counts of the ``size`` x ``size`` windows of ``rows`` (text rows of equal width).

    Each pattern is keyed by its rows joined with ``/``.
    """
    height, width = len(rows), len(rows[0]) if rows else 0
    counts: Counter[str] = Counter()
    for r in range(height - size + 1):
        band = rows[r : r + size]
        counts.update("/".join(row[c : c + size] for row in band) for c in range(width - size + 1))
    return counts


def level_patterns(level: Level, size: int = 2) -> Counter[str]:
    """Tile-pattern counts of a level (canonical characters; see ``grid.canonical_rows``)."""
    return pattern_counts(grid.canonical_rows(level), size)


def smoothed(
    p: Mapping[str, int], q: Mapping[str, int], epsilon: float
) -> tuple[np.ndarray, np.ndarray]:
    """Both count tables as smoothed distributions over the union of their patterns.

    Each distribution is normalised by its own count: ``p(x) = (c_p(x) + eps) /
    (N_p + eps * |X|)``, X the union of patterns, so each sums to 1.
    """
    keys = sorted(set(p) | set(q))
    cp = np.array([p.get(k, 0) for k in keys], dtype=np.float64) + epsilon
    cq = np.array([q.get(k, 0) for k in keys], dtype=np.float64) + epsilon
    return cp / cp.sum(), cq / cq.sum()


def kl_divergence(
    p: Mapping[str, int], q: Mapping[str, int], epsilon: float = DEFAULT_EPSILON
) -> float:
    """KL(P || Q) in nats between two pattern-count tables, smoothed as in :func:`smoothed`."""
    if not p and not q:
        return 0.0
    sp, sq = smoothed(p, q, epsilon)
    return float(np.sum(sp * np.log(sp / sq)))


def js_divergence(p: Mapping[str, int] | np.ndarray, q: Mapping[str, int] | np.ndarray) -> float:
    """Jensen-Shannon divergence in bits (0..1) between two count tables or histograms."""
    if isinstance(p, Mapping):
        keys = sorted(set(p) | set(q))  # type: ignore[arg-type]
        a = np.array([p.get(k, 0) for k in keys], dtype=np.float64)
        b = np.array([q.get(k, 0) for k in keys], dtype=np.float64)  # type: ignore[union-attr]
    else:
        a, b = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    if a.sum() == 0 or b.sum() == 0:
        return 0.0 if a.sum() == b.sum() else 1.0
    a, b = a / a.sum(), b / b.sum()
    m = (a + b) / 2
    return float(max(0.0, 0.5 * _bits(a, m) + 0.5 * _bits(b, m)))


def _bits(a: np.ndarray, m: np.ndarray) -> float:
    nz = a > 0
    return float(np.sum(a[nz] * np.log2(a[nz] / m[nz])))


def column_text(level: Level) -> bytes:
    """The level read column by column (16 canonical characters per column), as bytes."""
    rows = grid.canonical_rows(level)
    return "".join("".join(col) for col in zip(*rows, strict=True)).encode("utf-8")


def compressed_size(data: bytes) -> int:
    """Bytes of ``data`` compressed by zlib at level 9."""
    return len(zlib.compress(data, 9))


@lru_cache(maxsize=4096)
def _level_size(level: Level) -> tuple[bytes, int]:
    text = column_text(level)
    return text, compressed_size(text)


def ncd(a: Level, b: Level) -> float:
    """Normalised compression distance of two levels (zlib level 9, column-major text).

    ``NCD(a, b) = (C(ab) - min(C(a), C(b))) / max(C(a), C(b))``.
    """
    (ta, ca), (tb, cb) = _level_size(a), _level_size(b)
    return (compressed_size(ta + tb) - min(ca, cb)) / max(ca, cb)


# --- reference corpora --------------------------------------------------------------------


def reference_levels(reference: Reference = None) -> list[Level]:
    """The levels of a reference corpus (default: ``levels/`` of the repository, recursive).

    Raises:
        ValueError: when the corpus is missing or holds no level.
        LevelFormatError: when a file of it is not a valid level.
    """
    items: Iterable[Any]
    if reference is None:
        items = [DEFAULT_REFERENCE_DIR]
    elif isinstance(reference, str | os.PathLike | Level):
        items = [reference]
    else:
        items = reference
    out: list[Level] = []
    for item in items:
        if isinstance(item, Level):
            out.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            out.extend(_read_cached(str(p)) for p in sorted(path.rglob("*.txt")))
        elif path.is_file():
            out.append(_read_cached(str(path)))
        else:
            raise ValueError(f"reference corpus {path} is neither a folder nor a level file")
    if not out:
        raise ValueError(f"reference corpus {reference or DEFAULT_REFERENCE_DIR} holds no level")
    return out


def _read_cached(path: str) -> Level:
    stat = os.stat(path)
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _read(path: str, mtime_ns: int, size: int) -> Level:
    return Level.read(path)


@lru_cache(maxsize=64)
def _corpus_counts(corpus: tuple[Level, ...], size: int) -> Counter[str]:
    total: Counter[str] = Counter()
    for level in corpus:
        total.update(level_patterns(level, size))
    return total


def reference_patterns(reference: Reference, size: int) -> Counter[str]:
    """Summed tile-pattern counts of every level of a reference corpus (cached)."""
    return _corpus_counts(tuple(reference_levels(reference)), size)


# --- metrics ------------------------------------------------------------------------------


class ReferenceMetric(BaseMetric):
    """A content metric comparing the level with a reference corpus."""

    kind = Kind.CONTENT
    PARAMS: ClassVar[dict[str, Any]] = {"reference": None, "size": 2}

    def check_params(self) -> None:
        size = self.params.get("size", 2)
        if not isinstance(size, int) or not 1 <= size <= 16:
            raise ValueError(f"size must be an integer from 1 to 16, got {size!r}")


@register_metric
class TilePatternKL(ReferenceMetric):
    """How unlike the reference corpus the level's tile patterns are (KL divergence).

    Formula: D = w * KL(P || Q) + (1 - w) * KL(Q || P), KL(P || Q) = sum_x p(x) ln(p(x)/q(x)),
    P the level's and Q the reference corpus's k x k tile-pattern counts (k = `size`,
    default 2), each smoothed and normalised by its own count:
    p(x) = (c_P(x) + eps) / (N_P + eps |X|) over the union X of their patterns
    (eps = `epsilon`, default 1e-6; w = `weight`, default 1: KL(level || reference)).
    The reference corpus (`reference`: a folder or list of level files) defaults to levels/.
    """

    name = "tpkl-v0"
    description = "tile-pattern KL divergence of the level from a reference corpus (nats)"
    source = LUCAS_2019
    range = (0.0, None)
    direction = Direction.MINIMISE
    PARAMS: ClassVar[dict[str, Any]] = {
        "reference": None,
        "size": 2,
        "epsilon": DEFAULT_EPSILON,
        "weight": 1.0,
    }

    def check_params(self) -> None:
        super().check_params()
        if float(self.params["epsilon"]) <= 0:
            raise ValueError(f"epsilon must be > 0, got {self.params['epsilon']!r}")
        if not 0.0 <= float(self.params["weight"]) <= 1.0:
            raise ValueError(f"weight must be in [0, 1], got {self.params['weight']!r}")

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        size, eps, w = self.params["size"], float(self.params["epsilon"]), self.params["weight"]
        p = level_patterns(level, size)
        q = reference_patterns(self.params["reference"], size)
        forward = kl_divergence(p, q, eps) if w > 0 else 0.0
        backward = kl_divergence(q, p, eps) if w < 1 else 0.0
        return w * forward + (1 - w) * backward


@register_metric
class TilePatternJS(ReferenceMetric):
    """How unlike the reference corpus the level's tile patterns are (Jensen-Shannon).

    Formula: JS(P, Q) = 1/2 KL(P || M) + 1/2 KL(Q || M), M = (P + Q) / 2, in bits (so 0..1),
    P and Q the level's and the reference corpus's k x k tile-pattern frequencies
    (k = `size`, default 2; no smoothing needed). Symmetric.
    """

    name = "tpjs-v0"
    description = "tile-pattern Jensen-Shannon divergence from a reference corpus (bits)"
    source = f"{LIN_1991}; patterns after {LUCAS_2019}"
    range = (0.0, 1.0)
    direction = Direction.MINIMISE

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        size = self.params["size"]
        return js_divergence(
            level_patterns(level, size), reference_patterns(self.params["reference"], size)
        )


@register_metric
class CompressionDistance(ReferenceMetric):
    """How different the level is from the reference levels, by compression.

    Formula: mean over the reference levels r of NCD(level, r), NCD(a, b) =
    (C(ab) - min(C(a), C(b))) / max(C(a), C(b)), C the size of the level's text read column
    by column (canonical characters) compressed by zlib (level 9). NCD of a level with itself
    is small but not 0 (0.1 to 0.3 for the original levels: DEFLATE copies at most 258
    bytes per back-reference), against 0.7 to 0.9 between different ones.
    """

    name = "ncd-v0"
    description = "mean normalised compression distance to the reference levels"
    source = HORN_2014
    range = (0.0, None)
    PARAMS: ClassVar[dict[str, Any]] = {"reference": None}

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        refs = reference_levels(self.params["reference"])
        return float(math.fsum(ncd(level, r) for r in refs) / len(refs))
