"""Persona cost terms of the A* planner: what a card's ``[cost]`` table may weigh.

The planner ranks a node by ``g + elapsed * ticks_elapsed`` (A*'s f), where g is

``time * remaining_time(x, xa) + sum(weight[term] * delta[term]) + damage + death + win``

and every ``delta`` is the difference of an engine statistic between the node's state and
the search root (so only what the plan *would* do counts). Units are game ticks: a weight of
``-200`` on ``coins`` means one coin is worth 200 ticks of delay. The terms:

========================  ===============================================================
term                      meaning (``delta`` = node minus search root)
========================  ===============================================================
``time``                  weight on the estimated ticks left to run (ENGINE_SPEC §17.3's
                          ``calcRemainingTime`` of Mario's x and xa): progress to the right
``elapsed``               weight on ticks elapsed since the root (A*'s path cost)
``coins``                 coins collected (``W_COINS``: coin tiles and coin blocks)
``coin_blocks``           ?-blocks bumped (``ST_BUMP_QUESTION``)
``kills_stomp``           enemies stomped
``kills_fire``            enemies killed by a fireball
``kills_shell``           enemies killed by a kicked shell
``kills_fall``            enemies killed by a bump from below / knocked off
``kills``                 all kills, whatever the cause
``jumps``                 jumps started
``bricks``                bricks broken
``powerups``              mushrooms and fire flowers collected
``kicks``                 shells kicked
``coin_rate``             coins collected per coin the level offers (the seed paper's term)
``kill_rate``             kills per enemy the level places (the seed paper's term)
``damage``                per power-up mode lost (large to small, fire to large)
``death``                 on losing the game (hurt while small, falling, time-out)
``win``                   on reaching the exit
``missed_coins``          per coin target Mario has passed while it is still there (a
                          potential that makes the search look for the detour; see
                          :mod:`mariogen.agents.astar.targets`)
``missed_enemies``        per enemy target left alive behind Mario (likewise)
``height``                per pixel Mario stands above the root (negative: the persona
                          prefers high routes, positive: low ones)
========================  ===============================================================

Defaults (``DEFAULT_SPECIAL``): ``time`` 1, ``elapsed`` 0.9, ``damage`` 1000000, ``death``
2000000, ``win`` -100000; every other term 0. When the clock runs short (the planner's
``hurry_ticks``) the statistic terms, ``missed_coins``, ``missed_enemies`` and ``height`` are
dropped, so every persona still finishes.

Damage, death and win are counted from the root too, so a plan that is hurt early keeps its
penalty in all its descendants (ENGINE_SPEC §17 penalises only the node where it happened);
like §17, a penalty found deeper in the tree weighs a little less (``1 - 1e-4 * depth``), so
that an unavoidable hit is met as late as possible.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from mariogen.engine import layout as L

#: Statistic terms, in the order of the compiled stat vector.
STAT_TERMS: tuple[str, ...] = (
    "coins",
    "coin_blocks",
    "kills_stomp",
    "kills_fire",
    "kills_shell",
    "kills_fall",
    "kills",
    "jumps",
    "bricks",
    "powerups",
    "kicks",
    "coin_rate",
    "kill_rate",
)
N_STATS = len(STAT_TERMS)
#: Terms with their own place in g or f (not statistic deltas).
SPECIAL_TERMS: tuple[str, ...] = (
    "time",
    "elapsed",
    "damage",
    "death",
    "win",
    "missed_coins",
    "missed_enemies",
    "height",
)
#: Every term a ``[cost]`` table may name.
COST_TERMS: tuple[str, ...] = SPECIAL_TERMS + STAT_TERMS

#: Defaults of the special terms (§17: time 1, elapsed 0.9, a hurt 1e6; the win bonus is ours).
DEFAULT_SPECIAL: dict[str, float] = {
    "time": 1.0,
    "elapsed": 0.9,
    "damage": 1_000_000.0,
    "death": 2_000_000.0,
    "win": -100_000.0,
    "missed_coins": 0.0,
    "missed_enemies": 0.0,
    "height": 0.0,
}

_COINS, _QBUMP = L.W_COINS, L.ST_BUMP_QUESTION
_STOMP, _FIRE, _SHELL, _FALL = L.ST_KILL_STOMP, L.ST_KILL_FIRE, L.ST_KILL_SHELL, L.ST_KILL_FALL
_JUMPS, _BRICKS, _MUSH, _FLOW, _KICKS = (
    L.ST_JUMPS,
    L.ST_BRICKS,
    L.ST_MUSHROOMS,
    L.ST_FLOWERS,
    L.ST_KICKS,
)


@njit(cache=True)
def stat_vector(s, coins_total, enemies_total, out):
    """Write the statistic terms of state ``s`` (in ``STAT_TERMS`` order) into ``out``."""
    kills = s[_STOMP] + s[_FIRE] + s[_SHELL] + s[_FALL]
    out[0] = s[_COINS]
    out[1] = s[_QBUMP]
    out[2] = s[_STOMP]
    out[3] = s[_FIRE]
    out[4] = s[_SHELL]
    out[5] = s[_FALL]
    out[6] = kills
    out[7] = s[_JUMPS]
    out[8] = s[_BRICKS]
    out[9] = s[_MUSH] + s[_FLOW]
    out[10] = s[_KICKS]
    out[11] = s[_COINS] / max(coins_total, 1.0)
    out[12] = kills / max(enemies_total, 1.0)


@njit(cache=True)
def persona_cost(s, root_stats, weights, coins_total, enemies_total, scratch):
    """The weighted statistic deltas of ``s`` against the root's statistics."""
    stat_vector(s, coins_total, enemies_total, scratch)
    total = 0.0
    for i in range(scratch.shape[0]):
        if weights[i] != 0.0:
            total += weights[i] * (scratch[i] - root_stats[i])
    return total


def stat_weights(cost: dict[str, float]) -> np.ndarray:
    """The statistic weights of a ``[cost]`` table as a float64 vector (``STAT_TERMS`` order)."""
    return np.array([float(cost.get(term, 0.0)) for term in STAT_TERMS], dtype=np.float64)


def special_weights(cost: dict[str, float]) -> dict[str, float]:
    """The special terms of a ``[cost]`` table, defaults filled in."""
    return {term: float(cost.get(term, default)) for term, default in DEFAULT_SPECIAL.items()}


def unknown_terms(cost: dict[str, float]) -> list[str]:
    """Names in a ``[cost]`` table that are not cost terms."""
    return [term for term in cost if term not in COST_TERMS]
