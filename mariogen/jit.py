"""mariogen's numba decorator: ``njit`` with the on-disk cache and one compiled version of
each function.

numba compiles a jitted function once per combination of argument types it is called with.
Inside compiled code that multiplies quickly: a call with a constant argument is typed with
the constant's literal type (``Literal[int](4)``), and a sprite index read from an ``int32``
array is a different type from one counted in a loop (``int64``), so the same engine
function was compiled up to 18 times, and the first run spent most of its time compiling
copies. :func:`njit` gives each function one version for calls from compiled code:
arguments lose their literal types, and signed integers narrower than 64 bits are widened
to ``int64``. Values do not change: numba computes integer arithmetic in at least 64 bits
whatever the operands' widths, and an ``int32`` and an ``int64`` both make a ``float64``
with a ``float32``. Floats are left as they are (the engine's ``float32`` physics must stay
``float32``).

Reference counting is off by default. mariogen's compiled code works in arrays that Python
owns for longer than any call (state buffers, the planner's preallocated tree), yet numba
counts a reference to every array a function is given or takes out of a tuple, with an atomic
increment and decrement: 43% of the time of an A* decision went to ``NRT_incref`` and
``NRT_decref``. A function that creates arrays says so (``@njit(allocates=True)``); one
without reference counting never returns an array, because a caller that counts would
release a reference it was never given (``tests/test_jit.py`` checks every compiled
function).
"""

from __future__ import annotations

import types as pytypes
from collections.abc import Callable
from typing import Any

import numba
from numba.core import types


def general_type(value_type: types.Type) -> types.Type:
    """The type a jitted function is compiled for when called with ``value_type``: the
    literal's underlying type, and ``int64`` for a narrower signed integer."""
    plain = types.unliteral(value_type)
    if isinstance(plain, types.Integer) and plain.signed and plain.bitwidth < 64:
        return types.int64
    return plain


def _general_call_template(self: Any, args: tuple, kws: dict) -> Any:
    """``Dispatcher.get_call_template`` for :func:`general_type` of every argument."""
    args = tuple(general_type(a) for a in args)
    kws = {key: general_type(value) for key, value in kws.items()}
    return type(self).get_call_template(self, args, kws)


def njit(func: Callable[..., Any] | None = None, *, allocates: bool = False, **options: Any) -> Any:
    """``numba.njit(cache=True, **options)`` whose calls from compiled code are typed with
    :func:`general_type` of their arguments, and without reference counting unless
    ``allocates``.

    Args:
        func: the function (``@njit``), or ``None`` (``@njit(...)``).
        allocates: the function creates arrays, so it needs numba's reference counting.
            Without it (the default) the function must not create arrays (numba refuses to
            compile one that does) and must not return one.
        **options: numba's options (``cache`` defaults to ``True``).
    """
    options.setdefault("cache", True)
    options["_nrt"] = allocates

    def wrap(py_func: Callable[..., Any]) -> Any:
        dispatcher = numba.njit(**options)(py_func)
        dispatcher.get_call_template = pytypes.MethodType(_general_call_template, dispatcher)
        return dispatcher

    return wrap if func is None else wrap(func)
