"""Legal joins: random genomes, replacements, crossover cuts, swaps and repair keep genomes
legal, respect max_repeats and are deterministic for a seed."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mariogen.level import joins
from mariogen.level.catalogue import build_catalogue
from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import HEIGHTS, IRREGULAR, SegmentError, make_segment, seam_column


def ground(entry: int, exit_: int) -> list[str]:
    left, right = seam_column(entry), seam_column(exit_)
    return [left[y] * 8 + right[y] * 8 for y in range(16)]


def small_library(*pairs: tuple[int, int], irregular: int = 0) -> SegmentLibrary:
    segs = [make_segment(f"s{i}-{a}to{b}", "t", ground(a, b)) for i, (a, b) in enumerate(pairs)]
    segs += [make_segment(f"odd{i}", "t", ["-" * 16] * 16) for i in range(irregular)]
    return SegmentLibrary(segs)


#: The new library as the catalogue draws it (the build keeps every segment).
CATALOGUE = SegmentLibrary(build_catalogue())


def test_successors_and_predecessors() -> None:
    lib = small_library((0, 0), (0, 2), (2, 0), (2, 2), irregular=1)
    assert joins.successors(lib, 0) == ("s0-0to0", "s1-0to2", "odd0")
    assert joins.predecessors(lib, 2) == ("s1-0to2", "s3-2to2", "odd0")
    assert joins.successors(lib, IRREGULAR) == lib.ids


def test_join_problems_name_the_position() -> None:
    lib = small_library((0, 0), (0, 2), (2, 2))
    assert joins.is_legal(lib, ["s0-0to0", "s1-0to2", "s2-2to2"])
    assert joins.join_problems(lib, ["s1-0to2", "s0-0to0"]) == [
        "position 1: s1-0to2 exits at height 2, s0-0to0 enters at height 0"
    ]
    assert joins.join_problems(lib, ["s0-0to0", "s0-0to0"]) == [
        "s0-0to0 is used 2 times (at most 1)"
    ]
    assert joins.is_legal(lib, ["s0-0to0", "s0-0to0"], max_repeats=None)
    assert not joins.is_legal(lib, ["nope"]) and not joins.is_legal(lib, [])


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("max_repeats", [1, 2])
def test_random_genome_is_legal_and_deterministic(seed: int, max_repeats: int) -> None:
    a = joins.random_genome(CATALOGUE, np.random.default_rng(seed), 12, max_repeats)
    b = joins.random_genome(CATALOGUE, np.random.default_rng(seed), 12, max_repeats)
    assert a == b and len(a) == 12
    assert joins.is_legal(CATALOGUE, a, max_repeats)
    assert max(Counter(a).values()) <= max_repeats


def test_random_genomes_differ_between_seeds() -> None:
    rngs = [np.random.default_rng(seed) for seed in range(20)]
    genomes = {tuple(joins.random_genome(CATALOGUE, rng, 8)) for rng in rngs}
    assert len(genomes) == 20


def test_random_walks_wander_over_the_heights() -> None:
    rng = np.random.default_rng(12)
    distinct = []
    seen: Counter[int] = Counter()
    for _ in range(300):
        heights = joins.boundary_heights(CATALOGUE, joins.random_genome(CATALOGUE, rng, 8))
        distinct.append(len(set(heights)))
        seen.update(heights)
    assert sum(d >= 3 for d in distinct) / len(distinct) >= 0.5
    assert set(seen) == set(HEIGHTS)


def test_random_genome_uses_up_a_small_library() -> None:
    lib = small_library((0, 1), (1, 0), (0, 0), (1, 1))
    genome = joins.random_genome(lib, np.random.default_rng(3), 4)
    assert sorted(genome) == sorted(lib.ids) and joins.is_legal(lib, genome)


def test_random_genome_needs_backtracking_sometimes() -> None:
    # only one order works: the walk must start with the 0 -> 1 connector
    lib = small_library((1, 1), (0, 1), (1, 2), (2, 2))
    for seed in range(10):
        genome = joins.random_genome(lib, np.random.default_rng(seed), 4)
        assert genome == ["s1-0to1", "s0-1to1", "s2-1to2", "s3-2to2"]


def test_random_genome_says_when_it_cannot() -> None:
    lib = small_library((0, 1), (0, 1))
    with pytest.raises(SegmentError, match="cannot make a level of 2 legally joined"):
        joins.random_genome(lib, np.random.default_rng(0), 2)
    with pytest.raises(SegmentError, match="each used at most 1"):
        joins.random_genome(lib, np.random.default_rng(0), 3)
    with pytest.raises(SegmentError, match="cannot make a level of 2"):
        joins.random_genome(lib, np.random.default_rng(0), 2, max_repeats=None)
    with pytest.raises(SegmentError, match="at least one"):
        joins.random_genome(lib, np.random.default_rng(0), 0)
    with pytest.raises(SegmentError, match="max_repeats"):
        joins.random_genome(lib, np.random.default_rng(0), 1, max_repeats=0)
    assert len(joins.random_genome(lib, np.random.default_rng(0), 1)) == 1


def test_irregular_segments_join_anything() -> None:
    lib = small_library((0, 0), (3, 3), irregular=1)
    genome = ["s0-0to0", "odd0", "s1-3to3"]
    assert joins.is_legal(lib, genome)
    assert "odd0" in joins.replacements(lib, ["s0-0to0", "s1-3to3"], 1)


def test_replacements_fit_both_neighbours() -> None:
    lib = small_library((0, 0), (0, 2), (2, 2), (0, 1), (1, 2), (2, 0))
    genome = ["s0-0to0", "s1-0to2", "s2-2to2"]
    assert joins.replacements(lib, genome, 1) == ()  # only s1 itself goes from 0 to 2
    # the start pad fits any entry: anything that exits at 0, s0 itself aside
    assert joins.replacements(lib, genome, 0) == ("s5-2to0",)
    # the end pad fits any exit: anything that enters at 2, s2 itself aside
    assert joins.replacements(lib, genome, 2) == ("s5-2to0",)
    with pytest.raises(SegmentError, match="outside"):
        joins.replacements(lib, genome, 3)


def test_replacements_respect_max_repeats() -> None:
    lib = small_library((0, 0), (0, 0))
    genome = ["s0-0to0", "s1-0to0"]
    assert joins.replacements(lib, genome, 1, max_repeats=1) == ()
    assert joins.replacements(lib, genome, 1, max_repeats=2) == ("s0-0to0",)
    assert joins.replacements(lib, genome, 1, max_repeats=None) == ("s0-0to0",)


genome_seeds = st.integers(min_value=0, max_value=2**32 - 1)


@settings(max_examples=60, deadline=None)
@given(genome_seeds, st.integers(min_value=1, max_value=14), st.integers(min_value=0, max_value=13))
def test_a_replacement_keeps_a_genome_legal(seed: int, n: int, i: int) -> None:
    rng = np.random.default_rng(seed)
    genome = joins.random_genome(CATALOGUE, rng, n)
    i %= n
    options = joins.replacements(CATALOGUE, genome, i)
    assert genome[i] not in options
    for seg_id in options[:: max(1, len(options) // 5)]:
        mutated = [*genome[:i], seg_id, *genome[i + 1 :]]
        assert joins.is_legal(CATALOGUE, mutated), (genome, i, seg_id)


@settings(max_examples=60, deadline=None)
@given(genome_seeds, st.integers(min_value=2, max_value=14))
def test_two_point_crossover_at_listed_cuts_keeps_joins_legal(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    a = joins.random_genome(CATALOGUE, rng, n)
    b = joins.random_genome(CATALOGUE, rng, n)
    points = joins.crossover_points(CATALOGUE, a, b)
    assert n in points  # the end always fits
    for p in points:
        for q in points:
            if p < q:
                child = [*a[:p], *b[p:q], *a[q:]]
                assert joins.is_legal(CATALOGUE, child, max_repeats=None)
    child_a, child_b = joins.crossover(CATALOGUE, a, b, rng)
    assert joins.is_legal(CATALOGUE, child_a) and joins.is_legal(CATALOGUE, child_b)
    assert sorted(child_a + child_b) == sorted(a + b)


def test_crossover_cuts_only_where_heights_agree() -> None:
    lib = small_library((0, 0), (0, 1), (1, 1), (0, 0))
    a = ["s0-0to0", "s1-0to1", "s2-1to1"]  # heights 0 | 0 | 1 | 1
    b = ["s3-0to0", "s0-0to0", "s1-0to1"]  # heights 0 | 0 | 0 | 1
    # cut 1: both parents are at height 0 there; cut 2: a is at 1, b at 0; cut 3: the end
    assert joins.crossover_points(lib, a, b) == [1, 3]
    assert joins.crossover_points(lib, a, a[:2]) == [1, 2]


def test_crossover_is_deterministic_and_may_do_nothing() -> None:
    a = joins.random_genome(CATALOGUE, np.random.default_rng(1), 10)
    b = joins.random_genome(CATALOGUE, np.random.default_rng(2), 10)
    one = joins.crossover(CATALOGUE, a, b, np.random.default_rng(9))
    two = joins.crossover(CATALOGUE, a, b, np.random.default_rng(9))
    assert one == two
    lib = small_library((0, 0))
    assert joins.crossover(lib, ["s0-0to0"], ["s0-0to0"], np.random.default_rng(0)) == (
        ["s0-0to0"],
        ["s0-0to0"],
    )


@settings(max_examples=40, deadline=None)
@given(genome_seeds, st.integers(min_value=2, max_value=12))
def test_swap_points_keep_joins_legal(seed: int, n: int) -> None:
    genome = joins.random_genome(CATALOGUE, np.random.default_rng(seed), n)
    for i in joins.swap_points(CATALOGUE, genome):
        swapped = list(genome)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        assert joins.is_legal(CATALOGUE, swapped)


@settings(max_examples=60, deadline=None)
@given(
    genome_seeds,
    st.lists(st.sampled_from(CATALOGUE.ids), min_size=1, max_size=14),
    st.sampled_from([1, 2, None]),
)
def test_repair_makes_any_genome_legal(seed: int, genome: list[str], max_repeats) -> None:
    fixed = joins.repair(CATALOGUE, genome, np.random.default_rng(seed), max_repeats)
    assert len(fixed) == len(genome)
    assert joins.is_legal(CATALOGUE, fixed, max_repeats)
    again = joins.repair(CATALOGUE, genome, np.random.default_rng(seed), max_repeats)
    assert again == fixed


def test_repair_keeps_a_legal_genome_and_what_fits() -> None:
    genome = joins.random_genome(CATALOGUE, np.random.default_rng(5), 10)
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    assert joins.repair(CATALOGUE, genome, rng) == genome
    assert rng.bit_generator.state == state
    lib = small_library((0, 0), (0, 2), (2, 2), (2, 0), (0, 0))
    broken = ["s0-0to0", "s2-2to2", "s4-0to0"]  # 0 -> 2 at position 1 does not fit
    fixed = joins.repair(lib, broken, np.random.default_rng(0))
    assert fixed[0] == "s0-0to0" and joins.is_legal(lib, fixed)
    assert joins.repair(lib, ["bogus", "s0-0to0"], np.random.default_rng(0))[1] == "s0-0to0"


def test_repair_says_when_it_cannot() -> None:
    lib = small_library((0, 1))
    with pytest.raises(SegmentError, match="cannot make"):
        joins.repair(lib, ["s0-0to1", "s0-0to1"], np.random.default_rng(0))
    with pytest.raises(SegmentError, match="at least one"):
        joins.repair(lib, [], np.random.default_rng(0))


def test_random_genome_gives_up_within_its_budget() -> None:
    # every segment must be used once, which needs two climbs from 0 to 1 and no way back:
    # impossible, but only the repeats say so, and there are 8! orders of the flat ones
    lib = small_library(*[(0, 0)] * 8, (0, 1), (0, 1), (1, 1), (1, 1))
    with pytest.raises(SegmentError, match=r"gave up .* search steps"):
        joins.random_genome(lib, np.random.default_rng(0), 12)
