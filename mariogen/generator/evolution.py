"""The evolutionary loop: DEAP operators, parallel cached evaluation, checkpoints, resume.

One run is a pure function of its :class:`~mariogen.generator.settings.GeneratorSettings`
(the seed included): every random choice comes from one ``numpy.random.Generator``, the
main process does all selection and variation, and workers only evaluate genomes, in order.
So ``--workers 1`` and ``--workers 4`` give the same result, and a run resumed from any
checkpoint ends exactly where the uninterrupted run would have.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from deap import tools
from tqdm import tqdm

from mariogen.generator import operators as ops
from mariogen.generator.checkpoint import CHECKPOINT_NAME, Checkpoint, CheckpointError, Genome
from mariogen.generator.creator import individual_class, objective_weights
from mariogen.generator.fitness import Evaluation, context, evaluate
from mariogen.generator.settings import GeneratorSettings, Mode

#: Columns of the logbook, in order.
LOGBOOK_FIELDS = ("gen", "evaluations", "cached", "best", "mean", "std", "feasible")


@dataclass
class RunResult:
    """The outcome of a run.

    Attributes:
        settings: the run's settings.
        population: the final population's genomes.
        hall_of_fame: the best genomes, best first (the Pareto front in nsga2 mode).
        logbook: one record per generation (:data:`LOGBOOK_FIELDS`).
        cache: every evaluation of the run, by genome.
        library_digest: fingerprint of the segment library used.
    """

    settings: GeneratorSettings
    population: list[Genome]
    hall_of_fame: list[Genome]
    logbook: list[dict[str, Any]]
    cache: dict[Genome, Evaluation]
    library_digest: str

    @property
    def best(self) -> Genome:
        """The best genome (first of the hall of fame)."""
        return self.hall_of_fame[0]

    @property
    def best_evaluation(self) -> Evaluation:
        """The best genome's evaluation."""
        return self.cache[self.best]


class Evaluator:
    """Evaluates genomes in order, in this process or in a pool of worker processes.

    Args:
        settings: the run's settings (sent once to each worker).
        workers: worker processes; 1 evaluates in this process.
    """

    def __init__(self, settings: GeneratorSettings, workers: int = 1) -> None:
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Evaluator:
        if self.workers > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.settings.to_dict(),),
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, genomes: Sequence[Genome]) -> list[Evaluation]:
        """Evaluate every genome; results in the same order."""
        if self._pool is None or len(genomes) < 2:
            return [evaluate(g, self.settings) for g in genomes]
        chunk = max(1, math.ceil(len(genomes) / (4 * self.workers)))
        return [
            Evaluation.from_dict(d)
            for d in self._pool.map(_evaluate_in_worker, genomes, chunksize=chunk)
        ]


_WORKER_SETTINGS: GeneratorSettings | None = None


def _init_worker(settings: dict[str, Any]) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = GeneratorSettings.from_dict(settings)
    context(_WORKER_SETTINGS)


def _evaluate_in_worker(genome: Genome) -> dict[str, Any]:
    assert _WORKER_SETTINGS is not None, "worker not initialised"
    return evaluate(tuple(genome), _WORKER_SETTINGS).to_dict()


class Evolution:
    """One generator run, resumable from its checkpoint.

    Args:
        settings: the run's settings.
        checkpoint_path: where to write the checkpoint after every generation (``None``: never).
        workers: evaluation processes.
        progress: show a tqdm progress bar.
    """

    def __init__(
        self,
        settings: GeneratorSettings,
        checkpoint_path: Path | None = None,
        workers: int = 1,
        progress: bool = True,
    ) -> None:
        self.settings = settings
        self.checkpoint_path = checkpoint_path
        self.workers = workers
        self.progress = progress
        ctx = context(settings)
        self.ids = ctx.library.ids
        self.library_digest = ctx.library.digest()
        self.ind_class = individual_class(objective_weights(settings.n_objectives))
        self.nsga2 = settings.mode == Mode.NSGA2.value
        self.rng = np.random.default_rng(settings.seed)
        self.cache: dict[Genome, Evaluation] = {}
        self.logbook: list[dict[str, Any]] = []
        self.population: list[Any] = []
        self.hof: tools.HallOfFame = (
            tools.ParetoFront() if self.nsga2 else tools.HallOfFame(settings.hall_of_fame)
        )
        self.generation = -1

    # -- state -------------------------------------------------------------------------------

    def _individual(self, genome: Sequence[str]) -> Any:
        ind = self.ind_class(genome)
        if tuple(genome) in self.cache:
            ind.fitness.values = self.cache[tuple(genome)].fitness
        return ind

    def checkpoint(self) -> Checkpoint:
        """The run's state now."""
        return Checkpoint(
            settings=self.settings,
            library_digest=self.library_digest,
            generation=self.generation,
            population=[tuple(ind) for ind in self.population],
            hall_of_fame=[tuple(ind) for ind in self.hof],
            logbook=[dict(r) for r in self.logbook],
            rng_state=self.rng.bit_generator.state,
            cache=dict(self.cache),
        )

    def restore(self, cp: Checkpoint) -> None:
        """Continue from a checkpoint of the same settings and library.

        Raises:
            CheckpointError: when the checkpoint was made with other settings or another library.
        """
        if cp.settings != self.settings:
            mine, theirs = self.settings.to_dict(), cp.settings.to_dict()
            diff = [f"{k} {theirs[k]!r} (now {mine[k]!r})" for k in mine if mine[k] != theirs[k]]
            raise CheckpointError("checkpoint made with other settings: " + "; ".join(diff))
        if cp.library_digest != self.library_digest:
            raise CheckpointError("checkpoint made with another segment library")
        self.cache = dict(cp.cache)
        self.generation = cp.generation
        self.logbook = [dict(r) for r in cp.logbook]
        self.rng.bit_generator.state = cp.rng_state
        self.population = [self._individual(g) for g in cp.population]
        hof = [self._individual(g) for g in cp.hall_of_fame]
        self.hof.items = hof
        self.hof.keys = [ind.fitness for ind in reversed(hof)]

    # -- the loop ----------------------------------------------------------------------------

    def run(self, on_generation: Callable[[Evolution], None] | None = None) -> RunResult:
        """Run (or finish) all generations; checkpoint after each one.

        Args:
            on_generation: called after every generation (after its checkpoint).
        """
        s = self.settings
        with (
            Evaluator(s, self.workers) as evaluator,
            tqdm(
                total=s.generations + 1,
                initial=self.generation + 1,
                desc=f"generating for {s.persona}",
                unit="gen",
                disable=not self.progress,
                dynamic_ncols=True,
            ) as bar,
        ):
            while self.generation < s.generations:
                if self.generation < 0:
                    offspring = [
                        self.ind_class(ops.random_genome(self.rng, self.ids, s.segments))
                        for _ in range(s.population)
                    ]
                else:
                    offspring = self._offspring()
                new, cached = self._evaluate(offspring, evaluator)
                self._select(offspring)
                self.generation += 1
                self._record(new, cached)
                if self.checkpoint_path is not None:
                    self.checkpoint().write(self.checkpoint_path)
                bar.set_postfix_str(_postfix(self.logbook[-1]), refresh=False)
                bar.update(1)
                if on_generation is not None:
                    on_generation(self)
        return RunResult(
            settings=s,
            population=[tuple(ind) for ind in self.population],
            hall_of_fame=[tuple(ind) for ind in self.hof],
            logbook=self.logbook,
            cache=self.cache,
            library_digest=self.library_digest,
        )

    def _offspring(self) -> list[Any]:
        s = self.settings
        if self.nsga2:
            picks = self.rng.integers(0, len(self.population), size=s.population)
            parents = [self.population[int(i)] for i in picks]
            n_elite = 0
        else:
            n_elite = min(s.elite, len(self.hof))
            parents = ops.tournament(
                self.population, s.population - n_elite, s.tournament, self.rng
            )
        children = [self._individual(list(p)) for p in parents]
        for i in range(1, len(children), 2):
            if self.rng.random() < s.crossover_prob:
                ops.crossover(children[i - 1], children[i], self.rng)
                del children[i - 1].fitness.values, children[i].fitness.values
        for child in children:
            if self.rng.random() < s.mutation_prob:
                if self.rng.random() < s.swap_prob:
                    ops.mutate_swap(child, self.rng)
                else:
                    ops.mutate_replace(child, self.rng, self.ids, s.max_replace)
                del child.fitness.values
        elites = [self._individual(list(g)) for g in self.hof[:n_elite]]
        return elites + children

    def _evaluate(self, individuals: list[Any], evaluator: Evaluator) -> tuple[int, int]:
        todo: list[Genome] = []
        for ind in individuals:
            key = tuple(ind)
            if key not in self.cache and key not in todo:
                todo.append(key)
        for genome, evaluation in zip(todo, evaluator.map(todo), strict=True):
            self.cache[genome] = evaluation
        stale = 0
        for ind in individuals:
            if not ind.fitness.valid:
                stale += 1
                ind.fitness.values = self.cache[tuple(ind)].fitness
        return len(todo), stale - len(todo)

    def _select(self, offspring: list[Any]) -> None:
        if self.nsga2:
            with ops.deap_random(self.rng):
                self.population = tools.selNSGA2(
                    self.population + offspring, self.settings.population
                )
        else:
            self.population = offspring
        self.hof.update(self.population)

    def _record(self, new: int, cached: int) -> None:
        evals = [self.cache[tuple(ind)] for ind in self.population]
        good = np.array([e.objective for e in evals if e.playable], dtype=np.float64)
        record: dict[str, Any] = {"gen": self.generation, "evaluations": new, "cached": cached}
        if good.size:
            record.update(best=float(good.max()), mean=float(good.mean()), std=float(good.std()))
        else:
            record.update(best=None, mean=None, std=None)
        record["feasible"] = len(good) / len(evals)
        self.logbook.append(record)


def _postfix(record: dict[str, Any]) -> str:
    def num(v: Any) -> str:
        return "-" if v is None else f"{v:.3g}"

    return (
        f"gen {record['gen']} best {num(record['best'])} mean {num(record['mean'])} "
        f"feasible {record['feasible']:.0%}"
    )


def run_generator(
    settings: GeneratorSettings,
    out_dir: Path | None = None,
    workers: int = 1,
    resume: bool = False,
    progress: bool = True,
    on_generation: Callable[[Evolution], None] | None = None,
) -> RunResult:
    """Run the generator, checkpointing into ``out_dir`` (if given) after every generation.

    Args:
        settings: the run's settings.
        out_dir: folder for ``checkpoint.json``; ``None`` keeps everything in memory.
        workers: evaluation processes (the result does not depend on it).
        resume: continue from ``out_dir/checkpoint.json``.
        progress: show a progress bar.
        on_generation: called after every generation.

    Raises:
        CheckpointError: when resuming without a checkpoint, or from one of another run.
    """
    path = None if out_dir is None else Path(out_dir) / CHECKPOINT_NAME
    evolution = Evolution(settings, path, workers=workers, progress=progress)
    if resume:
        if path is None or not path.exists():
            raise CheckpointError(f"nothing to resume: {path} does not exist")
        evolution.restore(Checkpoint.read(path))
    return evolution.run(on_generation)
