"""mariogen's njit: one compiled version per function for calls from compiled code, and no
reference counting where nothing is allocated."""

from __future__ import annotations

import sys
from typing import Any

import numba
import numpy as np
import pytest
from numba.core import types

from mariogen import jit_cache
from mariogen.evaluation.warmup import COMPILED_FUNCTIONS, warm_up
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


def _holds_an_array(value_type: types.Type) -> bool:
    if isinstance(value_type, types.Array):
        return True
    if isinstance(value_type, types.BaseTuple):
        return any(_holds_an_array(t) for t in value_type.types)
    return False


def _compiled_functions() -> list[tuple[str, Any]]:
    """Every mariogen dispatcher that the warm-up compiled, by qualified name."""
    from numba.core.registry import CPUDispatcher

    warm_up(planner=True)
    found = {}
    for name, module in list(sys.modules.items()):
        if name == "mariogen" or name.startswith("mariogen."):
            for attr, value in vars(module).items():
                if isinstance(value, CPUDispatcher) and value.__module__ == name:
                    found[f"{name}.{attr}"] = value
    return sorted(found.items())


def test_no_compiled_function_returns_an_array() -> None:
    functions = _compiled_functions()
    assert len(functions) >= COMPILED_FUNCTIONS  # the warm-up compiled the engine and planner
    returning = [
        f"{name}{cres.signature}"
        for name, dispatcher in functions
        for cres in dispatcher.overloads.values()
        if _holds_an_array(cres.signature.return_type)
    ]
    assert returning == []


def test_reference_counting_is_off_unless_the_function_allocates() -> None:
    counting = sorted(
        name for name, dispatcher in _compiled_functions() if dispatcher.targetoptions["_nrt"]
    )
    assert counting == ["mariogen.metrics.trajectory.dtw"]


def test_a_function_that_allocates_must_say_so() -> None:
    def make(n: int) -> np.ndarray:
        return np.zeros(n)

    with pytest.raises(numba.core.errors.NumbaError):
        njit(cache=False)(make)(3)
    assert njit(cache=False, allocates=True)(make)(3).tolist() == [0.0, 0.0, 0.0]
