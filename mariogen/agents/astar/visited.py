"""The visited-state set of ENGINE_SPEC §17.3 as a hash over (x, y) cells.

A state (x, y, t) is visited when an accepted state (vx, vy, vt) has ``|vx - x| < 2``,
``|vy - y| < 2`` and ``t - 5 < vt <= t``. §17 scans a list; here entries are chained in
buckets keyed by their exact (vx, vy), so a query reads the 9 buckets of (x +- 1, y +- 1)
and answers exactly as the scan would, in time independent of the tree's size.

Arrays: ``entries`` (n, 3) int32 triples, ``chain`` (n,) int32 next entry of the same
bucket, ``heads`` (H,) int32 first entry of each bucket (H a power of two), ``stamps`` (H,)
int64 the generation a head belongs to (so clearing the set is one increment), and the
scalars ``sc[S_NVIS]`` (entries) and ``sc[S_VGEN]`` (current generation).
"""

from __future__ import annotations

from mariogen.jit import njit

S_NVIS, S_VGEN = 6, 20


@njit
def _bucket(x, y, mask):
    return ((x * 73856093) ^ (y * 19349663)) & mask


@njit
def visited_clear(sc):
    """Empty the set (O(1): heads of older generations read as empty)."""
    sc[S_NVIS] = 0
    sc[S_VGEN] += 1


@njit
def visited_add(entries, chain, heads, stamps, sc, x, y, t):
    """Add the accepted state (x, y, t)."""
    i = sc[S_NVIS]
    entries[i, 0], entries[i, 1], entries[i, 2] = x, y, t
    b = _bucket(x, y, heads.shape[0] - 1)
    chain[i] = heads[b] if stamps[b] == sc[S_VGEN] else -1
    heads[b], stamps[b] = i, sc[S_VGEN]
    sc[S_NVIS] = i + 1


@njit
def visited_has(entries, chain, heads, stamps, sc, x, y, t):
    """Whether (x, y, t) is visited in the sense of §17.3."""
    mask, gen = heads.shape[0] - 1, sc[S_VGEN]
    for dx in range(-1, 2):
        for dy in range(-1, 2):
            vx, vy = x + dx, y + dy
            b = _bucket(vx, vy, mask)
            if stamps[b] != gen:
                continue
            i = heads[b]
            while i >= 0:
                if entries[i, 0] == vx and entries[i, 1] == vy:
                    vt = entries[i, 2]
                    if t >= vt and t - vt < 5:
                        return True
                i = chain[i]
    return False
