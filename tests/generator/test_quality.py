"""Level quality in the generator: legal genomes without repeats, the difficulty band measured
through the tester's weak variant, the novelty term, and outputs that say what they mean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.generator import GeneratorSettings, evaluate, run_generator
from mariogen.generator.fitness import (
    BAND_PENALTY,
    PENALTY,
    band_distance,
    context,
    novelty_of,
    segments_only,
)
from mariogen.generator.outputs import write_outputs
from mariogen.generator.quality import gap_runs, level_quality, surface_heights
from mariogen.generator.settings import DIFFICULTY_BANDS
from mariogen.level import Level, joins

QUICK = {"segments": 3, "population": 4, "generations": 1, "seed": 2, "novelty_weight": 0.0}


def test_every_genome_of_a_run_is_legal_and_repeats_no_segment() -> None:
    s = GeneratorSettings(persona="runner", difficulty="any", **{**QUICK, "generations": 3})
    result = run_generator(s, progress=False)
    library = context(s).library
    assert len(result.cache) > s.population
    for genome in result.cache:
        assert joins.is_legal(library, genome, max_repeats=1), genome


def test_difficulty_defaults_and_bands() -> None:
    assert GeneratorSettings(persona="collector").difficulty == "medium"
    assert GeneratorSettings(persona="collector").weak == "collector-weak"
    assert GeneratorSettings(persona="run-right").difficulty == "any"  # no weak variant
    with pytest.raises(ValueError, match="has no weak variant"):
        GeneratorSettings(persona="run-right", difficulty="hard")
    with pytest.raises(ValueError, match="difficulty must be one of"):
        GeneratorSettings(persona="runner", difficulty="brutal")
    easy, medium, hard = (DIFFICULTY_BANDS[d] for d in ("easy", "medium", "hard"))
    assert easy[1] < medium[0] and medium[0] < hard[0] <= medium[1] < hard[1]
    assert band_distance(0.3, medium) == 0.0
    assert band_distance(0.0, medium) == pytest.approx(0.1)
    assert band_distance(0.9, medium) == pytest.approx(0.3)


def test_a_level_outside_the_band_ranks_between_unplayable_and_feasible() -> None:
    """The weak runner finishes a flat level: no challenge, so not medium."""
    s = GeneratorSettings(persona="runner", metrics=(("coins-v0", 1.0),), **QUICK)
    flat = evaluate(("flat-plain", "flat-plain-at1", "flat-plain-at1"), s)
    assert flat.playable and not flat.in_band and not flat.feasible
    assert flat.challenge == 0.0
    assert -PENALTY < flat.fitness[0] == -BAND_PENALTY - 0.1 < 0
    assert set(flat.behaviour) == {"runner", "runner-weak"}
    free = evaluate(("flat-plain",) * 3, GeneratorSettings(persona="runner", difficulty="any"))
    assert free.feasible and free.fitness[0] > flat.fitness[0]


def test_novelty_term_penalises_monotony() -> None:
    library = context(GeneratorSettings(persona="runner")).library
    same = segments_only(library, ("flat-plain",) * 4)
    varied = segments_only(library, ("gap-w3", "coins-row12-n5", "flat-step2", "gap-w5-coins"))
    assert novelty_of(same) < novelty_of(varied) <= 0.0
    s = GeneratorSettings(persona="runner", difficulty="any", metrics=(("coins-v0", 1.0),))
    e = evaluate(("flat-plain",) * 4, s)
    assert e.novelty == novelty_of(same) < 0
    assert e.fitness[0] == pytest.approx(s.novelty_weight * e.novelty)


def test_quality_figures_of_a_level() -> None:
    rows = ["-" * 8] * 12 + ["------#-", "-M----#F", "XX--XXXX", "XX--XXXX"]
    level = Level.from_text("\n".join(rows) + "\n")
    assert surface_heights(level) == [2, 2, 0, 0, 2, 2, 4, 2]
    assert gap_runs(surface_heights(level)) == 1
    q = level_quality(level, ("a", "b", "a"))
    assert (q.distinct_heights, q.gaps, q.most_repeats, q.segments) == (2, 1, 2, 3)


def test_nsga2_outputs_the_front_and_names_the_objectives(tmp_path: Path) -> None:
    s = GeneratorSettings(
        persona="runner", mode="nsga2", others=("random",), difficulty="any", **QUICK
    )
    outputs = write_outputs(run_generator(s, progress=False), tmp_path, replays=False)
    population = json.loads((tmp_path / "population.json").read_text(encoding="utf-8"))
    assert [o["sign"] for o in population["objectives"]] == ["maximise", "minimise"]
    assert population["metrics"][0]["better"] == "higher"
    members = sorted((tmp_path / "front").iterdir())
    assert len(members) == len(population["pareto_front"]) > 0
    for member in members:
        Level.read(member / "level.txt")
        assert (member / "level.png").stat().st_size > 0
    assert (tmp_path / "pareto.png") in outputs.files
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Pareto front" in report and "front/00/level.txt" in report
    assert "- runner: the weighted metric sum: maximise" in report
    assert "a higher value makes a better level" in report


def test_report_states_quality_and_the_weak_variant(tmp_path: Path) -> None:
    s = GeneratorSettings(persona="runner", metrics=(("coins-v0", 1.0),), **QUICK)
    write_outputs(run_generator(s, progress=False), tmp_path, replays=False)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Quality" in report and "distinct ground-surface heights" in report
    assert "| runner-weak (the tester's weak variant) |" in report
    assert "difficulty | medium: challenge" in report
