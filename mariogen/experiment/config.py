"""Experiment configurations: TOML files validated against one schema per experiment kind.

A config has an ``[experiment]`` table (``kind``, ``name``, ``seed``, ``description``), one
table named after its kind (the experiment's own keys), an optional ``[generator]`` table
(settings of every generator run, see :class:`~mariogen.generator.GeneratorSettings`) and an
optional ``[quick]`` table holding the same tables again: with ``--quick`` its keys replace
the others (the preset that CI runs). Unknown tables and keys are errors naming the file and
the key; so are values of the wrong type.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from mariogen.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The largest config file read (bytes).
MAX_CONFIG_BYTES = 1_000_000


class ExperimentKind(str, Enum):
    """The experiments mariogen can run."""

    PERSONA_MATRIX = "persona_matrix"
    METRIC_COMPARISON = "metric_comparison"
    GENERATOR_COMPARISON = "generator_comparison"

    def __str__(self) -> str:
        return self.value


class ExperimentConfigError(InputError):
    """A config that cannot be used; the message names the file and the key or position."""


_STR, _INT, _FLOAT, _STRS = "a string", "an integer", "a number", "a list of strings"

#: ``[experiment]`` keys: type and default (``None``: required).
EXPERIMENT_KEYS: dict[str, tuple[str, Any]] = {
    "kind": (_STR, None),
    "name": (_STR, "default"),
    "seed": (_INT, 0),
    "description": (_STR, ""),
}

#: ``[generator]`` keys (each is a :class:`~mariogen.generator.GeneratorSettings` field).
GENERATOR_KEYS: dict[str, tuple[str, Any]] = {
    "segments": (_INT, 8),
    "population": (_INT, 12),
    "generations": (_INT, 8),
    "difficulty": (_STR, "any"),
    "novelty_weight": (_FLOAT, None),
    "time_limit_s": (_FLOAT, 20.0),
    "start_mode": (_INT, 0),
    "max_repeats": (_INT, 1),
    "library": (_STR, ""),
}

#: Each kind's own keys.
KIND_KEYS: dict[ExperimentKind, dict[str, tuple[str, Any]]] = {
    ExperimentKind.PERSONA_MATRIX: {
        "metrics": (_STRS, None),
        "testers": (_STRS, ["runner", "collector", "killer"]),
        "players": (_STRS, ["runner", "collector", "killer"]),
        "levels": (_INT, 10),
    },
    ExperimentKind.METRIC_COMPARISON: {
        "corpora": (_STRS, ["library"]),
        "players": (_STRS, ["runner", "collector", "killer"]),
        "metrics": (_STRS, []),
        "pairs": (_STRS, ["linearity-v0:leniency-v0", "coins-v0:kills-v0"]),
        "max_levels": (_INT, 60),
        "library_levels": (_INT, 30),
        "library_segments": (_INT, 8),
    },
    ExperimentKind.GENERATOR_COMPARISON: {
        "folders": (_STRS, ["shared"]),
        "personas": (_STRS, ["runner", "collector", "killer"]),
        "levels": (_INT, 5),
        "max_levels": (_INT, 6),
    },
}

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class ExperimentConfig:
    """A validated experiment config.

    Attributes:
        path: the file it was read from.
        text: the file's text (copied beside the results).
        kind: the experiment.
        name: the run's name (the results go to ``results/<kind>/<name>``).
        seed: the first seed (``--seed-offset`` added).
        quick: whether the ``[quick]`` preset was applied.
        options: the kind's own keys, defaults filled in.
        generator: the ``[generator]`` keys, defaults filled in (``None`` values dropped).
    """

    path: Path
    text: str
    kind: ExperimentKind
    name: str
    seed: int
    quick: bool
    options: dict[str, Any] = field(default_factory=dict)
    generator: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The resolved config as JSON-friendly data (what a resumed run must match)."""
        return {
            "kind": self.kind.value,
            "name": self.name,
            "seed": self.seed,
            "quick": self.quick,
            "options": self.options,
            "generator": self.generator,
        }


def load_config(path: str | Path, quick: bool = False, seed_offset: int = 0) -> ExperimentConfig:
    """Read and validate an experiment config.

    Args:
        path: the TOML file.
        quick: apply the ``[quick]`` preset.
        seed_offset: added to ``[experiment] seed`` (a rerun on other seeds).

    Raises:
        ExperimentConfigError: for an unreadable file, bad TOML, an unknown table or key, a
            missing required key or a value of the wrong type.
    """
    path = Path(path)
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExperimentConfigError(_toml_message(path, exc)) from None
    except RecursionError:
        raise ExperimentConfigError(f"{path}: not valid TOML (nested too deeply)") from None
    experiment = _table(path, data, "experiment", EXPERIMENT_KEYS)
    try:
        kind = ExperimentKind(experiment["kind"])
    except ValueError:
        known = ", ".join(k.value for k in ExperimentKind)
        raise ExperimentConfigError(
            f"{path}: [experiment] kind {experiment['kind']!r} is not one of {known}"
        ) from None
    allowed = {"experiment", kind.value, "generator", "quick"}
    _no_unknown(path, data, allowed, "table")
    _table(path, data, kind.value, KIND_KEYS[kind])  # the base tables must be valid too
    _table(path, data, "generator", GENERATOR_KEYS)
    merged = copy.deepcopy(data)
    if quick:
        preset = data.get("quick", {})
        if not isinstance(preset, dict):
            raise ExperimentConfigError(f"{path}: [quick] must be a table")
        _no_unknown(path, preset, allowed - {"quick"}, "table in [quick]")
        for section, values in preset.items():
            if not isinstance(values, dict):
                raise ExperimentConfigError(f"{path}: [quick.{section}] must be a table")
            merged.setdefault(section, {}).update(values)
    experiment = _table(path, merged, "experiment", EXPERIMENT_KEYS)
    options = _table(path, merged, kind.value, KIND_KEYS[kind])
    generator = _table(path, merged, "generator", GENERATOR_KEYS)
    name = str(experiment["name"])
    if not _NAME.match(name):
        raise ExperimentConfigError(
            f"{path}: [experiment] name {name!r}: use letters, digits, '.', '_' and '-'"
        )
    return ExperimentConfig(
        path=path,
        text=text,
        kind=kind,
        name=name,
        seed=int(experiment["seed"]) + int(seed_offset),
        quick=quick,
        options=options,
        generator={k: v for k, v in generator.items() if v is not None},
    )


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ExperimentConfigError(
                f"{path}: {size} bytes is larger than a config may be ({MAX_CONFIG_BYTES})"
            )
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ExperimentConfigError(f"{path}: no such config file") from None
    except UnicodeDecodeError as exc:
        raise ExperimentConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ExperimentConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _toml_message(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """``FILE:LINE:COL: message`` from tomllib's "message (at line L, column C)"."""
    text = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if found:
        message = text[: found.start()].strip()
        return f"{path}:{found.group(1)}:{found.group(2)}: {message}"
    return f"{path}: {text}"


def _no_unknown(path: Path, data: Mapping[str, Any], allowed: set[str], what: str) -> None:
    for key in data:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ExperimentConfigError(f"{path}: unknown {what} [{key}] (known: {known})")


def _table(
    path: Path, data: Mapping[str, Any], section: str, schema: dict[str, tuple[str, Any]]
) -> dict[str, Any]:
    """The keys of ``[section]`` checked against ``schema``, defaults filled in."""
    values = data.get(section, {})
    if not isinstance(values, dict):
        raise ExperimentConfigError(f"{path}: {section} must be a table ([{section}])")
    out = {}
    for key, value in values.items():
        if key not in schema:
            known = ", ".join(schema)
            raise ExperimentConfigError(
                f"{path}: unknown key {key!r} in [{section}] (known: {known})"
            )
        out[key] = _typed(path, section, key, value, schema[key][0])
    for key, (_, default) in schema.items():
        if key not in out:
            if default is None and key in ("kind", "metrics"):
                raise ExperimentConfigError(f"{path}: [{section}] needs the key {key!r}")
            out[key] = copy.deepcopy(default)
    return out


def _typed(path: Path, section: str, key: str, value: Any, kind: str) -> Any:
    ok = {
        _STR: isinstance(value, str),
        _INT: isinstance(value, int) and not isinstance(value, bool),
        _FLOAT: isinstance(value, (int, float)) and not isinstance(value, bool),
        _STRS: isinstance(value, list) and all(isinstance(v, str) for v in value),
    }[kind]
    if not ok:
        raise ExperimentConfigError(
            f"{path}: [{section}] {key} must be {kind}, not {type(value).__name__} {value!r}"
        )
    return float(value) if kind == _FLOAT else value
