"""The A* search of ENGINE_SPEC §17, compiled with numba over the engine's flat state.

Everything lives in preallocated arrays, so a decision allocates nothing:

- ``pool``: one engine state per simulated node (row 0 is the search root; the last row
  keeps the unadvanced model while the agent re-roots);
- ``ni`` / ``nf``: integer and float fields of every node (``N_*`` / ``F_*`` below), open
  (generated, not simulated yet) or closed;
- a binary heap of (f, insertion counter, node): the first-inserted of the cheapest nodes
  is picked, exactly the order of §17.3's linear scan over the pool list;
- ``visited``: the accepted states (trunc x, trunc y, ticks elapsed) of §17.3;
- ``sc`` / ``sf``: the search's integer and float scalars (``S_*``); ``params``: the planner's
  parameters (``P_*``); ``weights`` / ``root_stats``: the persona's statistic weights and the
  statistics of the root (see :mod:`mariogen.agents.astar.costs`).

Deviations from §17 (each to play better or to be reproducible):

- the budget counts node simulations per decision, never wall-clock time; what a decision
  leaves unspent is banked (up to ``max_nodes`` a tree), so hard spots get more search while
  the average stays within ``node_budget``; a decision after one that found no plan at all
  (Mario is stuck) may use ``max_nodes``;
- a node's snapshot is kept when it is re-queued, so picking it again costs no simulation;
- damage and death are counted against the root, so descendants of a hurt node keep the
  penalty; win is rewarded by the persona's ``win`` weight, and a win ends the search;
- the furthest node replaces the best one at the end only if it is unhurt and not worse in
  the persona's own terms (for the runner this is §17's rule).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from mariogen.agents.astar.costs import persona_cost, stat_vector
from mariogen.agents.astar.heap import S_COUNTER, S_HEAP, heap_pop, heap_push
from mariogen.engine.layout import (
    K_ON_GROUND,
    K_X,
    K_XA,
    K_Y,
    M_FIRE,
    M_JUMP_TIME,
    M_LARGE,
    M_MAY_JUMP,
    MARIO_STRIDE,
    W_CLONED,
    W_HEIGHT,
    W_STATUS,
    W_TICK,
)
from mariogen.engine.layout import MARIO as _M
from mariogen.engine.world import settle_clone, step

# node integer fields
N_PARENT, N_ACTION, N_DEPTH, N_SNAP, N_FLAGS, N_CHILD, N_NCHILD = range(7)
NI_FIELDS = 7
# node float fields: estimate, g of a simulated node, x, persona + damage cost, damage part
F_EST, F_G, F_X, F_COST, F_DMG = range(5)
NF_FIELDS = 5
# flags
FL_SIMULATED, FL_VISITED, FL_HURT, FL_WIN, FL_GROUND, FL_CLOSED, FL_SAFE = 1, 2, 4, 8, 16, 32, 64
FL_DEAD = 128
# search scalars (int64)
S_NODES, S_SNAPS = 0, 1  # 2 and 3 are the heap's size and counter (heap.S_HEAP, S_COUNTER)
(S_BEST, S_FURTHEST, S_NVIS, S_TICKS_BEFORE) = range(4, 8)
(S_PLAN_LEN, S_PLAN_POS, S_SIMS, S_DECISIONS, S_MAX_SIMS, S_OVERFLOW, S_ROOT_MODE) = range(8, 15)
(S_BEST_ANY, S_CHOICE, S_BANK, S_CHAIN_LEN, S_CHAIN_SAFE) = range(15, 20)
N_SCALARS = 24
# search float scalars
SF_START_X = 0
N_FSCALARS = 2
# planner parameters (float64)
(P_HORIZON, P_REPS, P_REPLAN, P_BUDGET, P_VISITED_PEN, P_TIME, P_ELAPSED) = range(7)
(P_DAMAGE, P_DEATH, P_WIN, P_COINS_TOTAL, P_ENEMIES_TOTAL, P_FURTHEST_MARGIN) = range(7, 13)
P_REUSE, P_SAFETY_TICKS, P_MAX_NODES, P_MIN_NODES = 13, 14, 15, 16
N_PARAMS = 17

#: Child actions in the order of §17.1 (packed buttons) and whether each needs J.
ACTIONS = np.array([16, 24, 10, 26, 2, 18, 1, 17, 9, 25], dtype=np.int32)
NEEDS_JUMP = np.array([1, 1, 0, 1, 0, 1, 0, 1, 0, 1], dtype=np.int32)
#: The plan before the first search: 10 x (right + speed).
DEFAULT_ACTION = 10
MAX_CHILDREN = 10
#: Buttons of the safety rollouts: stand, back off, jump ahead, jump back.
SAFETY_ACTIONS = np.array([0, 9, 26, 25], dtype=np.int32)

_STATUS_RUNNING, _STATUS_WIN, _STATUS_LOSE = 0, 1, 2
_P = np.float64(0.89) ** 1001
_F10_909 = np.float32(10.9090909)
_F1000 = np.float32(1000.0)
_F100000 = np.float32(100000.0)
_F0_89 = np.float32(0.89)
_F1_2 = np.float32(1.2)
_F0_6 = np.float32(0.6)


@njit(cache=True)
def remaining_time(x, xa):
    """§17.3 calcRemainingTime: ticks left to reach x = 100000 at the closed-form run speed."""
    s0 = np.float64(xa)
    fwd = 99.17355373 * _P - 9.090909091 * s0 * _P + 10.90909091 * 1000 - 88.26446282
    fwd = np.float32(fwd + 9.090909091 * s0)
    a = np.float32(fwd + np.float32(x))
    b = np.float32(_F100000 - a)
    c = np.float32(b / _F10_909)
    return np.float64(np.float32(c - _F1000))


@njit(cache=True)
def child_estimate(x, xa, action, reps):
    """§17.3's estimate of a child: the parent's x and xa run ``reps`` ticks of ``action``."""
    dist = np.float32(0.0)
    v = np.float32(xa)
    acc = _F1_2 if action & 8 else _F0_6
    direction = np.float32(0.0)
    if action & 1:
        direction = np.float32(-1.0)
    if action & 2:
        direction = np.float32(1.0)
    for _ in range(reps):
        v = np.float32(v + np.float32(acc * direction))
        dist = np.float32(dist + v)
        v = np.float32(v * _F0_89)
    return remaining_time(np.float32(np.float32(x) + dist), v)


@njit(cache=True)
def _g(ni, nf, node):
    return nf[node, F_G] if ni[node, N_FLAGS] & FL_SIMULATED else nf[node, F_EST]


@njit(cache=True)
def _mode(s):
    return s[_M + M_LARGE] + s[_M + M_FIRE]


@njit(cache=True)
def _may_jump(s):
    return s[_M + M_MAY_JUMP] != 0 or s[_M + M_JUMP_TIME] > 0


@njit(cache=True)
def _expand(pool, ni, nf, hk, hc, hn, sc, params, node):
    """Append the children of simulated ``node`` in §17.1's order."""
    snap = pool[ni[node, N_SNAP]]
    fv = snap.view(np.float32)
    jump = _may_jump(snap)
    parent = ni[node, N_PARENT]
    if parent >= 0 and _may_jump(pool[ni[parent, N_SNAP]]):
        jump = True
    x, xa = fv[_M + K_X], fv[_M + K_XA]
    ni[node, N_CHILD], ni[node, N_NCHILD] = sc[S_NODES], 0
    for k in range(MAX_CHILDREN):
        if jump or not NEEDS_JUMP[k]:
            _add_child(ni, nf, hk, hc, hn, sc, params, node, ACTIONS[k], x, xa)


@njit(cache=True)
def _add_child(ni, nf, hk, hc, hn, sc, params, node, action, x, xa):
    """Append one child of ``node`` (parent's Mario at ``x``, ``xa``) and queue it."""
    reps = int(params[P_REPS])
    depth = ni[node, N_DEPTH] + 1
    child = sc[S_NODES]
    sc[S_NODES] += 1
    ni[node, N_NCHILD] = child + 1 - ni[node, N_CHILD]
    ni[child, N_PARENT], ni[child, N_ACTION], ni[child, N_DEPTH] = node, action, depth
    ni[child, N_SNAP], ni[child, N_FLAGS], ni[child, N_NCHILD] = -1, 0, 0
    est = params[P_TIME] * child_estimate(x, xa, action, reps) + nf[node, F_COST]
    nf[child, F_EST], nf[child, F_G] = est, est
    nf[child, F_X], nf[child, F_COST], nf[child, F_DMG] = x, nf[node, F_COST], nf[node, F_DMG]
    heap_push(hk, hc, hn, sc, est + params[P_ELAPSED] * depth * reps, child)
    return child


@njit(cache=True)
def _simulate(pool, lvl, ni, nf, sc, params, weights, root_stats, scratch, node, adopt):
    """Clone the parent's snapshot, advance it, and score the node (§17.3 simulatePos).

    With ``adopt >= 0`` the node's state is already known: it is copied from that pool row.
    """
    parent = ni[node, N_PARENT]
    row = sc[S_SNAPS]
    sc[S_SNAPS] += 1
    s = pool[row]
    if adopt >= 0:
        s[:] = pool[adopt]
    else:
        s[:] = pool[ni[parent, N_SNAP]]
        s[W_CLONED] = 1
        action = ni[node, N_ACTION]
        for _ in range(int(params[P_REPS])):
            step(s, lvl, action)
    ni[node, N_SNAP] = row
    flags = ni[node, N_FLAGS] | FL_SIMULATED
    weaken = 1.0 - 1e-4 * ni[node, N_DEPTH]
    damage = nf[parent, F_DMG]
    lost = _mode(pool[ni[parent, N_SNAP]]) - _mode(s)
    if lost > 0:
        damage += params[P_DAMAGE] * lost * weaken
        flags |= FL_HURT
    status = s[W_STATUS]
    fv = s.view(np.float32)
    fell = fv[_M + K_Y] > np.float32(16 * s[W_HEIGHT])  # below the bottom row: no way back
    if (status != _STATUS_RUNNING and status != _STATUS_WIN) or fell:
        damage += params[P_DEATH] * weaken
        flags |= FL_HURT | FL_DEAD
    if nf[parent, F_DMG] != 0.0:
        flags |= FL_HURT
    cost = damage + persona_cost(
        s, root_stats, weights, params[P_COINS_TOTAL], params[P_ENEMIES_TOTAL], scratch
    )
    if status == _STATUS_WIN:
        cost += params[P_WIN]
        flags |= FL_WIN
    if s[_M + K_ON_GROUND]:
        flags |= FL_GROUND
    nf[node, F_X], nf[node, F_DMG], nf[node, F_COST] = fv[_M + K_X], damage, cost
    ni[node, N_FLAGS] = flags
    return params[P_TIME] * remaining_time(fv[_M + K_X], fv[_M + K_XA]) + cost


@njit(cache=True)
def _is_visited(visited, sc, x, y, t):
    for i in range(sc[S_NVIS]):
        vx, vy, vt = visited[i, 0], visited[i, 1], visited[i, 2]
        if abs(vx - x) < 2 and abs(vy - y) < 2 and abs(vt - t) < 5 and t >= vt:
            return True
    return False


@njit(cache=True)
def start_search(model, pool, ni, nf, hk, hc, hn, sc, sf, params, root_stats, scratch):
    """Root a new tree at ``model`` (§17.4 startSearch)."""
    root = pool[0]
    root[:] = model
    root[W_CLONED] = 1
    settle_clone(root)
    fv = root.view(np.float32)
    sc[S_NODES], sc[S_SNAPS], sc[S_HEAP], sc[S_COUNTER], sc[S_NVIS] = 1, 1, 0, 0, 0
    sc[S_BEST], sc[S_BEST_ANY], sc[S_FURTHEST], sc[S_ROOT_MODE] = 0, 0, 0, _mode(root)
    sf[SF_START_X] = fv[_M + K_X]
    ni[0, N_PARENT], ni[0, N_ACTION], ni[0, N_DEPTH], ni[0, N_SNAP] = -1, 0, 0, 0
    ni[0, N_FLAGS] = FL_SIMULATED | (FL_GROUND if root[_M + K_ON_GROUND] else 0)
    g = params[P_TIME] * remaining_time(fv[_M + K_X], np.float32(0.0))
    nf[0, F_EST], nf[0, F_G], nf[0, F_X], nf[0, F_COST], nf[0, F_DMG] = g, g, fv[_M + K_X], 0, 0
    stat_vector(root, params[P_COINS_TOTAL], params[P_ENEMIES_TOTAL], root_stats)
    _expand(pool, ni, nf, hk, hc, hn, sc, params, 0)


@njit(cache=True)
def _room(pool, ni, hk, sc):
    return (
        sc[S_SNAPS] < pool.shape[0] - 2
        and sc[S_NODES] + MAX_CHILDREN <= ni.shape[0]
        and sc[S_HEAP] + MAX_CHILDREN + 1 <= hk.shape[0]
    )


@njit(cache=True)
def _accept(pool, ni, nf, hk, hc, hn, visited, sc, sf, params, node):
    """Close an accepted node: remember its state, expand it, update best and furthest.

    A node on the ground past the horizon is a goal: it is not expanded, so extra search
    goes into alternatives within the horizon rather than ever longer plans."""
    s = pool[ni[node, N_SNAP]]
    fv = s.view(np.float32)
    t = ni[node, N_DEPTH] * int(params[P_REPS])
    i = sc[S_NVIS]
    visited[i, 0], visited[i, 1], visited[i, 2] = int(fv[_M + K_X]), int(fv[_M + K_Y]), t
    sc[S_NVIS] += 1
    ni[node, N_FLAGS] |= FL_CLOSED
    flags = ni[node, N_FLAGS]
    goal = flags & FL_GROUND and nf[node, F_X] - sf[SF_START_X] >= params[P_HORIZON]
    if s[W_STATUS] == _STATUS_RUNNING and not flags & FL_DEAD and not goal:
        _expand(pool, ni, nf, hk, hc, hn, sc, params, node)
    _consider(ni, nf, sc, node)


@njit(cache=True)
def _consider(ni, nf, sc, node):
    """Update best (grounded or won), best of all, and furthest unhurt grounded with ``node``."""
    flags = ni[node, N_FLAGS]
    if flags & (FL_GROUND | FL_WIN) and _g(ni, nf, sc[S_BEST]) > nf[node, F_G]:
        sc[S_BEST] = node
    if _g(ni, nf, sc[S_BEST_ANY]) > nf[node, F_G]:
        sc[S_BEST_ANY] = node
    safe = flags & (FL_HURT | FL_GROUND) == FL_GROUND
    if nf[node, F_X] > nf[sc[S_FURTHEST], F_X] and safe:
        sc[S_FURTHEST] = node


@njit(cache=True)
def _survives(pool, lvl, ni, params, node):
    """Whether some safety rollout from ``node`` lives ``safety_ticks`` ticks unhurt; and the
    ticks it simulated. Catches ends of plans that look fine at the horizon but are doomed."""
    work = pool[pool.shape[0] - 2]
    snap = pool[ni[node, N_SNAP]]
    mode, steps = _mode(snap), 0
    for a in range(SAFETY_ACTIONS.shape[0]):
        work[:] = snap
        work[W_CLONED] = 1
        alive = True
        for _ in range(int(params[P_SAFETY_TICKS])):
            step(work, lvl, SAFETY_ACTIONS[a])
            steps += 1
            status = work[W_STATUS]
            if status == _STATUS_WIN:
                return True, steps
            if status != _STATUS_RUNNING or _mode(work) < mode:
                alive = False
                break
        if alive:
            return True, steps
    return False, steps


@njit(cache=True)
def _doom(ni, nf, sc, params, node):
    """Charge ``node`` (and so its future descendants) with a death, then re-pick best."""
    add = params[P_DEATH] * (1.0 - 1e-4 * ni[node, N_DEPTH])
    nf[node, F_DMG] += add
    nf[node, F_COST] += add
    nf[node, F_G] += add
    nf[node, F_EST] += add
    ni[node, N_FLAGS] |= FL_HURT
    sc[S_BEST], sc[S_BEST_ANY], sc[S_FURTHEST] = 0, 0, 0
    for n in range(1, sc[S_NODES]):
        if ni[n, N_FLAGS] & FL_CLOSED:
            _consider(ni, nf, sc, n)


@njit(cache=True)
def _checked_safe(pool, lvl, ni, nf, sc, params, node):
    """Run the safety check on ``node`` once; dooms it if it fails. Returns (safe, sims)."""
    flags = ni[node, N_FLAGS]
    if flags & (FL_SAFE | FL_WIN) or node == 0 or params[P_SAFETY_TICKS] <= 0:
        return True, 0
    ok, steps = _survives(pool, lvl, ni, params, node)
    sims = max(1, steps // int(params[P_REPS]))
    if ok:
        ni[node, N_FLAGS] |= FL_SAFE
    else:
        _doom(ni, nf, sc, params, node)
    return ok, sims


@njit(cache=True)
def _done(ni, nf, best, start_x, horizon):
    """Whether the best plan ends in a win, or on the ground past the horizon."""
    flags = ni[best, N_FLAGS]
    if flags & FL_WIN:
        return True
    return nf[best, F_X] - start_x >= horizon and flags & FL_GROUND != 0


@njit(cache=True)
def search(
    pool, lvl, ni, nf, hk, hc, hn, visited, sc, sf, params, weights, root_stats, scratch, budget
):
    """One call's search (§17.4) with a budget of ``budget`` simulations."""
    sims, picks, good = 0, 0, False
    start_x, horizon = sf[SF_START_X], params[P_HORIZON]
    current = sc[S_BEST]
    while sc[S_HEAP] > 0 and sims < budget and picks < 4 * budget + 16:
        best = sc[S_BEST]
        explored = sc[S_SNAPS] > params[P_MIN_NODES]
        if good and explored and _done(ni, nf, best, start_x, horizon):
            ok, used = _checked_safe(pool, lvl, ni, nf, sc, params, best)
            sims += used
            if ok:
                break
            continue
        if not _room(pool, ni, hk, sc):
            sc[S_OVERFLOW] += 1
            break
        current = heap_pop(hk, hc, hn, sc)
        good = False
        picks += 1
        if ni[current, N_FLAGS] & FL_CLOSED:
            continue
        if not ni[current, N_FLAGS] & FL_SIMULATED:
            g = _simulate(pool, lvl, ni, nf, sc, params, weights, root_stats, scratch, current, -1)
            nf[current, F_G] = g
            sims += 1
        t = ni[current, N_DEPTH] * int(params[P_REPS])
        elapsed = params[P_ELAPSED] * t
        fv = pool[ni[current, N_SNAP]].view(np.float32)
        if not ni[current, N_FLAGS] & FL_VISITED and _is_visited(
            visited, sc, int(fv[_M + K_X]), int(fv[_M + K_Y]), t
        ):
            ni[current, N_FLAGS] |= FL_VISITED
            nf[current, F_G] += params[P_VISITED_PEN]
            nf[current, F_EST] = nf[current, F_G]
            heap_push(hk, hc, hn, sc, nf[current, F_G] + elapsed, current)
        elif nf[current, F_G] - nf[current, F_EST] > 0.1:
            nf[current, F_EST] = nf[current, F_G]
            heap_push(hk, hc, hn, sc, nf[current, F_G] + elapsed, current)
        else:
            good = True
            _accept(pool, ni, nf, hk, hc, hn, visited, sc, sf, params, current)
    _choose(ni, nf, sc, params, current, start_x)
    for _ in range(3):
        ok, used = _checked_safe(pool, lvl, ni, nf, sc, params, sc[S_CHOICE])
        sims += used
        if ok:
            break
        _choose(ni, nf, sc, params, current, start_x)
    return sims


@njit(cache=True)
def _choose(ni, nf, sc, params, current, start_x):
    """The node whose path becomes the plan: the best grounded one, else the best of all;
    replaced by the furthest grounded one when the search fell short of the horizon."""
    choice, furthest = sc[S_BEST], sc[S_FURTHEST]
    if choice == 0 and not ni[0, N_FLAGS] & FL_GROUND:
        choice = sc[S_BEST_ANY]
    if (
        nf[current, F_X] - start_x < params[P_HORIZON]
        and nf[furthest, F_X] > nf[choice, F_X] + params[P_FURTHEST_MARGIN]
        and nf[furthest, F_COST] <= nf[choice, F_COST]
    ):
        choice = furthest
    sc[S_CHOICE] = choice


@njit(cache=True)
def extract_plan(ni, sc, params, plan, chain):
    """Write the chosen node's action path into ``plan`` (each action ``reps`` times) and
    the pool rows of its nodes into ``chain`` (``chain[d]``: the node at depth d)."""
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
    node, i = best, n
    while node > 0:
        chain[ni[node, N_DEPTH]] = ni[node, N_SNAP]
        for _ in range(reps):
            i -= 1
            plan[i] = ni[node, N_ACTION]
        node = ni[node, N_PARENT]
    sc[S_PLAN_LEN], sc[S_PLAN_POS] = n, 0


@njit(cache=True)
def _same_mario(a, b):
    """Whether Mario's record and the tick agree in two states (a cheap identity check)."""
    if a[W_TICK] != b[W_TICK]:
        return False
    i = _M
    while i < _M + MARIO_STRIDE and a[i] == b[i]:
        i += 1
    return i == _M + MARIO_STRIDE


@njit(cache=True)
def _seed(
    pool,
    lvl,
    ni,
    nf,
    hk,
    hc,
    hn,
    visited,
    sc,
    sf,
    params,
    weights,
    root_stats,
    scratch,
    plan,
    chain,
    start,
    budget,
):
    """Rebuild the rest of the previous plan as an accepted chain from the new root.

    The world is deterministic, so the old plan is still a valid path, and when the new root
    is one of its nodes its states are still in the pool: they are adopted (copied forward,
    rows only ever move down) instead of simulated. Starting from it, the search only has to
    extend the plan by the ticks just executed (unless something better shows).
    """
    reps = int(params[P_REPS])
    node, i, sims = 0, start, 0
    aligned = start % reps == 0 and sc[S_CHAIN_LEN] > 0
    if aligned and start > 0:
        aligned = _same_mario(pool[0], pool[chain[start // reps]])
    while i < sc[S_PLAN_LEN] and sims < budget and _room(pool, ni, hk, sc):
        child = -1
        for c in range(ni[node, N_CHILD], ni[node, N_CHILD] + ni[node, N_NCHILD]):
            if ni[c, N_ACTION] == plan[i]:
                child = c
        if child < 0:
            fv = pool[ni[node, N_SNAP]].view(np.float32)
            x, xa = fv[_M + K_X], fv[_M + K_XA]
            child = _add_child(ni, nf, hk, hc, hn, sc, params, node, plan[i], x, xa)
        old_depth = i // reps + 1
        adopt = chain[old_depth] if aligned else -1
        g = _simulate(pool, lvl, ni, nf, sc, params, weights, root_stats, scratch, child, adopt)
        nf[child, F_G], nf[child, F_EST] = g, g
        sims += 0 if aligned else 1
        if aligned and old_depth == sc[S_CHAIN_LEN] and sc[S_CHAIN_SAFE]:
            ni[child, N_FLAGS] |= FL_SAFE
        _accept(pool, ni, nf, hk, hc, hn, visited, sc, sf, params, child)
        if pool[ni[child, N_SNAP]][W_STATUS] != _STATUS_RUNNING:
            break
        node, i = child, i + reps
    return sims


@njit(cache=True)
def decide(
    s,
    lvl,
    pool,
    ni,
    nf,
    hk,
    hc,
    hn,
    visited,
    sc,
    sf,
    params,
    weights,
    root_stats,
    scratch,
    plan,
    chain,
):
    """One agent call (§17.5): maybe replan and re-root, search, return the next action.

    ``s`` is the running game's state; it is read, never changed (the plan's first ticks are
    predicted on the pool's last row).
    """
    sc[S_BANK] = min(sc[S_BANK] + int(params[P_BUDGET]), int(params[P_MAX_NODES]))
    budget, sims = sc[S_BANK], 0
    if sc[S_CHOICE] == 0:
        budget = int(params[P_MAX_NODES])  # stuck: the last search found no plan at all
    sc[S_TICKS_BEFORE] -= 1
    if sc[S_TICKS_BEFORE] <= 0 or sc[S_PLAN_POS] >= sc[S_PLAN_LEN]:
        extract_plan(ni, sc, params, plan, chain)
        k = min(int(params[P_REPLAN]), sc[S_PLAN_LEN])
        model = pool[pool.shape[0] - 1]
        model[:] = s
        model[W_CLONED] = 1
        for i in range(k):
            step(model, lvl, plan[i])
        predicted = model[W_STATUS] != _STATUS_LOSE
        if not predicted:
            model = s
        start_search(model, pool, ni, nf, hk, hc, hn, sc, sf, params, root_stats, scratch)
        sc[S_TICKS_BEFORE] = k
        if predicted and params[P_REUSE] != 0:
            sims = _seed(
                pool,
                lvl,
                ni,
                nf,
                hk,
                hc,
                hn,
                visited,
                sc,
                sf,
                params,
                weights,
                root_stats,
                scratch,
                plan,
                chain,
                k,
                budget,
            )
    sims += search(
        pool,
        lvl,
        ni,
        nf,
        hk,
        hc,
        hn,
        visited,
        sc,
        sf,
        params,
        weights,
        root_stats,
        scratch,
        budget - sims,
    )
    sc[S_BANK] -= min(sims, sc[S_BANK])
    sc[S_SIMS] += sims
    sc[S_DECISIONS] += 1
    sc[S_MAX_SIMS] = max(sc[S_MAX_SIMS], sims)
    if sc[S_PLAN_POS] < sc[S_PLAN_LEN]:
        sc[S_PLAN_POS] += 1
        return plan[sc[S_PLAN_POS] - 1]
    return 0
