"""The A* planner and the persona cards, played on the real engine with small budgets."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import make_agent, play
from mariogen.agents.astar import AStarAgent
from mariogen.agents.personas import (
    PersonaCard,
    PersonaCardError,
    build_persona,
    load_card,
    parse_card,
)
from mariogen.level import Level

REPO_ROOT = Path(__file__).resolve().parents[2]
WIDTH = 40


def _grid() -> list[list[str]]:
    rows = [["-"] * WIDTH for _ in range(16)]
    rows[14] = ["X"] * WIDTH
    rows[15] = ["X"] * WIDTH
    rows[13][2], rows[13][WIDTH - 3] = "M", "F"
    return rows


def _level(rows: list[list[str]], name: str) -> Level:
    return Level.from_text("\n".join("".join(row) for row in rows), name)


@pytest.fixture(scope="module")
def coin_detour() -> Level:
    """Flat ground with two rows of coins a jump above it: a runner just runs under them."""
    rows = _grid()
    for c in list(range(10, 16)) + list(range(22, 28)):
        rows[8][c] = rows[9][c] = "o"
    return _level(rows, "coin-detour")


@pytest.fixture(scope="module")
def enemy_ledge() -> Level:
    """Two red koopas (which never walk off edges) on a ledge a runner passes beneath."""
    rows = _grid()
    for c in range(12, 30):
        rows[11][c] = "#"
    rows[10][16] = rows[10][24] = "r"
    return _level(rows, "enemy-ledge")


def _agent(persona: str, budget: int = 60) -> AStarAgent:
    """The persona's card with a small node budget (to keep the tests fast)."""
    card = load_card(persona)
    params = {**card.params, "node_budget": budget, "max_nodes": 10 * budget}
    return AStarAgent(card.name, card.cost, **params)


def _digest(buttons: np.ndarray) -> str:
    return hashlib.sha256(buttons.tobytes()).hexdigest()


def test_same_buttons_twice(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[0])
    agent = _agent("runner")
    first = play(agent, level, time_limit_s=10)
    second = play(agent, level, time_limit_s=10)
    again = play(_agent("runner"), level, time_limit_s=10)
    assert first.iterations > 0
    assert np.array_equal(first.buttons, second.buttons)
    assert np.array_equal(first.buttons, again.buttons)


_SUBPROCESS = """
import hashlib, sys
from mariogen.agents import play
from mariogen.agents.astar import AStarAgent
from mariogen.agents.personas import load_card
from mariogen.level import Level
card = load_card("collector")
agent = AStarAgent(card.name, card.cost, **{**card.params, "node_budget": 60, "max_nodes": 600})
result = play(agent, Level.read(sys.argv[1]), time_limit_s=10)
print(hashlib.sha256(result.buttons.tobytes()).hexdigest())
"""


def test_same_buttons_in_another_process(example_levels: list[Path]) -> None:
    level = Level.read(example_levels[1])
    here = _digest(play(_agent("collector"), level, time_limit_s=10).buttons)
    out = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS, str(example_levels[1])],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
    )
    assert out.stdout.strip() == here


def test_runner_finishes_the_examples(example_levels: list[Path]) -> None:
    for path in example_levels:
        result = play("runner", Level.read(path), time_limit_s=20)
        assert result.win, f"runner did not finish {path.name}: {result.result.status.name}"
        assert result.agent_stats["decisions"] == result.iterations


def test_collector_takes_the_coin_detour(coin_detour: Level) -> None:
    runner = play(_agent("runner"), coin_detour, time_limit_s=10)
    collector = play(_agent("collector"), coin_detour, time_limit_s=10)
    assert runner.win and collector.win
    assert collector.result.coins > runner.result.coins


def test_killer_goes_for_the_enemies(enemy_ledge: Level) -> None:
    runner = play(_agent("runner"), enemy_ledge, time_limit_s=10)
    killer = play(_agent("killer"), enemy_ledge, time_limit_s=10)
    assert runner.win and killer.win
    assert killer.result.kills_total > runner.result.kills_total


def _with_height(height: float) -> AStarAgent:
    """The runner's card with a taste for high (negative) or low routes."""
    card = load_card("runner")
    params = {**card.params, "node_budget": 60, "max_nodes": 600}
    return AStarAgent("height", {**card.cost, "height": height}, **params)


def test_a_taste_for_height_takes_the_high_route() -> None:
    rows = _grid()
    rows[13][10:14] = ["#"] * 4  # a step up to
    rows[11][14:26] = ["#"] * 12  # a ledge Mario can also walk under
    ledge = _level(rows, "ledge")
    ticks_on_ledge = []
    for height in (0.0, -50.0):
        result = play(_with_height(height), ledge, time_limit_s=10)
        assert result.win
        x, y = result.trajectory[:, 0], result.trajectory[:, 1]
        ticks_on_ledge.append(int(np.sum((x >= 14 * 16) & (x < 25 * 16) & (y <= 11 * 16 + 0.5))))
    assert ticks_on_ledge[0] == 0 < ticks_on_ledge[1]


def test_height_counts_where_mario_stands_not_mid_jump() -> None:
    flat = _level(_grid(), "flat")
    plain = play(_with_height(0.0), flat, time_limit_s=10)
    airy = play(_with_height(-50.0), flat, time_limit_s=10)
    assert plain.win and airy.win
    assert airy.result.jumps == plain.result.jumps
    assert airy.result.ticks == plain.result.ticks


@pytest.mark.parametrize("persona", ["runner", "collector", "killer"])
def test_weak_variant_looks_half_as_far(persona: str) -> None:
    strong, weak = load_card(persona), load_card(f"{persona}-weak")
    assert weak.params["horizon_px"] * 2 == strong.params["horizon_px"]
    assert weak.cost == strong.cost
    assert make_agent(f"{persona}-weak").horizon_px == make_agent(persona).horizon_px / 2


def test_every_card_builds_an_agent() -> None:
    for name in ("runner", "collector", "killer", "runner-paper", "collector-paper"):
        agent = make_agent(name)
        assert isinstance(agent, AStarAgent) and agent.name == name
    assert make_agent("killer-paper").params["repetitions"] == 4


_CARD = """
name = "tester"
[planner]
type = "astar"
{planner}
[cost]
{cost}
"""


@pytest.mark.parametrize(
    ("planner", "cost", "message"),
    [
        ("horizon = 100", "", "tester.toml:5:1: [planner] has no parameter 'horizon'"),
        ("node_budget = 0", "", "tester.toml:5:1: [planner] node_budget must be a whole number"),
        ("node_budget = 2.5", "", "tester.toml:5:1: [planner] node_budget must be a whole"),
        ('horizon_px = "far"', "", "tester.toml:5:1: [planner] horizon_px must be a number"),
        ("horizon_px = -5", "", "tester.toml:5:1: [planner] horizon_px must be > 0"),
        ("", "gold = -5", "tester.toml:7:1: [cost] has no term 'gold'"),
    ],
)
def test_card_errors_are_clear(planner: str, cost: str, message: str) -> None:
    """A bad card is refused when it is read, naming file, line, column and key."""
    with pytest.raises(PersonaCardError) as info:
        parse_card(_CARD.format(planner=planner, cost=cost), Path("tester.toml"))
    assert message in str(info.value)


def test_build_checks_cards_made_in_code() -> None:
    card = PersonaCard("tester", "", "astar", params={"node_budget": 0}, path=Path("t.toml"))
    with pytest.raises(PersonaCardError, match=r"t\.toml: \[planner\] node_budget must be a whole"):
        build_persona(card)


def test_unknown_planner_type_is_clear() -> None:
    text = _CARD.format(planner="", cost="").replace('"astar"', '"mcts"')
    with pytest.raises(PersonaCardError, match=r"tester\.toml:4:1: unknown planner type 'mcts'"):
        parse_card(text, Path("tester.toml"))


def test_stats_report_the_search_effort(example_levels: list[Path]) -> None:
    result = play(_agent("runner", budget=40), Level.read(example_levels[2]), time_limit_s=10)
    stats = result.agent_stats
    assert 0 < stats["nodes_per_decision"] <= 40  # banked: the average stays in the budget
    assert stats["nodes"] == pytest.approx(stats["nodes_per_decision"] * stats["decisions"])
    assert stats["max_nodes"] <= 400 + 64  # a tree's cap plus one safety check
