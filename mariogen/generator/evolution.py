"""The generator loop: a strategy's ask/tell, cached evaluation on an executor, checkpoints.

One run is a pure function of its :class:`~mariogen.generator.settings.GeneratorSettings`
(the seed included): every random choice comes from one ``numpy.random.Generator``, drawn by
the strategy (:mod:`.strategy`) in the main process; executors only evaluate genomes and
results are placed by index. So ``--workers 1``, ``--workers 4`` and a cluster's executor
give the same result, and a run resumed from any checkpoint ends exactly where the
uninterrupted run would have.

The loop owns what every strategy shares: the evaluation cache (a genome is played once per
run), the executor, the checkpoint after every generation, the logbook and the progress bar.
A genome whose worker died or hung is evaluated again; one that fails again gets the worst
fitness (:func:`~.fitness.failed_evaluation`); the logbook counts both (``retried``,
``failed``) and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from mariogen.evaluation import Incident, Runner, executor_scope
from mariogen.evaluation.warmup import compile_first, needs_planner
from mariogen.generator.checkpoint import CHECKPOINT_NAME, Checkpoint, CheckpointError
from mariogen.generator.fitness import Evaluation, Genome, context, evaluate_genomes
from mariogen.generator.settings import GeneratorSettings
from mariogen.generator.strategy import (
    Strategy,
    StrategyFactory,
    default_strategy,
    make_strategy,
)

#: Columns of the logbook, in order: ``retried`` counts the evaluations run again because
#: their worker died or hung, ``failed`` those recorded as failed after that.
LOGBOOK_FIELDS = (
    "gen",
    "evaluations",
    "cached",
    "best",
    "mean",
    "std",
    "feasible",
    "retried",
    "failed",
)


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


class Evolution:
    """One generator run, resumable from its checkpoint.

    Args:
        settings: the run's settings.
        checkpoint_path: where to write the checkpoint after every generation (``None``: never).
        workers: evaluation processes of a spawn pool built for the run when no executor is
            given (1: evaluate in this process); with an executor, how many tasks it runs at
            once if it does not say itself.
        progress: show a tqdm progress bar.
        executor: any executor or runner to evaluate on
            (:func:`~mariogen.evaluation.executor_scope`; not shut down here).
        strategy: a registered strategy name or a factory (default: the mode's, see
            :func:`~.strategy.default_strategy`).
    """

    def __init__(
        self,
        settings: GeneratorSettings,
        checkpoint_path: Path | None = None,
        workers: int = 1,
        progress: bool = True,
        executor: Runner = None,
        strategy: str | StrategyFactory | None = None,
    ) -> None:
        self.settings = settings
        self.checkpoint_path = checkpoint_path
        self.workers = workers
        self.progress = progress
        self.executor = executor
        self.library = context(settings).library
        self.library_digest = self.library.digest()
        choice = strategy if strategy is not None else default_strategy(settings)
        self.strategy: Strategy = make_strategy(choice, settings, self.library)
        self.rng = np.random.default_rng(settings.seed)
        self.cache: dict[Genome, Evaluation] = {}
        self.logbook: list[dict[str, Any]] = []
        self.generation = -1

    # -- state -------------------------------------------------------------------------------

    def checkpoint(self) -> Checkpoint:
        """The run's state now."""
        return Checkpoint(
            settings=self.settings,
            library_digest=self.library_digest,
            generation=self.generation,
            strategy=self.strategy.name,
            strategy_state=self.strategy.state(),
            logbook=[dict(r) for r in self.logbook],
            rng_state=self.rng.bit_generator.state,
            cache=dict(self.cache),
        )

    def restore(self, cp: Checkpoint) -> None:
        """Continue from a checkpoint of the same settings, library and strategy.

        Raises:
            CheckpointError: when the checkpoint was made with other settings, another
                library or another strategy, or its state is malformed.
        """
        if cp.settings != self.settings:
            mine, theirs = self.settings.to_dict(), cp.settings.to_dict()
            diff = [f"{k} {theirs[k]!r} (now {mine[k]!r})" for k in mine if mine[k] != theirs[k]]
            raise CheckpointError("checkpoint made with other settings: " + "; ".join(diff))
        if cp.library_digest != self.library_digest:
            raise CheckpointError("checkpoint made with another segment library")
        if cp.strategy != self.strategy.name:
            raise CheckpointError(
                f"checkpoint made with strategy {cp.strategy!r} (now {self.strategy.name!r})"
            )
        try:
            self.strategy.restore(cp.strategy_state)
        except (KeyError, TypeError, ValueError) as exc:
            raise CheckpointError(f"malformed strategy state in the checkpoint ({exc})") from None
        for genome in (*self.strategy.population, *self.strategy.hall_of_fame):
            if genome not in cp.cache:
                raise CheckpointError(f"checkpoint: genome {list(genome)} has no evaluation")
        self.cache = dict(cp.cache)
        self.generation = cp.generation
        self.logbook = [dict(r) for r in cp.logbook]
        self.rng.bit_generator.state = cp.rng_state

    # -- the loop ----------------------------------------------------------------------------

    def run(self, on_generation: Callable[[Evolution], None] | None = None) -> RunResult:
        """Run (or finish) all generations; checkpoint after each one.

        Args:
            on_generation: called after every generation (after its checkpoint).
        """
        s = self.settings
        planner = needs_planner(_agents_played(s))
        compile_first(planner, progress=self.progress)  # also when the run plays here
        with (
            executor_scope(
                self.executor, self.workers, progress=self.progress, planner=planner
            ) as executor,
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
                self.step(executor)
                if self.checkpoint_path is not None:
                    self.checkpoint().write(self.checkpoint_path)
                bar.set_postfix_str(_postfix(self.logbook[-1]), refresh=False)
                bar.update(1)
                if on_generation is not None:
                    on_generation(self)
        return RunResult(
            settings=s,
            population=self.strategy.population,
            hall_of_fame=self.strategy.hall_of_fame,
            logbook=self.logbook,
            cache=self.cache,
            library_digest=self.library_digest,
        )

    def step(self, executor: Runner = None) -> None:
        """One generation: ask the strategy, evaluate what is new, tell it, log it."""
        genomes = self.strategy.ask(self.rng)
        incidents: list[Incident] = []
        todo = self._evaluate(genomes, executor, incidents.append)
        self.strategy.tell(genomes, [self.cache[g] for g in genomes])
        self.generation += 1
        retried = sum(len(i.indices) for i in incidents if i.retried)
        failed = sum(1 for g in todo if self.cache[g].failed)
        self._record(len(todo), len(genomes) - len(todo), retried, failed)

    def _evaluate(
        self,
        genomes: Sequence[Genome],
        executor: Runner,
        on_incident: Callable[[Incident], None] | None = None,
    ) -> list[Genome]:
        """Evaluate the genomes not in the cache (each once); the genomes evaluated."""
        todo = list(dict.fromkeys(g for g in genomes if g not in self.cache))
        evaluations = evaluate_genomes(
            todo, self.settings, self.library, executor, self.workers, on_incident
        )
        self.cache.update(zip(todo, evaluations, strict=True))
        return todo

    def _record(self, new: int, cached: int, retried: int = 0, failed: int = 0) -> None:
        evals = [self.cache[genome] for genome in self.strategy.population]
        good = np.array([e.objective for e in evals if e.feasible], dtype=np.float64)
        record: dict[str, Any] = {"gen": self.generation, "evaluations": new, "cached": cached}
        if good.size:
            record.update(best=float(good.max()), mean=float(good.mean()), std=float(good.std()))
        else:
            record.update(best=None, mean=None, std=None)
        record.update(feasible=len(good) / len(evals), retried=retried, failed=failed)
        self.logbook.append(record)


def _agents_played(settings: GeneratorSettings) -> set[str]:
    """Every agent a run of ``settings`` may play."""
    return {settings.persona, *settings.players, *settings.others, settings.weak} - {""}


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
    executor: Runner = None,
    strategy: str | StrategyFactory | None = None,
) -> RunResult:
    """Run the generator, checkpointing into ``out_dir`` (if given) after every generation.

    Args:
        settings: the run's settings.
        out_dir: folder for ``checkpoint.json``; ``None`` keeps everything in memory.
        workers: evaluation processes when no executor is given (the result does not
            depend on it).
        resume: continue from ``out_dir/checkpoint.json``.
        progress: show a progress bar.
        on_generation: called after every generation.
        executor: any executor or runner: :func:`~mariogen.evaluation.executor_scope`
            (``workers=N``, ``dask=ADDRESS``) or a ``concurrent.futures.Executor``; used as
            is and not shut down (the result does not depend on it either).
        strategy: a registered strategy name or a factory (default: the mode's).

    Raises:
        CheckpointError: when resuming without a checkpoint, or from one of another run.
    """
    path = None if out_dir is None else Path(out_dir) / CHECKPOINT_NAME
    evolution = Evolution(
        settings, path, workers=workers, progress=progress, executor=executor, strategy=strategy
    )
    if resume:
        if path is None or not path.exists():
            raise CheckpointError(f"nothing to resume: {path} does not exist")
        evolution.restore(Checkpoint.read(path))
    return evolution.run(on_generation)
