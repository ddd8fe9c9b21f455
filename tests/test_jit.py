"""mariogen's njit: one compiled version per function for calls from compiled code."""

from __future__ import annotations

import numpy as np
from numba.core import types

from mariogen import jit_cache
from mariogen.jit import general_type, njit


def test_general_type_drops_literals_and_widens_narrow_signed_ints() -> None:
    assert general_type(types.literal(4)) == types.int64
    assert general_type(types.int32) == types.int64
    assert general_type(types.int64) == types.int64
    assert general_type(types.float32) == types.float32  # the engine's physics stays float32
    assert general_type(types.literal(True)) == types.boolean
    assert general_type(types.uint8) == types.uint8


@njit(cache=False)
def _callee(values: np.ndarray, index: int) -> int:
    return values[index] * 2


@njit(cache=False)
def _caller(values: np.ndarray) -> int:
    total = 0
    for i in range(values.size):
        total += _callee(values, values[i])  # an int32 index
    return total + _callee(values, 1) + _callee(values, np.int32(0))  # a literal, an int32


def test_calls_from_compiled_code_share_one_version() -> None:
    values = np.array([1, 0, 2], dtype=np.int32)
    assert _caller(values) == (0 + 2 + 4) + 0 + 2
    assert len(_callee.signatures) == 1
    assert _callee.signatures[0][1] == types.int64


def test_the_decorator_counts_for_the_cache_digest() -> None:
    assert jit_cache._PACKAGE / "jit.py" in jit_cache.compiled_sources()
