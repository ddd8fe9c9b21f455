"""A test-only planner type that hangs or kills its own process on marked levels.

It is registered the way any plug-in is, through the planner registry's entry-point group
``mariogen.planners``: :func:`install` writes a throwaway installed distribution (a
``*.dist-info`` folder whose ``entry_points.txt`` names :data:`PLANNER`) and a persona card
that uses it, and puts both where this process and every worker process it starts find
them (``PYTHONPATH``, ``sys.path`` and ``MARIOGEN_AGENT_PATH``; the workers re-import
everything, so nothing registered in memory would reach them). A test
module's fixture yields from :func:`installed` to do that for one test.

The persona runs right and jumps, like a baseline; on a level whose text digest
(:func:`level_mark`) is in the card's ``hang`` list it never returns from ``reset``, on one in
its ``kill`` list it kills its process with SIGKILL (once only, when ``kill_once`` names a
file: the first kill creates it).
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from mariogen.agents import PlannerSpec
from mariogen.agents.planners import PlannerParamError
from mariogen.engine import Button
from mariogen.level import Level

#: The persona's name (its card's).
PERSONA = "chaos"
#: The planner type's name.
KIND = "chaos"
_PARAMS = ("hang", "kill", "kill_once")
_REPO_ROOT = Path(__file__).resolve().parents[2]


def level_mark(level: Level) -> str:
    """The digest that marks a level: the first 16 hex digits of its text's SHA-256."""
    return hashlib.sha256(level.to_text().encode()).hexdigest()[:16]


class Chaos:
    """Runs right and jumps; hangs or dies on marked levels (see the module)."""

    def __init__(self, name: str, params: Mapping[str, Any]) -> None:
        self.name = name
        self.hang = set(params.get("hang", ()))
        self.kill = set(params.get("kill", ()))
        self.kill_once = str(params.get("kill_once", ""))

    def reset(self, level: Level, start_mode: int) -> None:
        """Hang or die here when ``level`` is marked."""
        mark = level_mark(level)
        if mark in self.hang:
            while True:
                time.sleep(0.2)
        if mark in self.kill:
            once = Path(self.kill_once) if self.kill_once else None
            if once is None or not once.exists():
                if once is not None:
                    once.write_text("killed\n", encoding="utf-8")
                os.kill(os.getpid(), signal.SIGKILL)

    def act(self, game: Any) -> int:
        """Right, with speed, jumping whenever it may."""
        mario = game.mario
        jump = Button.JUMP if mario.may_jump or not mario.on_ground else Button.NONE
        return int(Button.RIGHT | Button.SPEED | jump)


def _check(params: Mapping[str, Any]) -> None:
    for key in params:
        if key not in _PARAMS:
            raise PlannerParamError(key, f"has no parameter {key!r} (known: {_PARAMS})")


PLANNER = PlannerSpec(
    build=lambda card, seed: Chaos(card.name, card.params),
    cost_terms=(),
    check_params=_check,
    description="test only: runs right; hangs or kills its process on marked levels",
)


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def write_card(
    folder: Path, hang: Sequence[str] = (), kill: Sequence[str] = (), kill_once: str = ""
) -> Path:
    """Write the persona's card into ``folder`` (``hang``/``kill``: level marks)."""
    path = folder / f"{PERSONA}.toml"
    path.write_text(
        f'name = "{PERSONA}"\ndescription = "test only: hangs or dies on marked levels"\n'
        f'[planner]\ntype = "{KIND}"\nhang = {_toml_list(hang)}\nkill = {_toml_list(kill)}\n'
        f'kill_once = "{kill_once}"\n',
        encoding="utf-8",
    )
    return path


def install(root: Path, env: Any, syspath_prepend: Any) -> Path:
    """Install the plug-in under ``root`` for this process and the workers it starts.

    Args:
        root: an empty folder (it gets ``site/`` and ``cards/``).
        env: sets an environment variable, ``env(name, value)`` (``monkeypatch.setenv``).
        syspath_prepend: puts a folder first on ``sys.path`` (``monkeypatch.syspath_prepend``).

    Returns:
        The cards folder (write the card with :func:`write_card`).
    """
    from mariogen.agents.planners import PLANNERS

    site, cards = root / "site", root / "cards"
    info = site / "mariogen_chaos_test-1.0.dist-info"
    info.mkdir(parents=True)
    cards.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: mariogen-chaos-test\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[mariogen.planners]\n{KIND} = tests.evaluation.chaos_planner:PLANNER\n",
        encoding="utf-8",
    )
    paths = [str(site), str(_REPO_ROOT), os.environ.get("PYTHONPATH", "")]
    env("PYTHONPATH", os.pathsep.join(p for p in paths if p))
    env("MARIOGEN_AGENT_PATH", str(cards))
    syspath_prepend(str(site))
    PLANNERS.reload_plugins()
    write_card(cards)
    return cards


def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The body of a test module's fixture: :func:`install` for one test, undone after it;
    yields the cards folder."""
    from mariogen.agents.planners import PLANNERS

    yield install(tmp_path / "chaos", monkeypatch.setenv, monkeypatch.syspath_prepend)
    monkeypatch.undo()
    PLANNERS.reload_plugins()
