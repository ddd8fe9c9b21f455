"""Agents: the protocol, baselines, personas, planner types, and the one ``play`` loop.

Importing this package registers the baselines, the persona cards (as a source of agents)
and the built-in planner type ``astar``; nothing else is imported by name.
"""

from mariogen.agents import astar as _astar  # noqa: F401  (registers the "astar" planner)
from mariogen.agents.baselines import DoNothingAgent, RandomAgent, RunRightAgent
from mariogen.agents.personas import (
    PersonaCard,
    PersonaCardError,
    core_personas,
    load_card,
    weak_variant,
)
from mariogen.agents.planners import PLANNERS, PlannerSpec, register_planner
from mariogen.agents.play import PlayResult, play
from mariogen.agents.protocol import Agent, ReportsStats
from mariogen.agents.registry import AGENTS, AgentSpec, list_agents, make_agent, register_agent

__all__ = [
    "AGENTS",
    "PLANNERS",
    "Agent",
    "AgentSpec",
    "DoNothingAgent",
    "PersonaCard",
    "PersonaCardError",
    "PlannerSpec",
    "PlayResult",
    "RandomAgent",
    "ReportsStats",
    "RunRightAgent",
    "core_personas",
    "list_agents",
    "load_card",
    "make_agent",
    "play",
    "register_agent",
    "register_planner",
    "weak_variant",
]
