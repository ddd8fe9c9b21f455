"""Compiling first, in this process, with a progress line only when numba compiles."""

from __future__ import annotations

import io

import pytest
from numba import njit
from numba.core import event

from mariogen.evaluation import compile_first, needs_planner, warmup
from mariogen.evaluation.warmup import _CompileProgress


def test_a_warm_process_shows_nothing() -> None:
    compile_first()  # compiles or loads
    stream = io.StringIO()
    assert compile_first(stream=stream) == 0.0
    assert stream.getvalue() == ""


def test_a_process_is_warmed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compile_first()  # the engine and the planner
    played: list[bool] = []
    monkeypatch.setattr(warmup, "warm_up", played.append)
    assert compile_first(planner=False) == 0.0
    assert compile_first() == 0.0
    assert played == []  # neither call played the warm-up level again


def test_a_compilation_shows_the_line() -> None:
    @njit(cache=False)
    def fresh(x: int) -> int:
        return x + 1

    stream = io.StringIO()
    watch = _CompileProgress(stream, planner=True)
    with event.install_listener("numba:compile", watch):
        assert fresh(1) == 2
    assert watch.close() > 0.0
    assert "compiling the game engine (first run only, about" in stream.getvalue()


def test_only_astar_personas_need_the_planner() -> None:
    assert needs_planner(["collector"])
    assert not needs_planner(["run-right"])
    assert not needs_planner([])
