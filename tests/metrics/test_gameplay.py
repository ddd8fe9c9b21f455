"""Gameplay metrics: on PlayResults built by hand, and on real plays of tiny levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.agents import play
from mariogen.engine import Button, EventType, Status
from mariogen.level import Level, SpriteType
from mariogen.metrics import make_metric
from tests.metrics.fixtures import FLAT, MIXED, event, level, play_result

E = EventType


def value(name: str, play_or_plays: object, text: str = FLAT, **params: object) -> float:
    plays = play_or_plays if isinstance(play_or_plays, dict) else {"agent": play_or_plays}
    return make_metric(name, **params).compute(level(text), plays)


#: A busy hand-made play: 2 jumps, 2 landings, kills by stomp (2), fire, shell and fall, a
#: mushroom, a fire flower, a 1-up and a coin collected, two hurts, a kick, then a win.
BUSY = play_result(
    events=[
        event(E.JUMP, 10),
        event(E.STOMP_KILL, 12, int(SpriteType.GOOMBA)),
        event(E.LAND, 14),
        event(E.COLLECT, 20, int(SpriteType.MUSHROOM)),
        event(E.HURT, 30, int(SpriteType.RED_KOOPA)),
        event(E.JUMP, 40),
        event(E.STOMP_KILL, 41, int(SpriteType.GREEN_KOOPA)),
        event(E.FIRE_KILL, 42, int(SpriteType.GOOMBA)),
        event(E.SHELL_KILL, 43, int(SpriteType.GOOMBA)),
        event(E.FALL_KILL, 44, int(SpriteType.SPIKY)),
        event(E.COLLECT, 45, int(SpriteType.FIRE_FLOWER)),
        event(E.COLLECT, 46, int(SpriteType.LIFE_MUSHROOM)),
        event(E.COLLECT, 47, 15),
        event(E.KICK, 48, int(SpriteType.SHELL)),
        event(E.LAND, 50),
        event(E.HURT, 55, int(SpriteType.GOOMBA)),
        event(E.WIN, 60),
    ],
    time_limit_s=20.0,
    coins_available=8,
    enemies_available=4,
    status=Status.WIN,
    completion=1.0,
    remaining_time_ms=17000,
    coins=3,
    hurts=20,  # the framework's count: each hurt repeated on 9 pause ticks
    jumps=2,
    max_x_jump=96.5,
    max_jump_air_time=12,
)


def test_event_counts_count_each_event_once() -> None:
    assert value("jumps-v0", BUSY) == 2.0
    assert value("kills-v0", BUSY) == 5.0
    assert value("kills-stomp-v0", BUSY) == 2.0
    assert value("kills-fire-v0", BUSY) == 1.0
    assert value("kills-shell-v0", BUSY) == 1.0
    assert value("kills-fall-v0", BUSY) == 1.0
    assert value("hurts-v0", BUSY) == 2.0  # not the framework's 20
    assert value("power-ups-v0", BUSY) == 2.0  # mushroom and flower, not the 1-up


def test_rates_and_framework_values() -> None:
    assert value("kill-rate-v0", BUSY) == pytest.approx(5 / 4)
    assert value("coins-v0", BUSY) == 3.0
    assert value("coin-rate-v0", BUSY) == pytest.approx(3 / 8)
    assert value("completion-v0", BUSY) == 1.0
    assert value("win-v0", BUSY) == 1.0
    assert value("max-x-jump-v0", BUSY) == 96.5
    assert value("max-jump-air-time-v0", BUSY) == 12.0
    # 3 s of 20 used; 16 events besides WIN in those 3 s.
    assert value("time-taken-v0", BUSY) == pytest.approx(0.15)
    assert value("events-per-second-v0", BUSY) == pytest.approx(16 / 3)


def test_rates_without_anything_available_are_zero() -> None:
    empty = play_result(coins=0)
    assert value("coin-rate-v0", empty) == 0.0
    assert value("kill-rate-v0", empty) == 0.0
    assert value("events-per-second-v0", play_result(remaining_time_ms=20000)) == 0.0


def test_air_time_from_the_trajectory() -> None:
    ys = [223.0, 223.0, 210.0, 200.0, 200.5, 223.0, 223.0]
    # Changes at iterations 2, 3, 4, 5 of 6 transitions.
    p = play_result(trajectory=[(16.0 * i, y) for i, y in enumerate(ys)])
    assert value("air-time-v0", p) == pytest.approx(4 / 6)
    assert value("air-time-v0", play_result(trajectory=[(0.0, 1.0)])) == 0.0


def test_ability_gap() -> None:
    strong_win = play_result(status=Status.WIN, completion=1.0)
    weak_lose = play_result(status=Status.LOSE, completion=0.4)
    weak_win = play_result(status=Status.WIN, completion=1.0)
    strong_lose = play_result(status=Status.LOSE, completion=0.7)
    metric = make_metric("ability-gap-v0")
    assert metric.needs == ("runner", "runner-weak")
    assert value("ability-gap-v0", {"runner": strong_win, "runner-weak": weak_lose}) == -1.0
    assert value("ability-gap-v0", {"runner": strong_win, "runner-weak": weak_win}) == 0.0
    both_lose = {"runner": strong_lose, "runner-weak": weak_lose}
    assert value("ability-gap-v0", both_lose) == pytest.approx(0.4 - 0.7)
    killer = make_metric("ability-gap-v0", persona="killer")
    assert killer.needs == ("killer", "killer-weak")
    with pytest.raises(KeyError, match="killer-weak"):
        killer.compute(level(FLAT), {"killer": strong_win})


def test_do_nothing_on_flat_ground() -> None:
    lv = level(FLAT)
    p = play("do-nothing", lv, time_limit_s=1)
    plays = {"agent": p}
    # Mario starts at x = 16 * 1 + 8 = 24; the exit is column 10: 24 / 160.
    assert make_metric("completion-v0").compute(lv, plays) == pytest.approx(0.15)
    assert make_metric("win-v0").compute(lv, plays) == 0.0
    assert make_metric("time-taken-v0").compute(lv, plays) == 1.0  # timed out
    assert make_metric("air-time-v0").compute(lv, plays) == 0.0
    assert make_metric("jumps-v0").compute(lv, plays) == 0.0
    assert make_metric("events-per-second-v0").compute(lv, plays) == 0.0


def test_run_right_on_flat_ground() -> None:
    lv = level(FLAT)
    p = play("run-right", lv, time_limit_s=5)
    plays = {"agent": p}
    assert make_metric("win-v0").compute(lv, plays) == 1.0
    assert make_metric("completion-v0").compute(lv, plays) == 1.0
    ticks = p.result.ticks  # 22: the initial update and 21 iterations
    assert make_metric("time-taken-v0").compute(lv, plays) == pytest.approx(ticks * 0.030 / 5)
    jumps = sum(e.type == EventType.JUMP for e in p.events)
    assert jumps >= 1
    assert make_metric("jumps-v0").compute(lv, plays) == jumps
    assert 0.5 < make_metric("air-time-v0").compute(lv, plays) < 1.0
    # The framework's folds over the events (ENGINE_SPEC §13.1), worked out from the list.
    start_x, start_t, best_x, best_t = -100.0, -100, 0.0, 0
    for e in p.events:
        if e.type == EventType.JUMP:
            start_x, start_t = e.x, e.tick
        elif e.type == EventType.LAND:
            best_x, best_t = max(best_x, abs(e.x - start_x)), max(best_t, e.tick - start_t)
    assert best_t > 0
    assert make_metric("max-jump-air-time-v0").compute(lv, plays) == best_t
    assert make_metric("max-x-jump-v0").compute(lv, plays) == pytest.approx(best_x, rel=1e-6)


def test_kill_and_coin_rates_use_what_the_level_offers() -> None:
    lv = level(MIXED)
    p = play("run-right", lv, time_limit_s=2)
    assert p.enemies_available == 2
    kills = make_metric("kills-v0").compute(lv, {"agent": p})
    assert make_metric("kill-rate-v0").compute(lv, {"agent": p}) == pytest.approx(kills / 2)


def test_speed_against_a_flat_run() -> None:
    """speed-v0: 1 for a RIGHT+SPEED run on flat ground, less with obstacles, 0 for a loss."""
    flat = level(FLAT)
    straight = play(lambda: _Hold(), flat, time_limit_s=5)
    assert straight.win
    assert make_metric("speed-v0").compute(flat, {"agent": straight}) == 1.0
    hopping = play("run-right", flat, time_limit_s=5)  # jumps whenever it may: no slower
    assert 0.9 <= make_metric("speed-v0").compute(flat, {"agent": hopping}) <= 1.0
    idle = play("do-nothing", flat, time_limit_s=1)
    assert make_metric("speed-v0").compute(flat, {"agent": idle}) == 0.0
    example = Level.read(Path(__file__).resolve().parents[2] / "levels/examples/first-steps.txt")
    runner, collector = (play(name, example) for name in ("runner", "collector"))
    assert runner.win and collector.win
    fast, detours = (
        make_metric("speed-v0").compute(example, {"agent": p}) for p in (runner, collector)
    )
    assert 0.0 < detours < fast < 1.0  # the collector's detours for coins cost it speed


class _Hold:
    """Holds RIGHT and SPEED: the flat run speed-v0 compares with."""

    name = "hold-right"

    def reset(self, level: object, start_mode: int) -> None:
        pass

    def act(self, game: object) -> Button:
        return Button.RIGHT | Button.SPEED
