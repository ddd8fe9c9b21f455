"""The A* search's safety check: is the end of a plan doomed a few ticks later?

A plan can look fine at the horizon and still end where Mario cannot survive (in front of
an enemy, over a gap). :func:`checked_safe` plays short rollouts of fixed buttons from a
node (:data:`SAFETY_ACTIONS`) and charges a node none of them survives with a death.
"""

from __future__ import annotations

import numpy as np

from mariogen.agents.astar.tree import (
    C_PARAMS,
    C_SC,
    F_COST,
    F_DMG,
    F_EST,
    F_G,
    FL_CLOSED,
    FL_DOOMED,
    FL_HURT,
    FL_SAFE,
    FL_WIN,
    N_DEPTH,
    N_FLAGS,
    N_SNAP,
    P_DEATH,
    P_REPS,
    P_SAFETY_TICKS,
    S_BEST,
    S_BEST_ANY,
    S_FURTHEST,
    S_NODES,
    S_SAFETY_STEPS,
    T_NF,
    T_NI,
    T_POOL,
    consider,
    copy_state,
    mode_of,
)
from mariogen.engine.layout import W_CLONED, W_STATUS, Status
from mariogen.engine.world import step
from mariogen.jit import njit

#: Buttons of the safety rollouts: stand, back off, jump ahead, jump back.
SAFETY_ACTIONS = np.array([0, 9, 26, 25], dtype=np.int32)
_RUNNING, _WIN = int(Status.RUNNING), int(Status.WIN)


@njit
def survives(T, C, lvl, node, sequences):
    """Whether one of the first ``sequences`` safety rollouts from ``node`` lives
    ``safety_ticks`` ticks unhurt; and the ticks simulated. Catches ends of plans that look
    fine at the horizon but are doomed (and a root where standing still is not safe)."""
    pool, params = T[T_POOL], C[C_PARAMS]
    work = pool[pool.shape[0] - 2]
    snap = pool[T[T_NI][node, N_SNAP]]
    mode, steps = mode_of(snap), 0
    for a in range(sequences):
        copy_state(work, snap)
        work[W_CLONED] = 1
        alive = True
        for _ in range(int(params[P_SAFETY_TICKS])):
            step(work, lvl, SAFETY_ACTIONS[a])
            steps += 1
            status = work[W_STATUS]
            if status == _WIN:
                return True, steps
            if status != _RUNNING or mode_of(work) < mode:
                alive = False
                break
        if alive:
            return True, steps
    return False, steps


@njit
def doom(ni, nf, sc, params, node):
    """Charge ``node`` (and so its future descendants) with a death, then re-pick best.

    The root is only charged in its own g: its children are scored against it."""
    add = params[P_DEATH] * (1.0 - 1e-4 * ni[node, N_DEPTH])
    if node > 0:
        nf[node, F_DMG] += add
        nf[node, F_COST] += add
    nf[node, F_G] += add
    nf[node, F_EST] += add
    ni[node, N_FLAGS] |= FL_HURT | (FL_DOOMED if node > 0 else 0)
    first = -1 if ni[0, N_FLAGS] & FL_HURT else 0  # a doomed root is no candidate
    sc[S_BEST], sc[S_BEST_ANY], sc[S_FURTHEST] = first, first, first
    for n in range(1, sc[S_NODES]):
        if ni[n, N_FLAGS] & FL_CLOSED:
            consider(ni, nf, sc, n)


@njit
def checked_safe(T, C, lvl, node):
    """Run the safety check on ``node`` once; dooms it if it fails. Returns (safe, sims)."""
    ni, sc, params = T[T_NI], C[C_SC], C[C_PARAMS]
    flags = ni[node, N_FLAGS]
    if flags & (FL_SAFE | FL_WIN) or node == 0 or params[P_SAFETY_TICKS] <= 0:
        return True, 0
    ok, steps = survives(T, C, lvl, node, SAFETY_ACTIONS.shape[0])
    sc[S_SAFETY_STEPS] += steps
    sims = max(1, steps // int(params[P_REPS]))
    if ok:
        ni[node, N_FLAGS] |= FL_SAFE
    else:
        doom(ni, T[T_NF], sc, params, node)
    return ok, sims
