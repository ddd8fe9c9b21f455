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
``coins`` ... ``timeout``  every statistic of the one vocabulary
                          (:mod:`mariogen.engine.stats`: ``progress``, ``coins``,
                          ``coin_blocks``, ``kills_stomp``, ``kills_fire``, ``kills_shell``,
                          ``kills_fall``, ``kills``, ``jumps``, ``bricks``, ``powerups``,
                          ``kicks``, ``coin_rate``, ``kill_rate``, ``hurts``, ``mode``,
                          ``completion``, ``timeout``) but ``time``, ``death`` and ``win``,
                          whose names the planner uses in its own way; counted as the
                          vocabulary counts them (pause repeats included)
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

from mariogen.engine.stats import STAT_NAMES, fill_stats
from mariogen.jit import njit

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
#: Statistics of the one vocabulary (:mod:`mariogen.engine.stats`) weighed as deltas from the
#: root: every statistic but those whose names the planner uses in its own way above.
STAT_TERMS: tuple[str, ...] = tuple(name for name in STAT_NAMES if name not in SPECIAL_TERMS)
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


@njit
def persona_cost(s, root_stats, weights, coins_total, enemies_total, scratch):
    """The weighted statistic deltas of ``s`` against the root's statistics."""
    fill_stats(s, coins_total, enemies_total, scratch)
    total = 0.0
    for i in range(scratch.shape[0]):
        if weights[i] != 0.0:
            total += weights[i] * (scratch[i] - root_stats[i])
    return total


def stat_weights(cost: dict[str, float]) -> np.ndarray:
    """The statistic weights of a ``[cost]`` table as a float64 vector in vocabulary order
    (:class:`~mariogen.engine.stats.Stat`; the special terms weigh no statistic)."""
    return np.array([float(cost.get(t, 0.0)) if t in STAT_TERMS else 0.0 for t in STAT_NAMES])


def special_weights(cost: dict[str, float]) -> dict[str, float]:
    """The special terms of a ``[cost]`` table, defaults filled in."""
    return {term: float(cost.get(term, default)) for term, default in DEFAULT_SPECIAL.items()}


def unknown_terms(cost: dict[str, float]) -> list[str]:
    """Names in a ``[cost]`` table that are not cost terms."""
    return [term for term in cost if term not in COST_TERMS]
