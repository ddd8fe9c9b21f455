"""Tree reuse: re-root the search tree at a node of the previous tree, keeping its subtree.

The world is deterministic, so when the state the agent re-roots at (the plan's first
ticks, executed) is a node of the previous tree, every descendant of that node is still a
valid plan from the new root, with its simulated state. Keeping them carries the search's
work over from one decision to the next: in a hard spot the tree grows over several
decisions instead of starting from scratch every other tick.

Re-rooting compacts the kept nodes to the front of the node arrays (in their old order, so
parents still come before children and siblings stay contiguous), hands the other pool rows
back, re-scores every kept node against the new root (its statistics, damage, targets and
depth), and rebuilds the heap, the visited set and best / furthest. Nodes that were goals
(on the ground past the old horizon, so never expanded) but are not past the new horizon
are expanded.
"""

from __future__ import annotations

import numpy as np

from mariogen.agents.astar.heap import S_COUNTER, S_HEAP
from mariogen.agents.astar.search import (
    child_estimate,
    expand,
    queue,
    root_fields,
    score,
)
from mariogen.agents.astar.tree import (
    C_PARAMS,
    C_SC,
    C_SF,
    F_COST,
    F_DMG,
    F_EST,
    F_G,
    F_PATH,
    F_X,
    FL_CLOSED,
    FL_DEAD,
    FL_GROUND,
    FL_SIMULATED,
    FL_VISITED,
    N_ACTION,
    N_CHILD,
    N_DEPTH,
    N_FLAGS,
    N_NCHILD,
    N_PARENT,
    N_SNAP,
    NF_FIELDS,
    NI_FIELDS,
    P_HORIZON,
    P_REPS,
    P_TIME,
    P_VISITED_PEN,
    S_BEST,
    S_BEST_ANY,
    S_FURTHEST,
    S_NFREE,
    S_NODES,
    S_SNAPS,
    SF_START_X,
    T_FREE,
    T_MAP,
    T_NF,
    T_NI,
    T_POOL,
    T_VCHAIN,
    T_VENT,
    T_VHEADS,
    T_VSTAMPS,
    consider,
)
from mariogen.agents.astar.visited import visited_add, visited_clear
from mariogen.engine.layout import K_X, K_XA, K_Y, W_STATUS
from mariogen.engine.layout import MARIO as _M
from mariogen.jit import njit

_STATUS_RUNNING = 0


@njit
def _mark(T, C, r):
    """Number the descendants of ``r`` (``T_MAP``: new index, -1 for dropped nodes); returns
    how many nodes and how many simulated nodes are kept."""
    ni, new = T[T_NI], T[T_MAP]
    n_old = C[C_SC][S_NODES]
    for n in range(n_old):
        new[n] = -1
    new[r] = 0
    kept, rows = 1, 1
    for n in range(r + 1, n_old):
        parent = ni[n, N_PARENT]
        if parent >= 0 and new[parent] >= 0:
            new[n] = kept
            kept += 1
            if ni[n, N_FLAGS] & FL_SIMULATED:
                rows += 1
    return kept, rows


@njit
def _compact(T, C, r, kept):
    """Move the kept nodes to the front; their depth now counts from ``r``."""
    ni, nf, new = T[T_NI], T[T_NF], T[T_MAP]
    d0 = ni[r, N_DEPTH]
    for n in range(r, C[C_SC][S_NODES]):
        k = new[n]
        if k < 0:
            continue
        parent, first = ni[n, N_PARENT], ni[n, N_CHILD]
        for j in range(NI_FIELDS):
            ni[k, j] = ni[n, j]
        for j in range(NF_FIELDS):
            nf[k, j] = nf[n, j]
        ni[k, N_PARENT] = new[parent] if k > 0 else -1
        ni[k, N_CHILD] = new[first] if ni[k, N_NCHILD] > 0 else 0
        ni[k, N_DEPTH] -= d0
    C[C_SC][S_NODES] = kept


@njit
def _free_rows(T, C, kept):
    """Hand back every pool row no kept node holds (lowest first)."""
    pool, ni, free, sc = T[T_POOL], T[T_NI], T[T_FREE], C[C_SC]
    n_rows = pool.shape[0] - 2
    used = T[T_MAP]  # the map is no longer needed: reuse it as a row mark
    for i in range(n_rows):
        used[i] = 0
    rows = 0
    for n in range(kept):
        if ni[n, N_FLAGS] & FL_SIMULATED:
            used[ni[n, N_SNAP]] = 1
            rows += 1
    nfree = 0
    for i in range(n_rows - 1, -1, -1):
        if used[i] == 0:
            free[nfree] = i
            nfree += 1
    sc[S_NFREE], sc[S_SNAPS] = nfree, rows


@njit
def _rescore(T, C, lvl, kept):
    """Score every kept node against the new root (parents first), queue the open ones,
    and rebuild the visited set and best / furthest."""
    pool, ni, nf = T[T_POOL], T[T_NI], T[T_NF]
    sc, params = C[C_SC], C[C_PARAMS]
    reps = int(params[P_REPS])
    path0 = nf[0, F_PATH]
    root_fields(T, C, lvl)
    ni[0, N_FLAGS] |= FL_CLOSED
    sc[S_HEAP], sc[S_COUNTER] = 0, 0
    visited_clear(sc)
    sc[S_BEST], sc[S_BEST_ANY], sc[S_FURTHEST] = 0, 0, 0
    for n in range(1, kept):
        parent = ni[n, N_PARENT]
        nf[n, F_PATH] -= path0
        if ni[n, N_FLAGS] & FL_SIMULATED:
            g = score(T, C, lvl, n)
            if ni[n, N_FLAGS] & FL_VISITED:
                g += params[P_VISITED_PEN]
            nf[n, F_G], nf[n, F_EST] = g, g
        else:
            fv = pool[ni[parent, N_SNAP]].view(np.float32)
            cost = nf[parent, F_COST] + nf[n, F_PATH] - nf[parent, F_PATH]
            est = child_estimate(fv[_M + K_X], fv[_M + K_XA], ni[n, N_ACTION], reps)
            est = params[P_TIME] * est + cost
            nf[n, F_EST], nf[n, F_G], nf[n, F_COST] = est, est, cost
            nf[n, F_X], nf[n, F_DMG] = fv[_M + K_X], nf[parent, F_DMG]
        t = ni[n, N_DEPTH] * reps
        if ni[n, N_FLAGS] & FL_CLOSED:
            fv = pool[ni[n, N_SNAP]].view(np.float32)
            vent, vchain, vheads, vstamps = T[T_VENT], T[T_VCHAIN], T[T_VHEADS], T[T_VSTAMPS]
            visited_add(vent, vchain, vheads, vstamps, sc, int(fv[_M + K_X]), int(fv[_M + K_Y]), t)
            consider(ni, nf, sc, n)
        else:
            queue(T, C, n)


@njit
def _reopen_goals(T, C, kept):
    """Expand kept leaves that were goals of the old root but are short of the new horizon."""
    pool, ni, nf = T[T_POOL], T[T_NI], T[T_NF]
    sf, params = C[C_SF], C[C_PARAMS]
    for n in range(kept):
        flags = ni[n, N_FLAGS]
        if not flags & FL_CLOSED or ni[n, N_NCHILD] > 0 or flags & FL_DEAD:
            continue
        if pool[ni[n, N_SNAP]][W_STATUS] != _STATUS_RUNNING:
            continue
        goal = flags & FL_GROUND and nf[n, F_X] - sf[SF_START_X] >= params[P_HORIZON]
        if not goal:
            expand(T, C, n)


@njit
def reroot(T, C, lvl, r, max_rows):
    """Re-root the tree at node ``r`` of the previous tree, keeping its subtree.

    Returns False (and changes nothing) when the subtree holds more than ``max_rows``
    simulated nodes: the caller then starts a fresh tree.
    """
    kept, rows = _mark(T, C, r)
    if rows > max_rows:
        return False
    _compact(T, C, r, kept)
    _free_rows(T, C, kept)
    _rescore(T, C, lvl, kept)
    _reopen_goals(T, C, kept)
    return True
