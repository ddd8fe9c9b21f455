"""Agents by versioned name: ``make_agent("run-right")``, ``list_agents()``.

Built-in baselines register here; persona cards (``agents/*.toml``) register through
:func:`register_agent` when :mod:`mariogen.agents.personas` is imported, which
:func:`make_agent` and :func:`list_agents` do on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from mariogen.agents.baselines import DoNothingAgent, RandomAgent, RunRightAgent
from mariogen.agents.protocol import Agent

#: Modules imported on first lookup so that their agents register themselves.
PLUGIN_MODULES: list[str] = ["mariogen.agents.personas"]


@dataclass(frozen=True)
class AgentSpec:
    """A registered agent.

    Attributes:
        name: the name users type (``--agent NAME``).
        factory: builds a fresh agent from a seed (ignored by deterministic agents).
        description: one line for ``mariogen agents list`` / ``personas list``.
        kind: ``"baseline"``, ``"persona"`` or ``"policy"``.
    """

    name: str
    factory: Callable[[int], Agent]
    description: str
    kind: str = "baseline"


_REGISTRY: dict[str, AgentSpec] = {}
_plugins_loaded = False


def register_agent(
    name: str, factory: Callable[[int], Agent], description: str, kind: str = "baseline"
) -> None:
    """Register an agent factory under ``name`` (a later registration replaces it)."""
    _REGISTRY[name] = AgentSpec(name, factory, description, kind)


def import_plugins(modules: list[str]) -> None:
    """Import each module so that it registers itself; a module that does not exist is skipped."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def _load_plugins() -> None:
    global _plugins_loaded
    if not _plugins_loaded:
        _plugins_loaded = True
        import_plugins(PLUGIN_MODULES)


def list_agents(kind: str | None = None) -> list[AgentSpec]:
    """Every registered agent (optionally of one kind), sorted by name."""
    _load_plugins()
    return sorted(
        (spec for spec in _REGISTRY.values() if kind is None or spec.kind == kind),
        key=lambda spec: spec.name,
    )


def make_agent(agent: str | Agent | Callable[[], Agent], seed: int = 0) -> Agent:
    """An agent from a registered name, an agent instance, or a zero-argument factory.

    Raises:
        KeyError: for an unknown name; the message lists the known ones.
    """
    if isinstance(agent, str):
        _load_plugins()
        if agent not in _REGISTRY:
            known = ", ".join(sorted(_REGISTRY))
            raise KeyError(f"unknown agent {agent!r}; known agents: {known}")
        return _REGISTRY[agent].factory(seed)
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
