"""Gameplay metrics: computed from :class:`~mariogen.agents.PlayResult`\\ s.

Counts of events come from ``PlayResult.events``, which holds each event once. The
framework's ``GameResult`` counts (``result.jumps``, ``result.hurts``, ``result.kills_*``)
re-count the events of the last normal tick on every pause and time-out iteration (ENGINE_SPEC
§12.3: one hurt of large Mario counts 10 times), so they are not used for counts here.
``result.completion``, ``result.coins``, ``result.max_x_jump`` and
``result.max_jump_air_time`` are not affected by the repeats and are used as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mariogen.agents.personas import weak_variant
from mariogen.engine import Button, EventType, Game
from mariogen.level import Level, SpriteType
from mariogen.metrics.base import AGENT, AGENT_WEAK, BaseMetric, Direction, Kind, ratio
from mariogen.metrics.registry import register_metric

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

MAF = "Mario AI Framework statistics (MarioResult; ENGINE_SPEC §13)"
MAF_DERIVED = "derived from Mario AI Framework statistics (ENGINE_SPEC §13)"
KHALIFA_2019 = (
    "Khalifa, Green, Barros, Togelius & Yannakakis 2019, Intentional computational level "
    "design (GECCO): strong and weak agents"
)
ZHANG_2022 = "Zhang, Bai & Liu 2022, Generating game levels of diverse behaviour engagement (CoG)"
#: Milliseconds of game time per tick (ENGINE_SPEC §2).
MS_PER_TICK = 30
#: Kill events, by cause.
KILL_EVENTS: dict[str, EventType] = {
    "stomp": EventType.STOMP_KILL,
    "fire": EventType.FIRE_KILL,
    "shell": EventType.SHELL_KILL,
    "fall": EventType.FALL_KILL,
}


def count_events(play: PlayResult, *types: EventType, params: tuple[int, ...] = ()) -> int:
    """Events of the given types (and, if given, params) in the play, each counted once."""
    return sum(1 for e in play.events if e.type in types and (not params or e.param in params))


def game_seconds(play: PlayResult) -> float:
    """Game time the play lasted, in seconds: time limit minus the time left."""
    return max(0.0, play.time_limit_s - play.result.remaining_time_ms / 1000.0)


class PlayMetric(BaseMetric):
    """A metric of the play of the agent being evaluated (``needs == ("agent",)``)."""

    kind = Kind.GAMEPLAY
    NEEDS = (AGENT,)

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        """The value for ``plays["agent"]``."""
        return self.of(plays[AGENT])

    def of(self, play: PlayResult) -> float:
        """Compute the value from one play."""
        raise NotImplementedError


@register_metric
class Completion(PlayMetric):
    """How far the agent got.

    Formula: completion = Mario's final x / the exit's x (the framework's
    completionPercentage, float32; 1 on a win).
    """

    name = "completion-v0"
    description = "share of the level's length covered (1 on a win)"
    source = MAF
    range = (0.0, 1.0)
    direction = Direction.MAXIMISE

    def of(self, play: PlayResult) -> float:
        return float(play.result.completion)


@register_metric
class Win(PlayMetric):
    """Whether the agent reached the exit.

    Formula: win = 1 if the game status is WIN, else 0.
    """

    name = "win-v0"
    description = "1 if the agent reached the exit, else 0"
    source = MAF
    range = (0.0, 1.0)
    direction = Direction.MAXIMISE

    def of(self, play: PlayResult) -> float:
        return 1.0 if play.win else 0.0


@register_metric
class TimeTaken(PlayMetric):
    """How much of the time limit the play used.

    Formula: time taken = (time limit - remaining time) / time limit, game time
    (30 ms per tick, pause ticks included); 1 on a time-out.
    """

    name = "time-taken-v0"
    description = "share of the time limit used"
    source = MAF_DERIVED
    range = (0.0, 1.0)

    def of(self, play: PlayResult) -> float:
        return ratio(game_seconds(play), play.time_limit_s)


@lru_cache(maxsize=256)
def flat_run_iterations(width: int, start: tuple[int, int], exit_cell: tuple[int, int]) -> int:
    """Game-loop iterations a run holding RIGHT and SPEED takes to the exit of a flat level
    of ``width`` columns with the same start and exit columns (small Mario)."""
    rows = ["-" * width] * 14 + ["X" * width] * 2
    rows[13] = "".join(
        "M" if x == start[0] else "F" if x == exit_cell[0] else "-" for x in range(width)
    )
    game = Game.new(Level.from_text("\n".join(rows) + "\n", source="<flat run>"), 0, 0)
    iterations = 0
    while game.running and iterations < 16 * width:
        game.step(Button.RIGHT | Button.SPEED)
        iterations += 1
    return iterations


@register_metric
class Speed(BaseMetric):
    """How fast the play finished, against a straight run across a flat level of its length.

    Formula: speed = T_flat / T if the agent reached the exit, else 0; T the play's game-loop
    iterations (pause iterations included, so a hurt costs time), T_flat those of a run holding
    RIGHT and SPEED across a flat level as wide as this one, with the same start and exit
    columns. 1 is a flat run's pace; terrain, enemies and detours lower it. Unlike
    time-taken-v0, which most levels let a good runner bring to the same floor, it keeps
    ranking levels of equal length that differ in how fast they can be crossed.
    """

    name = "speed-v0"
    kind = Kind.GAMEPLAY
    description = "a flat run's iterations over the play's, if it won (1: flat-run pace)"
    source = MAF_DERIVED
    range = (0.0, 1.0)
    direction = Direction.MAXIMISE
    NEEDS = (AGENT,)

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        play = plays[AGENT]
        if not play.win:
            return 0.0
        flat = flat_run_iterations(level.width, level.mario_start, level.exit)
        return min(1.0, flat / max(1, play.iterations))


@register_metric
class AirTime(PlayMetric):
    """How much of the play Mario spent off the ground.

    Formula: air time = (iterations i >= 1 whose Mario y differs from iteration i-1's) /
    (iterations - 1), from PlayResult.trajectory (Mario's y is constant exactly while he
    stands or walks on the ground; pause ticks freeze it).
    """

    name = "air-time-v0"
    description = "share of iterations in which Mario's height changed (airborne)"
    source = MAF_DERIVED
    range = (0.0, 1.0)

    def of(self, play: PlayResult) -> float:
        y = play.trajectory[:, 1]
        if y.size < 2:
            return 0.0
        return float(np.count_nonzero(y[1:] != y[:-1])) / (y.size - 1)


@register_metric
class Jumps(PlayMetric):
    """How many times Mario jumped.

    Formula: jumps = number of JUMP events (each counted once).
    """

    name = "jumps-v0"
    description = "number of jumps"
    source = MAF
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        return float(count_events(play, EventType.JUMP))


@register_metric
class MaxJumpAirTime(PlayMetric):
    """The longest jump, in ticks.

    Formula: the framework's maxJumpAirTime: a fold over JUMP and LAND events, best =
    max(best, LAND tick - last JUMP tick) (ENGINE_SPEC §13.1; the start tick is -100 before
    the first jump, a framework quirk kept for comparability).
    """

    name = "max-jump-air-time-v0"
    description = "longest time between a jump and the next landing (ticks)"
    source = MAF
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        return float(play.result.max_jump_air_time)


@register_metric
class MaxXJump(PlayMetric):
    """The longest jump, in pixels.

    Formula: the framework's maxXJump: a fold over JUMP and LAND events, best =
    max(best, |LAND x - last JUMP x|) (ENGINE_SPEC §13.1; the start x is -100 before the
    first jump, a framework quirk kept for comparability).
    """

    name = "max-x-jump-v0"
    description = "longest horizontal distance between a jump and the next landing (px)"
    source = MAF
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        return float(play.result.max_x_jump)


class KillsMetric(PlayMetric):
    """Kills of one cause, or of all causes."""

    CAUSES: ClassVar[tuple[str, ...]] = tuple(KILL_EVENTS)
    range = (0.0, None)
    source = MAF

    def of(self, play: PlayResult) -> float:
        return float(count_events(play, *(KILL_EVENTS[c] for c in self.CAUSES)))


@register_metric
class Kills(KillsMetric):
    """How many enemies died.

    Formula: kills = number of STOMP_KILL, FIRE_KILL, SHELL_KILL and FALL_KILL events
    (each counted once; FALL_KILL counts enemies that fell out of the level).
    """

    name = "kills-v0"
    description = "enemies killed, any cause (stomp, fire, shell, fall)"


def _kills_by(cause: str, event: EventType) -> type[KillsMetric]:
    doc = f"""Kills by {cause}.

    Formula: kills by {cause} = number of {event.name} events (each counted once).
    """
    cls = type(
        f"Kills{cause.title()}",
        (KillsMetric,),
        {
            "__doc__": doc,
            "__module__": __name__,
            "name": f"kills-{cause}-v0",
            "description": f"enemies killed by {cause}",
            "CAUSES": (cause,),
        },
    )
    return register_metric(cls)


KillsStomp, KillsFire, KillsShell, KillsFall = (_kills_by(c, e) for c, e in KILL_EVENTS.items())


@register_metric
class KillRate(PlayMetric):
    """The share of the level's enemies that died.

    Formula: kill rate = kills (see kills-v0) / enemy templates in the level; 0 without
    enemies. It can exceed 1: cannon bullets and respawned templates count as kills.
    """

    name = "kill-rate-v0"
    description = "kills / enemies in the level"
    source = MAF_DERIVED
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        kills = count_events(play, *KILL_EVENTS.values())
        return ratio(kills, play.enemies_available)


@register_metric
class Coins(PlayMetric):
    """How many coins Mario ended with.

    Formula: coins = the world's coin counter at the end (coin tiles, coin blocks and
    coin bricks alike).
    """

    name = "coins-v0"
    description = "coins collected"
    source = MAF
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        return float(play.result.coins)


@register_metric
class CoinRate(PlayMetric):
    """The share of the level's coins that Mario collected.

    Formula: coin rate = coins (see coins-v0) / coins the level offers (coin tiles, coin
    blocks, coin bricks); 0 when it offers none.
    """

    name = "coin-rate-v0"
    description = "coins collected / coins available"
    source = MAF_DERIVED
    range = (0.0, 1.0)

    def of(self, play: PlayResult) -> float:
        return min(1.0, ratio(play.result.coins, play.coins_available))


@register_metric
class PowerUps(PlayMetric):
    """How many power-ups Mario collected.

    Formula: power-ups = number of COLLECT events of a mushroom or a fire flower
    (each counted once; 1-up mushrooms are not power-ups).
    """

    name = "power-ups-v0"
    description = "mushrooms and fire flowers collected"
    source = MAF
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        params = (int(SpriteType.MUSHROOM), int(SpriteType.FIRE_FLOWER))
        return float(count_events(play, EventType.COLLECT, params=params))


@register_metric
class Hurts(PlayMetric):
    """How many times Mario was hurt.

    Formula: hurts = number of HURT events, each counted once (the framework's numHurts
    counts each hurt 10 times for large Mario, through the pause repeats).
    """

    name = "hurts-v0"
    description = "times Mario was hurt"
    source = MAF
    range = (0.0, None)
    direction = Direction.NONE

    def of(self, play: PlayResult) -> float:
        return float(count_events(play, EventType.HURT))


@register_metric
class EventsPerSecond(PlayMetric):
    """Behaviour engagement: how busy the play was.

    Formula: events per second = (game events other than WIN and LOSE, each counted once:
    jumps, landings, kills, collects, bumps, hurts, kicks) / game seconds played
    (see time-taken-v0); 0 for a play of no time.
    """

    name = "events-per-second-v0"
    description = "game events per second of game time (behaviour engagement)"
    source = ZHANG_2022
    range = (0.0, None)

    def of(self, play: PlayResult) -> float:
        n = sum(1 for e in play.events if e.type not in (EventType.WIN, EventType.LOSE))
        return ratio(n, game_seconds(play))


@register_metric
class AbilityGap(BaseMetric):
    """Whether the level separates a strong persona from its weak variant.

    Formula: gap = -1 if the strong persona wins and the weak one does not; otherwise
    completion(weak) - completion(strong). Needs the plays of `persona` (default
    "runner") and of its weak variant (the card with `variant_of = persona`, e.g.
    "runner-weak"). -1 is the clearest separation.
    """

    name = "ability-gap-v0"
    kind = Kind.GAMEPLAY
    description = "-1 if strong wins and weak does not, else weak - strong completion"
    source = KHALIFA_2019
    range = (-1.0, 1.0)
    direction = Direction.MINIMISE
    PARAMS: ClassVar[dict[str, Any]] = {"persona": "runner"}

    def check_params(self) -> None:
        if not isinstance(self.params["persona"], str) or not self.params["persona"]:
            raise ValueError(f"persona must be a name, got {self.params['persona']!r}")
        self._weak = weak_variant(self.params["persona"])

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.params["persona"], self._weak)

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        strong, weak = (plays[name] for name in self.needs)
        if strong.win and not weak.win:
            return -1.0
        return float(weak.result.completion) - float(strong.result.completion)


@register_metric
class TesterAbilityGap(AbilityGap):
    """The ability gap of the agent being evaluated: ability-gap-v0 with the tester as the
    strong persona and the tester's weak variant as the weak one.

    Formula: as ability-gap-v0, with `persona` = the tester. So one metric serves every
    tester (the runner against runner-weak, the collector against collector-weak, ...);
    an agent without a weak variant cannot be scored with it.
    """

    name = "tester-ability-gap-v0"
    description = "ability-gap-v0 of the tester against its own weak variant"
    PARAMS: ClassVar[dict[str, Any]] = {}

    def check_params(self) -> None:
        pass

    @property
    def needs(self) -> tuple[str, ...]:
        return (AGENT, AGENT_WEAK)
