"""A binary min-heap over parallel arrays, keyed by (priority, insertion counter).

The counter breaks ties in insertion order, so popping gives the first-inserted of the
cheapest entries: the order of ENGINE_SPEC §17.3's linear scan, in O(log n).
A heap's size and next insertion number live in the search scalars at ``sc[base]`` and
``sc[base + 1]``: ``S_HEAP`` for the search's main heap, ``S_PHEAP`` for its progress heap.
"""

from __future__ import annotations

from numba import njit

S_HEAP, S_COUNTER = 2, 3
S_PHEAP, S_PCOUNTER = 29, 30


@njit(cache=True)
def _before(hk, hc, i, j):
    return hk[i] < hk[j] or (hk[i] == hk[j] and hc[i] < hc[j])


@njit(cache=True)
def _swap(hk, hc, hn, i, j):
    hk[i], hk[j] = hk[j], hk[i]
    hc[i], hc[j] = hc[j], hc[i]
    hn[i], hn[j] = hn[j], hn[i]


@njit(cache=True)
def heap_push(hk, hc, hn, sc, key, node, base=S_HEAP):
    """Add ``node`` with priority ``key`` (ties: first pushed, first out)."""
    i = sc[base]
    hk[i], hc[i], hn[i] = key, sc[base + 1], node
    sc[base] += 1
    sc[base + 1] += 1
    while i > 0:
        up = (i - 1) // 2
        if not _before(hk, hc, i, up):
            break
        _swap(hk, hc, hn, i, up)
        i = up


@njit(cache=True)
def heap_pop(hk, hc, hn, sc, base=S_HEAP):
    """Remove and return the node with the smallest (key, counter)."""
    top = hn[0]
    n = sc[base] - 1
    sc[base] = n
    hk[0], hc[0], hn[0] = hk[n], hc[n], hn[n]
    i = 0
    while True:
        left, right, small = 2 * i + 1, 2 * i + 2, i
        if left < n and _before(hk, hc, left, small):
            small = left
        if right < n and _before(hk, hc, right, small):
            small = right
        if small == i:
            break
        _swap(hk, hc, hn, i, small)
        i = small
    return top
