"""``NUMBA_DISABLE_JIT=1`` still runs the engine, as plain Python, with the same results."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
import numpy as np
from mariogen.engine import Game
from mariogen.level import Level
level = Level.read(sys.argv[1])
game = Game.new(level, 2)
out = []
for i in range(120):
    game.step([2, 10, 26, 18, 8, 0][i % 6])
    out.append(game.state.tolist())
print(json.dumps(out))
"""


def _run(level: Path, disable_jit: bool) -> str:
    env = dict(os.environ, NUMBA_DISABLE_JIT="1" if disable_jit else "0")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(level)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return proc.stdout


def test_pure_python_engine_matches_compiled(example_levels: list[Path]) -> None:
    level = example_levels[0]
    assert _run(level, disable_jit=True) == _run(level, disable_jit=False)
