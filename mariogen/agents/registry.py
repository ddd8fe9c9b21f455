"""Agents by name: ``make_agent("run-right")``, ``list_agents()``.

The baselines register here; every persona card (``agents/*.toml``) is an agent through the
source :mod:`mariogen.agents.personas` adds; a separate package adds agents through the
entry-point group ``mariogen.agents`` (an entry point names an :class:`AgentSpec`, an agent
class, or a factory ``(seed) -> Agent``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from mariogen.agents.baselines import DoNothingAgent, RandomAgent, RunRightAgent
from mariogen.agents.protocol import Agent
from mariogen.registry import Registry


class AgentKind(str, Enum):
    """What an agent is (``mariogen agents list --kind``)."""

    BASELINE = "baseline"
    PERSONA = "persona"
    POLICY = "policy"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class AgentSpec:
    """A registered agent.

    Attributes:
        name: the name users type (``--agent NAME``).
        factory: builds a fresh agent from a seed (ignored by deterministic agents).
        description: one line for ``mariogen agents list`` / ``personas list``.
        kind: ``"baseline"``, ``"persona"`` or ``"policy"`` (:class:`AgentKind`).
    """

    name: str
    factory: Callable[[int], Agent]
    description: str
    kind: str = AgentKind.BASELINE.value


def _adapt(name: str, obj: object) -> AgentSpec:
    if isinstance(obj, AgentSpec):
        return obj
    if not callable(obj):
        raise TypeError(f"agent {name!r} must be an AgentSpec, an agent class or a factory")
    doc = (inspect.getdoc(obj) or "").split("\n")[0]
    takes_seed = bool(inspect.signature(obj).parameters)
    factory = obj if takes_seed else (lambda seed, make=obj: make())
    return AgentSpec(name, factory, doc, AgentKind.BASELINE.value)


#: Every agent, by name; plug-ins: entry-point group ``mariogen.agents``.
AGENTS: Registry[AgentSpec] = Registry("agent", "mariogen.agents", _adapt)


def register_agent(
    name: str,
    factory: Callable[[int], Agent],
    description: str,
    kind: str = AgentKind.BASELINE.value,
) -> None:
    """Register an agent factory under ``name`` (a later registration replaces it)."""
    AGENTS.register(name, AgentSpec(name, factory, description, AgentKind(kind).value))


def list_agents(kind: str | None = None) -> list[AgentSpec]:
    """Every registered agent (optionally of one kind), sorted by name."""
    entries = AGENTS.entries()
    return [entries[name] for name in sorted(entries) if kind is None or entries[name].kind == kind]


def make_agent(agent: str | Agent | Callable[[], Agent], seed: int = 0) -> Agent:
    """An agent from a registered name, an agent instance, or a zero-argument factory.

    Raises:
        KeyError: for an unknown name; the message lists the known ones.
        ValueError: for a persona card that is broken (its :class:`PersonaCardError`).
    """
    if isinstance(agent, str):
        return AGENTS.get(agent).factory(seed)
    if isinstance(agent, Agent):
        return agent
    return agent()


register_agent("do-nothing", lambda seed: DoNothingAgent(), "presses nothing")
register_agent(
    "run-right",
    lambda seed: RunRightAgent(),
    "runs right, jumping whenever it may (the framework's rule agent)",
)
register_agent("random", RandomAgent, "holds random buttons for 1-16 ticks (seeded)")
