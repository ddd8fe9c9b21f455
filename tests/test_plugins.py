"""Plug-ins from a separate package: a planner type and an agent, found through entry points.

The package is written to a temporary folder as an installed distribution (its module and a
``*.dist-info`` folder with ``entry_points.txt``, as pip leaves them) and put on the path of a
fresh ``mariogen`` process, which must then list, build and play both without any change to
mariogen itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEVEL = ROOT / "levels" / "examples" / "first-steps.txt"

PLUGIN_MODULE = '''\
"""A throwaway mariogen plug-in: a planner type and an agent."""
from mariogen.agents import PlannerSpec
from mariogen.engine import Button


class Hopper:
    """runs right and jumps whenever it may (from a plug-in)"""

    name = "hopper"

    def reset(self, level, start_mode):
        pass

    def act(self, game):
        mario = game.mario
        jump = Button.JUMP if mario.may_jump or not mario.on_ground else Button.NONE
        return Button.RIGHT | Button.SPEED | jump


class Walker:
    def __init__(self, name, speed):
        self.name, self.speed = name, speed

    def reset(self, level, start_mode):
        pass

    def act(self, game):
        mario = game.mario
        jump = Button.JUMP if mario.may_jump or not mario.on_ground else Button.NONE
        return Button.RIGHT | (Button.SPEED if self.speed else Button.NONE) | jump


def check(params):
    from mariogen.agents.planners import PlannerParamError

    for key in params:
        if key != "speed":
            raise PlannerParamError(key, f"has no parameter {key!r} (known: speed)")


WALKER = PlannerSpec(
    build=lambda card, seed: Walker(card.name, card.params.get("speed", 0)),
    cost_terms=(),
    check_params=check,
    description="walks right",
)
'''

ENTRY_POINTS = """\
[mariogen.agents]
hopper = mariogen_plugin_test:Hopper

[mariogen.planners]
walker = mariogen_plugin_test:WALKER
"""

CARD = """\
name = "stroller"
description = "walks right, from a plug-in planner"
[planner]
type = "walker"
speed = 1
"""


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a process that has the plug-in package installed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "mariogen_plugin_test.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    info = site / "mariogen_plugin_test-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: mariogen-plugin-test\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "stroller.toml").write_text(CARD, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["MARIOGEN_AGENT_PATH"] = str(cards)
    return env


def _mariogen(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mariogen", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_an_entry_point_agent_and_planner_type_play(plugin_env: dict[str, str]) -> None:
    listed = _mariogen(plugin_env, "agents", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in map(json.loads, listed.stdout.splitlines())}
    assert rows["hopper"]["description"] == "runs right and jumps whenever it may (from a plug-in)"
    assert rows["stroller"]["kind"] == "persona"
    for agent in ("hopper", "stroller"):
        played = _mariogen(plugin_env, "play", str(LEVEL), "--agent", agent, "--json")
        assert played.returncode == 0, played.stderr
        summary = json.loads(played.stdout)
        assert summary["agent"] == agent and summary["time"] > 0


def test_a_plug_in_planner_checks_its_cards(plugin_env: dict[str, str], tmp_path: Path) -> None:
    card = tmp_path / "cards" / "stroller.toml"
    card.write_text(CARD.replace("speed = 1", "pace = 2"), encoding="utf-8")
    shown = _mariogen(plugin_env, "personas", "show", "stroller")
    assert shown.returncode == 2
    assert "stroller.toml:5:1: [planner] has no parameter 'pace'" in shown.stderr
