"""Which persona a play looks like: persona probabilities of a play or a replay.

A play is compared with the model's personas (runner, collector, killer) playing the same
level with the same start mode and time limit: they are deterministic, so their plays are
made again here (about a second each) and kept per level, so several replays of one level
cost one set of reference plays. A replay is played again from its buttons to get what the
features need (the trajectory and the statistics).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mariogen.agents.play import PlayResult, play
from mariogen.engine import Game
from mariogen.errors import InputError
from mariogen.level import Level
from mariogen.replay import Replay, level_hash
from mariogen.style.features import offer, play_features, style_features
from mariogen.style.model import StyleModel, read_model
from mariogen.style.training import persona_plays

#: Below this completion a play shows little of its style (a note says so).
SHORT_PLAY = 0.25


class ReplayAgent:
    """An agent that presses a replay's recorded buttons, one per iteration.

    Args:
        buttons: the packed buttons of every iteration.
        name: who played (the play's ``agent``).
    """

    def __init__(self, buttons: np.ndarray, name: str = "replay") -> None:
        self.name = name
        self._buttons = np.asarray(buttons, dtype=np.uint8).tolist()
        self._next = 0

    def reset(self, level: Level, start_mode: int) -> None:
        """Start from the first recorded button."""
        self._next = 0

    def act(self, game: Game) -> int:
        """The next recorded button (nothing once they run out)."""
        pressed = self._buttons[self._next] if self._next < len(self._buttons) else 0
        self._next += 1
        return pressed


def replay_play(replay: Replay) -> PlayResult:
    """The recorded play of ``replay``, played again (trajectory and events included)."""
    agent = ReplayAgent(replay.buttons, replay.agent or "replay")
    return play(
        agent,
        replay.level(),
        replay.start_mode,
        replay.time_limit_s,
        record=True,
        seed=replay.seed,
        max_iterations=replay.n_ticks,
    )


@dataclass(frozen=True)
class Classification:
    """The persona probabilities of one play.

    Attributes:
        source: what was classified (a replay's path, or a label).
        player: who played, as the replay says (``"human"``, a persona's name).
        level_name: the level's name.
        probabilities: each persona's probability, in the model's order.
        notes: why the answer may be weak (a level without coins, a short play).
    """

    source: str
    player: str
    level_name: str
    probabilities: dict[str, float]
    notes: tuple[str, ...] = ()

    @property
    def persona(self) -> str:
        """The most probable persona."""
        return max(self.probabilities, key=self.probabilities.__getitem__)

    def ranked(self) -> list[tuple[str, float]]:
        """``(persona, probability)``, most probable first."""
        return sorted(self.probabilities.items(), key=lambda kv: -kv[1])

    def to_json(self) -> dict[str, Any]:
        """The classification as JSON data (``mariogen classify --json``)."""
        return {
            "source": self.source,
            "player": self.player,
            "level": self.level_name,
            "persona": self.persona,
            "probabilities": {name: round(p, 6) for name, p in self.probabilities.items()},
            "notes": list(self.notes),
        }


@dataclass
class StyleClassifier:
    """Classifies plays with a model, keeping the reference plays of each level it has seen.

    Attributes:
        model: the style model (default: the shipped one).
    """

    model: StyleModel = field(default_factory=read_model)
    _references: dict[tuple[str, int, float], np.ndarray] = field(
        default_factory=dict, init=False, repr=False
    )

    def references(self, level: Level, start_mode: int, time_limit_s: float) -> np.ndarray:
        """The model's personas' play features on ``level``, one row per persona.

        Raises:
            InputError: when one of the model's personas is not available.
        """
        key = (level_hash(level.to_text()), int(start_mode), float(time_limit_s))
        if key not in self._references:
            try:
                plays = persona_plays(level, self.model.personas, start_mode, time_limit_s)
            except KeyError as exc:
                raise InputError(f"the model's persona is not available: {exc.args[0]}") from None
            offers = offer(level)
            self._references[key] = np.stack([play_features(p, offers) for p in plays])
        return self._references[key]

    def classify_play(self, result: PlayResult, level: Level, source: str = "") -> Classification:
        """The persona probabilities of a recorded play of ``level``."""
        refs = self.references(level, result.start_mode, result.time_limit_s)
        x = style_features(play_features(result, offer(level)), refs)
        p = self.model.probabilities(x)
        return Classification(
            source=source or result.agent,
            player=result.agent,
            level_name=level.name,
            probabilities={name: float(v) for name, v in zip(self.model.personas, p, strict=True)},
            notes=tuple(_notes(result, level)),
        )

    def classify_replay(self, replay: Replay, source: str = "") -> Classification:
        """The persona probabilities of a replay's play."""
        return self.classify_play(replay_play(replay), replay.level(), source or replay.level_name)


def _notes(result: PlayResult, level: Level) -> list[str]:
    offers, notes = offer(level), []
    if offers.coins == 0:
        notes.append("the level offers no coins: a collector and a runner look alike on it")
    if offers.enemies == 0:
        notes.append("the level has no enemies: a killer and a runner look alike on it")
    if result.result.completion < SHORT_PLAY:
        notes.append(
            f"the play covers {100 * result.result.completion:.0f}% of the level; "
            "it shows little of a style"
        )
    return notes


def mix(classifications: list[Classification]) -> dict[str, float]:
    """The mean persona probabilities of several plays (one player's persona mix).

    Raises:
        ValueError: for no classifications.
    """
    if not classifications:
        raise ValueError("a mix needs at least one classification")
    names = list(classifications[0].probabilities)
    return {
        name: float(np.mean([c.probabilities[name] for c in classifications])) for name in names
    }
