"""PersonaReward: plain term weights or a card's ``[reward]`` table, over the statistics terms."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from mariogen.agents.personas import list_cards, load_card
from mariogen.engine.stats import STAT_NAMES
from mariogen.envs import TERMS
from mariogen.envs.mario_env import MarioEnv
from mariogen.envs.rewards import PersonaReward
from tests.envs.levels import COIN_LEVEL, STOMP_LEVEL, agent_buttons, run_buttons


def _totals(env: PersonaReward, buttons: np.ndarray) -> tuple[float, dict[str, float]]:
    env.reset(seed=0)
    steps = run_buttons(env, buttons)
    terms: dict[str, float] = {}
    for step in steps:
        for name, value in step[4]["reward_terms"].items():
            terms[name] = terms.get(name, 0.0) + value
    return sum(step[1] for step in steps), terms


def test_terms_are_the_statistics_vocabulary() -> None:
    assert TERMS == STAT_NAMES


@pytest.mark.parametrize("persona", ["runner", "collector", "killer"])
def test_weights_come_from_the_card(persona: str) -> None:
    card = load_card(persona)
    env = PersonaReward.from_card(MarioEnv(STOMP_LEVEL), card)
    assert env.weights == card.reward
    assert env.label == persona and env.unwrapped.hud_label == persona
    total, terms = _totals(env, agent_buttons("run-right", STOMP_LEVEL))
    assert set(terms) == set(card.reward)
    assert total == pytest.approx(sum(card.reward[t] * v for t, v in terms.items()))


def test_killer_is_paid_for_the_stomp() -> None:
    buttons = agent_buttons("run-right", STOMP_LEVEL)
    env = PersonaReward.from_card(MarioEnv(STOMP_LEVEL), load_card("killer"))
    _, terms = _totals(env, buttons)
    assert terms["kills"] == 1 and terms["win"] == 1 and terms["death"] == 0


def test_collector_is_paid_for_coins_and_the_block() -> None:
    buttons = agent_buttons("run-right", COIN_LEVEL)
    env = PersonaReward.from_card(MarioEnv(COIN_LEVEL), load_card("collector"))
    _, terms = _totals(env, buttons)
    assert terms["coin_blocks"] == 1
    assert terms["coins"] == 5  # four coin tiles and the block's coin


def test_runner_progress_is_the_distance_run() -> None:
    buttons = agent_buttons("run-right", COIN_LEVEL)
    env = PersonaReward.from_card(MarioEnv(COIN_LEVEL), load_card("runner"))
    _, terms = _totals(env, buttons)
    start = 16 * COIN_LEVEL.mario_start[0] + 8
    assert terms["progress"] == pytest.approx(env.unwrapped.game.mario.x - start)
    assert terms["time"] == len(buttons)


def test_plain_weights_and_a_label() -> None:
    env = PersonaReward(MarioEnv(COIN_LEVEL), {"jumps": 2.0, "coin_rate": 1.0}, label="jumper")
    total, terms = _totals(env, agent_buttons("run-right", COIN_LEVEL))
    assert env.unwrapped.hud_label == "jumper" and terms["jumps"] >= 2
    assert terms["coin_rate"] == pytest.approx(5 / COIN_LEVEL.total_coins)
    assert total == pytest.approx(2.0 * terms["jumps"] + terms["coin_rate"])


def test_no_label_leaves_the_hud_alone() -> None:
    env = PersonaReward(MarioEnv(hud_label="mine"), {"progress": 1.0})
    assert env.label == "" and env.unwrapped.hud_label == "mine"


def test_any_object_with_name_and_reward_is_a_card() -> None:
    card = SimpleNamespace(name="sprinter", reward={"progress": 2.0})
    env = PersonaReward.from_card(MarioEnv(), card)
    assert env.weights == {"progress": 2.0} and env.label == "sprinter"


def test_an_unknown_term_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown statistic 'speed'; known: progress, time"):
        PersonaReward(MarioEnv(), {"progress": 1.0, "speed": 1.0})
    card = SimpleNamespace(name="fast", reward={"speed": 1.0})
    with pytest.raises(ValueError, match="reward weights of fast: unknown statistic 'speed'"):
        PersonaReward.from_card(MarioEnv(), card)


def test_a_card_without_a_reward_table_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="bare: the card has no \\[reward\\] table"):
        PersonaReward.from_card(MarioEnv(), SimpleNamespace(name="bare", reward={}))


def test_the_env_must_be_mariogen() -> None:
    import gymnasium

    with pytest.raises(TypeError, match="needs a mariogen environment"):
        PersonaReward(gymnasium.make("CartPole-v1"), {"progress": 1.0})


def test_every_term_is_documented() -> None:
    readme = (Path(__file__).parents[2] / "mariogen" / "envs" / "README.md").read_text()
    from mariogen.envs import rewards

    for term in TERMS:
        assert f"| `{term}` |" in readme, term
        assert f"\n{term} " in rewards.__doc__, term


def test_every_shipped_reward_table_is_understood() -> None:
    cards = [card for card in list_cards() if card.reward]
    assert {"runner", "collector", "killer"} <= {card.name for card in cards}
    for card in cards:
        env = PersonaReward.from_card(MarioEnv(COIN_LEVEL), card)
        assert env.weights == card.reward and env.label == card.name
