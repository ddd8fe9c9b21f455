"""Agents: the protocol, baselines, personas, and the one ``play`` loop."""

from mariogen.agents.baselines import DoNothingAgent, RandomAgent, RunRightAgent
from mariogen.agents.play import PlayResult, play
from mariogen.agents.protocol import Agent, ReportsStats
from mariogen.agents.registry import AgentSpec, list_agents, make_agent, register_agent

__all__ = [
    "Agent",
    "AgentSpec",
    "DoNothingAgent",
    "PlayResult",
    "RandomAgent",
    "ReportsStats",
    "RunRightAgent",
    "list_agents",
    "make_agent",
    "play",
    "register_agent",
]
