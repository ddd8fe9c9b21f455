"""Checkpoints: the whole state of a run after a generation, as plain JSON (never pickled).

A checkpoint holds the settings, the generation just finished, the search strategy's name
and state (:meth:`~mariogen.generator.strategy.Strategy.state`: for the GA and NSGA-II, the
population and the hall of fame with their fitnesses), the logbook, the numpy generator's
state (a dict of ints) and the evaluation cache (with each persona's behaviour). It is
written atomically, so a run killed at any moment leaves either the previous checkpoint or
the new one, and ``--resume`` continues from it to exactly the result of an uninterrupted
run. A checkpoint of another layout (:data:`CHECKPOINT_VERSION`) is a
:class:`CheckpointError`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mariogen.errors import InputError
from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded
from mariogen.generator.fitness import Evaluation, Genome
from mariogen.generator.settings import SETTINGS_VERSION, GeneratorSettings

#: The ``format`` field of every checkpoint.
CHECKPOINT_FORMAT = "mariogen-generator-checkpoint"
#: Version of the checkpoint layout (bump when it changes). 1: population and hall of fame
#: at the top, per-persona ``stats``; 2: the strategy's state, per-persona ``behaviour``.
CHECKPOINT_VERSION = 2
#: File name of the checkpoint inside the output folder.
CHECKPOINT_NAME = "checkpoint.json"
#: Largest checkpoint read, in bytes.
MAX_CHECKPOINT_BYTES = 512 * 1024 * 1024


class CheckpointError(InputError):
    """A checkpoint that cannot be read or does not belong to this run."""


class CheckpointVersionError(ValueError):
    """A checkpoint of another layout version (raised inside :meth:`Checkpoint.read`)."""


@dataclass
class Checkpoint:
    """The state of a run after ``generation`` generations (0: the initial population).

    Attributes:
        settings: the run's settings.
        library_digest: fingerprint of the segment library the run used.
        generation: the last generation finished.
        strategy: the search strategy's name (``ga``, ``nsga2`` ...).
        strategy_state: the strategy's state (plain JSON data).
        logbook: one record per finished generation.
        rng_state: ``numpy.random.Generator.bit_generator.state``.
        cache: every evaluation so far, by genome.
    """

    settings: GeneratorSettings
    library_digest: str
    generation: int
    strategy: str
    strategy_state: dict[str, Any]
    logbook: list[dict[str, Any]]
    rng_state: dict[str, Any]
    cache: dict[Genome, Evaluation]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "format": CHECKPOINT_FORMAT,
            "version": CHECKPOINT_VERSION,
            "settings_version": SETTINGS_VERSION,
            "settings": self.settings.to_dict(),
            "library_digest": self.library_digest,
            "generation": self.generation,
            "strategy": {"name": self.strategy, "state": self.strategy_state},
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
            text = read_bounded(path, MAX_CHECKPOINT_BYTES).decode("utf-8")
            data = json.loads(text)  # NaN is legal: a metric may be undefined on a level
        except OSError as exc:
            raise CheckpointError(f"{path}: cannot read checkpoint ({exc.strerror})") from None
        except FileTooLargeError:
            raise CheckpointError(f"{path}: larger than {MAX_CHECKPOINT_BYTES} bytes") from None
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise CheckpointError(f"{path}: not a JSON checkpoint ({exc})") from None
        try:
            return cls._from_json(data)
        except CheckpointVersionError as exc:
            raise CheckpointError(f"{path}: checkpoint of another mariogen: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise CheckpointError(f"{path}: malformed checkpoint ({exc!r:.200})") from None

    @classmethod
    def _from_json(cls, data: Any) -> Checkpoint:
        if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
            raise ValueError(f"format is not {CHECKPOINT_FORMAT!r}")
        version = (data.get("version"), data.get("settings_version"))
        if version != (CHECKPOINT_VERSION, SETTINGS_VERSION):
            raise CheckpointVersionError(
                f"layout version {version[0]!r} (settings {version[1]!r}), this mariogen reads "
                f"{CHECKPOINT_VERSION} (settings {SETTINGS_VERSION}); start a new run in "
                "another folder, or finish this one with the mariogen that began it"
            )
        cache = {}
        for item in data["cache"]:
            cache[_genome(item["genome"])] = Evaluation.from_dict(item)
        state = data["rng_state"]
        strategy = data["strategy"]
        if not isinstance(state, dict) or not isinstance(strategy.get("state"), dict):
            raise ValueError("rng_state and strategy.state must be objects")
        _check_rng_state(state)
        generation = data["generation"]
        if isinstance(generation, bool) or not isinstance(generation, int) or generation < 0:
            raise ValueError(f"generation must be a whole number >= 0, not {generation!r:.40}")
        return cls(
            settings=GeneratorSettings.from_dict(data["settings"]),
            library_digest=str(data["library_digest"]),
            generation=generation,
            strategy=str(strategy["name"]),
            strategy_state=strategy["state"],
            logbook=[dict(r) for r in data["logbook"]],
            rng_state=state,
            cache=cache,
        )


def _genome(value: Any) -> Genome:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("a genome must be a list of segment ids")
    return tuple(value)


def _check_rng_state(state: dict[str, Any]) -> None:
    """Refuse a random generator state numpy would not take (set on a throwaway generator)."""
    generator = np.random.default_rng(0).bit_generator
    if state.get("bit_generator") != type(generator).__name__:
        raise ValueError(f"rng_state is not a {type(generator).__name__} state")
    generator.state = state
