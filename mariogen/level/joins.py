"""Legal joins: the functions that keep a genome (a sequence of segment ids) joinable.

A genome is legal for a library when every segment's exit height fits the next segment's
entry height (:func:`mariogen.level.segments.fits`: equal, or one of them irregular) and no
segment appears more than ``max_repeats`` times (``None``: no limit). The start and end pads
take the height of whatever they touch, so the first entry and the last exit are free.

Every function is pure: it reads the library and the genome and, where it chooses, draws only
from the ``numpy.random.Generator`` it is given, always in the same order. The same library,
genome, arguments and generator state give the same result, bit for bit. Candidates are
always listed in library order before a draw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import IRREGULAR, SegmentError, fits

#: Search steps :func:`random_genome` may spend per segment before it gives up.
SEARCH_STEPS_PER_SEGMENT = 200
#: Search steps it may always spend (for short genomes from awkward libraries).
SEARCH_STEPS_MIN = 20_000


def successors(library: SegmentLibrary, height: int) -> tuple[str, ...]:
    """Ids of the segments that may follow an end of ``height`` (library order)."""
    return library.entering(height)


def predecessors(library: SegmentLibrary, height: int) -> tuple[str, ...]:
    """Ids of the segments whose exit fits an entry of ``height`` (library order)."""
    return tuple(seg.id for seg in library if fits(seg.exit, height))


def boundary_heights(library: SegmentLibrary, genome: Sequence[str]) -> list[int]:
    """The ground heights along a genome: the first entry, then every segment's exit."""
    if not genome:
        return []
    return [library[genome[0]].entry] + [library[seg_id].exit for seg_id in genome]


def join_problems(
    library: SegmentLibrary, genome: Sequence[str], max_repeats: int | None = 1
) -> list[str]:
    """What makes ``genome`` illegal: unknown ids, mismatched joins, overused segments.

    Raises:
        SegmentError: for a ``max_repeats`` below 1.
    """
    _check_repeats(max_repeats)
    unknown = [seg_id for seg_id in genome if seg_id not in library]
    if unknown:
        return [f"no segment {seg_id!r} in the library" for seg_id in unknown]
    problems = []
    for i in range(1, len(genome)):
        left, right = library[genome[i - 1]], library[genome[i]]
        if not fits(left.exit, right.entry):
            problems.append(
                f"position {i}: {left.id} exits at height {left.exit}, "
                f"{right.id} enters at height {right.entry}"
            )
    if max_repeats is not None:
        for seg_id, count in Counter(genome).items():
            if count > max_repeats:
                problems.append(f"{seg_id} is used {count} times (at most {max_repeats})")
    return problems


def is_legal(library: SegmentLibrary, genome: Sequence[str], max_repeats: int | None = 1) -> bool:
    """Whether every join of ``genome`` fits and no segment is used over ``max_repeats``."""
    return bool(genome) and not join_problems(library, genome, max_repeats)


def random_genome(
    library: SegmentLibrary,
    rng: np.random.Generator,
    n: int,
    max_repeats: int | None = 1,
) -> list[str]:
    """A random legal genome of ``n`` segments: a random walk of legal joins.

    Each position draws uniformly among the segments that fit after the previous one, are
    not used up, and leave a way to fill the remaining positions (ignoring repeats); a dead
    end backtracks. The first segment is drawn from the whole library.

    Raises:
        SegmentError: for ``n`` below 1, when the library cannot make ``n`` legal joins
            with each segment used at most ``max_repeats`` times (``None``: no limit), or
            when the search gives up (:data:`SEARCH_STEPS_MIN` +
            :data:`SEARCH_STEPS_PER_SEGMENT` x ``n`` steps; only tiny or awkward libraries
            need more).
    """
    if n < 1:
        raise SegmentError(f"a genome needs at least one segment, got {n}")
    _check_repeats(max_repeats)
    if max_repeats is not None and n > max_repeats * len(library):
        raise SegmentError(
            f"the library's {len(library)} segments, each used at most {max_repeats} "
            f"time(s), cannot make a level of {n} segments"
        )
    walk = _walk(library, rng, n, IRREGULAR, Counter(), max_repeats)
    if walk is None:
        raise SegmentError(_cannot(library, n, max_repeats))
    return walk


def replacements(
    library: SegmentLibrary, genome: Sequence[str], i: int, max_repeats: int | None = 1
) -> tuple[str, ...]:
    """Ids of the other segments that could take position ``i`` of ``genome`` legally.

    They fit after ``genome[i - 1]`` and before ``genome[i + 1]`` (the pads fit anything)
    and would not be used more than ``max_repeats`` times; library order, without
    ``genome[i]`` itself.

    Raises:
        SegmentError: for a position outside the genome or an unknown neighbour.
    """
    if not 0 <= i < len(genome):
        raise SegmentError(f"position {i} is outside a genome of {len(genome)} segments")
    _check_repeats(max_repeats)
    left = library[genome[i - 1]].exit if i > 0 else IRREGULAR
    right = library[genome[i + 1]].entry if i + 1 < len(genome) else IRREGULAR
    used = Counter(genome[:i]) + Counter(genome[i + 1 :])
    return tuple(
        seg_id
        for seg_id in library.entering(left)
        if seg_id != genome[i]
        and fits(library[seg_id].exit, right)
        and (max_repeats is None or used[seg_id] < max_repeats)
    )


def crossover_points(library: SegmentLibrary, a: Sequence[str], b: Sequence[str]) -> list[int]:
    """Cut positions ``p`` (``1 <= p <= min(len(a), len(b))``) where the parents may swap.

    At a cut ``p`` the children are ``a[:p] + b[p:...]`` and ``b[:p] + a[p:...]``; ``p`` is
    listed when both joins fit (both parents have the same height there, or an irregular
    end). A two-point crossover that swaps ``a[p:q]`` and ``b[p:q]`` for two listed cuts
    ``p < q`` keeps legal parents' joins legal (repeats aside: see :func:`crossover`).
    A cut at the end of both parents always fits.
    """
    n = min(len(a), len(b))
    points = []
    for p in range(1, n + 1):
        ok = p == len(b) or fits(library[a[p - 1]].exit, library[b[p]].entry)
        ok = ok and (p == len(a) or fits(library[b[p - 1]].exit, library[a[p]].entry))
        if ok:
            points.append(p)
    return points


def swap_points(library: SegmentLibrary, genome: Sequence[str]) -> list[int]:
    """Positions ``i`` where swapping ``genome[i]`` and ``genome[i + 1]`` keeps every join
    legal (for an adjacent-swap mutation; repeats do not change)."""
    out = []
    for i in range(len(genome) - 1):
        swapped = [*genome[max(i - 1, 0) : i], genome[i + 1], genome[i], *genome[i + 2 : i + 3]]
        if all(fits(library[x].exit, library[y].entry) for x, y in pairwise(swapped)):
            out.append(i)
    return out


def crossover(
    library: SegmentLibrary,
    a: Sequence[str],
    b: Sequence[str],
    rng: np.random.Generator,
    max_repeats: int | None = 1,
) -> tuple[list[str], list[str]]:
    """Two-point crossover that keeps joins and repeats legal: the two children.

    Draws one pair of cuts ``p < q`` uniformly among those of :func:`crossover_points`
    whose children use no segment more than ``max_repeats`` times, and swaps ``a[p:q]``
    with ``b[p:q]``. Without such a pair the children are copies of the parents (and
    ``rng`` is not drawn from).
    """
    _check_repeats(max_repeats)
    points = crossover_points(library, a, b)
    cuts = [
        (p, q)
        for j, p in enumerate(points)
        for q in points[j + 1 :]
        if max_repeats is None
        or (_within(_swap(a, b, p, q), max_repeats) and _within(_swap(b, a, p, q), max_repeats))
    ]
    if not cuts:
        return list(a), list(b)
    p, q = cuts[int(rng.integers(len(cuts)))]
    return _swap(a, b, p, q), _swap(b, a, p, q)


def _swap(a: Sequence[str], b: Sequence[str], p: int, q: int) -> list[str]:
    """``a`` with its part ``p:q`` taken from ``b``."""
    return [*a[:p], *b[p:q], *a[q:]]


def repair(
    library: SegmentLibrary,
    genome: Sequence[str],
    rng: np.random.Generator,
    max_repeats: int | None = 1,
) -> list[str]:
    """A legal genome of the same length that keeps as much of ``genome`` as it can.

    Left to right, a segment that does not fit after the (repaired) previous one, is used
    up, or is unknown is replaced by a draw among those that fit between its neighbours
    (:func:`replacements`); where none does, the rest of the genome is drawn afresh as in
    :func:`random_genome`. A legal genome comes back unchanged (and ``rng`` untouched).

    Raises:
        SegmentError: for an empty genome, or when no legal genome of its length exists.
    """
    if not genome:
        raise SegmentError("a genome needs at least one segment")
    _check_repeats(max_repeats)
    out: list[str] = []
    used: Counter[str] = Counter()
    for i, seg_id in enumerate(genome):
        left = library[out[-1]].exit if out else IRREGULAR
        known = seg_id in library
        if known and fits(left, library[seg_id].entry) and _room(used, seg_id, max_repeats):
            out.append(seg_id)
            used[seg_id] += 1
            continue
        options = _fillers(library, genome, i, left, used, max_repeats)
        if not options:
            rest = _walk(library, rng, len(genome) - i, left, used, max_repeats)
            if rest is None:
                raise SegmentError(_cannot(library, len(genome), max_repeats))
            return out + rest
        choice = options[int(rng.integers(len(options)))]
        out.append(choice)
        used[choice] += 1
    return out


def _fillers(
    library: SegmentLibrary,
    genome: Sequence[str],
    i: int,
    left: int,
    used: Counter[str],
    max_repeats: int | None,
) -> list[str]:
    """Segments for position ``i`` of a repair: fit ``left`` and the original next entry."""
    nxt = genome[i + 1] if i + 1 < len(genome) else None
    right = library[nxt].entry if nxt is not None and nxt in library else IRREGULAR
    taken = used + Counter(genome[i + 1 :])
    return [
        s
        for s in library.entering(left)
        if fits(library[s].exit, right) and _room(taken, s, max_repeats)
    ]


def _walk(
    library: SegmentLibrary,
    rng: np.random.Generator,
    n: int,
    height: int,
    used: Counter[str],
    max_repeats: int | None,
) -> list[str] | None:
    """A random legal walk of ``n`` segments after an end of ``height``.

    Returns ``None`` when the search proves there is none.

    Raises:
        SegmentError: when the search budget runs out first.
    """
    able = _able(library, n)
    if height not in able[n]:
        return None
    used = Counter(used)
    walk: list[str] = []
    options = [_options(library, height, n, able, used, max_repeats)]
    steps = budget = SEARCH_STEPS_MIN + SEARCH_STEPS_PER_SEGMENT * n
    while len(walk) < n and budget > 0:
        budget -= 1
        if not options[-1]:
            options.pop()
            if not walk:
                return None
            used[walk.pop()] -= 1
            continue
        seg_id = options[-1].pop(int(rng.integers(len(options[-1]))))
        walk.append(seg_id)
        used[seg_id] += 1
        if len(walk) < n:
            left = n - len(walk)
            options.append(_options(library, library[seg_id].exit, left, able, used, max_repeats))
    if len(walk) < n:
        raise SegmentError(
            f"gave up looking for {n} legally joined segments after {steps} search steps "
            "(the library has few segments that fit together; allow more repeats)"
        )
    return walk


def _options(
    library: SegmentLibrary,
    height: int,
    n: int,
    able: list[set[int]],
    used: Counter[str],
    max_repeats: int | None,
) -> list[str]:
    """Segments that fit after ``height``, have room, and leave ``n - 1`` more possible."""
    return [
        s
        for s in library.entering(height)
        if _room(used, s, max_repeats) and library[s].exit in able[n - 1]
    ]


def _able(library: SegmentLibrary, n: int) -> list[set[int]]:
    """``able[k]``: the heights after which ``k`` more segments can follow (repeats aside)."""
    heights = set(library.heights()) | {IRREGULAR}
    exits = {h: {library[s].exit for s in library.entering(h)} for h in heights}
    able = [set(heights)]
    for _ in range(n):
        able.append({h for h in heights if exits[h] & able[-1]})
    return able


def _room(used: Counter[str], seg_id: str, max_repeats: int | None) -> bool:
    return max_repeats is None or used[seg_id] < max_repeats


def _within(genome: Sequence[str], max_repeats: int | None) -> bool:
    return max_repeats is None or max(Counter(genome).values(), default=0) <= max_repeats


def _check_repeats(max_repeats: int | None) -> None:
    if max_repeats is not None and max_repeats < 1:
        raise SegmentError(f"max_repeats must be at least 1 (or None), got {max_repeats}")


def _cannot(library: SegmentLibrary, n: int, max_repeats: int | None) -> str:
    limit = "" if max_repeats is None else f" with each segment used at most {max_repeats} time(s)"
    heights = ", ".join(str(h) for h in library.heights())
    return (
        f"the library ({len(library)} segments, heights {heights}) cannot make a level of "
        f"{n} legally joined segments{limit}"
    )
