"""``AStarAgent``: the node-budgeted A* planner that plays every persona card.

A card's ``[planner]`` table (``type = "astar"``) takes these parameters (``DEFAULT_PARAMS``;
lengths in pixels, times in game ticks, budgets in node simulations):

=====================  =========  ========================================================
parameter              default    meaning
=====================  =========  ========================================================
``horizon_px``         176        the search ends once the best plan ends on the ground
                                  this far right of the root (the weak personas use 88)
``repetitions``        2          ticks each node holds its action
``node_budget``        200        node simulations per decision; unspent ones are banked
                                  for later decisions (:mod:`.plan`)
``max_nodes``          3000       the most nodes one search tree may use (banked budget
                                  included; also the budget of the one retry after a
                                  search found no plan; 0 means 8 x node_budget)
``replan_ticks``       2          ticks of the plan executed before re-rooting the tree
``visited_penalty``    1500       ticks of cost added to a node that revisits an accepted
                                  state (within a pixel and 5 ticks, :mod:`.visited`)
``furthest_margin``    20         px by which the furthest node must beat the best one to
                                  replace it when the budget runs out
``min_nodes``          0          nodes a tree explores before the horizon may end the
                                  search (0: the first plan past the horizon will do)
``reuse_plan``         2          0: every tree starts afresh; 1: it starts from the rest
                                  of the previous plan; 2: it also keeps the previous
                                  tree below the new root (:mod:`.reuse`), if that
                                  subtree holds at most max_nodes / 2 nodes
``safety_ticks``       -1         ticks of the rollouts that check the chosen plan's end is
                                  survivable (0: no check; -1: 24 x horizon_px / 176)
``patience_ticks``     45         ticks Mario may spend near a coin or enemy target before
                                  the persona gives it up (:mod:`.targets`)
``stuck_ticks``        40         ticks without a tile of progress after which the search
                                  also rewards height and may press speed (0: never)
``climb``              0.2        that reward, in ticks per pixel above the root
``stuck_budget``       -1         the least nodes a decision may use while stuck (-1:
                                  node_budget)
``speed_cost``         0          ticks of cost per tick a node's action holds speed
                                  (run / fire; 0: free)
``run``                1          children may press speed (0: walk only, except while
                                  stuck)
``hurry_ticks``        60         once the clock's ticks left fall below a run to the exit
                                  (9 px a tick, x 1.25) plus this, the persona's own
                                  terms (statistics, missed targets, height) are dropped
                                  and it plays as a runner (0: never)
=====================  =========  ========================================================

The ``[cost]`` table is described in :mod:`mariogen.agents.astar.costs`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from mariogen.agents.astar import tree
from mariogen.agents.astar.costs import (
    COST_TERMS,
    special_weights,
    stat_weights,
    unknown_terms,
)
from mariogen.agents.astar.plan import CompilePart, compile_part, decide
from mariogen.agents.astar.search import MAX_CHILDREN
from mariogen.agents.astar.targets import coin_targets
from mariogen.agents.personas import PersonaCard, PersonaCardError
from mariogen.agents.planners import PlannerParamError, PlannerSpec
from mariogen.engine import Button, Game
from mariogen.engine import layout as L
from mariogen.engine.game import level_constants
from mariogen.engine.stats import N_STATS
from mariogen.level import Level

#: Planner parameters and their defaults.
DEFAULT_PARAMS: dict[str, float] = {
    "horizon_px": 176.0,
    "repetitions": 2,
    "node_budget": 200,
    "max_nodes": 3000,
    "replan_ticks": 2,
    "visited_penalty": 1500.0,
    "furthest_margin": 20.0,
    "min_nodes": 0,
    "reuse_plan": 2,
    "safety_ticks": -1,
    "patience_ticks": 45,
    "stuck_ticks": 40,
    "climb": 0.2,
    "stuck_budget": -1,
    "speed_cost": 0.0,
    "run": 1,
    "hurry_ticks": 60,
}
_INT_PARAMS = ("repetitions", "node_budget", "replan_ticks")
_NONNEG_INT_PARAMS = (
    "reuse_plan",
    "safety_ticks",
    "max_nodes",
    "min_nodes",
    "patience_ticks",
    "stuck_ticks",
    "stuck_budget",
    "run",
    "hurry_ticks",
)

#: The largest node budget accepted (the node pool is preallocated from it).
MAX_NODE_BUDGET = 100_000
#: The most nodes one search tree may hold (``max_nodes``, or 8 x ``node_budget`` for 0).
MAX_TREE_NODES = 100_000
#: The largest search tree allocated, in bytes (its node pool grows with the level's width).
MAX_TREE_BYTES = 2 * 1024**3
#: The largest tick count or pixel length a parameter may hold (longer than any play).
MAX_TICKS_PARAM = 1_000_000
#: The most ticks a node may hold its action.
MAX_REPETITIONS = 64


def check_params(params: Mapping[str, Any]) -> dict[str, float]:
    """Validated planner parameters with defaults filled in.

    Every value must be a finite number; whole-number parameters at most
    :data:`MAX_TICKS_PARAM` (``repetitions`` at most :data:`MAX_REPETITIONS`), and the tree
    at most :data:`MAX_TREE_NODES` nodes.

    Raises:
        PlannerParamError: for an unknown parameter or a value of the wrong type or range.
    """
    out = dict(DEFAULT_PARAMS)
    for key, value in params.items():
        if key not in DEFAULT_PARAMS:
            known = ", ".join(DEFAULT_PARAMS)
            raise PlannerParamError(key, f"has no parameter {key!r} (known: {known})")
        _check_value(key, value)
        out[key] = value
    if out["horizon_px"] <= 0:
        raise PlannerParamError("horizon_px", "horizon_px must be > 0")
    if out["climb"] < 0:
        raise PlannerParamError("climb", "climb must be >= 0")
    if out["safety_ticks"] < 0:
        out["safety_ticks"] = round(24 * out["horizon_px"] / 176)
    if out["stuck_budget"] < 0:
        out["stuck_budget"] = out["node_budget"]
    if out["node_budget"] > MAX_NODE_BUDGET:
        raise PlannerParamError("node_budget", f"node_budget must be <= {MAX_NODE_BUDGET}")
    if (out["max_nodes"] or 8 * out["node_budget"]) > MAX_TREE_NODES:
        key = "max_nodes" if out["max_nodes"] else "node_budget"
        raise PlannerParamError(key, f"max_nodes (0: 8 x node_budget) must be <= {MAX_TREE_NODES}")
    return out


def _check_value(key: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlannerParamError(key, f"{key} must be a number, not {value!r:.40}")
    if abs(value) > MAX_TICKS_PARAM or not math.isfinite(value):  # abs first: huge ints
        raise PlannerParamError(
            key, f"{key} must be a finite number of at most {MAX_TICKS_PARAM}, not {value!r}"
        )
    whole = float(value).is_integer()
    if key in _INT_PARAMS and (not whole or value < 1):
        raise PlannerParamError(key, f"{key} must be a whole number >= 1")
    if key in _NONNEG_INT_PARAMS and (not whole or value < 0):
        raise PlannerParamError(key, f"{key} must be a whole number >= 0")
    if key == "repetitions" and value > MAX_REPETITIONS:
        raise PlannerParamError(key, f"repetitions must be <= {MAX_REPETITIONS}")


def planner_params(params: Mapping[str, Any], source: str = "card") -> dict[str, float]:
    """:func:`check_params`, with errors as :class:`PersonaCardError` naming ``source``."""
    try:
        return check_params(params)
    except PlannerParamError as exc:
        raise PersonaCardError(f"{source}: [planner] {exc}") from None


class AStarAgent:
    """A* over the engine's forward model with a node budget per decision (ENGINE_SPEC §17).

    Deterministic: the same level, parameters and costs press the same buttons.

    Args:
        name: the persona name reported in plays.
        cost: the ``[cost]`` table (see :mod:`mariogen.agents.astar.costs`).
        **params: planner parameters (see the module docstring).

    Raises:
        PersonaCardError: for unknown parameters or cost terms.
    """

    def __init__(self, name: str = "astar", cost: dict[str, float] | None = None, **params: Any):
        self.name = name
        cost = dict(cost or {})
        bad = unknown_terms(cost)
        if bad:
            raise PersonaCardError(f"{name}: unknown cost term(s) {', '.join(bad)}")
        self.cost = cost
        self.params = planner_params(params, name)
        self._weights = stat_weights(cost)
        self._special = special_weights(cost)
        self._tree: tuple[np.ndarray, ...] | None = None
        self._context: tuple[np.ndarray, ...] | None = None
        self._sc = np.zeros(tree.N_SCALARS, dtype=np.int64)

    @property
    def horizon_px(self) -> float:
        """How far ahead the planner looks, in pixels."""
        return float(self.params["horizon_px"])

    @property
    def node_budget(self) -> int:
        """Node simulations allowed per decision."""
        return int(self.params["node_budget"])

    @property
    def max_nodes(self) -> int:
        """The most node simulations one search tree may use (banked budget included)."""
        return int(self.params["max_nodes"]) or 8 * self.node_budget

    def _param_vector(self, level: Level) -> np.ndarray:
        p, w = self.params, self._special
        out = np.zeros(tree.N_PARAMS, dtype=np.float64)
        out[tree.P_HORIZON], out[tree.P_REPS] = p["horizon_px"], p["repetitions"]
        out[tree.P_REPLAN], out[tree.P_BUDGET] = p["replan_ticks"], p["node_budget"]
        out[tree.P_VISITED_PEN] = p["visited_penalty"]
        out[tree.P_FURTHEST_MARGIN] = p["furthest_margin"]
        out[tree.P_TIME], out[tree.P_ELAPSED] = w["time"], w["elapsed"]
        out[tree.P_DAMAGE], out[tree.P_DEATH], out[tree.P_WIN] = w["damage"], w["death"], w["win"]
        out[tree.P_COINS_TOTAL], out[tree.P_ENEMIES_TOTAL] = level.total_coins, level.enemy_count
        out[tree.P_REUSE], out[tree.P_SAFETY_TICKS] = p["reuse_plan"], p["safety_ticks"]
        out[tree.P_MAX_NODES], out[tree.P_MIN_NODES] = self.max_nodes, p["min_nodes"]
        out[tree.P_MISSED_COINS] = w["missed_coins"]
        out[tree.P_MISSED_ENEMIES] = w["missed_enemies"]
        out[tree.P_PATIENCE], out[tree.P_STUCK_TICKS] = p["patience_ticks"], p["stuck_ticks"]
        out[tree.P_CLIMB_WEIGHT], out[tree.P_STUCK_BUDGET] = p["climb"], p["stuck_budget"]
        out[tree.P_SPEED_COST], out[tree.P_RUN] = p["speed_cost"], p["run"]
        out[tree.P_HEIGHT] = w["height"]
        out[tree.P_CARD_MISSED_COINS] = w["missed_coins"]
        out[tree.P_CARD_MISSED_ENEMIES] = w["missed_enemies"]
        out[tree.P_CARD_HEIGHT], out[tree.P_HURRY_TICKS] = w["height"], p["hurry_ticks"]
        return out

    def _allocate(self, state_len: int, level: Level) -> tuple[np.ndarray, ...]:
        """The search tree's arrays (``tree.T_*`` order), reusing the pool when it fits."""
        p = self.params
        snaps = self.max_nodes + 2
        if (snaps + 2) * state_len * 4 > MAX_TREE_BYTES:
            raise PersonaCardError(
                f"{self.name}: a search tree of {self.max_nodes} nodes on a level "
                f"{level.width} columns wide needs more than {MAX_TREE_BYTES >> 30} GiB; "
                "lower [planner] max_nodes"
            )
        nodes = snaps * MAX_CHILDREN + MAX_CHILDREN + 1
        heap = nodes + 2 * snaps
        buckets = 1 << int(snaps * 2).bit_length()
        old = self._tree
        if old is not None and old[tree.T_POOL].shape == (snaps + 2, state_len):
            pool = old[tree.T_POOL]
        else:
            pool = np.zeros((snaps + 2, state_len), dtype=np.int32)
        targets = coin_targets(level)
        slots = targets.shape[0] + level.enemy_count + 1
        return (
            pool,
            np.zeros((nodes, tree.NI_FIELDS), dtype=np.int32),
            np.zeros((nodes, tree.NF_FIELDS), dtype=np.float64),
            np.zeros(heap, dtype=np.float64),
            np.zeros(heap, dtype=np.int64),
            np.zeros(heap, dtype=np.int32),
            np.zeros((snaps, 3), dtype=np.int32),
            np.zeros(snaps, dtype=np.int32),
            np.zeros(buckets, dtype=np.int32),
            np.zeros(buckets, dtype=np.int64),
            np.zeros(snaps * int(p["repetitions"]) + 16, dtype=np.int32),
            np.zeros(snaps + 2, dtype=np.int32),
            targets,
            np.zeros(slots, dtype=np.int32),
            np.zeros(slots, dtype=np.bool_),
            np.zeros(snaps + 2, dtype=np.int32),
            np.zeros(max(nodes, snaps + 2), dtype=np.int32),
            np.zeros(snaps + 2, dtype=np.int32),
        )

    def reset(self, level: Level, start_mode: int) -> None:
        """Allocate the search arrays for ``level`` and forget any previous plan."""
        n_templates = int(np.count_nonzero(level.templates))
        state_len = L.state_size(level.width, level.height, n_templates)
        self._tree = self._allocate(state_len, level)
        self._sc[:] = 0
        self._sc[tree.S_CHOICE] = -1
        self._context = (
            self._sc,
            np.zeros(tree.N_FSCALARS, dtype=np.float64),
            self._param_vector(level),
            self._weights.copy(),
            np.zeros(N_STATS, dtype=np.float64),
            np.zeros(N_STATS, dtype=np.float64),
            self._weights,
        )

    def act(self, game: Game) -> Button:
        """Search from ``game`` (not changed) and return the plan's next buttons."""
        if self._context is None:
            self.reset(game.level, game.mario.mode)
        return Button(int(decide(game.state, game.constants, self._tree, self._context)))

    def compile_part(self, part: CompilePart, level: Level) -> int:
        """Compile one part of a decision's code for ``level`` (:func:`.plan.compile_part`;
        for sharing the first run's compilation between processes).

        Returns:
            How many functions were given to numba.
        """
        from numba import typeof

        self.reset(level, 0)
        lvl = typeof(level_constants(level))
        return compile_part(part, typeof(self._tree), typeof(self._context), lvl)

    def stats(self) -> dict[str, Any]:
        """Nodes simulated: in total, per decision on average, and at most in one decision."""
        sc = self._sc
        decisions = int(sc[tree.S_DECISIONS])
        return {
            "decisions": decisions,
            "nodes": int(sc[tree.S_SIMS]),
            "nodes_per_decision": float(sc[tree.S_SIMS]) / max(decisions, 1),
            "max_nodes": int(sc[tree.S_MAX_SIMS]),
            "pool_full": int(sc[tree.S_OVERFLOW]),
        }


def build_astar(card: PersonaCard, seed: int = 0) -> AStarAgent:
    """The planner of a ``type = "astar"`` card (deterministic, so ``seed`` is unused)."""
    bad = unknown_terms(card.cost)
    if bad:
        raise PersonaCardError(
            f"{card.source}: [cost] has unknown term(s) {', '.join(bad)}; "
            "see mariogen/agents/astar/costs.py for the terms"
        )
    planner_params(card.params, card.source)
    return AStarAgent(card.name, card.cost, **card.params)


#: The A* planner as a planner type (``[planner] type = "astar"``).
ASTAR_PLANNER = PlannerSpec(
    build=build_astar,
    cost_terms=COST_TERMS,
    check_params=check_params,
    description="node-budgeted A* over the engine's forward model (ENGINE_SPEC §17)",
)
