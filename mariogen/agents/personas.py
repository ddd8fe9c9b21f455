"""Persona cards: TOML files that define a persona; every fact about a persona lives on its card.

A card looks like this (``agents/collector.toml``)::

    name = "collector"
    description = "goes out of its way for coins and coin blocks, and still finishes"
    tags = ["core"]                  # core: one of the personas levels are contrasted with

    [planner]                        # which planner plays it, and its parameters
    type = "astar"
    horizon_px = 176
    node_budget = 200

    [cost]                           # the planner's cost terms and their weights
    coins = -100.0

    [reward]                         # RL reward terms: statistics of mariogen.engine.stats
    progress = 0.1
    coins = 10.0

    [generator]                      # defaults of `mariogen generate --persona collector`
    metric = "coins-v0"              # NAME[:WEIGHT],... as --metric takes it
    self_weight = 1.0                # contrast mode's weight of the tester's own metric
    novelty_weight = 2.0             # weight of the neighbour-novelty term, metric units

A weak form of a persona says ``variant_of = "collector"``: it is the persona the
``ability-gap-v0`` metric and the difficulty of a level compare the strong one with, and it
takes the strong card's ``[generator]`` defaults unless it has its own.

Cards are found, by name, in the folders of ``MARIOGEN_AGENT_PATH`` (``os.pathsep``
separated), then ``./agents`` and the repository's ``agents/`` folder; a path to a ``.toml``
file works anywhere a name does. A new persona is a new card, not new code. A card with a
TOML error, an unknown table or key, or a value of the wrong type is reported with its file
(and line where TOML says it) and left out of the listings; using it by name raises its
:class:`PersonaCardError`.
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mariogen.agents.planners import PLANNERS, PlannerParamError, PlannerSpec
from mariogen.agents.protocol import Agent
from mariogen.agents.registry import AGENTS, AgentKind, AgentSpec
from mariogen.engine.stats import STAT_NAMES
from mariogen.errors import InputError
from mariogen.fileio import FileTooLargeError, read_bounded
from mariogen.metric_spec import MetricSpec, parse_metric_spec
from mariogen.resources import project_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The repository's own card folder (present in a source checkout / editable install).
BUILTIN_CARD_DIR = project_path("agents")
#: The largest card file read, in bytes.
MAX_CARD_BYTES = 64 * 1024
#: The tag of the personas that levels are contrasted with and that reports play.
CORE_TAG = "core"
#: Keys a card may have at its top level, and its tables.
CARD_KEYS = ("name", "description", "variant_of", "tags")
CARD_TABLES = ("planner", "cost", "reward", "generator")
#: Keys of the ``[generator]`` table.
GENERATOR_KEYS = ("metric", "self_weight", "novelty_weight")
_TOML_POSITION = re.compile(r"^(.*) \(at line (\d+), column (\d+)\)$")


class PersonaCardError(InputError):
    """A persona card that cannot be read or does not follow the card format."""


@dataclass(frozen=True)
class PersonaCard:
    """A parsed persona card.

    Attributes:
        name: the persona's name (``--agent NAME``).
        description: one line for ``mariogen personas list``.
        planner: the planner type (``"astar"``; trained policies use ``"policy"``).
        params: the planner's parameters (``horizon_px``, ``node_budget`` ...).
        cost: the planner's cost terms and weights.
        reward: the RL reward terms (statistics of :mod:`mariogen.engine.stats`) and weights.
        variant_of: the persona this card is the weak form of (``""``: none).
        tags: labels such as ``"core"``.
        metrics: the card's default generator metric, ``((name, weight), ...)`` (may be empty).
        self_weight: the card's default contrast-mode self-weight (``None``: not set).
        novelty_weight: the card's default weight of the generator's novelty term.
        path: the file the card was read from.
    """

    name: str
    description: str
    planner: str
    params: dict[str, Any] = field(default_factory=dict)
    cost: dict[str, float] = field(default_factory=dict)
    reward: dict[str, float] = field(default_factory=dict)
    variant_of: str = ""
    tags: tuple[str, ...] = ()
    metrics: MetricSpec = ()
    self_weight: float | None = None
    novelty_weight: float | None = None
    path: Path | None = None

    @property
    def source(self) -> str:
        """The card's file, or its name, for messages."""
        return str(self.path or self.name)


def card_dirs() -> list[Path]:
    """Folders searched for cards, in priority order."""
    dirs = [Path(p) for p in os.environ.get("MARIOGEN_AGENT_PATH", "").split(os.pathsep) if p]
    dirs += [Path.cwd() / "agents", BUILTIN_CARD_DIR]
    seen: list[Path] = []
    for folder in dirs:
        if folder.is_dir() and folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen


def _where(text: str, table: str | None, key: str) -> str:
    """``:LINE:COLUMN`` of ``key`` (in ``[table]``, or at the top) in card text, or ``""``."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1)
            if table is None and current == key:
                return f":{number}:{line.index('[') + 1}"
            continue
        if current == table and re.match(rf"^\"?{re.escape(key)}\"?\s*=", stripped):
            return f":{number}:{line.index(stripped[0]) + 1}"
    return ""


class _CardReader:
    """Checks one card's parsed TOML, naming the file, line and key of the first problem."""

    def __init__(self, text: str, source: Path) -> None:
        self.text, self.source = text, source

    def fail(self, table: str | None, key: str, message: str) -> PersonaCardError:
        place = _where(self.text, table, key)
        return PersonaCardError(f"{self.source}{place}: {message}")

    def weights(self, data: dict[str, Any], table: str, known: tuple[str, ...] | None) -> dict:
        out = {}
        for key, weight in data.get(table, {}).items():
            if known is not None and key not in known:
                raise self.fail(
                    table, key, f"[{table}] has no term {key!r} (known: {', '.join(known)})"
                )
            if not _finite(weight):
                raise self.fail(
                    table, key, f"[{table}] {key} must be a finite number, not {weight!r:.40}"
                )
            out[str(key)] = float(weight)
        return out

    def top_level(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if key in CARD_TABLES:
                if not isinstance(value, dict):
                    raise self.fail(None, key, f"{key} must be a table ([{key}])")
            elif key not in CARD_KEYS:
                if isinstance(value, dict):
                    known = ", ".join(CARD_TABLES)
                    raise self.fail(None, key, f"unknown table [{key}] (known: {known})")
                known = ", ".join(CARD_KEYS)
                raise self.fail(None, key, f"unknown key {key!r} (known: {known})")
        for key in ("name", "description", "variant_of"):
            if key in data and not isinstance(data[key], str):
                raise self.fail(None, key, f"{key} must be a string, not {data[key]!r}")
        tags = data.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            raise self.fail(None, "tags", f"tags must be a list of names, not {tags!r}")

    def no_nul(self, data: dict[str, Any], table: str | None = None) -> None:
        """Refuse NUL characters in keys and strings (TOML allows them; paths cannot)."""
        for key, value in data.items():
            if isinstance(value, dict):
                self.no_nul(value, key)
            values = value if isinstance(value, list) else [value]
            if "\0" in key or any(isinstance(v, str) and "\0" in v for v in values):
                where = f"[{table}] {key}" if table else key
                raise self.fail(table, key, f"{where!r:.60} holds a NUL character")

    def planner(self, data: dict[str, Any]) -> tuple[str, dict[str, Any], PlannerSpec]:
        table = data.get("planner", {})
        kind = table.get("type")
        if not isinstance(kind, str):
            raise self.fail(None, "planner", '[planner] needs type = "astar" (or another planner)')
        try:
            spec = PLANNERS.get(kind)
        except KeyError as exc:
            raise self.fail("planner", "type", str(exc.args[0])) from None
        params = {k: v for k, v in table.items() if k != "type"}
        if spec.check_params is not None:
            try:
                spec.check_params(params)
            except PlannerParamError as exc:
                raise self.fail("planner", exc.key, f"[planner] {exc}") from None
        return kind, params, spec

    def generator(self, data: dict[str, Any]) -> tuple[MetricSpec, dict[str, float]]:
        table = data.get("generator", {})
        for key in table:
            if key not in GENERATOR_KEYS:
                known = ", ".join(GENERATOR_KEYS)
                raise self.fail("generator", key, f"[generator] has no key {key!r} ({known})")
        metrics: MetricSpec = ()
        if "metric" in table:
            if not isinstance(table["metric"], str):
                raise self.fail("generator", "metric", '[generator] metric must be "NAME[:W],..."')
            try:
                metrics = parse_metric_spec(table["metric"])
            except ValueError as exc:
                raise self.fail("generator", "metric", f"[generator] metric: {exc}") from None
        weights = {}
        for key in ("self_weight", "novelty_weight"):
            weight = table.get(key)
            if weight is not None:
                if not _finite(weight) or weight < 0:
                    raise self.fail(
                        "generator", key, f"[generator] {key} must be a finite number >= 0"
                    )
                weights[key] = float(weight)
        return metrics, weights


def _finite(value: Any) -> bool:
    """Whether ``value`` is a number (not a bool) that a float holds finitely."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False


def parse_card(text: str, source: Path) -> PersonaCard:
    """Parse card text; ``source`` names the file in error messages.

    Raises:
        PersonaCardError: naming the file (with line and column where known) and the key.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.match(str(exc))
        if found:
            reason, line, column = found.groups()
            raise PersonaCardError(f"{source}:{line}:{column}: not valid TOML: {reason}") from None
        raise PersonaCardError(f"{source}: not valid TOML ({exc})") from None
    except RecursionError:
        raise PersonaCardError(f"{source}: not valid TOML (nested too deeply)") from None
    reader = _CardReader(text, source)
    reader.top_level(data)
    reader.no_nul(data)
    name = data.get("name", source.stem)
    if not name:
        raise reader.fail(None, "name", "name must be a non-empty string")
    kind, params, spec = reader.planner(data)
    metrics, weights = reader.generator(data)
    return PersonaCard(
        name=name,
        description=data.get("description", ""),
        planner=kind,
        params=params,
        cost=reader.weights(data, "cost", spec.cost_terms),
        reward=reader.weights(data, "reward", STAT_NAMES),
        variant_of=data.get("variant_of", ""),
        tags=tuple(data.get("tags", ())),
        metrics=metrics,
        self_weight=weights.get("self_weight"),
        novelty_weight=weights.get("novelty_weight"),
        path=source,
    )


def read_card(path: str | Path) -> PersonaCard:
    """Read one card file.

    Raises:
        PersonaCardError: for a file that cannot be read or is not a valid card.
    """
    path = Path(path)
    try:
        raw = read_bounded(path, MAX_CARD_BYTES)
    except OSError as exc:
        raise PersonaCardError(f"{path}: cannot read card: {exc.strerror}") from None
    except FileTooLargeError:
        raise PersonaCardError(f"{path}: larger than {MAX_CARD_BYTES} bytes; not a card") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PersonaCardError(f"{path}: not UTF-8 text") from None
    return parse_card(text, path)


@dataclass(frozen=True)
class CardIndex:
    """Every card found: the good ones by name, and the problems of the broken ones.

    Attributes:
        cards: valid cards by name (the first folder wins for a repeated name).
        problems: broken cards by the name they would have (their file's stem): the error.
            A broken card hides a valid card of the same name in a later folder: using
            that name reports the broken card, never silently plays the other one.
    """

    cards: dict[str, PersonaCard]
    problems: dict[str, PersonaCardError]


_INDEX_CACHE: dict[tuple, CardIndex] = {}


def card_index() -> CardIndex:
    """Every card of :func:`card_dirs` (re-read when a card file changes)."""
    files = [p for folder in card_dirs() for p in sorted(folder.glob("*.toml"))]
    key = tuple((str(p), _mtime(p)) for p in files)
    if key not in _INDEX_CACHE:
        cards: dict[str, PersonaCard] = {}
        problems: dict[str, PersonaCardError] = {}
        for path in files:
            try:
                card = read_card(path)
            except PersonaCardError as exc:
                name, entry = path.stem, exc
            else:
                name, entry = card.name, card
            if name in cards or name in problems:
                continue  # an earlier folder's card of that name wins, broken or not
            if isinstance(entry, PersonaCard):
                cards[name] = entry
            else:
                problems[name] = entry
        _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = CardIndex(cards, problems)
    return _INDEX_CACHE[key]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # gone, or a dangling link: read_card reports it
        return -1


def list_cards() -> list[PersonaCard]:
    """Every valid card found, sorted by name (broken ones: :func:`card_problems`)."""
    return sorted(card_index().cards.values(), key=lambda card: card.name)


def card_problems() -> list[PersonaCardError]:
    """The errors of the broken cards in the card folders, by file name."""
    problems = card_index().problems
    return [problems[name] for name in sorted(problems)]


def load_card(name_or_path: str | Path) -> PersonaCard:
    """A card by persona name or by path to a ``.toml`` file.

    Raises:
        PersonaCardError: for an unknown name, or the card's own error if it is broken.
    """
    text = str(name_or_path)
    if text.endswith(".toml"):
        return read_card(text)
    index = card_index()
    if text in index.cards:
        return index.cards[text]
    if text in index.problems:
        raise index.problems[text]
    known = ", ".join(sorted(index.cards))
    raise PersonaCardError(f"no persona card named {text!r}; known personas: {known}")


def core_personas() -> tuple[str, ...]:
    """The personas tagged ``core`` (runner, collector, killer), sorted by name."""
    return tuple(card.name for card in list_cards() if CORE_TAG in card.tags)


def weak_variant(persona: str) -> str:
    """The name of the weak form of ``persona`` (the card with ``variant_of = persona``).

    Raises:
        PersonaCardError: when no card is a variant of ``persona``.
    """
    variants = [card.name for card in list_cards() if card.variant_of == persona]
    if not variants:
        raise PersonaCardError(
            f"persona {persona!r} has no weak variant (a card with variant_of = {persona!r})"
        )
    return variants[0]


def strong_form(card: PersonaCard) -> PersonaCard | None:
    """The card ``card`` is a variant of, if it names one that exists."""
    if not card.variant_of:
        return None
    return card_index().cards.get(card.variant_of)


def build_persona(card: PersonaCard, seed: int = 0) -> Agent:
    """The agent a card describes.

    Raises:
        PersonaCardError: for an unknown planner type.
    """
    try:
        spec = PLANNERS.get(card.planner)
    except KeyError as exc:
        raise PersonaCardError(f"{card.source}: {exc.args[0]}") from None
    return spec.build(card, seed)


def _card_agents() -> list[tuple[str, AgentSpec]]:
    return [
        (
            card.name,
            AgentSpec(
                card.name,
                lambda seed, card=card: build_persona(card, seed),
                card.description,
                AgentKind.PERSONA.value,
            ),
        )
        for card in list_cards()
    ]


def _card_problem(name: str) -> PersonaCardError | None:
    return card_index().problems.get(name)


AGENTS.add_source(_card_agents)
AGENTS.add_explainer(_card_problem)
