"""The A* search of ENGINE_SPEC §17, compiled with numba over the engine's flat state.

Everything lives in preallocated arrays, so a decision allocates nothing. They travel as
two tuples, the tree ``T`` and the context ``C`` (:mod:`.tree` gives their layout):

- ``pool``: one engine state per simulated node (row 0 is the search root; the last two
  rows are work rows: the safety rollouts' and the re-rooting model's);
- ``ni`` / ``nf``: integer and float fields of every node (``N_*`` / ``F_*``), open
  (generated, not simulated yet) or closed;
- a binary heap of (f, insertion counter, node): the first-inserted of the cheapest nodes
  is picked, exactly the order of §17.3's linear scan over the pool list;
- the visited set of §17.3 (:mod:`.visited`).

Deviations from §17, each to play better or faster, or to be reproducible:

- the budget counts node simulations, never wall-clock time (see :mod:`.plan` for how a
  decision's budget is set);
- a node's snapshot is kept when it is re-queued, so picking it again costs no simulation;
- damage and death are counted against the root, so descendants of a hurt node keep the
  penalty; win is rewarded by the persona's ``win`` weight, and a win ends the search;
- the search ends when the best plan ends **on the ground** past the horizon and survives
  the safety rollouts (:mod:`.safety`); nodes there are not expanded further;
- a persona may weigh missed targets (:mod:`.targets`), and a stuck planner rewards height
  (``P_CLIMB``), both against the root;
- the furthest node replaces the best one at the end only if it is unhurt and not worse in
  the persona's own terms (for the runner this is §17's rule).
"""

from __future__ import annotations

import numpy as np

from mariogen.agents.astar.costs import persona_cost
from mariogen.agents.astar.heap import S_COUNTER, S_HEAP, heap_pop, heap_push
from mariogen.agents.astar.safety import checked_safe, doom, survives
from mariogen.agents.astar.targets import missed_coins, missed_enemies, target_window
from mariogen.agents.astar.tree import (
    C_PARAMS,
    C_ROOT_STATS,
    C_SC,
    C_SCRATCH,
    C_SF,
    C_WEIGHTS,
    F_COST,
    F_DMG,
    F_EST,
    F_G,
    F_PATH,
    F_X,
    FL_CLOSED,
    FL_DEAD,
    FL_DOOMED,
    FL_GROUND,
    FL_HURT,
    FL_SAFE,
    FL_SIMULATED,
    FL_VISITED,
    FL_WIN,
    N_ACTION,
    N_CHILD,
    N_DEPTH,
    N_FLAGS,
    N_NCHILD,
    N_PARENT,
    N_SNAP,
    P_CLIMB,
    P_COINS_TOTAL,
    P_DAMAGE,
    P_DEATH,
    P_ELAPSED,
    P_ENEMIES_TOTAL,
    P_FURTHEST_MARGIN,
    P_HEIGHT,
    P_HORIZON,
    P_MIN_NODES,
    P_MISSED_COINS,
    P_MISSED_ENEMIES,
    P_REPS,
    P_RUN,
    P_SAFETY_TICKS,
    P_SPEED_COST,
    P_TIME,
    P_VISITED_PEN,
    P_WIN,
    S_BEST,
    S_BEST_ANY,
    S_CHOICE,
    S_FURTHEST,
    S_NFREE,
    S_NODES,
    S_OVERFLOW,
    S_ROOT_MODE,
    S_SAFETY_STEPS,
    S_SNAPS,
    S_STUCK,
    S_T_HI,
    S_T_LO,
    SF_ROOT_POTENTIAL,
    SF_START_X,
    SF_START_Y,
    T_FREE,
    T_GIVEN_UP,
    T_HC,
    T_HK,
    T_HN,
    T_NF,
    T_NI,
    T_POOL,
    T_TARGETS,
    T_VCHAIN,
    T_VENT,
    T_VHEADS,
    T_VSTAMPS,
    consider,
    copy_state,
    mode_of,
    node_g,
)
from mariogen.agents.astar.visited import visited_add, visited_clear, visited_has
from mariogen.engine.layout import (
    K_ON_GROUND,
    K_X,
    K_XA,
    K_Y,
    M_JUMP_TIME,
    M_MAY_JUMP,
    W_CLONED,
    W_HEIGHT,
    W_STATUS,
    Status,
)
from mariogen.engine.layout import MARIO as _M
from mariogen.engine.stats import fill_stats
from mariogen.engine.world import settle_clone, step
from mariogen.jit import njit

#: Child actions in the order of §17.1 (packed buttons) and whether each needs J.
ACTIONS = np.array([16, 24, 10, 26, 2, 18, 1, 17, 9, 25], dtype=np.int32)
NEEDS_JUMP = np.array([1, 1, 0, 1, 0, 1, 0, 1, 0, 1], dtype=np.int32)
MAX_CHILDREN = 10

_RUNNING, _WIN = int(Status.RUNNING), int(Status.WIN)
_P = np.float64(0.89) ** 1001
_F10_909 = np.float32(10.9090909)
_F1000 = np.float32(1000.0)
_F100000 = np.float32(100000.0)
_F0_89 = np.float32(0.89)
_F1_2 = np.float32(1.2)
_F0_6 = np.float32(0.6)


@njit
def remaining_time(x, xa):
    """§17.3 calcRemainingTime: ticks left to reach x = 100000 at the closed-form run speed."""
    s0 = np.float64(xa)
    fwd = 99.17355373 * _P - 9.090909091 * s0 * _P + 10.90909091 * 1000 - 88.26446282
    fwd = np.float32(fwd + 9.090909091 * s0)
    a = np.float32(fwd + np.float32(x))
    b = np.float32(_F100000 - a)
    c = np.float32(b / _F10_909)
    return np.float64(np.float32(c - _F1000))


@njit
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


@njit
def _may_jump(s):
    return s[_M + M_MAY_JUMP] != 0 or s[_M + M_JUMP_TIME] > 0


@njit
def potential(T, C, lvl, s):
    """The persona's target potential plus the climb term of state ``s`` (not yet rooted)."""
    sc, sf, params = C[C_SC], C[C_SF], C[C_PARAMS]
    out = 0.0
    if params[P_MISSED_COINS] != 0.0:
        n = missed_coins(s, T[T_TARGETS], T[T_GIVEN_UP], sc[S_T_LO], sc[S_T_HI])
        out += params[P_MISSED_COINS] * n
    if params[P_MISSED_ENEMIES] != 0.0:
        first = T[T_TARGETS].shape[0]
        n = missed_enemies(s, lvl, T[T_GIVEN_UP], first, sf[SF_START_X])
        out += params[P_MISSED_ENEMIES] * n
    rise = sf[SF_START_Y] - s.view(np.float32)[_M + K_Y]
    out -= params[P_CLIMB] * rise
    if params[P_HEIGHT] != 0.0 and s[_M + K_ON_GROUND]:
        # the persona's taste for high or low routes counts where Mario stands, not mid-jump
        out += params[P_HEIGHT] * rise
    return out


@njit
def expand(T, C, node):
    """Append the children of simulated ``node`` in §17.1's order."""
    pool, ni = T[T_POOL], T[T_NI]
    snap = pool[ni[node, N_SNAP]]
    fv = snap.view(np.float32)
    jump = _may_jump(snap)
    parent = ni[node, N_PARENT]
    if parent >= 0 and _may_jump(pool[ni[parent, N_SNAP]]):
        jump = True
    x, xa = fv[_M + K_X], fv[_M + K_XA]
    ni[node, N_CHILD], ni[node, N_NCHILD] = C[C_SC][S_NODES], 0
    run = C[C_PARAMS][P_RUN] != 0 or C[C_SC][S_STUCK] != 0
    for k in range(MAX_CHILDREN):
        if (jump or not NEEDS_JUMP[k]) and (run or not ACTIONS[k] & 8):
            add_child(T, C, node, ACTIONS[k], x, xa)


@njit
def add_child(T, C, node, action, x, xa):
    """Append one child of ``node`` (parent's Mario at ``x``, ``xa``) and queue it."""
    ni, nf, sc, params = T[T_NI], T[T_NF], C[C_SC], C[C_PARAMS]
    reps = int(params[P_REPS])
    depth = ni[node, N_DEPTH] + 1
    child = sc[S_NODES]
    sc[S_NODES] += 1
    ni[node, N_NCHILD] = child + 1 - ni[node, N_CHILD]
    ni[child, N_PARENT], ni[child, N_ACTION], ni[child, N_DEPTH] = node, action, depth
    ni[child, N_SNAP], ni[child, N_FLAGS], ni[child, N_NCHILD] = -1, 0, 0
    path = nf[node, F_PATH]
    if action & 8:
        path += params[P_SPEED_COST] * reps
    cost = nf[node, F_COST] + path - nf[node, F_PATH]
    est = params[P_TIME] * child_estimate(x, xa, action, reps) + cost
    nf[child, F_EST], nf[child, F_G], nf[child, F_PATH] = est, est, path
    nf[child, F_X], nf[child, F_COST], nf[child, F_DMG] = x, cost, nf[node, F_DMG]
    queue(T, C, child)
    return child


@njit
def queue(T, C, node):
    """Queue ``node`` by its f: g + ``elapsed`` x its ticks since the root."""
    ni, params = T[T_NI], C[C_PARAMS]
    elapsed = params[P_ELAPSED] * ni[node, N_DEPTH] * params[P_REPS]
    heap_push(T[T_HK], T[T_HC], T[T_HN], C[C_SC], node_g(ni, T[T_NF], node) + elapsed, node)


@njit
def alloc_row(T, C):
    """A free pool row for a node's snapshot (rows are handed out lowest first)."""
    sc = C[C_SC]
    sc[S_NFREE] -= 1
    sc[S_SNAPS] += 1
    return T[T_FREE][sc[S_NFREE]]


@njit
def simulate(T, C, lvl, node, adopt):
    """Clone the parent's snapshot, advance it, and score the node (§17.3 simulatePos).

    With ``adopt >= 0`` the node's state is already known: it is copied from that pool row.
    Returns the node's g.
    """
    pool, ni = T[T_POOL], T[T_NI]
    row = alloc_row(T, C)
    s = pool[row]
    if adopt >= 0:
        copy_state(s, pool[adopt])
    else:
        copy_state(s, pool[ni[ni[node, N_PARENT], N_SNAP]])
        s[W_CLONED] = 1
        action = ni[node, N_ACTION]
        for _ in range(int(C[C_PARAMS][P_REPS])):
            step(s, lvl, action)
    ni[node, N_SNAP] = row
    ni[node, N_FLAGS] |= FL_SIMULATED
    return score(T, C, lvl, node)


@njit
def score(T, C, lvl, node):
    """Flags, damage and cost of simulated ``node`` from its snapshot and its parent's
    fields, all counted against the root; returns its g (without a visited penalty)."""
    pool, ni, nf = T[T_POOL], T[T_NI], T[T_NF]
    sf, params = C[C_SF], C[C_PARAMS]
    parent = ni[node, N_PARENT]
    s = pool[ni[node, N_SNAP]]
    keep = FL_SIMULATED | FL_VISITED | FL_CLOSED | FL_SAFE | FL_DOOMED
    flags = ni[node, N_FLAGS] & keep
    weaken = 1.0 - 1e-4 * ni[node, N_DEPTH]
    damage = nf[parent, F_DMG]
    lost = mode_of(pool[ni[parent, N_SNAP]]) - mode_of(s)
    if lost > 0:
        damage += params[P_DAMAGE] * lost * weaken
        flags |= FL_HURT
    status = s[W_STATUS]
    fv = s.view(np.float32)
    fell = fv[_M + K_Y] > np.float32(16 * s[W_HEIGHT])  # below the bottom row: no way back
    if (status != _RUNNING and status != _WIN) or fell:
        damage += params[P_DEATH] * weaken
        flags |= FL_HURT | FL_DEAD
    if flags & FL_DOOMED:
        damage += params[P_DEATH] * weaken
        flags |= FL_HURT
    if nf[parent, F_DMG] != 0.0:
        flags |= FL_HURT
    cost = damage + persona_cost(
        s,
        C[C_ROOT_STATS],
        C[C_WEIGHTS],
        params[P_COINS_TOTAL],
        params[P_ENEMIES_TOTAL],
        C[C_SCRATCH],
    )
    cost += potential(T, C, lvl, s) - sf[SF_ROOT_POTENTIAL] + nf[node, F_PATH]
    if status == _WIN:
        cost += params[P_WIN]
        flags |= FL_WIN
    if s[_M + K_ON_GROUND]:
        flags |= FL_GROUND
    run = params[P_TIME] * remaining_time(fv[_M + K_X], fv[_M + K_XA])
    nf[node, F_X], nf[node, F_DMG], nf[node, F_COST] = fv[_M + K_X], damage, cost
    ni[node, N_FLAGS] = flags
    return run + cost


@njit
def free_all_rows(T, C):
    """Hand every pool row but the two work rows back (lowest first)."""
    free, sc = T[T_FREE], C[C_SC]
    n = T[T_POOL].shape[0] - 2
    for i in range(n):
        free[i] = n - 1 - i
    sc[S_NFREE], sc[S_SNAPS] = n, 0


@njit
def root_fields(T, C, lvl):
    """Set the search's root scalars (x, y, statistics, targets) from node 0's state."""
    pool, ni, nf = T[T_POOL], T[T_NI], T[T_NF]
    sc, sf, params = C[C_SC], C[C_SF], C[C_PARAMS]
    root = pool[ni[0, N_SNAP]]
    fv = root.view(np.float32)
    sc[S_ROOT_MODE] = mode_of(root)
    sf[SF_START_X], sf[SF_START_Y] = fv[_M + K_X], fv[_M + K_Y]
    sc[S_T_LO], sc[S_T_HI] = target_window(T[T_TARGETS], fv[_M + K_X], params[P_HORIZON])
    sf[SF_ROOT_POTENTIAL] = 0.0
    sf[SF_ROOT_POTENTIAL] = potential(T, C, lvl, root)
    fill_stats(root, params[P_COINS_TOTAL], params[P_ENEMIES_TOTAL], C[C_ROOT_STATS])
    ni[0, N_PARENT], ni[0, N_ACTION], ni[0, N_DEPTH] = -1, 0, 0
    ni[0, N_FLAGS] = FL_SIMULATED | (FL_GROUND if root[_M + K_ON_GROUND] else 0)
    g = params[P_TIME] * remaining_time(fv[_M + K_X], np.float32(0.0))
    nf[0, F_EST], nf[0, F_G], nf[0, F_X], nf[0, F_COST], nf[0, F_DMG] = g, g, fv[_M + K_X], 0, 0
    nf[0, F_PATH] = 0.0


@njit
def start_search(T, C, lvl, model):
    """Root a new tree at ``model`` (§17.4 startSearch)."""
    pool, ni, sc = T[T_POOL], T[T_NI], C[C_SC]
    free_all_rows(T, C)
    row = alloc_row(T, C)
    root = pool[row]
    copy_state(root, model)
    root[W_CLONED] = 1
    settle_clone(root)
    sc[S_NODES], sc[S_HEAP], sc[S_COUNTER] = 1, 0, 0
    visited_clear(sc)
    sc[S_BEST], sc[S_BEST_ANY], sc[S_FURTHEST] = 0, 0, 0
    ni[0, N_SNAP] = row
    root_fields(T, C, lvl)
    expand(T, C, 0)


@njit
def has_room(T, C):
    """Whether the pool, node arrays and heap can take one more expansion."""
    sc = C[C_SC]
    return (
        sc[S_NFREE] > 0
        and sc[S_NODES] + MAX_CHILDREN <= T[T_NI].shape[0]
        and sc[S_HEAP] + MAX_CHILDREN + 1 <= T[T_HK].shape[0]
    )


@njit
def accept(T, C, node):
    """Close an accepted node: remember its state, expand it, update best and furthest.

    A node on the ground past the horizon is a goal: it is not expanded, so extra search
    goes into alternatives within the horizon rather than ever longer plans."""
    pool, ni, nf = T[T_POOL], T[T_NI], T[T_NF]
    sc, sf, params = C[C_SC], C[C_SF], C[C_PARAMS]
    s = pool[ni[node, N_SNAP]]
    fv = s.view(np.float32)
    t = ni[node, N_DEPTH] * int(params[P_REPS])
    vent, vchain, vheads, vstamps = T[T_VENT], T[T_VCHAIN], T[T_VHEADS], T[T_VSTAMPS]
    visited_add(vent, vchain, vheads, vstamps, sc, int(fv[_M + K_X]), int(fv[_M + K_Y]), t)
    ni[node, N_FLAGS] |= FL_CLOSED
    flags = ni[node, N_FLAGS]
    goal = flags & FL_GROUND and nf[node, F_X] - sf[SF_START_X] >= params[P_HORIZON]
    if s[W_STATUS] == _RUNNING and not flags & FL_DEAD and not goal:
        expand(T, C, node)
    consider(ni, nf, sc, node)


@njit
def _done(ni, nf, best, start_x, horizon):
    """Whether the best plan ends in a win, or on the ground past the horizon."""
    flags = ni[best, N_FLAGS]
    if flags & FL_WIN:
        return True
    return nf[best, F_X] - start_x >= horizon and flags & FL_GROUND != 0


@njit
def _requeue(T, C, node):
    T[T_NF][node, F_EST] = T[T_NF][node, F_G]
    queue(T, C, node)


@njit
def search(T, C, lvl, budget):
    """One call's search (§17.4) with a budget of ``budget`` simulations."""
    pool, ni, nf = T[T_POOL], T[T_NI], T[T_NF]
    sc, sf, params = C[C_SC], C[C_SF], C[C_PARAMS]
    vent, vchain, vheads, vstamps = T[T_VENT], T[T_VCHAIN], T[T_VHEADS], T[T_VSTAMPS]
    sims, picks, good = 0, 0, False
    start_x, horizon = sf[SF_START_X], params[P_HORIZON]
    current = max(sc[S_BEST], 0)
    while sc[S_HEAP] > 0 and sims < budget and picks < 4 * budget + 16:
        best = sc[S_BEST]
        explored = sc[S_SNAPS] > params[P_MIN_NODES]
        if good and explored and best >= 0 and _done(ni, nf, best, start_x, horizon):
            ok, used = checked_safe(T, C, lvl, best)
            sims += used
            if ok:
                break
            continue
        if not has_room(T, C):
            sc[S_OVERFLOW] += 1
            break
        current = heap_pop(T[T_HK], T[T_HC], T[T_HN], sc)
        good = False
        picks += 1
        if ni[current, N_FLAGS] & FL_CLOSED:
            continue
        if not ni[current, N_FLAGS] & FL_SIMULATED:
            nf[current, F_G] = simulate(T, C, lvl, current, -1)
            sims += 1
        t = ni[current, N_DEPTH] * int(params[P_REPS])
        fv = pool[ni[current, N_SNAP]].view(np.float32)
        x, y = int(fv[_M + K_X]), int(fv[_M + K_Y])
        if not ni[current, N_FLAGS] & FL_VISITED and visited_has(
            vent, vchain, vheads, vstamps, sc, x, y, t
        ):
            ni[current, N_FLAGS] |= FL_VISITED
            nf[current, F_G] += params[P_VISITED_PEN]
            _requeue(T, C, current)
        elif nf[current, F_G] - nf[current, F_EST] > 0.1:
            _requeue(T, C, current)
        else:
            good = True
            accept(T, C, current)
    choose(ni, nf, sc, params, current, start_x)
    for _ in range(4):
        if sc[S_CHOICE] == 0:
            ok, used = _root_stands(T, C, lvl)
        else:
            ok, used = checked_safe(T, C, lvl, sc[S_CHOICE])
        sims += used
        if ok:
            break
        choose(ni, nf, sc, params, current, start_x)
    return sims


@njit
def _root_stands(T, C, lvl):
    """Whether standing still at the root is safe (an empty plan means standing still);
    if not, the root is doomed so that the best escape is chosen instead. Returns
    (safe, sims)."""
    ni, sc, params = T[T_NI], C[C_SC], C[C_PARAMS]
    if ni[0, N_FLAGS] & FL_SAFE or params[P_SAFETY_TICKS] <= 0 or sc[S_NODES] <= 1:
        return True, 0
    ok, steps = survives(T, C, lvl, 0, 1)
    sc[S_SAFETY_STEPS] += steps
    if ok:
        ni[0, N_FLAGS] |= FL_SAFE
    else:
        doom(ni, T[T_NF], sc, params, 0)
    return ok, max(1, steps // int(params[P_REPS]))


@njit
def choose(ni, nf, sc, params, current, start_x):
    """The node whose path becomes the plan: the best grounded one, else the best of all
    (the root is an empty plan: stand still); replaced by the furthest grounded one when
    the search fell short of the horizon."""
    choice, furthest = sc[S_BEST], sc[S_FURTHEST]
    if choice < 0 or (choice == 0 and not ni[0, N_FLAGS] & FL_GROUND):
        choice = max(sc[S_BEST_ANY], 0)
    if (
        furthest >= 0
        and nf[current, F_X] - start_x < params[P_HORIZON]
        and nf[furthest, F_X] > nf[choice, F_X] + params[P_FURTHEST_MARGIN]
        and nf[furthest, F_COST] <= nf[choice, F_COST]
    ):
        choice = furthest
    sc[S_CHOICE] = choice
