"""A binary min-heap over parallel arrays, keyed by (priority, insertion counter).

The counter breaks ties in insertion order, so popping gives the first-inserted of the
cheapest entries: the order of ENGINE_SPEC §17.3's linear scan, in O(log n).
``sc[S_HEAP]`` is the heap's size and ``sc[S_COUNTER]`` the next insertion number.
"""

from __future__ import annotations

from mariogen.jit import njit

S_HEAP, S_COUNTER = 2, 3


@njit
def _before(hk, hc, i, j):
    return hk[i] < hk[j] or (hk[i] == hk[j] and hc[i] < hc[j])


@njit
def _swap(hk, hc, hn, i, j):
    hk[i], hk[j] = hk[j], hk[i]
    hc[i], hc[j] = hc[j], hc[i]
    hn[i], hn[j] = hn[j], hn[i]


@njit
def heap_push(hk, hc, hn, sc, key, node):
    """Add ``node`` with priority ``key`` (ties: first pushed, first out)."""
    i = sc[S_HEAP]
    hk[i], hc[i], hn[i] = key, sc[S_COUNTER], node
    sc[S_HEAP] += 1
    sc[S_COUNTER] += 1
    while i > 0:
        up = (i - 1) // 2
        if not _before(hk, hc, i, up):
            break
        _swap(hk, hc, hn, i, up)
        i = up


@njit
def heap_pop(hk, hc, hn, sc):
    """Remove and return the node with the smallest (key, counter)."""
    top = hn[0]
    n = sc[S_HEAP] - 1
    sc[S_HEAP] = n
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
