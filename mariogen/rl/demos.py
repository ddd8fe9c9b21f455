"""Demonstrations of an A* persona in the policy's action space, for :mod:`mariogen.rl.clone`.

``mariogen train --demos N`` warms a policy up by behaviour cloning before PPO: the persona's
own A* card plays ``N`` assembled levels of the demonstration seed stream
(``[Stream.DEMOS, seed, k]``, never the held-out or validation levels) with
``repetitions = replan_ticks = frame_skip``, so every action it presses is held for exactly
the policy's frame skip, on the policy's decision ticks, and is one of the policy's actions
(:data:`~mariogen.agents.policy.TRAINING_SPEC`'s action set holds the planner's ten).
At every decision the policy's input and the planner's action are recorded.

DAgger (``--dagger-rounds``): the policy being trained plays instead, and the planner, run
beside it on the same game, labels the states the policy reaches with its own action. The
planner commits to a decision's buttons one decision ahead (ENGINE_SPEC §17.5: it plans from
the state its current plan will reach), so after a decision where the policy did something
else, the planner's next action was planned for a state that did not happen: that decision
is not recorded and plays the planner's action, which makes the one after valid again. The
same holds after a decision whose ticks did not all press the same buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mariogen.agents.astar.agent import AStarAgent
from mariogen.agents.personas import PersonaCard, PersonaCardError, load_card
from mariogen.agents.play import play
from mariogen.agents.policy import TRAINING_SPEC, policy_features
from mariogen.engine import Button, Game
from mariogen.engine.actions import action_set
from mariogen.errors import InputError
from mariogen.fileio import atomic_write
from mariogen.level import Level
from mariogen.level.library import SegmentLibrary
from mariogen.rl.env import TIME_LIMIT_S
from mariogen.rl.levels import Stream, assembled_level


@dataclass(frozen=True)
class Demos:
    """Recorded decisions: the policy's inputs and the planner's actions.

    Attributes:
        features: ``(n, inputs)`` float32, :func:`policy_features` of each decision.
        actions: ``(n,)`` int64, indices into the training action set.
        plays: levels played.
        wins: plays that reached the exit.
        decisions: decisions played, recorded or not.
    """

    features: np.ndarray
    actions: np.ndarray
    plays: int
    wins: int
    decisions: int = 0


class DemosFileError(InputError):
    """A saved round of decisions that cannot be read."""


def save_demos(path: Path, demos: Demos) -> None:
    """Write ``demos`` to ``path`` (a compressed ``.npz`` of plain arrays), atomically."""
    counts = np.array([demos.plays, demos.wins, demos.decisions], np.int64)
    atomic_write(
        path,
        lambda tmp: np.savez_compressed(
            tmp, features=demos.features, actions=demos.actions, counts=counts
        ),
        suffix=".npz",
    )


def load_demos(path: Path, inputs: int) -> Demos:
    """Read a file of :func:`save_demos` (never unpickled).

    Args:
        path: the file.
        inputs: the policy's input width, which the features must have.

    Raises:
        DemosFileError: naming the file, when it cannot be read or its arrays do not fit.
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            features, actions, counts = data["features"], data["actions"], data["counts"]
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise DemosFileError(f"{path}: not a file of recorded decisions: {exc}") from None
    fits = (
        features.dtype == np.float32
        and features.ndim == 2
        and features.shape[1] == inputs
        and actions.dtype == np.int64
        and actions.shape == (len(features),)
        and counts.dtype == np.int64
        and counts.shape == (3,)
    )
    if not fits:
        raise DemosFileError(f"{path}: its arrays do not fit a policy of {inputs} inputs")
    plays, wins, decisions = (int(c) for c in counts)
    return Demos(features, actions, plays, wins, decisions)


def demo_planner(card: PersonaCard) -> AStarAgent:
    """The card's A* planner, deciding on the policy's ticks (``repetitions`` = frame skip).

    Raises:
        PersonaCardError: for a card whose planner is not ``astar``.
    """
    if card.planner != "astar":
        raise PersonaCardError(
            f"{card.source}: demonstrating needs an astar persona card, "
            f"not planner type {card.planner!r}"
        )
    skip = TRAINING_SPEC.frame_skip
    params = {**card.params, "repetitions": skip, "replan_ticks": skip}
    return AStarAgent(card.name, card.cost, **params)


#: Chooses the executed action of a decision: ``(features, planned action) -> action``.
Chooser = Callable[[np.ndarray, int], int]


def planner_chooser(features: np.ndarray, planned: int) -> int:
    """The planner's own action (plain demonstrations)."""
    return planned


class _Recorder:
    """Plays the planner, or a chooser's actions, and records the planner's valid decisions.

    A decision is valid when the previous decision executed the planner's own action held
    for all its ticks; an invalid one executes the planner's action (so the next is valid
    again) and is not recorded.
    """

    def __init__(self, planner: AStarAgent, choose: Chooser) -> None:
        self.name = planner.name
        self.planner, self.choose = planner, choose
        self.index = {int(b): i for i, b in enumerate(action_set(TRAINING_SPEC.action_set))}
        self.features: list[np.ndarray] = []
        self.actions: list[int] = []
        self.reset_counters()

    def reset_counters(self) -> None:
        self._tick, self._held, self._valid = 0, Button.NONE, True

    def reset(self, level: Level, start_mode: int) -> None:
        self.planner.reset(level, start_mode)
        self.reset_counters()

    def act(self, game: Game) -> Button:
        planned = self.planner.act(game)  # called every tick: the planner keeps its own time
        if self._tick % TRAINING_SPEC.frame_skip == 0:
            self._held = planned
            action = self.index.get(int(planned))
            valid, self._valid = self._valid and action is not None, action is not None
            if valid:
                features = policy_features(TRAINING_SPEC.encode(game, time_limit_s=0))
                self.features.append(features)
                self.actions.append(action)
                chosen = self.choose(features, action)
                if chosen != action:
                    self._held, self._valid = TRAINING_SPEC.buttons(chosen), False
        elif planned != self._held:
            self._valid = False  # the planner meant other buttons: its next action is stale
        self._tick += 1
        return self._held


def demo_levels(
    library: SegmentLibrary, seed: int, n: int, segments: int, first: int = 0
) -> list[Level]:
    """Demonstration levels ``first .. first + n - 1`` of a run of seed ``seed``."""
    return [
        assembled_level(library, [int(Stream.DEMOS), seed, k], segments, f"demo-{seed}-{k}")
        for k in range(first, first + n)
    ]


def record_demos(
    persona: str,
    levels: list[Level],
    learner: Chooser = planner_chooser,
) -> Demos:
    """The persona card's planner plays ``levels`` (small Mario, the training time limit).

    Args:
        persona: an A* persona card.
        levels: the levels, played in order.
        learner: chooses the executed actions (DAgger: the policy being trained); by
            default the planner plays its own.

    Returns:
        The recorded decisions; ``wins`` counts the plays that reached the exit.
    """
    card = load_card(persona)
    features, actions, wins, decisions = [], [], 0, 0
    for level in levels:
        recorder = _Recorder(demo_planner(card), learner)
        result = play(recorder, level, start_mode="small", time_limit_s=TIME_LIMIT_S, record=False)
        wins += int(result.win)
        decisions += -(-result.iterations // TRAINING_SPEC.frame_skip)
        features += recorder.features
        actions += recorder.actions
    return Demos(
        np.asarray(features, dtype=np.float32).reshape(len(features), -1),
        np.asarray(actions, dtype=np.int64),
        len(levels),
        wins,
        decisions,
    )
