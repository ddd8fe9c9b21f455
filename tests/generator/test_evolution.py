"""The generator loop with real agents (run-right and friends, fast) and the real engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.engine.stats import STAT_NAMES
from mariogen.generator import (
    Checkpoint,
    CheckpointError,
    GeneratorSettings,
    evaluate,
    run_generator,
)
from mariogen.generator.checkpoint import CHECKPOINT_NAME, CHECKPOINT_VERSION
from mariogen.generator.fitness import PENALTY

TINY = {
    "persona": "runner",
    "metrics": (("coins-v0", 1.0),),
    "segments": 4,
    "seed": 7,
    "novelty_weight": 0.0,
    "difficulty": "any",
}


def settings(**kw: object) -> GeneratorSettings:
    return GeneratorSettings(**{**TINY, "population": 6, "generations": 3, **kw})


def summary(result) -> tuple:
    return (result.population, result.hall_of_fame, result.logbook)


class StopError(Exception):
    pass


def test_same_seed_same_run_other_seed_other_run() -> None:
    a = run_generator(settings(), progress=False)
    b = run_generator(settings(), progress=False)
    c = run_generator(settings(seed=8), progress=False)
    assert summary(a) == summary(b)
    assert summary(a) != summary(c)
    assert [r["gen"] for r in a.logbook] == [0, 1, 2, 3]
    assert a.best_evaluation.playable
    best = a.logbook[-1]["best"]
    assert a.best_evaluation.objective == best == max(r["best"] or 0 for r in a.logbook)


def test_two_workers_give_the_same_run() -> None:
    one = run_generator(settings(generations=2), workers=1, progress=False)
    two = run_generator(settings(generations=2), workers=2, progress=False)
    assert summary(one) == summary(two)
    assert {g: e.to_dict() for g, e in one.cache.items()} == {
        g: e.to_dict() for g, e in two.cache.items()
    }


def test_resume_after_a_stop_ends_like_an_uninterrupted_run(tmp_path: Path) -> None:
    s = settings(generations=5)
    whole = run_generator(s, tmp_path / "whole", progress=False)

    def stop_at_2(evolution) -> None:
        if evolution.generation == 2:
            raise StopError

    with pytest.raises(StopError):
        run_generator(s, tmp_path / "cut", progress=False, on_generation=stop_at_2)
    cp = Checkpoint.read(tmp_path / "cut" / CHECKPOINT_NAME)
    assert cp.generation == 2 and len(cp.logbook) == 3
    resumed = run_generator(s, tmp_path / "cut", resume=True, progress=False)
    assert summary(resumed) == summary(whole)
    assert (tmp_path / "cut" / CHECKPOINT_NAME).read_bytes() == (
        tmp_path / "whole" / CHECKPOINT_NAME
    ).read_bytes()


def test_resume_refuses_other_settings_and_bad_files(tmp_path: Path) -> None:
    run_generator(settings(generations=1), tmp_path, progress=False)
    with pytest.raises(CheckpointError, match="population"):
        run_generator(settings(generations=1, population=8), tmp_path, resume=True)
    with pytest.raises(CheckpointError, match="nothing to resume"):
        run_generator(settings(), tmp_path / "empty", resume=True)
    path = tmp_path / CHECKPOINT_NAME
    data = json.loads(path.read_text())
    data["strategy"]["state"]["population"][0]["genome"] = ["never-evaluated"]
    path.write_text(json.dumps(data))
    with pytest.raises(CheckpointError, match="no evaluation"):
        run_generator(settings(generations=1), tmp_path, resume=True, progress=False)
    data["strategy"]["name"] = "nsga2"
    path.write_text(json.dumps(data))
    with pytest.raises(CheckpointError, match="strategy 'nsga2'"):
        run_generator(settings(generations=1), tmp_path, resume=True, progress=False)
    path.write_text("{not json")
    with pytest.raises(CheckpointError, match="not a JSON"):
        Checkpoint.read(path)


def test_a_checkpoint_of_the_old_layout_is_a_clear_error(tmp_path: Path) -> None:
    run_generator(settings(generations=0), tmp_path, progress=False)
    path = tmp_path / CHECKPOINT_NAME
    data = json.loads(path.read_text())
    assert data["version"] == CHECKPOINT_VERSION
    data["version"] = 1
    del data["settings_version"]
    path.write_text(json.dumps(data))
    with pytest.raises(CheckpointError, match="checkpoint of another mariogen: layout version 1"):
        run_generator(settings(generations=0), tmp_path, resume=True, progress=False)


def test_unplayable_levels_rank_below_playable_ones_by_completion() -> None:
    s = settings(persona="run-right")
    flat = evaluate(("flat-plain",) * 4, s)
    # run-right cannot clear a five-wide gap: it falls in the first one or the third one.
    early = evaluate(("gap-w5", "flat-plain", "flat-plain", "flat-plain"), s)
    late = evaluate(("flat-plain", "flat-plain", "gap-w5", "flat-plain"), s)
    assert flat.playable and flat.fitness == (0.0,)
    assert not early.playable and not late.playable
    assert early.completion < late.completion
    assert early.fitness < late.fitness < flat.fitness
    assert late.fitness[0] == -PENALTY + late.completion


def test_playable_by_adds_a_constraint() -> None:
    genome = ("coins-row12-n5",) * 4
    assert evaluate(genome, settings()).playable
    strict = evaluate(genome, settings(playable_by=("do-nothing",)))
    assert not strict.playable
    assert set(strict.behaviour) == {"runner", "do-nothing"}
    assert all(set(b) == set(STAT_NAMES) for b in strict.behaviour.values())


@pytest.mark.parametrize("self_weight", [0.0, 1.0, 2.5])
def test_contrast_is_the_lead_over_the_best_other_plus_own_value(self_weight: float) -> None:
    s = settings(
        mode="contrast", others=("random", "do-nothing"), playable_by=(), self_weight=self_weight
    )
    e = evaluate(("coins-row12-n5",) * 4, s)
    assert e.playable
    mine = e.scores["runner"]
    others = [e.scores[p] for p in ("random", "do-nothing")]
    assert mine == e.behaviour["runner"]["coins"] > 0
    assert e.fitness == (mine - max(others) + self_weight * mine,)


def test_self_weight_defaults_to_the_personas_own() -> None:
    assert GeneratorSettings(persona="collector", mode="contrast").self_weight == 1.0
    assert GeneratorSettings(persona="runner", mode="contrast").self_weight == 100.0
    assert GeneratorSettings(persona="runner-weak", mode="contrast").self_weight == 100.0
    assert GeneratorSettings(persona="runner", mode="contrast", self_weight=0).self_weight == 0


@pytest.mark.parametrize("bad", [-1.0, float("inf"), float("nan")])
def test_self_weight_must_be_finite_and_not_negative(bad: float) -> None:
    with pytest.raises(ValueError, match="self_weight"):
        settings(mode="contrast", self_weight=bad)


def test_nsga2_keeps_a_pareto_front() -> None:
    result = run_generator(settings(mode="nsga2", others=("random",)), progress=False)
    front = [result.cache[g] for g in result.hall_of_fame]
    assert front and all(len(e.fitness) == 2 for e in front)
    for a in front:
        for b in front:
            dominates = a.fitness[0] >= b.fitness[0] and a.fitness[1] <= b.fitness[1]
            assert not (dominates and a.fitness != b.fitness)


def test_registry_metrics_and_weights_make_the_score() -> None:
    from mariogen.generator.fitness import context
    from mariogen.metrics import make_metric

    genome = ("coins-row12-n5", "blocks-mushroom-brick", "flat-plain", "coins-arc-w6")
    s = settings(metrics=(("leniency-v0", 2.0), ("coins-v0", 0.5)))
    e = evaluate(genome, s)
    level = context(s).library.assemble(genome)
    leniency = make_metric("leniency-v0").compute(level, {})
    assert e.playable
    assert e.fitness[0] == 2.0 * leniency + 0.5 * e.behaviour["runner"]["coins"]
