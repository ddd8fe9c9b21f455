"""The layout of the A* search's two tuples, and the node bookkeeping the search shares.

The tree ``T`` (see ``T_*``: the node pool, node fields, heap, visited set, plan, the coin
targets and their patience) and the context ``C`` (see ``C_*``: integer and float scalars,
the planner's parameters ``P_*``, the persona's weights, the root's statistics and a scratch
vector) travel as tuples of preallocated arrays (:mod:`.search`); these are their indices.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.layout import M_FIRE, M_LARGE
from mariogen.engine.layout import MARIO as _M
from mariogen.jit import njit

# tree tuple T and context tuple C
(T_POOL, T_NI, T_NF, T_HK, T_HC, T_HN, T_VENT, T_VCHAIN, T_VHEADS, T_VSTAMPS) = range(10)
(T_PLAN, T_CHAIN, T_TARGETS, T_WAITS, T_GIVEN_UP, T_FREE, T_MAP, T_CHAIN_NODES) = range(10, 18)
C_SC, C_SF, C_PARAMS, C_WEIGHTS, C_ROOT_STATS, C_SCRATCH, C_CARD_WEIGHTS = range(7)

# node integer fields
N_PARENT, N_ACTION, N_DEPTH, N_SNAP, N_FLAGS, N_CHILD, N_NCHILD = range(7)
NI_FIELDS = 7
# node float fields: estimate, g of a simulated node, x, persona + damage cost, damage part,
# path cost (costs of the actions themselves, e.g. pressing speed)
F_EST, F_G, F_X, F_COST, F_DMG, F_PATH = range(6)
NF_FIELDS = 6
# flags
FL_SIMULATED, FL_VISITED, FL_HURT, FL_WIN, FL_GROUND, FL_CLOSED, FL_SAFE = 1, 2, 4, 8, 16, 32, 64
FL_DEAD, FL_DOOMED = 128, 256
# search scalars (int64); 2, 3 are the heap's, 6 and 20 the visited set's
S_NODES, S_SNAPS = 0, 1
S_BEST, S_FURTHEST = 4, 5
S_TICKS_BEFORE = 7
(S_PLAN_LEN, S_PLAN_POS, S_SIMS, S_DECISIONS, S_MAX_SIMS, S_OVERFLOW, S_ROOT_MODE) = range(8, 15)
(S_BEST_ANY, S_CHOICE, S_BANK, S_CHAIN_LEN, S_CHAIN_SAFE) = range(15, 20)
(S_T_LO, S_T_HI, S_PROGRESS_X, S_PROGRESS_TICK, S_STUCK, S_SAFETY_STEPS, S_NFREE) = range(21, 28)
S_HURRY, S_RETRIED = 31, 32
N_SCALARS = 40
# search float scalars: the root's x, y and target potential
SF_START_X, SF_START_Y, SF_ROOT_POTENTIAL = 0, 1, 2
N_FSCALARS = 4
# planner parameters (float64)
(P_HORIZON, P_REPS, P_REPLAN, P_BUDGET, P_VISITED_PEN, P_TIME, P_ELAPSED) = range(7)
(P_DAMAGE, P_DEATH, P_WIN, P_COINS_TOTAL, P_ENEMIES_TOTAL, P_FURTHEST_MARGIN) = range(7, 13)
(P_REUSE, P_SAFETY_TICKS, P_MAX_NODES, P_MIN_NODES, P_MISSED_COINS, P_MISSED_ENEMIES) = range(
    13, 19
)
(P_PATIENCE, P_STUCK_TICKS, P_CLIMB_WEIGHT, P_CLIMB, P_STUCK_BUDGET, P_SPEED_COST) = range(19, 25)
P_RUN, P_HEIGHT = 25, 26
# the card's values of the terms a hurry drops (P_MISSED_*, P_HEIGHT are the active ones)
P_CARD_MISSED_COINS, P_CARD_MISSED_ENEMIES, P_CARD_HEIGHT, P_HURRY_TICKS = 27, 28, 29, 30
N_PARAMS = 31


@njit
def copy_state(dst, src):
    """``dst[:] = src`` as a plain loop (numba's slice assignment is several times slower)."""
    for i in range(src.shape[0]):
        dst[i] = src[i]


@njit
def node_g(ni, nf, node):
    """The g of ``node``: its simulated cost, or its estimate while open (inf for -1)."""
    if node < 0:
        return np.inf
    return nf[node, F_G] if ni[node, N_FLAGS] & FL_SIMULATED else nf[node, F_EST]


@njit
def mode_of(s):
    """Mario's power-up mode (0 small, 1 large, 2 fire) in state ``s``."""
    return s[_M + M_LARGE] + s[_M + M_FIRE]


@njit
def consider(ni, nf, sc, node):
    """Update best (grounded or won), best of all, and furthest unhurt grounded with ``node``."""
    flags = ni[node, N_FLAGS]
    if flags & (FL_GROUND | FL_WIN) and node_g(ni, nf, sc[S_BEST]) > nf[node, F_G]:
        sc[S_BEST] = node
    if node_g(ni, nf, sc[S_BEST_ANY]) > nf[node, F_G]:
        sc[S_BEST_ANY] = node
    safe = flags & (FL_HURT | FL_GROUND) == FL_GROUND
    if safe and (sc[S_FURTHEST] < 0 or nf[node, F_X] > nf[sc[S_FURTHEST], F_X]):
        sc[S_FURTHEST] = node
