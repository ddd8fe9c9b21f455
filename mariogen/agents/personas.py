"""Persona cards: TOML files that define a persona as a planner plus cost and reward weights.

A card looks like this (``agents/collector.toml``)::

    name = "collector"
    description = "goes out of its way for coins and coin blocks, and still finishes"

    [planner]            # which planner plays it, and its parameters
    type = "astar"
    horizon_px = 176
    repetitions = 2
    node_budget = 400

    [cost]               # the planner's cost terms and their weights
    time = 1.0
    coins = -400.0

    [reward]             # the RL reward wrappers' terms and their weights
    progress = 0.1
    coins = 10.0

Cards are found, by name, in the folders of ``MARIOGEN_AGENT_PATH`` (``os.pathsep``
separated), then ``./agents`` and the repository's ``agents/`` folder; a path to a ``.toml``
file works anywhere a name does. A new persona is a new card, not new code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mariogen.agents.protocol import Agent
from mariogen.agents.registry import import_plugins, register_agent
from mariogen.fileio import FileTooLargeError, read_bounded
from mariogen.resources import project_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The repository's own card folder (present in a source checkout / editable install).
BUILTIN_CARD_DIR = project_path("agents")
#: The largest card file read, in bytes.
MAX_CARD_BYTES = 64 * 1024


class PersonaCardError(ValueError):
    """A persona card that cannot be read or does not follow the card format."""


@dataclass(frozen=True)
class PersonaCard:
    """A parsed persona card.

    Attributes:
        name: the persona's name (``--agent NAME``).
        description: one line for ``mariogen personas list``.
        planner: the planner type (``"astar"``; trained policies use ``"policy"``).
        params: the planner's parameters (``horizon_px``, ``repetitions``, ``node_budget`` ...).
        cost: the planner's cost terms and weights.
        reward: the RL reward terms and weights.
        path: the file the card was read from.
    """

    name: str
    description: str
    planner: str
    params: dict[str, Any] = field(default_factory=dict)
    cost: dict[str, float] = field(default_factory=dict)
    reward: dict[str, float] = field(default_factory=dict)
    path: Path | None = None


#: Builders of agents from cards, by planner type; planner modules register here.
PLANNERS: dict[str, Callable[[PersonaCard, int], Agent]] = {}


def register_planner(kind: str, builder: Callable[[PersonaCard, int], Agent]) -> None:
    """Register how to build an agent for cards whose ``planner.type`` is ``kind``."""
    PLANNERS[kind] = builder


def card_dirs() -> list[Path]:
    """Folders searched for cards, in priority order."""
    dirs = [Path(p) for p in os.environ.get("MARIOGEN_AGENT_PATH", "").split(os.pathsep) if p]
    dirs += [Path.cwd() / "agents", BUILTIN_CARD_DIR]
    seen: list[Path] = []
    for folder in dirs:
        if folder.is_dir() and folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen


def _weights(table: Any, source: Path, section: str) -> dict[str, float]:
    if not isinstance(table, dict):
        raise PersonaCardError(f"{source}: [{section}] must be a table of name = number")
    out = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PersonaCardError(f"{source}: [{section}] {key} must be a number, not {value!r}")
        out[str(key)] = float(value)
    return out


def parse_card(text: str, source: Path) -> PersonaCard:
    """Parse card text; ``source`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PersonaCardError(f"{source}: not valid TOML ({exc})") from None
    name = data.get("name", source.stem)
    planner = data.get("planner", {})
    if not isinstance(name, str) or not name:
        raise PersonaCardError(f"{source}: name must be a non-empty string")
    if not isinstance(planner, dict) or not isinstance(planner.get("type"), str):
        raise PersonaCardError(f'{source}: [planner] needs type = "astar" (or another planner)')
    params = {k: v for k, v in planner.items() if k != "type"}
    return PersonaCard(
        name=name,
        description=str(data.get("description", "")),
        planner=planner["type"],
        params=params,
        cost=_weights(data.get("cost", {}), source, "cost"),
        reward=_weights(data.get("reward", {}), source, "reward"),
        path=source,
    )


def read_card(path: str | Path) -> PersonaCard:
    """Read one card file."""
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


def list_cards() -> list[PersonaCard]:
    """Every card found, the first folder winning for a repeated name, sorted by name."""
    cards: dict[str, PersonaCard] = {}
    for folder in card_dirs():
        for path in sorted(folder.glob("*.toml")):
            card = read_card(path)
            cards.setdefault(card.name, card)
    return sorted(cards.values(), key=lambda card: card.name)


def load_card(name_or_path: str | Path) -> PersonaCard:
    """A card by persona name or by path to a ``.toml`` file."""
    text = str(name_or_path)
    if text.endswith(".toml"):
        return read_card(text)
    for card in list_cards():
        if card.name == text:
            return card
    known = ", ".join(card.name for card in list_cards())
    raise PersonaCardError(f"no persona card named {text!r}; known personas: {known}")


def build_persona(card: PersonaCard, seed: int = 0) -> Agent:
    """The agent a card describes."""
    _load_planners()
    if card.planner not in PLANNERS:
        known = ", ".join(sorted(PLANNERS)) or "none registered"
        raise PersonaCardError(
            f"{card.path or card.name}: unknown planner type {card.planner!r} (known: {known})"
        )
    return PLANNERS[card.planner](card, seed)


#: Modules that register planner types when imported.
PLANNER_MODULES = ["mariogen.agents.astar"]


def _load_planners() -> None:
    import_plugins(PLANNER_MODULES)


def _register_cards() -> None:
    for card in list_cards():
        register_agent(
            card.name,
            lambda seed, card=card: build_persona(card, seed),
            card.description,
            kind="persona",
        )


_register_cards()
