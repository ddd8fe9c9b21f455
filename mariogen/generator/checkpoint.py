"""Checkpoints: the whole state of a run after a generation, as plain JSON (never pickled).

A checkpoint holds the settings, the generation just finished, the population (genomes and
fitnesses), the hall of fame, the logbook, the numpy generator's state (a dict of ints) and
the evaluation cache. It is written atomically, so a run killed at any moment leaves either
the previous checkpoint or the new one, and ``--resume`` continues from it to exactly the
result of an uninterrupted run.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded
from mariogen.generator.fitness import Evaluation
from mariogen.generator.settings import SETTINGS_VERSION, GeneratorSettings

#: The ``format`` field of every checkpoint.
CHECKPOINT_FORMAT = "mariogen-generator-checkpoint"
#: File name of the checkpoint inside the output folder.
CHECKPOINT_NAME = "checkpoint.json"
#: Largest checkpoint read, in bytes.
MAX_CHECKPOINT_BYTES = 512 * 1024 * 1024

Genome = tuple[str, ...]


class CheckpointError(ValueError):
    """A checkpoint that cannot be read or does not belong to this run."""


@dataclass
class Checkpoint:
    """The state of a run after ``generation`` generations (0: the initial population).

    Attributes:
        settings: the run's settings.
        library_digest: fingerprint of the segment library the run used.
        generation: the last generation finished.
        population: the population's genomes, in order.
        hall_of_fame: the hall of fame's genomes, best first (the Pareto front in nsga2 mode).
        logbook: one record per finished generation.
        rng_state: ``numpy.random.Generator.bit_generator.state``.
        cache: every evaluation so far, by genome.
    """

    settings: GeneratorSettings
    library_digest: str
    generation: int
    population: list[Genome]
    hall_of_fame: list[Genome]
    logbook: list[dict[str, Any]]
    rng_state: dict[str, Any]
    cache: dict[Genome, Evaluation]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (fitnesses are repeated next to each genome for readers)."""

        def entry(genome: Genome) -> dict[str, Any]:
            return {"genome": list(genome), "fitness": list(self.cache[genome].fitness)}

        return {
            "format": CHECKPOINT_FORMAT,
            "version": SETTINGS_VERSION,
            "settings": self.settings.to_dict(),
            "library_digest": self.library_digest,
            "generation": self.generation,
            "population": [entry(g) for g in self.population],
            "hall_of_fame": [entry(g) for g in self.hall_of_fame],
            "logbook": self.logbook,
            "rng_state": self.rng_state,
            "cache": [{"genome": list(g), **e.to_dict()} for g, e in self.cache.items()],
        }

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write atomically (temporary file, then rename)."""
        text = json.dumps(self.to_json(), separators=(",", ":"))
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Checkpoint:
        """Read and check a checkpoint file.

        Raises:
            CheckpointError: for a missing, oversized or malformed file.
        """
        path = Path(path)
        try:
            data = json.loads(read_bounded(path, MAX_CHECKPOINT_BYTES).decode("utf-8"))
        except OSError as exc:
            raise CheckpointError(f"{path}: cannot read checkpoint ({exc.strerror})") from None
        except FileTooLargeError:
            raise CheckpointError(f"{path}: larger than {MAX_CHECKPOINT_BYTES} bytes") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CheckpointError(f"{path}: not a JSON checkpoint ({exc})") from None
        try:
            return cls._from_json(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise CheckpointError(f"{path}: malformed checkpoint ({exc})") from None

    @classmethod
    def _from_json(cls, data: Any) -> Checkpoint:
        if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
            raise ValueError(f"format is not {CHECKPOINT_FORMAT!r}")
        if data.get("version") != SETTINGS_VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {SETTINGS_VERSION}")
        cache = {}
        for item in data["cache"]:
            cache[_genome(item["genome"])] = Evaluation.from_dict(item)
        population = [_genome(e["genome"]) for e in data["population"]]
        hall = [_genome(e["genome"]) for e in data["hall_of_fame"]]
        for genome in population + hall:
            if genome not in cache:
                raise ValueError(f"genome {list(genome)} has no evaluation")
        state = data["rng_state"]
        if not isinstance(state, dict):
            raise ValueError("rng_state must be an object")
        return cls(
            settings=GeneratorSettings.from_dict(data["settings"]),
            library_digest=str(data["library_digest"]),
            generation=int(data["generation"]),
            population=population,
            hall_of_fame=hall,
            logbook=[dict(r) for r in data["logbook"]],
            rng_state=state,
            cache=cache,
        )


def _genome(value: Any) -> Genome:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("a genome must be a list of segment ids")
    return tuple(value)
