"""Small levels for environment tests, and feeding an agent's buttons to an environment."""

from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np

from mariogen.agents import play
from mariogen.envs.actions import to_multibinary
from mariogen.level import Level

WIDTH = 40


def flat_level(row13: str, extra: dict[int, str] | None = None, name: str = "flat") -> Level:
    """A 40-column level on flat ground; ``row13`` is the row Mario stands in."""
    rows = ["-" * WIDTH for _ in range(16)]
    rows[13] = row13.ljust(WIDTH, "-")
    for row, text in (extra or {}).items():
        rows[row] = text.ljust(WIDTH, "-")
    rows[14] = rows[15] = "X" * WIDTH
    return Level.from_text("\n".join(rows) + "\n", name)


#: run-right stomps the goomba and reaches the exit.
STOMP_LEVEL = flat_level("-M--------g".ljust(38, "-") + "F", name="stomp")
#: run-right bumps the coin block, collects coins and reaches the exit.
COIN_LEVEL = flat_level("-M".ljust(38, "-") + "F", {9: "--Q", 11: "-----oooooo"}, name="coins")


def agent_buttons(agent: str, level: Level, time_limit_s: float = 5, seed: int = 0) -> np.ndarray:
    """The buttons an agent pressed in a play of ``level``."""
    return play(agent, level, time_limit_s=time_limit_s, seed=seed).buttons


def run_buttons(env: gymnasium.Env, buttons: np.ndarray) -> list[tuple[Any, ...]]:
    """Step ``env`` (already reset) with each packed button value; the step results."""
    out = []
    for pressed in buttons.tolist():
        out.append(env.step(to_multibinary(pressed)))
        if out[-1][2] or out[-1][3]:
            break
    return out
