"""MarioEnv: determinism, the forward model, episode ends, rewards, info and observations."""

from __future__ import annotations

from pathlib import Path

import gymnasium
import numpy as np
import pytest
from gymnasium.utils.env_checker import data_equivalence

import mariogen  # noqa: F401
from mariogen.agents import play
from mariogen.engine import Button, Game, Status
from mariogen.engine.observation import MARIO_FEATURES
from mariogen.envs.actions import to_multibinary
from mariogen.envs.kernel import TERMS
from mariogen.envs.mario_env import DEFAULT_LEVEL, MarioEnv
from mariogen.level import Level
from tests.envs.levels import COIN_LEVEL, STOMP_LEVEL, agent_buttons, run_buttons

RIGHT = to_multibinary(Button.RIGHT)
NOTHING = to_multibinary(Button.NONE)


def _episode(env: gymnasium.Env, seed: int, n: int) -> list[tuple]:
    env.action_space.seed(seed)
    out = [env.reset(seed=seed)]
    for _ in range(n):
        out.append(env.step(env.action_space.sample()))
        if out[-1][2] or out[-1][3]:
            break
    return out


@pytest.mark.parametrize("obs_type", ["grid", "rgb"])
def test_same_seed_same_actions_same_everything(obs_type: str) -> None:
    first = gymnasium.make("mariogen/Mario-v0", obs_type=obs_type, time_limit_s=3)
    second = gymnasium.make("mariogen/Mario-v0", obs_type=obs_type, time_limit_s=3)
    a, b = _episode(first, 7, 120), _episode(second, 7, 120)
    assert len(a) == len(b) > 10
    for x, y in zip(a, b, strict=True):
        assert data_equivalence(x, y, exact=True)
    assert first.unwrapped.np_random.random() == second.unwrapped.np_random.random()


def test_reset_seed_reseeds_np_random() -> None:
    env = MarioEnv()
    env.reset(seed=3)
    drawn = env.np_random.integers(1 << 30)
    env.reset(seed=3)
    assert env.np_random.integers(1 << 30) == drawn


def test_steps_follow_the_play_loop_exactly() -> None:
    """The env's events and statistics equal play()'s for the same buttons."""
    result = play("random", COIN_LEVEL, time_limit_s=4, seed=5)
    env = MarioEnv(COIN_LEVEL, time_limit_s=4)
    env.reset(seed=0)
    steps = run_buttons(env, result.buttons)
    events = [e for step in steps for e in step[4]["events"]]
    assert events == result.events
    assert len(steps) == result.iterations
    info, final = steps[-1][4], result.result
    assert (info["status"], info["coins"], info["kills"]) == (
        final.status.name,
        final.coins,
        final.kills_total,
    )
    assert (info["jumps"], info["iterations"], info["tick"]) == (
        final.jumps,
        final.iterations,
        final.ticks,
    )
    assert env.game.result() == final


def test_grid_observation_is_the_engine_observation() -> None:
    env = MarioEnv(STOMP_LEVEL, scene_detail=0, enemy_detail=2)
    obs, _ = env.reset()
    for _ in range(8):
        obs, *_ = env.step(RIGHT)
    scene, enemies = env.game.observation(scene_detail=0, enemy_detail=2)
    np.testing.assert_array_equal(obs["scene"], scene.astype(np.uint8))
    np.testing.assert_array_equal(obs["enemies"], enemies.astype(np.uint8))
    assert obs["enemies"].any()
    mario = dict(zip(MARIO_FEATURES, obs["mario"].tolist(), strict=True))
    state = env.game.mario
    assert mario["xa"] == pytest.approx(state.xa)
    assert mario["x_in_tile"] == pytest.approx(state.x % 16)
    assert mario["on_ground"] == float(state.on_ground)
    assert mario["time_left"] == pytest.approx(env.game.timer_ms / 20000)


def test_get_state_set_state_round_trip() -> None:
    env = MarioEnv(STOMP_LEVEL, time_limit_s=5)
    env.reset(seed=0)
    buttons = agent_buttons("run-right", STOMP_LEVEL)
    run_buttons(env, buttons[:20])
    saved = env.get_state()
    first = run_buttons(env, buttons[20:])
    env.set_state(saved)
    np.testing.assert_array_equal(env.get_state(), saved)
    again = run_buttons(env, buttons[20:])
    assert data_equivalence(first, again, exact=True)
    assert first[-1][4]["kills"] == 1 and first[-1][2]  # the stomp, then the win


def test_set_state_rejects_other_arrays() -> None:
    env = MarioEnv()
    env.reset()
    with pytest.raises(ValueError, match="not a state of this level"):
        env.set_state(np.zeros(10, dtype=np.int32))
    with pytest.raises(ValueError, match="int32"):
        env.set_state(env.get_state().astype(np.int64))


def test_unwrapped_game_is_a_forward_model() -> None:
    env = gymnasium.make("mariogen/Mario-v0")
    env.reset()
    game = env.unwrapped.game
    assert isinstance(game, Game)
    planner = game.clone()
    for _ in range(10):
        planner.step(Button.RIGHT)
    assert game.tick == 1 and planner.tick == 11
    _, _, _, _, info = env.step(RIGHT)
    assert info["x"] == game.mario.x


def test_death_terminates_with_the_penalty() -> None:
    env = MarioEnv(STOMP_LEVEL)
    env.reset()
    total, x0, n = 0.0, env.game.mario.x, 0
    terminated = truncated = False
    while not (terminated or truncated):
        _, reward, terminated, truncated, info = env.step(RIGHT)
        total += reward
        n += 1
    assert terminated and not truncated
    assert info["status"] == Status.LOSE.name == "LOSE"
    assert total == pytest.approx((info["x"] - x0) - 0.1 * n - 100.0, abs=1e-3)


def test_time_out_truncates() -> None:
    env = MarioEnv(time_limit_s=1)
    env.reset()
    ends = []
    for _ in range(40):
        _, _, terminated, truncated, info = env.step(NOTHING)
        ends.append((terminated, truncated))
        if truncated:
            break
    assert ends[-1] == (False, True) and info["status"] == "TIME_OUT"
    assert len(ends) == 1000 // 30  # 32 updates and the time-out iteration
    assert env.terms[TERMS.index("timeout")] == 1.0


def test_frame_skip_sums_iterations() -> None:
    single, skip = MarioEnv(COIN_LEVEL), MarioEnv(COIN_LEVEL, frame_skip=4)
    single.reset()
    skip.reset()
    rewards = [single.step(RIGHT)[1] for _ in range(12)]
    skipped = [skip.step(RIGHT)[1] for _ in range(3)]
    np.testing.assert_array_equal(single.get_state(), skip.get_state())
    assert sum(skipped) == pytest.approx(sum(rewards))
    assert skip.terms[TERMS.index("time")] == 4


@pytest.mark.parametrize(
    "level",
    [None, DEFAULT_LEVEL, str(DEFAULT_LEVEL), DEFAULT_LEVEL.read_text(), Level.read(DEFAULT_LEVEL)],
    ids=["default", "path", "str-path", "text", "Level"],
)
def test_level_forms(level: object) -> None:
    env = MarioEnv(level)
    assert env.level == Level.read(DEFAULT_LEVEL)


def test_reset_options_switch_level_and_mode(example_levels: list[Path]) -> None:
    env = MarioEnv()
    env.reset(options={"level": example_levels[-1], "start_mode": "fire"})
    assert env.level == Level.read(example_levels[-1])
    assert env.game.mario.mode == 2
    with pytest.raises(ValueError, match="unknown reset option"):
        env.reset(options={"levle": "x"})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"obs_type": "pixels"}, "obs_type must be one of"),
        ({"render_mode": "ansi"}, "render_mode must be"),
        ({"frame_skip": 0}, "frame_skip must be"),
        ({"time_limit_s": 0}, "time_limit_s must be positive"),
        ({"scene_detail": 3}, "scene_detail must be 0, 1 or 2"),
        ({"start_mode": "huge"}, "unknown start mode"),
        ({"reward_weights": {"speed": 1.0}}, "reward weights: unknown statistic 'speed'; known"),
        ({"enemy_detail": 1.5}, "enemy_detail must be 0, 1 or 2"),
    ],
)
def test_bad_options_are_clear_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MarioEnv(**kwargs)


def test_bad_action_shape() -> None:
    env = MarioEnv()
    env.reset()
    with pytest.raises(ValueError, match="5 button values"):
        env.step(np.zeros(4))


def test_rgb_observation_and_render() -> None:
    env = MarioEnv(obs_type="rgb", render_mode="rgb_array", render_scale=2, hud_label="runner")
    obs, _ = env.reset()
    assert obs.shape == (256, 256, 3) and obs.dtype == np.uint8
    for _ in range(30):
        later, *_ = env.step(RIGHT)
    assert not np.array_equal(obs, later)
    frame = env.render()
    assert frame.shape == (512, 512, 3)
    assert not np.array_equal(frame[:40], np.repeat(frame[:1, :1], 40, 0).repeat(512, 1))


def test_human_render_headless() -> None:
    env = MarioEnv(render_mode="human", time_limit_s=1)
    env.reset()
    env.step(RIGHT)
    assert env.render() is None
    env.close()
    env.close()
