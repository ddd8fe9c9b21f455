"""Reward terms are differences of the statistics vector; ``info`` reads the same vector."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.engine import Button, Status
from mariogen.engine.stats import N_STATS, STAT_NAMES, stats_of
from mariogen.envs.actions import to_multibinary
from mariogen.envs.kernel import TERMS
from mariogen.envs.mario_env import MarioEnv
from mariogen.level import Level
from tests.envs.levels import STOMP_LEVEL, run_buttons

PIPE_GARDEN = Path(__file__).parents[2] / "levels" / "examples" / "pipe-garden.txt"
ENVS = Path(__file__).parents[2] / "mariogen" / "envs"


def _stats(env: MarioEnv) -> np.ndarray:
    level = env.level
    named = stats_of(env.game.state, level.total_coins, level.enemy_count)
    return np.array([named[name] for name in STAT_NAMES])


def _summed_terms(env: MarioEnv, buttons: list[int]) -> tuple[np.ndarray, np.ndarray, dict]:
    """Reset, step through ``buttons``; the first statistics, the summed terms, the last info."""
    env.reset(seed=0)
    first = _stats(env)
    total = np.zeros(N_STATS)
    info: dict = {}
    for pressed in buttons:
        *_, terminated, truncated, info = env.step(to_multibinary(pressed))
        total += env.terms
        np.testing.assert_array_equal(env.stats, _stats(env))
        if terminated or truncated:
            break
    return first, total, info


@pytest.mark.parametrize("frame_skip", [1, 3])
def test_terms_sum_to_the_change_of_the_statistics(frame_skip: int) -> None:
    level = Level.read(PIPE_GARDEN)
    buttons = play("run-right", level, time_limit_s=20).buttons.tolist()
    env = MarioEnv(level, time_limit_s=20, frame_skip=frame_skip)
    first, total, _ = _summed_terms(env, buttons)
    np.testing.assert_allclose(total, _stats(env) - first, rtol=0, atol=1e-9)
    assert total[TERMS.index("time")] == env.game.result().iterations


def test_pause_repeats_count_as_the_framework_counts_them() -> None:
    """Large Mario walks into a goomba: the hit counts once per pause iteration."""
    env = MarioEnv(STOMP_LEVEL, start_mode="large")
    _, total, info = _summed_terms(env, [int(Button.RIGHT)] * 400)
    terms = dict(zip(TERMS, total.tolist(), strict=True))
    result = env.game.result()
    assert info["status"] == Status.WIN.name and result.hurts > 1
    assert terms["hurts"] == result.hurts == info["hurts"]
    assert terms["mode"] == -1 and terms["win"] == 1 and terms["death"] == 0


def test_info_values_come_from_the_statistics() -> None:
    env = MarioEnv(STOMP_LEVEL, start_mode="fire")
    env.reset()
    steps = run_buttons(env, np.full(40, int(Button.RIGHT | Button.SPEED), dtype=np.uint8))
    info, stats = steps[-1][4], dict(zip(STAT_NAMES, env.stats.tolist(), strict=True))
    result = env.game.result()
    assert info["x"] == stats["progress"] == env.game.mario.x
    assert info["completion"] == stats["completion"] == result.completion
    assert info["kills"] == stats["kills"] == result.kills_total
    assert info["iterations"] == stats["time"] == result.iterations
    assert info["mode"] == stats["mode"] == result.mario_mode
    assert (info["mushrooms"], info["flowers"]) == (result.mushrooms, result.flowers)


def test_rates_use_the_level_totals() -> None:
    env = MarioEnv(PIPE_GARDEN)
    level = env.level
    assert level.total_coins > 0 and level.enemy_count > 0
    buttons = play("run-right", level, time_limit_s=20).buttons.tolist()
    _, total, info = _summed_terms(env, buttons)
    terms = dict(zip(TERMS, total.tolist(), strict=True))
    assert terms["coin_rate"] == pytest.approx(info["coins"] / level.total_coins)
    assert terms["kill_rate"] == pytest.approx(info["kills"] / level.enemy_count)


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            package = ["mariogen", "envs"][: max(0, 3 - node.level)] if node.level else []
            module = ".".join([*package, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and str(node.value).startswith("mariogen."):
            names.add(str(node.value))  # a lazy import by name
    return names


def test_no_module_of_envs_imports_agents() -> None:
    """``mariogen.agents`` may use ``mariogen.envs``' contract (in engine); never the reverse."""
    modules = sorted(ENVS.rglob("*.py"))
    assert len(modules) >= 5
    for path in modules:
        bad = sorted(
            m for m in _imported_modules(path) if m.split(".")[:2] == ["mariogen", "agents"]
        )
        assert not bad, f"{path.name} imports {bad}"
