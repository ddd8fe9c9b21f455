"""One agent call (ENGINE_SPEC §17.5): the plan, re-rooting, plan reuse and the budget.

- **budget**: ``node_budget`` simulations per decision; what a decision leaves unspent is
  banked (up to ``max_nodes`` a tree), so hard spots get more search while the average
  stays within the budget. After a decision that found no plan at all, the next one may
  use ``max_nodes``; while the planner is stuck it may use ``stuck_budget`` a decision.
- **plan reuse**: each new tree starts from the rest of the previous plan, adopting its
  already simulated states, so in open terrain a decision costs a handful of nodes.
- **stuck**: when Mario has not got a tile further right for ``stuck_ticks`` ticks, the
  search also rewards height (``climb`` ticks per pixel above the root) until he does:
  walls that need a climb over several ledges are otherwise never tried, because climbing
  is not progress to the right.
- **patience** for the persona's targets is spent at every re-rooting (:mod:`.targets`).
"""

from __future__ import annotations

import enum

import numpy as np
from numba.core import types

from mariogen.agents.astar.reuse import reroot
from mariogen.agents.astar.search import (
    accept,
    add_child,
    has_room,
    search,
    simulate,
    start_search,
)
from mariogen.agents.astar.targets import spend_patience
from mariogen.agents.astar.tree import (
    C_CARD_WEIGHTS,
    C_PARAMS,
    C_SC,
    C_WEIGHTS,
    F_EST,
    F_G,
    FL_SAFE,
    N_ACTION,
    N_CHILD,
    N_DEPTH,
    N_FLAGS,
    N_NCHILD,
    N_PARENT,
    N_SNAP,
    P_BUDGET,
    P_CARD_HEIGHT,
    P_CARD_MISSED_COINS,
    P_CARD_MISSED_ENEMIES,
    P_CLIMB,
    P_CLIMB_WEIGHT,
    P_HEIGHT,
    P_HURRY_TICKS,
    P_MAX_NODES,
    P_MISSED_COINS,
    P_MISSED_ENEMIES,
    P_PATIENCE,
    P_REPLAN,
    P_REPS,
    P_REUSE,
    P_STUCK_BUDGET,
    P_STUCK_TICKS,
    S_BANK,
    S_CHAIN_LEN,
    S_CHAIN_SAFE,
    S_CHOICE,
    S_DECISIONS,
    S_HURRY,
    S_MAX_SIMS,
    S_PLAN_LEN,
    S_PLAN_POS,
    S_PROGRESS_TICK,
    S_PROGRESS_X,
    S_RETRIED,
    S_SIMS,
    S_STUCK,
    S_TICKS_BEFORE,
    T_CHAIN,
    T_CHAIN_NODES,
    T_GIVEN_UP,
    T_NF,
    T_NI,
    T_PLAN,
    T_POOL,
    T_TARGETS,
    T_WAITS,
    copy_state,
)
from mariogen.engine.layout import (
    K_X,
    K_XA,
    MARIO_STRIDE,
    W_CLONED,
    W_EXIT_X,
    W_STATUS,
    W_TICK,
    W_TIMER,
    Status,
)
from mariogen.engine.layout import MARIO as _M
from mariogen.engine.world import step
from mariogen.jit import njit

#: The plan before the first search: 10 x (right + speed).
DEFAULT_ACTION = 10
_RUNNING, _LOSE = int(Status.RUNNING), int(Status.LOSE)


@njit
def extract_plan(T, C):
    """Write the chosen node's action path into the plan (each action ``reps`` times) and
    the pool rows of its nodes into the chain (``chain[d]``: the node at depth d)."""
    ni, plan, chain = T[T_NI], T[T_PLAN], T[T_CHAIN]
    sc, params = C[C_SC], C[C_PARAMS]
    best = sc[S_CHOICE]
    sc[S_CHAIN_LEN], sc[S_CHAIN_SAFE] = 0, 0
    if best < 0:
        plan[:10] = DEFAULT_ACTION
        sc[S_PLAN_LEN], sc[S_PLAN_POS] = 10, 0
        return
    reps = int(params[P_REPS])
    n = ni[best, N_DEPTH] * reps
    sc[S_CHAIN_LEN] = ni[best, N_DEPTH]
    sc[S_CHAIN_SAFE] = ni[best, N_FLAGS] & FL_SAFE
    nodes = T[T_CHAIN_NODES]
    nodes[0] = 0
    node, i = best, n
    while node > 0:
        chain[ni[node, N_DEPTH]] = ni[node, N_SNAP]
        nodes[ni[node, N_DEPTH]] = node
        for _ in range(reps):
            i -= 1
            plan[i] = ni[node, N_ACTION]
        node = ni[node, N_PARENT]
    sc[S_PLAN_LEN], sc[S_PLAN_POS] = n, 0


@njit
def _same_mario(a, b):
    """Whether Mario's record and the tick agree in two states (a cheap identity check)."""
    if a[W_TICK] != b[W_TICK]:
        return False
    i = _M
    while i < _M + MARIO_STRIDE and a[i] == b[i]:
        i += 1
    return i == _M + MARIO_STRIDE


@njit
def seed(T, C, lvl, start, budget):
    """Rebuild the rest of the previous plan as an accepted chain from the new root.

    The world is deterministic, so the old plan is still a valid path, and when the new root
    is one of its nodes its states are still in the pool: they are adopted (copied forward,
    rows only ever move down) instead of simulated. Starting from it, the search only has to
    extend the plan by the ticks just executed (unless something better shows).
    """
    pool, ni, nf, plan, chain = T[T_POOL], T[T_NI], T[T_NF], T[T_PLAN], T[T_CHAIN]
    sc, params = C[C_SC], C[C_PARAMS]
    reps = int(params[P_REPS])
    node, i, sims = 0, start, 0
    aligned = start % reps == 0 and sc[S_CHAIN_LEN] > 0
    if aligned and start > 0:
        aligned = _same_mario(pool[ni[0, N_SNAP]], pool[chain[start // reps]])
    while i < sc[S_PLAN_LEN] and sims < budget and has_room(T, C):
        child = -1
        for c in range(ni[node, N_CHILD], ni[node, N_CHILD] + ni[node, N_NCHILD]):
            if ni[c, N_ACTION] == plan[i]:
                child = c
        if child < 0:
            fv = pool[ni[node, N_SNAP]].view(np.float32)
            child = add_child(T, C, node, plan[i], fv[_M + K_X], fv[_M + K_XA])
        old_depth = i // reps + 1
        adopt = chain[old_depth] if aligned else -1
        g = simulate(T, C, lvl, child, adopt)
        nf[child, F_G], nf[child, F_EST] = g, g
        sims += 0 if aligned else 1
        if aligned and old_depth == sc[S_CHAIN_LEN] and sc[S_CHAIN_SAFE]:
            ni[child, N_FLAGS] |= FL_SAFE
        accept(T, C, child)
        if pool[ni[child, N_SNAP]][W_STATUS] != _RUNNING:
            break
        node, i = child, i + reps
    return sims


@njit
def _watch(T, C, lvl, s, ticks):
    """Spend the targets' patience and update the stuck state for ``ticks`` played ticks."""
    sc, params = C[C_SC], C[C_PARAMS]
    coins_on = params[P_CARD_MISSED_COINS] != 0.0
    enemies_on = params[P_CARD_MISSED_ENEMIES] != 0.0
    if coins_on or enemies_on:
        waits, given_up, patience = T[T_WAITS], T[T_GIVEN_UP], params[P_PATIENCE]
        targets = T[T_TARGETS]
        spend_patience(s, lvl, targets, waits, given_up, patience, ticks, coins_on, enemies_on)
    x = int(s.view(np.float32)[_M + K_X])
    if x >= sc[S_PROGRESS_X] + 16 or sc[S_DECISIONS] == 0:
        sc[S_PROGRESS_X], sc[S_PROGRESS_TICK] = x, sc[S_DECISIONS]
    stuck = params[P_STUCK_TICKS] > 0 and (
        sc[S_DECISIONS] - sc[S_PROGRESS_TICK] >= params[P_STUCK_TICKS]
    )
    sc[S_STUCK] = 1 if stuck else 0
    params[P_CLIMB] = params[P_CLIMB_WEIGHT] if stuck else 0.0
    _hurry(C, s)


@njit
def _hurry(C, s):
    """Drop the persona's own terms while the clock is short: once the ticks left are fewer
    than a run to the exit (at 9 px a tick, x 1.25) plus ``hurry_ticks``, every persona
    plays as a runner, so that it still finishes."""
    sc, params, weights, card = C[C_SC], C[C_PARAMS], C[C_WEIGHTS], C[C_CARD_WEIGHTS]
    run = (16.0 * s[W_EXIT_X] - s.view(np.float32)[_M + K_X]) / 9.0
    hurry = params[P_HURRY_TICKS] > 0 and s[W_TIMER] / 30.0 < 1.25 * run + params[P_HURRY_TICKS]
    scale = 0.0 if hurry else 1.0
    sc[S_HURRY] = 1 if hurry else 0
    for i in range(weights.shape[0]):
        weights[i] = card[i] * scale
    params[P_MISSED_COINS] = params[P_CARD_MISSED_COINS] * scale
    params[P_MISSED_ENEMIES] = params[P_CARD_MISSED_ENEMIES] * scale
    params[P_HEIGHT] = params[P_CARD_HEIGHT] * scale


@njit
def _reroot(T, C, lvl, s, budget):
    """§17.5 step 3: take the plan, predict the state ``replan`` ticks ahead, root there."""
    pool, plan = T[T_POOL], T[T_PLAN]
    sc, params = C[C_SC], C[C_PARAMS]
    extract_plan(T, C)
    k = min(int(params[P_REPLAN]), sc[S_PLAN_LEN])
    _watch(T, C, lvl, s, max(k, 1))
    model = pool[pool.shape[0] - 1]
    copy_state(model, s)
    model[W_CLONED] = 1
    for i in range(k):
        step(model, lvl, plan[i])
    predicted = model[W_STATUS] != _LOSE
    sc[S_TICKS_BEFORE] = k
    if predicted and params[P_REUSE] >= 2 and _reuse_tree(T, C, lvl, model, k):
        return 0
    if not predicted:
        model = s
    start_search(T, C, lvl, model)
    if predicted and params[P_REUSE] != 0:
        return seed(T, C, lvl, k, budget)
    return 0


@njit
def _reuse_tree(T, C, lvl, model, k):
    """Re-root at the plan's node ``k`` ticks in, keeping its subtree, if it is ``model``."""
    sc, params, ni = C[C_SC], C[C_PARAMS], T[T_NI]
    reps = int(params[P_REPS])
    if k % reps != 0 or k == 0 or k // reps > sc[S_CHAIN_LEN]:
        return False
    r = T[T_CHAIN_NODES][k // reps]
    if not _same_mario(model, T[T_POOL][ni[r, N_SNAP]]):
        return False
    return reroot(T, C, lvl, r, int(params[P_MAX_NODES]) // 2)


@njit
def decide(s, lvl, T, C):
    """One agent call (§17.5): maybe replan and re-root, search, return the next action.

    ``s`` is the running game's state; it is read, never changed (the plan's first ticks are
    predicted on the pool's last row).
    """
    sc, params = C[C_SC], C[C_PARAMS]
    sc[S_BANK] = min(sc[S_BANK] + int(params[P_BUDGET]), int(params[P_MAX_NODES]))
    budget, sims = sc[S_BANK], 0
    if sc[S_CHOICE] == 0 and not sc[S_RETRIED]:
        budget = int(params[P_MAX_NODES])  # the last search found no plan: try hard, once
        sc[S_RETRIED] = 1
    elif sc[S_CHOICE] != 0:
        sc[S_RETRIED] = 0
    if sc[S_STUCK]:
        budget = max(budget, int(params[P_STUCK_BUDGET]))
    sc[S_TICKS_BEFORE] -= 1
    if sc[S_TICKS_BEFORE] <= 0 or sc[S_PLAN_POS] >= sc[S_PLAN_LEN]:
        sims = _reroot(T, C, lvl, s, budget)
    sims += search(T, C, lvl, budget - sims)
    sc[S_BANK] -= min(sims, sc[S_BANK])
    sc[S_SIMS] += sims
    sc[S_DECISIONS] += 1
    sc[S_MAX_SIMS] = max(sc[S_MAX_SIMS], sims)
    if sc[S_PLAN_POS] < sc[S_PLAN_LEN]:
        sc[S_PLAN_POS] += 1
        return T[T_PLAN][sc[S_PLAN_POS] - 1]
    return 0


class CompilePart(enum.Enum):
    """Parts of a decision's compiled code that can be compiled apart, so that two processes
    share the first run's compilation (:mod:`mariogen.evaluation.compile_helper`).

    ``ENGINE_FREE`` calls no engine code, so it compiles while the engine does; ``SEARCH``
    (the tree search) and ``REROOT`` (re-rooting, with the plan's seeding) each need the
    engine compiled first, and each other not; :func:`decide` needs all three.
    """

    ENGINE_FREE = "engine-free"
    SEARCH = "search"
    REROOT = "reroot"


def compile_part(part: CompilePart, tree: types.Type, context: types.Type, lvl: types.Type) -> int:
    """Compile one part of a decision's code (into numba's on-disk cache).

    Args:
        part: which part.
        tree, context, lvl: the types :func:`decide` is called with (``numba.typeof`` of the
            tree and context tuples and of the level's constants); the other arguments'
            types follow from them, as calls from compiled code type them
            (:func:`mariogen.jit.general_type`).

    Returns:
        How many functions were given to numba.
    """
    state, whole = types.Array(types.int32, 1, "C"), types.int64
    parts = {
        CompilePart.ENGINE_FREE: (
            (_reuse_tree, (tree, context, lvl, state, whole)),
            (_watch, (tree, context, lvl, state, whole)),
            (start_search, (tree, context, lvl, state)),
            (extract_plan, (tree, context)),
        ),
        CompilePart.SEARCH: ((search, (tree, context, lvl, whole)),),
        CompilePart.REROOT: ((_reroot, (tree, context, lvl, state, whole)),),
    }[part]
    for function, signature in parts:
        function.compile(signature)
    return len(parts)
