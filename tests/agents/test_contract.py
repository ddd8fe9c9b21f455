"""The agent contract, generated from the registry: every registered agent and persona card
(weak and paper forms included) builds, plays a small level, and presses the same buttons
when it plays it again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import Agent, list_agents, make_agent, play
from mariogen.engine import Button
from mariogen.level import Level

LEVEL = Path(__file__).resolve().parents[2] / "levels" / "examples" / "first-steps.txt"
AGENT_NAMES = [spec.name for spec in list_agents()]


def test_the_registry_holds_every_shipped_card() -> None:
    cards = {p.stem for p in (LEVEL.parents[2] / "agents").glob("*.toml")}
    assert cards <= set(AGENT_NAMES)
    assert {"do-nothing", "run-right", "random"} <= set(AGENT_NAMES)


@pytest.mark.parametrize("name", AGENT_NAMES)
def test_agent_plays_and_repeats_itself(name: str) -> None:
    level = Level.read(LEVEL)
    agent = make_agent(name, seed=3)
    assert isinstance(agent, Agent)
    first = play(name, level, time_limit_s=6, seed=3)
    again = play(name, level, time_limit_s=6, seed=3)
    assert first.agent == name
    assert first.iterations > 0 and len(first.buttons) == first.iterations
    assert np.array_equal(first.buttons, again.buttons)
    every_button = int(Button.LEFT | Button.RIGHT | Button.DOWN | Button.SPEED | Button.JUMP)
    assert all(int(b) & ~every_button == 0 for b in first.buttons)
    assert first.stats == again.stats
