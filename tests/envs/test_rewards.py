"""Persona reward wrappers: weights from the persona cards, terms from the engine's events."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mariogen.agents.personas import PersonaCardError, load_card
from mariogen.envs.kernel import TERMS
from mariogen.envs.mario_env import MarioEnv
from mariogen.envs.rewards import CollectorReward, KillerReward, PersonaReward, RunnerReward
from tests.envs.levels import COIN_LEVEL, STOMP_LEVEL, agent_buttons, run_buttons


def _totals(env: PersonaReward, buttons: np.ndarray) -> tuple[float, dict[str, float]]:
    env.reset(seed=0)
    steps = run_buttons(env, buttons)
    terms: dict[str, float] = {}
    for step in steps:
        for name, value in step[4]["reward_terms"].items():
            terms[name] = terms.get(name, 0.0) + value
    return sum(step[1] for step in steps), terms


@pytest.mark.parametrize(
    ("wrapper", "persona"),
    [(RunnerReward, "runner"), (CollectorReward, "collector"), (KillerReward, "killer")],
)
def test_weights_come_from_the_card(wrapper: type, persona: str) -> None:
    env = wrapper(MarioEnv(STOMP_LEVEL))
    card = load_card(persona)
    assert env.weights == card.reward
    assert env.unwrapped.hud_label == persona
    total, terms = _totals(env, agent_buttons("run-right", STOMP_LEVEL))
    assert set(terms) == set(card.reward)
    assert total == pytest.approx(sum(card.reward[t] * v for t, v in terms.items()))


def test_killer_is_paid_for_the_stomp() -> None:
    buttons = agent_buttons("run-right", STOMP_LEVEL)
    _, terms = _totals(KillerReward(MarioEnv(STOMP_LEVEL)), buttons)
    assert terms["kills"] == 1 and terms["win"] == 1 and terms["death"] == 0


def test_collector_is_paid_for_coins_and_the_block() -> None:
    buttons = agent_buttons("run-right", COIN_LEVEL)
    _, terms = _totals(CollectorReward(MarioEnv(COIN_LEVEL)), buttons)
    assert terms["coin_blocks"] == 1
    assert terms["coins"] == 5  # four coin tiles and the block's coin


def test_runner_progress_is_the_distance_run() -> None:
    buttons = agent_buttons("run-right", COIN_LEVEL)
    env = RunnerReward(MarioEnv(COIN_LEVEL))
    _, terms = _totals(env, buttons)
    start = 16 * COIN_LEVEL.mario_start[0] + 8
    assert terms["progress"] == pytest.approx(env.unwrapped.game.mario.x - start)
    assert terms["time"] == len(buttons)


def test_generic_wrapper_takes_a_card_path(tmp_path: Path) -> None:
    card = tmp_path / "jumper.toml"
    card.write_text('name = "jumper"\n[planner]\ntype = "astar"\n[reward]\njumps = 2.0\n')
    env = PersonaReward(MarioEnv(COIN_LEVEL), card)
    _, terms = _totals(env, agent_buttons("run-right", COIN_LEVEL))
    assert env.card.name == "jumper" and terms["jumps"] >= 2


@pytest.mark.parametrize(
    ("reward", "message"),
    [("[reward]\nspeed = 1.0\n", "unknown reward term 'speed'"), ("", "no \\[reward\\] table")],
)
def test_bad_cards_are_clear_errors(tmp_path: Path, reward: str, message: str) -> None:
    card = tmp_path / "bad.toml"
    card.write_text(f'name = "bad"\n[planner]\ntype = "astar"\n{reward}')
    with pytest.raises(PersonaCardError, match=message):
        PersonaReward(MarioEnv(), card)


def test_unknown_persona() -> None:
    with pytest.raises(PersonaCardError, match="no persona card named 'sprinter'"):
        PersonaReward(MarioEnv(), "sprinter")


def test_every_term_is_documented() -> None:
    readme = (Path(__file__).parents[2] / "mariogen" / "envs" / "README.md").read_text()
    from mariogen.envs import rewards

    for term in TERMS:
        assert f"| `{term}` |" in readme, term
        assert f"\n{term} " in rewards.__doc__, term


def test_every_shipped_reward_table_is_understood() -> None:
    from mariogen.agents.personas import list_cards

    cards = [card for card in list_cards() if card.reward]
    assert {"runner", "collector", "killer"} <= {card.name for card in cards}
    for card in cards:
        assert PersonaReward(MarioEnv(COIN_LEVEL), card).weights == card.reward
